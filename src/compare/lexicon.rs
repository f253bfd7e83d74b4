//! Word lists and word forms for the alignment: stop words and event classes (data,
//! `assets/compare/en.toml`), number words, month names and a light suffix stemmer, so
//! "killed"/"kills" or "three"/"3" count as the same evidence.
//!
//! Deliberately small and general (English function words, not any topic's vocabulary): the
//! weights come from the case itself (see `weights`), not from lists.

use std::collections::HashSet;
use std::sync::LazyLock;

use serde::Deserialize;

/// The bundled English lists: stop words and event classes.
pub const ENGLISH: &str = include_str!("../../assets/compare/en.toml");

/// One kind of happening and the words news uses for it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventClass {
    pub class: String,
    pub words: Vec<String>,
}

/// The alignment's word lists (see the comments in `assets/compare/en.toml`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Lists {
    /// Function words and reporting verbs: no evidence of which fact a sentence reports.
    pub stop_words: HashSet<String>,
    /// In order: a word listed twice belongs to the first class.
    pub events: Vec<EventClass>,
}

/// The lists, parsed on first use.
pub fn lists() -> &'static Lists {
    // Tested to parse (`the_bundled_lists_parse`).
    static LISTS: LazyLock<Lists> = LazyLock::new(|| toml::from_str(ENGLISH).unwrap_or_default());
    &LISTS
}

/// Number words read as their value, so "three" and "3" are one feature.
const NUMBER_WORDS: &[(&str, &str)] = &[
    ("one", "1"),
    ("two", "2"),
    ("three", "3"),
    ("four", "4"),
    ("five", "5"),
    ("six", "6"),
    ("seven", "7"),
    ("eight", "8"),
    ("nine", "9"),
    ("ten", "10"),
    ("eleven", "11"),
    ("twelve", "12"),
    ("thirteen", "13"),
    ("fourteen", "14"),
    ("fifteen", "15"),
    ("sixteen", "16"),
    ("seventeen", "17"),
    ("eighteen", "18"),
    ("nineteen", "19"),
    ("twenty", "20"),
    ("thirty", "30"),
    ("forty", "40"),
    ("fifty", "50"),
    ("sixty", "60"),
    ("seventy", "70"),
    ("eighty", "80"),
    ("ninety", "90"),
    ("hundred", "100"),
    ("dozen", "12"),
    ("first", "1"),
    ("second", "2"),
    ("third", "3"),
];

/// Month and weekday names with their abbreviations, read as one form ("Sept." = "September").
const CALENDAR: &[(&str, &str)] = &[
    ("jan", "january"),
    ("feb", "february"),
    ("mar", "march"),
    ("apr", "april"),
    ("jun", "june"),
    ("jul", "july"),
    ("aug", "august"),
    ("sep", "september"),
    ("sept", "september"),
    ("oct", "october"),
    ("nov", "november"),
    ("dec", "december"),
    ("mon", "monday"),
    ("tue", "tuesday"),
    ("tues", "tuesday"),
    ("wed", "wednesday"),
    ("thu", "thursday"),
    ("thurs", "thursday"),
    ("fri", "friday"),
    ("sat", "saturday"),
    ("sun", "sunday"),
];

/// Multipliers that turn "2 million" and "2m" into the same number.
const SCALES: &[(&str, &str)] = &[
    ("thousand", "000"),
    ("million", "m"),
    ("billion", "bn"),
    ("m", "m"),
    ("bn", "bn"),
];

/// What a lower-cased word is to the alignment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Word {
    /// A function word: no evidence.
    Stop,
    /// A number, normalised ("1,200" → "1200", "three" → "3").
    Number(String),
    /// A scale after a number ("million").
    Scale(&'static str),
    /// A content word, stemmed.
    Content(String),
}

/// Classifies a lower-cased token (letters, digits, inner apostrophes and dots).
pub fn classify(lower: &str) -> Word {
    let trimmed = lower.trim_end_matches("'s").trim_end_matches("’s");
    if trimmed.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return number(trimmed).map_or(Word::Stop, Word::Number);
    }
    if let Some((_, scale)) = SCALES.iter().find(|(w, _)| *w == trimmed) {
        return Word::Scale(scale);
    }
    if let Some((_, n)) = NUMBER_WORDS.iter().find(|(w, _)| *w == trimmed) {
        return Word::Number((*n).to_owned());
    }
    if trimmed.chars().count() < 2 || lists().stop_words.contains(trimmed) {
        return Word::Stop;
    }
    let word = trimmed.trim_end_matches('.');
    if let Some((_, full)) = CALENDAR.iter().find(|(w, _)| *w == word) {
        return Word::Content((*full).to_owned());
    }
    Word::Content(stem(word))
}

/// A digit run read as a number: separators dropped, a trailing ordinal or unit suffix
/// ("7th", "20s") removed, decimals kept ("1.5"). None for something that is not a number.
fn number(token: &str) -> Option<String> {
    let mut out = String::new();
    let mut chars = token.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '0'..='9' => out.push(c),
            ',' if chars.peek().is_some_and(char::is_ascii_digit) => {}
            '.' if chars.peek().is_some_and(char::is_ascii_digit) => out.push('.'),
            _ => break,
        }
    }
    (!out.is_empty()).then_some(out)
}

/// A light suffix stemmer: enough to meet "killed"/"killing"/"kills" and
/// "arrests"/"arrested", never shorter than three letters. Conservative on purpose: a wrong
/// merge costs precision in every language register, a missed one only some recall.
pub fn stem(word: &str) -> String {
    let w = word.trim_end_matches(['\'', '’']);
    let n = w.chars().count();
    let cut = |suffix: &str, add: &str| -> Option<String> {
        let stem = w.strip_suffix(suffix)?;
        (stem.chars().count() >= 3).then(|| format!("{stem}{add}"))
    };
    if n > 4 {
        for (suffix, add) in [("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", "")] {
            if let Some(s) = cut(suffix, add) {
                return undouble(&s);
            }
        }
    }
    if n > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        return w[..w.len() - 1].to_owned();
    }
    let trimmed = w
        .strip_suffix('e')
        .filter(|s| s.chars().count() >= 3)
        .unwrap_or(w);
    trimmed.to_owned()
}

/// "stopp" → "stop", "plann" → "plan", and a final "e" dropped ("arrive"/"arriv-ed" meet).
fn undouble(stem: &str) -> String {
    let bytes = stem.as_bytes();
    let n = bytes.len();
    if n >= 4 && bytes[n - 1] == bytes[n - 2] && !matches!(bytes[n - 1], b'l' | b's' | b'z') {
        return stem[..n - 1].to_owned();
    }
    stem.strip_suffix('e')
        .filter(|s| s.len() >= 3)
        .unwrap_or(stem)
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_lists_parse() {
        let lists: Lists = toml::from_str(ENGLISH).expect("assets/compare/en.toml parses");
        assert!(lists.stop_words.contains("said"));
        assert!(
            lists
                .events
                .iter()
                .any(|e| e.class == "death" && e.words.iter().any(|w| w == "killed"))
        );
    }

    #[test]
    fn inflections_meet() {
        assert_eq!(stem("killed"), stem("kills"));
        assert_eq!(stem("killing"), stem("kill"));
        assert_eq!(stem("arrested"), stem("arrests"));
        assert_eq!(stem("arrived"), stem("arrive"));
        assert_eq!(stem("stopped"), stem("stop"));
        assert_eq!(stem("casualties"), stem("casualty"));
        assert_eq!(stem("families"), stem("family"));
    }

    #[test]
    fn numbers_are_normalised() {
        assert_eq!(classify("1,200"), Word::Number("1200".into()));
        assert_eq!(classify("three"), Word::Number("3".into()));
        assert_eq!(classify("7th"), Word::Number("7".into()));
        assert_eq!(classify("1.5"), Word::Number("1.5".into()));
        assert_eq!(classify("sept."), Word::Content("september".into()));
        assert_eq!(classify("the"), Word::Stop);
    }
}
