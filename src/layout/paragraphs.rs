//! An article's paragraphs: the blocks of its visible text that are wrapped as one, each a list
//! of byte ranges (the pieces between hidden text), found in one pass over the lines.

use std::ops::Range;

use crate::article::{Article, Format};

/// A block of text shown as one wrapped paragraph; its visible pieces are in [`Paragraphs`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paragraph {
    start: usize,
    end: usize,
    /// Its pieces are `first..first + count` of [`Paragraphs::pieces`].
    first: usize,
    count: usize,
}

impl Paragraph {
    /// First byte of the paragraph.
    pub fn start(&self) -> usize {
        self.start
    }
    /// One past the last byte.
    pub fn end(&self) -> usize {
        self.end
    }
}

/// The paragraphs of an article, with the visible pieces of all of them in one list: a 2 MB
/// article has some 40,000 paragraphs, and a list of pieces each would be as many allocations.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Paragraphs {
    pub list: Vec<Paragraph>,
    pieces: Vec<Range<usize>>,
}

impl Paragraphs {
    /// The visible pieces of `paragraph`, in order.
    pub fn pieces(&self, paragraph: &Paragraph) -> &[Range<usize>] {
        &self.pieces[paragraph.first..paragraph.first + paragraph.count]
    }

    /// Adds a paragraph made of `pieces` (not empty).
    fn push(&mut self, pieces: &[Range<usize>]) {
        let (Some(first), Some(last)) = (pieces.first(), pieces.last()) else {
            return;
        };
        self.list.push(Paragraph {
            start: first.start,
            end: last.end,
            first: self.pieces.len(),
            count: pieces.len(),
        });
        self.pieces.extend_from_slice(pieces);
    }
}

/// Byte ranges of the lines of `text`: split at `\n`, a trailing `\r` dropped, a lone `\r` also
/// breaks the line. Text ending in `\n` ends with an empty line.
fn source_lines(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut breaks = memchr::memchr2_iter(b'\n', b'\r', bytes);
    let mut start = 0;
    let mut done = false;
    std::iter::from_fn(move || {
        for at in breaks.by_ref() {
            if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
                continue; // the `\n` ends this line
            }
            if at + 1 == bytes.len() && bytes[at] == b'\r' {
                done = true; // a `\r` that ends the text is dropped like one before a `\n`
                return Some(start..at);
            }
            let end = if bytes[at] == b'\n' && at > start && bytes[at - 1] == b'\r' {
                at - 1
            } else {
                at
            };
            let line = start..end;
            start = at + 1;
            return Some(line);
        }
        if done {
            return None;
        }
        done = true;
        Some(start..bytes.len())
    })
}

/// The visible parts of each line, for lines in order: [`Article::visible_parts`] with a cursor
/// into the hidden ranges instead of a search per line.
struct VisibleLines<'a> {
    hidden: &'a [crate::article::Hidden],
    next: usize,
}

impl VisibleLines<'_> {
    /// Appends the visible parts of `line` to `parts`.
    fn parts(&mut self, line: Range<usize>, parts: &mut Vec<Range<usize>>) {
        while self
            .hidden
            .get(self.next)
            .is_some_and(|h| h.range.end <= line.start)
        {
            self.next += 1;
        }
        let mut cursor = line.start;
        for hidden in &self.hidden[self.next..] {
            if hidden.range.start >= line.end {
                break;
            }
            if hidden.range.start > cursor {
                parts.push(cursor..hidden.range.start);
            }
            cursor = cursor.max(hidden.range.end);
        }
        if cursor < line.end {
            parts.push(cursor..line.end);
        }
    }
}

/// Trims whitespace off the outer ends of a list of pieces, in place; returns the part of the
/// list left once pieces emptied by it are dropped.
fn trim_pieces(text: &str, pieces: &mut [Range<usize>]) -> Range<usize> {
    let (mut first, mut last) = (0, pieces.len());
    while first < last {
        let piece = &mut pieces[first];
        let s = &text[piece.clone()];
        piece.start += s.len() - s.trim_start().len();
        if piece.start < piece.end {
            break;
        }
        first += 1;
    }
    while first < last {
        let piece = &mut pieces[last - 1];
        let s = &text[piece.clone()];
        piece.end -= s.len() - s.trim_end().len();
        if piece.start < piece.end {
            break;
        }
        last -= 1;
    }
    first..last
}

/// The paragraphs of an article. Plain text and HTML: every non-empty line. Markdown: runs of
/// non-empty lines flow together. With `reveal`, hidden text is included (the renderer dims it).
pub fn paragraphs(article: &Article, reveal: bool) -> Paragraphs {
    let text = article.text.as_str();
    let mut lines = VisibleLines {
        hidden: &article.hidden,
        next: 0,
    };
    let mut out = Paragraphs::default();
    let mut line_pieces: Vec<Range<usize>> = Vec::new();
    let mut block: Vec<Range<usize>> = Vec::new();
    let flows = article.format == Format::Markdown;
    for line in source_lines(text) {
        line_pieces.clear();
        if reveal {
            line_pieces.push(line);
        } else {
            lines.parts(line, &mut line_pieces);
        }
        let kept = trim_pieces(text, &mut line_pieces);
        let pieces = &line_pieces[kept];
        if pieces.is_empty() {
            out.push(&block);
            block.clear();
        } else if flows {
            block.extend_from_slice(pieces);
        } else {
            out.push(pieces);
        }
    }
    out.push(&block);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Hidden, HideReason};

    fn article(text: &str) -> Article {
        Article::plain("t.txt", text)
    }

    #[test]
    fn text_lines_are_paragraphs_and_blank_lines_vanish() {
        let a = article("One line.\n\n  Two line.  \r\nThree\rFour\n");
        let ps = paragraphs(&a, false);
        let texts: Vec<String> = ps
            .list
            .iter()
            .map(|p| ps.pieces(p).iter().map(|r| &a.text[r.clone()]).collect())
            .collect();
        assert_eq!(texts, vec!["One line.", "Two line.", "Three", "Four"]);
    }

    #[test]
    fn lines_break_at_lf_crlf_and_lone_cr() {
        let cases: [(&str, &[Range<usize>]); 9] = [
            ("", &[0..0]),
            ("a", &[0..1]),
            ("a\n", &[0..1, 2..2]),
            ("a\r\nb", &[0..1, 3..4]),
            ("a\rb", &[0..1, 2..3]),
            ("a\r\r\nb", &[0..1, 2..2, 4..5]),
            ("\r\n\n\r", &[0..0, 2..2, 3..3]),
            ("a\r", &[0..1]),
            ("a\r\r", &[0..1, 2..2]),
        ];
        for (text, want) in cases {
            assert_eq!(source_lines(text).collect::<Vec<_>>(), want, "{text:?}");
        }
    }

    /// The first version, by `str::split`: kept as the reference for the memchr one.
    fn split_lines(text: &str) -> Vec<Range<usize>> {
        let mut start = 0;
        let mut out = Vec::new();
        for line in text.split('\n') {
            let line_start = start;
            start += line.len() + 1;
            let mut inner = line_start;
            for part in line.strip_suffix('\r').unwrap_or(line).split('\r') {
                out.push(inner..inner + part.len());
                inner += part.len() + 1;
            }
        }
        out
    }

    #[test]
    fn lines_match_str_split_on_every_short_text() {
        let mut texts = vec![String::new()];
        for _ in 0..7 {
            texts = texts
                .iter()
                .flat_map(|t| ["a", "\r", "\n"].map(|c| format!("{t}{c}")))
                .chain(texts.iter().cloned())
                .collect();
            texts.sort();
            texts.dedup();
        }
        for text in &texts {
            assert_eq!(
                source_lines(text).collect::<Vec<_>>(),
                split_lines(text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn visible_lines_agree_with_visible_parts() {
        let mut a = article("Menu\nBody text here\nMore body\nFooter\n");
        a.hidden = [0..5, 10..12, 14..20, 35..42]
            .into_iter()
            .map(|range| Hidden {
                range,
                reason: HideReason::Boilerplate,
            })
            .collect();
        let mut lines = VisibleLines {
            hidden: &a.hidden,
            next: 0,
        };
        for line in source_lines(&a.text) {
            let mut parts = Vec::new();
            lines.parts(line.clone(), &mut parts);
            assert_eq!(parts, a.visible_parts(line));
        }
    }

    #[test]
    fn markdown_lines_flow_into_one_paragraph() {
        let mut a = article("# Title\n\nfirst line\nsecond line\n\nnext");
        a.format = Format::Markdown;
        let ps = paragraphs(&a, false).list;
        assert_eq!(ps.len(), 3);
        assert_eq!(&a.text[ps[1].start()..ps[1].end()], "first line\nsecond line");
    }

    #[test]
    fn pieces_skip_hidden_text_and_are_trimmed_at_the_ends() {
        let mut a = article("  keep [ad] this  \n[ad]\n  next ");
        a.hidden = [7..12, 19..24]
            .into_iter()
            .map(|range| Hidden {
                range,
                reason: HideReason::Boilerplate,
            })
            .collect();
        let ps = paragraphs(&a, false);
        let pieces: Vec<Vec<&str>> = ps
            .list
            .iter()
            .map(|p| ps.pieces(p).iter().map(|r| &a.text[r.clone()]).collect())
            .collect();
        assert_eq!(pieces, vec![vec!["keep ", "this"], vec!["next"]]);
        assert_eq!((ps.list[0].start(), ps.list[0].end()), (2, 16));
    }

    #[test]
    fn hidden_lines_are_skipped_unless_revealed() {
        let mut a = article("Menu\nBody text\nFooter");
        a.hidden = vec![
            Hidden {
                range: 0..5,
                reason: HideReason::Navigation,
            },
            Hidden {
                range: 15..21,
                reason: HideReason::Footer,
            },
        ];
        assert_eq!(paragraphs(&a, false).list.len(), 1);
        assert_eq!(paragraphs(&a, true).list.len(), 3);
    }
}
