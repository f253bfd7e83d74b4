//! Word-wrapping one paragraph into visual lines by display width.
//!
//! Break opportunities come from `textwrap`'s Unicode line-breaking (UAX #14), so CJK text breaks
//! between characters and URLs at slashes; widths come from the sanitiser, so a control character
//! counts as the placeholder it is drawn as. A word wider than the column is cut at grapheme
//! boundaries. The result is byte ranges into the canonical text; nothing is copied.

use std::ops::Range;

use textwrap::WordSeparator;
use textwrap::core::Fragment;
use unicode_segmentation::UnicodeSegmentation;

use crate::article::sanitize::{display_grapheme, display_width};

/// One row of wrapped text: the canonical bytes `start..end`, less any hidden ranges inside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VisualLine {
    pub start: usize,
    pub end: usize,
}

/// A wrappable unit: a word and the whitespace after it, as byte offsets and display widths.
#[derive(Debug, Clone, Copy)]
struct Word {
    start: usize,
    end: usize,
    width: usize,
    whitespace_width: usize,
}

impl Fragment for Word {
    fn width(&self) -> f64 {
        self.width as f64
    }
    fn whitespace_width(&self) -> f64 {
        self.whitespace_width as f64
    }
    fn penalty_width(&self) -> f64 {
        0.0
    }
}

/// Display width of a text slice, grapheme by grapheme as drawn.
pub fn text_width(text: &str) -> usize {
    if text.is_ascii() && text.bytes().all(|b| (0x20..0x7F).contains(&b)) {
        return text.len();
    }
    text.graphemes(true)
        .map(|g| display_width(&display_grapheme(g)))
        .sum()
}

/// Splits `piece` (which starts at canonical offset `base`) into words, cutting any word wider
/// than `width` into chunks that fit.
fn push_words(text: &str, piece: Range<usize>, width: usize, words: &mut Vec<Word>) {
    let slice = &text[piece.clone()];
    for line in slice.split_inclusive(['\n', '\r']) {
        let line_offset = line.as_ptr() as usize - text.as_ptr() as usize;
        for tw in WordSeparator::UnicodeBreakProperties.find_words(line) {
            let start = tw.word.as_ptr() as usize - text.as_ptr() as usize;
            let start = start.max(line_offset);
            // Newlines inside a flowing (Markdown) paragraph count as one space.
            let word = tw.word.trim_end_matches(['\n', '\r']);
            let end = start + word.len();
            let whitespace_width = usize::from(!tw.whitespace.is_empty() || word.len() < tw.word.len());
            if word.is_empty() {
                continue;
            }
            let word_width = text_width(word);
            if word_width <= width {
                words.push(Word {
                    start,
                    end,
                    width: word_width,
                    whitespace_width,
                });
                continue;
            }
            let mut chunk_start = start;
            let mut chunk_width = 0;
            for (i, g) in word.grapheme_indices(true) {
                let w = display_width(&display_grapheme(g));
                if chunk_width + w > width && chunk_width > 0 {
                    words.push(Word {
                        start: chunk_start,
                        end: start + i,
                        width: chunk_width,
                        whitespace_width: 0,
                    });
                    chunk_start = start + i;
                    chunk_width = 0;
                }
                chunk_width += w;
            }
            words.push(Word {
                start: chunk_start,
                end,
                width: chunk_width,
                whitespace_width,
            });
        }
    }
}

/// Wraps the visible `pieces` of one paragraph to `width` cells. Always at least one line.
pub fn wrap_paragraph(text: &str, pieces: &[Range<usize>], width: usize) -> Vec<VisualLine> {
    let width = width.max(1);
    let mut words = Vec::new();
    for piece in pieces {
        push_words(text, piece.clone(), width, &mut words);
    }
    if words.is_empty() {
        let at = pieces.first().map_or(0, |p| p.start);
        return vec![VisualLine { start: at, end: at }];
    }
    let lines = textwrap::wrap_algorithms::wrap_first_fit(&words, &[width as f64]);
    lines
        .iter()
        .filter_map(|line| {
            let first = line.first()?;
            let last = line.last()?;
            Some(VisualLine {
                start: first.start,
                end: last.end,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str, width: usize) -> Vec<&str> {
        wrap_paragraph(text, &[0..text.len()], width)
            .iter()
            .map(|l| &text[l.start..l.end])
            .collect()
    }

    #[test]
    fn wraps_at_spaces_within_width() {
        assert_eq!(
            lines("the quick brown fox jumps", 10),
            vec!["the quick", "brown fox", "jumps"]
        );
    }

    #[test]
    fn long_words_are_cut_at_graphemes() {
        let text = "x".repeat(25);
        assert_eq!(lines(&text, 10), vec!["xxxxxxxxxx", "xxxxxxxxxx", "xxxxx"]);
    }

    #[test]
    fn wide_characters_count_double_and_break_between_ideographs() {
        let text = "漢字漢字漢字";
        let got = lines(text, 5);
        assert!(got.iter().all(|l| text_width(l) <= 5), "{got:?}");
        assert_eq!(got.concat(), text);
    }

    #[test]
    fn combining_marks_stay_with_their_letter() {
        let text = format!("ab{}cd", "e\u{301}".repeat(3));
        for line in lines(&text, 2) {
            assert!(!line.starts_with('\u{301}'), "{line:?}");
        }
    }

    #[test]
    fn pieces_skip_hidden_text() {
        let text = "keep HIDDEN this";
        let got = wrap_paragraph(text, &[0..5, 12..16], 40);
        assert_eq!(got, vec![VisualLine { start: 0, end: 16 }]);
    }

    #[test]
    fn control_characters_have_the_width_of_their_placeholder() {
        assert_eq!(text_width("a\u{1b}b"), 3);
    }

    #[test]
    fn empty_paragraph_is_one_empty_line() {
        assert_eq!(
            wrap_paragraph("", &[0..0], 10),
            vec![VisualLine { start: 0, end: 0 }]
        );
    }
}
