//! Sentences near a place in the text, found by splitting only a window around it, so that the
//! sentence cursor costs the same in a 6 MB article as in a short one.
//!
//! A window may start at a line start, where the full split also starts afresh, or at white
//! space in the middle of a long line. Past white space every boundary is decided exactly as the
//! full split decides it (the word before a full stop and the word after it are both inside the
//! window), but the first sentence found may really have begun earlier, so it is set aside; at
//! the other end, the last sentence is set aside unless the window ends at a line end. What is
//! left is a run of the very sentences [`super::split`] finds, and each query widens the window
//! until the run answers it (at worst the whole text).

use std::ops::Range;

use crate::article::Article;

/// Bytes of text each side of the place asked about, to begin with.
const REACH: usize = 4096;

/// Sentences of one article as it is shown (hidden text revealed or not).
pub struct Near<'a> {
    article: &'a Article,
    reveal: bool,
    reach: usize,
}

/// The sentences a window gave, and the stretch of text they account for: every sentence of the
/// full split that starts in `covered` is in `sentences`.
struct Run {
    sentences: Vec<Range<usize>>,
    covered: Range<usize>,
    whole: bool,
}

impl<'a> Near<'a> {
    pub fn new(article: &'a Article, reveal: bool) -> Self {
        Self::with_reach(article, reveal, REACH)
    }

    /// With a first window of `reach` bytes each side (tests use tiny ones to cut lines).
    pub fn with_reach(article: &'a Article, reveal: bool, reach: usize) -> Self {
        Self {
            article,
            reveal,
            reach: reach.max(1),
        }
    }

    /// The sentence at `offset`: the first that ends after it, else the last one. None when the
    /// text has no sentence.
    pub fn at(&self, offset: usize) -> Option<Range<usize>> {
        self.first_ending_after(offset)
            .or_else(|| self.last_ending_by(self.article.text.len()))
    }

    /// The sentence after `current` (None at the last).
    pub fn next(&self, current: &Range<usize>) -> Option<Range<usize>> {
        self.first_ending_after(current.end)
    }

    /// The sentence before `current` (None at the first).
    pub fn prev(&self, current: &Range<usize>) -> Option<Range<usize>> {
        self.last_ending_by(current.start)
    }

    /// The first sentence whose end is after `offset`.
    fn first_ending_after(&self, offset: usize) -> Option<Range<usize>> {
        let mut reach = self.reach;
        loop {
            let run = self.run(offset, reach);
            if run.covered.start <= offset {
                // Sentences before the run end at or before its start, so before `offset`.
                if let Some(s) = run.sentences.iter().find(|s| s.end > offset) {
                    return Some(s.clone());
                }
                if run.covered.end == self.article.text.len() {
                    return None;
                }
            }
            if run.whole {
                return None;
            }
            reach = reach.saturating_mul(4);
        }
    }

    /// The last sentence whose end is at or before `offset`.
    fn last_ending_by(&self, offset: usize) -> Option<Range<usize>> {
        let mut reach = self.reach;
        loop {
            let run = self.run(offset, reach);
            if run.covered.end >= offset {
                // Sentences after the run start at or after its end, so end after `offset`.
                if let Some(s) = run.sentences.iter().rev().find(|s| s.end <= offset) {
                    return Some(s.clone());
                }
                if run.covered.start == 0 {
                    return None;
                }
            }
            if run.whole {
                return None;
            }
            reach = reach.saturating_mul(4);
        }
    }

    /// Splits a window of at least `reach` bytes each side of `around` (as far as the text goes).
    fn run(&self, around: usize, reach: usize) -> Run {
        let text = &self.article.text;
        let (start, start_exact) = self.cut_before(around, reach);
        let (end, end_exact) = self.cut_after(around, reach);
        let visible = if self.reveal {
            vec![start..end]
        } else {
            self.article.visible_parts(start..end)
        };
        let mut sentences = super::split(text, &visible);
        let mut covered = start..end;
        if !end_exact {
            // It may go on past the window, or end at a full stop judged without the next word.
            covered.end = sentences.pop().map_or(start, |last| last.start);
        }
        if !start_exact {
            // It may have begun before the window.
            if sentences.is_empty() {
                covered.start = covered.end;
            } else {
                covered.start = sentences.remove(0).end;
            }
        }
        Run {
            sentences,
            covered,
            whole: start == 0 && end == text.len(),
        }
    }

    /// Where a window reaching `reach` bytes before `at` starts: the start of a line (exact) or
    /// a visible white space (not exact), the first met at least `reach` bytes back.
    fn cut_before(&self, at: usize, reach: usize) -> (usize, bool) {
        let bytes = self.article.text.as_bytes();
        let mut i = at.min(bytes.len());
        while i > 0 {
            if at - i >= reach {
                if bytes[i - 1] == b'\n' {
                    return (i, true);
                }
                if self.is_cut(i) {
                    return (i, false);
                }
            }
            i -= 1;
        }
        (0, true)
    }

    /// Where a window reaching `reach` bytes after `at` ends: after a line break (exact) or at a
    /// visible white space (not exact), the first met at least `reach` bytes on.
    fn cut_after(&self, at: usize, reach: usize) -> (usize, bool) {
        let bytes = self.article.text.as_bytes();
        let mut i = at.min(bytes.len());
        while i < bytes.len() {
            if i - at >= reach {
                if bytes[i] == b'\n' {
                    return (i + 1, true);
                }
                if self.is_cut(i) {
                    return (i, false);
                }
            }
            i += 1;
        }
        (bytes.len(), true)
    }

    /// Whether a window may begin or end at byte `i`: visible ASCII white space, so that no
    /// word (and no full stop's closing quotes) is cut.
    fn is_cut(&self, i: usize) -> bool {
        matches!(self.article.text.as_bytes()[i], b' ' | b'\t' | b'\r')
            && (self.reveal || !self.article.is_hidden(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Hidden, HideReason};

    /// Walks `article` with windows of every reach in `reaches` and checks that `at`, `next`
    /// and `prev` agree with the full split everywhere.
    fn agrees_with_the_full_split(article: &Article, reveal: bool, reaches: &[usize]) {
        let visible = if reveal {
            vec![0..article.text.len()]
        } else {
            article.visible_ranges()
        };
        let all = super::super::split(&article.text, &visible);
        for &reach in reaches {
            let near = Near::with_reach(article, reveal, reach);
            let mut offsets: Vec<usize> = (0..=article.text.len())
                .filter(|&o| article.text.is_char_boundary(o))
                .collect();
            offsets.dedup();
            for o in offsets {
                let expected = (!all.is_empty())
                    .then(|| all[all.partition_point(|s| s.end <= o).min(all.len() - 1)].clone());
                assert_eq!(near.at(o), expected, "at({o}), reach {reach}");
            }
            for (i, s) in all.iter().enumerate() {
                assert_eq!(
                    near.next(s),
                    all.get(i + 1).cloned(),
                    "next of {s:?}, reach {reach}"
                );
                let before = i.checked_sub(1).map(|j| all[j].clone());
                assert_eq!(near.prev(s), before, "prev of {s:?}, reach {reach}");
            }
        }
    }

    const TEXT: &str = "Storm log\n\nMaj. Gen. Lee spoke. Rain fell on Oct. 7 in the U.S. capital.  \
        He said \u{201c}no.\u{201d} Really? Yes! (See above.) growth was 1.5 percent. J. Smith agreed.\n\
        \n   \nA line without a stop\nLast one. End";

    #[test]
    fn windows_anywhere_give_the_sentences_of_the_full_split() {
        let article = Article::plain("a.txt", TEXT);
        agrees_with_the_full_split(&article, false, &[1, 2, 3, 5, 8, 13, 40, 4096]);
    }

    #[test]
    fn hidden_text_is_respected_and_revealed() {
        let mut article = Article::plain("a.txt", TEXT);
        let hide = |needle: &str| {
            let start = TEXT.find(needle).expect("needle");
            Hidden {
                range: start..start + needle.len(),
                reason: HideReason::Markup,
            }
        };
        // Inline (inside a sentence and across a full stop) and a whole line.
        article.hidden = vec![
            hide("Gen. "),
            hide("capital.  He"),
            hide("A line without a stop\n"),
        ];
        for reveal in [false, true] {
            agrees_with_the_full_split(&article, reveal, &[1, 2, 4, 7, 16, 4096]);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
        /// Texts of tokens that make the splitter's decisions (marks, closers, abbreviations,
        /// initials, numbers, line breaks), with some tokens hidden.
        #[test]
        fn random_texts_agree(tokens in proptest::collection::vec((0usize..16, proptest::bool::weighted(0.15)), 0..60)) {
            const TOKENS: [&str; 16] = [
                "Rain", "fell", "mr", "A", "b", ".", " ", "  ", "\n", "\r\n", "\u{201d}", "?", "1.5", "U.S.", "é", ")",
            ];
            let mut text = String::new();
            let mut hidden: Vec<Hidden> = Vec::new();
            for (token, hide) in tokens {
                let start = text.len();
                text.push_str(TOKENS[token]);
                if hide {
                    match hidden.last_mut() {
                        Some(last) if last.range.end == start => last.range.end = text.len(),
                        _ => hidden.push(Hidden { range: start..text.len(), reason: HideReason::Markup }),
                    }
                }
            }
            let mut article = Article::plain("a.txt", text);
            article.hidden = hidden;
            for reveal in [false, true] {
                agrees_with_the_full_split(&article, reveal, &[1, 2, 5, 4096]);
            }
        }
    }

    #[test]
    fn no_sentences_and_one_long_line() {
        let empty = Article::plain("a.txt", " \n\n  ");
        assert_eq!(Near::new(&empty, false).at(0), None);
        let line = "Rain fell. Roads shut. ".repeat(200);
        let article = Article::plain("a.txt", line.trim_end());
        agrees_with_the_full_split(&article, false, &[3, 50, 4096]);
    }
}
