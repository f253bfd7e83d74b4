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
    unit.words = count_words(rest);
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

/// `s.split_whitespace().count()` without decoding: this runs over every byte of every article
/// on load. ASCII is read eight bytes at a time (SWAR); other bytes one at a time, where every
/// Unicode space starts with one of the lead bytes `C2`, `E1`, `E2` or `E3` (only those are
/// decoded) and continuation bytes keep the class of their character's lead byte.
pub fn count_words(s: &str) -> usize {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let bytes = s.as_bytes();
    let mut words = 0;
    let mut prev_space = true;
    let mut chunks = bytes.chunks_exact(8);
    let mut offset = 0;
    for chunk in &mut chunks {
        let x = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        if x & HIGH == 0 {
            // ASCII: `char::is_whitespace` is a space or one of 0x09..=0x0D. Per byte (all below
            // 0x80, so no carry crosses a byte), the high bit says: equal to 0x20, and ≥ 9 but
            // not ≥ 14.
            let t = x ^ 0x2020_2020_2020_2020;
            let is_20 = !(((t & LOW7) + LOW7) | t) & HIGH;
            let in_9_13 = (x + 0x7777_7777_7777_7777) & !(x + 0x7272_7272_7272_7272) & HIGH;
            let space = (is_20 | in_9_13) >> 7; // 1 in the low bit of each space byte
            let before = (space << 8) | u64::from(prev_space); // each byte's predecessor
            words += (!space & before & 0x0101_0101_0101_0101).count_ones() as usize;
            prev_space = space >> 56 == 1;
        } else {
            for (i, &b) in chunk.iter().enumerate() {
                prev_space = count_byte(s, offset + i, b, prev_space, &mut words);
            }
        }
        offset += 8;
    }
    for (i, &b) in chunks.remainder().iter().enumerate() {
        prev_space = count_byte(s, offset + i, b, prev_space, &mut words);
    }
    words
}

/// One byte of [`count_words`]: whether it belongs to a space; counts a word that starts at it.
fn count_byte(s: &str, i: usize, b: u8, prev_space: bool, words: &mut usize) -> bool {
    let space = match b {
        b'\t'..=b'\r' | b' ' => true,
        0x80..=0xBF => prev_space,
        0xC2 | 0xE1..=0xE3 => s[i..].chars().next().is_some_and(char::is_whitespace),
        _ => false,
    };
    *words += usize::from(prev_space && !space);
    space
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
        let (content_end, end) = match memchr::memchr2(b'\n', b'\r', rest) {
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
    fn words_are_counted_as_split_whitespace_does() {
        let unicode_spaces = "\u{85}\u{a0}\u{1680}\u{2000}\u{200a}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}";
        let samples = [
            String::new(),
            " ".into(),
            "one".into(),
            "  two  words ".into(),
            "tab\tsep\x0bvt\x0cff\rcr\nlf".into(),
            "zero\u{200b}width is not a space, nor is \u{feff}".into(),
            format!("a{unicode_spaces}b{unicode_spaces}"),
            "Iran’s «acting» FM — مرحبا بالعالم 漢字 é".into(),
        ];
        for s in &samples {
            assert_eq!(count_words(s), s.split_whitespace().count(), "{s:?}");
        }
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
