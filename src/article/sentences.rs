//! Sentence boundaries in the visible text, for the annotation cursor.
//!
//! A sentence ends at `.`, `!`, `?` or `…` (closing quotes and brackets included) followed by
//! white space and a word that does not start in lower case, and always at a line break. A full
//! stop after an abbreviation ("Maj. Gen.", "Mr.", "U.S."), an initial ("J. Smith"), a month or
//! "No." before a number, or inside a number ("1.5") ends nothing.
//!
//! Visible parts separated by hidden text within one line (Markdown emphasis, a link target) are
//! read as one stretch, so a sentence with `**bold**` in it stays one sentence; a sentence never
//! starts or ends in hidden text, and never spans a hidden line.

pub mod near;

use std::ops::Range;

pub use near::Near;

use super::words;

/// Sentence ranges within `visible` parts of `text`, in order.
pub fn split(text: &str, visible: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut sentences = Vec::new();
    let mut i = 0;
    while i < visible.len() {
        // Join parts separated only by hidden text inside one line.
        let mut stretch = vec![visible[i].clone()];
        while i + 1 < visible.len() {
            let gap = visible[i].end..visible[i + 1].start;
            if text[gap].contains(['\n', '\r']) {
                break;
            }
            i += 1;
            stretch.push(visible[i].clone());
        }
        split_stretch(text, &stretch, &mut sentences);
        i += 1;
    }
    sentences
}

/// Splits one stretch of visible parts; boundaries are only placed in visible text.
fn split_stretch(text: &str, parts: &[Range<usize>], out: &mut Vec<Range<usize>>) {
    let mut start: Option<usize> = None;
    let mut last_end = 0;
    // The visible characters of the stretch, in order, with their offsets.
    let chars: Vec<(usize, char)> = parts
        .iter()
        .flat_map(|p| text[p.clone()].char_indices().map(move |(i, c)| (p.start + i, c)))
        .collect();
    let mut k = 0;
    while k < chars.len() {
        let (at, c) = chars[k];
        if c == '\n' || c == '\r' {
            if let Some(s) = start.take() {
                out.push(s..last_end);
            }
            k += 1;
            continue;
        }
        if c.is_whitespace() {
            k += 1;
            continue;
        }
        start.get_or_insert(at);
        last_end = at + c.len_utf8();
        if matches!(c, '.' | '!' | '?' | '…') {
            // Take closing quotes and brackets along.
            let mut j = k + 1;
            while j < chars.len() && is_closer(chars[j].1) {
                last_end = chars[j].0 + chars[j].1.len_utf8();
                j += 1;
            }
            if ends_sentence(text, &chars, k, j)
                && let Some(s) = start.take()
            {
                out.push(s..last_end);
            }
            k = j;
            continue;
        }
        k += 1;
    }
    if let Some(s) = start {
        out.push(s..last_end);
    }
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']')
}

/// Whether the mark at `chars[mark]` (closers up to `after`) ends a sentence.
fn ends_sentence(text: &str, chars: &[(usize, char)], mark: usize, after: usize) -> bool {
    // Must be followed by white space (or the end): "1.5", "U.S.-made" and "example.com" go on.
    let next_is_space = chars.get(after).is_none_or(|(_, c)| c.is_whitespace());
    if !next_is_space {
        return false;
    }
    let next_word = chars[after..]
        .iter()
        .map(|(_, c)| *c)
        .find(|c| !c.is_whitespace() || *c == '\n');
    if next_word.is_some_and(char::is_lowercase) {
        return false;
    }
    if chars[mark].1 != '.' || after > mark + 1 {
        return true;
    }
    let word_start = chars[..mark]
        .iter()
        .rposition(|(_, c)| c.is_whitespace() || matches!(c, '(' | '"' | '“' | '‘'))
        .map_or(0, |p| p + 1);
    if word_start >= mark {
        return true;
    }
    let from = chars[word_start].0;
    let word = &text[from..chars[mark].0];
    let lower = word.to_lowercase();
    let single_initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    let dotted = word.contains('.') && word.chars().all(|c| c.is_alphabetic() || c == '.');
    let before_number = next_word.is_some_and(|c| c.is_ascii_digit());
    !(single_initial
        || dotted
        || words::get().abbreviations.contains(lower.as_str())
        || (before_number && words::get().before_number.contains(lower.as_str())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split(text, std::slice::from_ref(&(0..text.len())))
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        assert_eq!(
            sentences("The head of the IRGC, Maj. Gen. Hossein Salami, spoke. Brig. Gen. Qaani too."),
            vec![
                "The head of the IRGC, Maj. Gen. Hossein Salami, spoke.",
                "Brig. Gen. Qaani too."
            ]
        );
        assert_eq!(
            sentences("Mr. Lee met Dr. Kim in the U.S. capital. J. Smith agreed."),
            vec!["Mr. Lee met Dr. Kim in the U.S. capital.", "J. Smith agreed."]
        );
        assert_eq!(
            sentences("It began on Oct. 7 at No. 5 St. James. Pres. Raisi died."),
            vec!["It began on Oct. 7 at No. 5 St. James.", "Pres. Raisi died."]
        );
    }

    #[test]
    fn decimals_quotes_and_marks() {
        assert_eq!(
            sentences("Growth was 1.5 percent. He said \u{201c}no.\u{201d} Really? Yes! (See above.) End"),
            vec![
                "Growth was 1.5 percent.",
                "He said \u{201c}no.\u{201d}",
                "Really?",
                "Yes!",
                "(See above.)",
                "End"
            ]
        );
    }

    #[test]
    fn lines_always_end_sentences_and_whitespace_is_excluded() {
        assert_eq!(
            sentences("  Heading\n\nFirst one.  Second\r\n"),
            vec!["Heading", "First one.", "Second"]
        );
    }

    #[test]
    fn hidden_text_splits_lines_but_not_inline_markup() {
        let text = "Some **bold** text. More.\nHidden line.\nLast.";
        let visible = [0..5, 7..11, 13..26, 39..44];
        let got: Vec<&str> = split(text, &visible).into_iter().map(|r| &text[r]).collect();
        assert_eq!(got, vec!["Some **bold** text.", "More.", "Last."]);
    }
}
