//! Splits text into units — lines, or whole paragraphs in Markdown — and reads the features the
//! cleaning and metadata rules look at. One pass over the text; each unit is measured once.

use std::ops::Range;

use crate::article::Format;

/// One line of text (or one Markdown paragraph) with what follows it.
#[derive(Debug, Clone)]
pub struct Unit {
    /// From the start of the first line to the end of the last line's terminator.
    pub span: Range<usize>,
    /// The content without surrounding whitespace (or BOM).
    pub content: Range<usize>,
    /// Where the blank lines after this unit end (the next unit's start, or the text's end).
    pub gap_end: usize,
    /// Whether a blank line or the start of the text comes right before.
    pub blank_before: bool,
    /// Whether a blank line or the end of the text comes right after.
    pub blank_after: bool,
    /// Starts with a list bullet (`•`, `-`, `*` …).
    pub bullet: bool,
    /// Number of whitespace-separated words (bullets excluded).
    pub words: usize,
    /// How the unit ends (closing quotes and brackets skipped).
    pub ending: Ending,
}

/// The last mark of a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// `.`, `!`, `?`, `…`: a sentence.
    Sentence,
    /// `:` or `;`: prose that introduces what follows.
    Clause,
    /// Anything else: a heading, a label, a cut-off line.
    Open,
}

impl Unit {
    /// Reads like a paragraph of the article: long enough, and ends like a sentence.
    pub fn is_prose(&self) -> bool {
        !self.bullet && self.words >= 8 && (self.ending != Ending::Open || self.words >= 25)
    }

    /// A short but complete sentence.
    pub fn is_sentence(&self) -> bool {
        !self.bullet && self.words >= 4 && self.ending == Ending::Sentence
    }

    /// Ends like a sentence.
    pub fn sentence_end(&self) -> bool {
        self.ending == Ending::Sentence
    }

    /// The range a hidden unit covers: itself and the blank lines after it.
    pub fn hide_range(&self) -> Range<usize> {
        self.span.start..self.gap_end
    }
}

/// Whitespace and the BOM, which frame content without being part of it.
pub fn is_frame_char(c: char) -> bool {
    c.is_whitespace() || c == '\u{FEFF}'
}

/// Bullet characters that start a list line on scraped pages.
const BULLETS: &[char] = &['•', '◦', '▪', '▫', '·', '‣', '●', '○', '■', '□', '►', '▶'];

/// `s` without leading bullets (possibly several, as in `• • LIVE`); says whether any was there.
pub fn strip_bullets(s: &str) -> (bool, &str) {
    let mut rest = s.trim_start_matches(is_frame_char);
    let mut found = false;
    loop {
        if let Some(r) = rest.strip_prefix(BULLETS) {
            rest = r.trim_start_matches(is_frame_char);
            found = true;
            continue;
        }
        // ASCII markers only count with a space after, so "-5%" and "*emphasis*" are not bullets.
        let ascii = ["- ", "* ", "+ "].iter().find_map(|m| rest.strip_prefix(m));
        match ascii {
            Some(r) => {
                rest = r.trim_start_matches(is_frame_char);
                found = true;
            }
            None => return (found, rest),
        }
    }
}

/// Splits `text` into units. In Markdown the lines of one paragraph form one unit.
pub fn split(text: &str, format: Format) -> Vec<Unit> {
    let mut units: Vec<Unit> = Vec::new();
    let mut blank_seen = true;
    for line in lines(text) {
        let raw = &text[line.start..line.content_end];
        let trimmed = raw.trim_matches(is_frame_char);
        if trimmed.is_empty() {
            blank_seen = true;
            continue;
        }
        let content_start = line.start + (raw.len() - raw.trim_start_matches(is_frame_char).len());
        let content = content_start..content_start + trimmed.len();
        let continues = format == Format::Markdown
            && !blank_seen
            && units
                .last()
                .is_some_and(|u| !starts_block(&text[u.content.clone()]))
            && !starts_block(trimmed);
        if continues {
            if let Some(last) = units.last_mut() {
                last.span.end = line.end;
                last.content.end = content.end;
            }
        } else {
            if let Some(last) = units.last_mut() {
                last.blank_after = blank_seen;
            }
            units.push(Unit {
                span: line.start..line.end,
                content,
                gap_end: line.end,
                blank_before: blank_seen,
                blank_after: true,
                bullet: false,
                words: 0,
                ending: Ending::Open,
            });
        }
        blank_seen = false;
    }
    let starts: Vec<usize> = units.iter().skip(1).map(|u| u.span.start).collect();
    for (i, unit) in units.iter_mut().enumerate() {
        unit.gap_end = starts.get(i).copied().unwrap_or(text.len());
        measure(unit, &text[unit.content.clone()]);
    }
    units
}

fn measure(unit: &mut Unit, content: &str) {
    let (bullet, rest) = strip_bullets(content);
    unit.bullet = bullet;
    unit.words = rest.split_whitespace().count();
    let end = rest.trim_end_matches(|c: char| {
        matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '*' | '_') || is_frame_char(c)
    });
    unit.ending = if end.ends_with(['.', '!', '?', '…']) {
        Ending::Sentence
    } else if end.ends_with([':', ';']) {
        Ending::Clause
    } else {
        Ending::Open
    };
}

/// Markdown lines that start a block of their own rather than continuing a paragraph.
fn starts_block(line: &str) -> bool {
    let line = line.trim_start();
    line.starts_with(['#', '>', '|', '<'])
        || line.starts_with("```")
        || line.starts_with("~~~")
        || strip_bullets(line).0
        || ordered_marker(line)
}

fn ordered_marker(line: &str) -> bool {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && matches!(line.as_bytes().get(digits..digits + 2), Some([b'.' | b')', b' ']))
}

/// One line: where it starts, where its content ends and where its terminator ends.
struct Line {
    start: usize,
    content_end: usize,
    end: usize,
}

/// Lines split at `\n`, `\r\n` or a lone `\r`.
fn lines(text: &str) -> impl Iterator<Item = Line> + '_ {
    let bytes = text.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos >= bytes.len() {
            return None;
        }
        let start = pos;
        let rest = &bytes[start..];
        let (content_end, end) = match rest.iter().position(|&b| b == b'\n' || b == b'\r') {
            None => (bytes.len(), bytes.len()),
            Some(i) => {
                let at = start + i;
                let crlf = bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n');
                (at, at + if crlf { 2 } else { 1 })
            }
        };
        pos = end;
        Some(Line {
            start,
            content_end,
            end,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_handle_crlf_and_lone_cr() {
        let units = split("a\r\nb\rc\n\nd", Format::Text);
        let spans: Vec<_> = units.iter().map(|u| u.span.clone()).collect();
        assert_eq!(spans, vec![0..3, 3..5, 5..7, 8..9]);
        assert_eq!(units[2].gap_end, 8);
        assert!(units[3].blank_before && !units[1].blank_before);
    }

    #[test]
    fn markdown_paragraph_lines_join() {
        let units = split("# Title\n\nOne line\nand two.\n- item\n- item", Format::Markdown);
        assert_eq!(units.len(), 4);
        assert_eq!(units[1].words, 4);
        assert!(units[1].sentence_end());
        assert!(units[2].bullet);
    }

    #[test]
    fn bullets_and_features() {
        assert_eq!(strip_bullets("  • • LIVE"), (true, "LIVE"));
        assert_eq!(strip_bullets("-5% today"), (false, "-5% today"));
        let units = split("\u{feff}He said it was \u{201c}fine.\u{201d}\n", Format::Text);
        assert_eq!(units[0].content.start, 3);
        assert!(units[0].sentence_end());
        assert!(units[0].is_sentence() && !units[0].is_prose());
    }
}
