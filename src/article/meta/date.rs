//! Dates as news pages write them ("23 May 2024 11:17", "May 23, 2024", "2024-05-23"), read
//! into ISO `YYYY-MM-DD`.

/// Full English month names, lower-case (the entity lexicon uses them too).
pub const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Weekday names and their short forms, lower-case (the entity lexicon uses them too).
pub const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
];

/// The month number of a month name or abbreviation ("May", "Sept.", "oct").
fn month(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(&w) && (w.len() >= 3))
        .map(|i| i as u32 + 1)
}

fn number(word: &str, max: u32) -> Option<u32> {
    let w = word.trim_end_matches(['.', ',']);
    let w = w.trim_end_matches(|c: char| c.is_ascii_alphabetic()); // 23rd, 1st
    if w.is_empty() || w.len() > 4 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    w.parse().ok().filter(|n| *n >= 1 && *n <= max)
}

fn year(word: &str) -> Option<u32> {
    let w = word.trim_end_matches(['.', ',']);
    (w.len() == 4)
        .then(|| number(w, 2200))
        .flatten()
        .filter(|y| *y >= 1900)
}

fn iso_date(word: &str) -> Option<String> {
    let digits = word.trim_matches(|c: char| !c.is_ascii_digit());
    let bytes = digits.as_bytes();
    if bytes.len() < 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let year = year(digits.get(0..4)?)?;
    let month = number(digits.get(5..7)?, 12)?;
    let day = number(digits.get(8..10)?, 31)?;
    Some(format!("{year:04}-{month:02}-{day:02}"))
}

/// A date found in a short text: the ISO date and how many words it took.
struct Found {
    iso: String,
    first_word: usize,
    words: usize,
}

fn find(words: &[&str]) -> Option<Found> {
    for i in 0..words.len() {
        if let Some(iso) = iso_date(words[i]) {
            return Some(Found {
                iso,
                first_word: i,
                words: 1,
            });
        }
        let at = |k: usize| words.get(i + k).copied().unwrap_or("");
        // 23 May 2024
        if let (Some(d), Some(m), Some(y)) = (number(at(0), 31), month(at(1)), year(at(2))) {
            return Some(Found {
                iso: format!("{y:04}-{m:02}-{d:02}"),
                first_word: i,
                words: 3,
            });
        }
        // May 23, 2024
        if let (Some(m), Some(d), Some(y)) = (month(at(0)), number(at(1), 31), year(at(2))) {
            return Some(Found {
                iso: format!("{y:04}-{m:02}-{d:02}"),
                first_word: i,
                words: 3,
            });
        }
    }
    None
}

/// The ISO date of a line that is only a dateline ("Published: 23 May 2024 11:17"), else `None`.
pub fn dateline(line: &str) -> Option<String> {
    let words: Vec<&str> = line.split_whitespace().take(13).collect();
    if words.len() > 12 {
        return None;
    }
    let found = find(&words)?;
    let others = words
        .iter()
        .enumerate()
        .filter(|(i, _)| *i < found.first_word || *i >= found.first_word + found.words)
        .filter(|(_, w)| !is_dateline_word(w))
        .count();
    (others == 0).then_some(found.iso)
}

fn is_dateline_word(word: &str) -> bool {
    let w = word
        .trim_matches(|c: char| matches!(c, ',' | ':' | '.' | '(' | ')'))
        .to_lowercase();
    w.is_empty()
        || crate::article::words::get().dateline_words.contains(w.as_str())
        || WEEKDAYS.contains(&w.as_str())
        || w.bytes().all(|b| b.is_ascii_digit() || b == b':' || b == b'+')
        || (w.contains(':') && w.bytes().filter(u8::is_ascii_digit).count() >= 3)
}

/// A date that opens a line (" date 2024-05-23 The heads of…"): the ISO date and the byte length
/// of the prefix to hide, which takes the spaces after it too.
pub fn leading(line: &str) -> Option<(String, usize)> {
    let mut rest = line;
    let mut consumed = 0;
    let mut iso = None;
    for _ in 0..6 {
        let trimmed = rest.trim_start();
        consumed += rest.len() - trimmed.len();
        rest = trimmed;
        let word_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let word = &rest[..word_end];
        if word.is_empty() {
            break;
        }
        if iso.is_none() {
            if let Some(found) = iso_date(word) {
                iso = Some(found);
            } else if !is_dateline_word(word) {
                return None;
            }
        } else {
            break;
        }
        consumed += word_end;
        rest = &rest[word_end..];
    }
    let trimmed = rest.trim_start();
    consumed += rest.len() - trimmed.len();
    iso.filter(|_| !trimmed.is_empty()).map(|iso| (iso, consumed))
}

/// The ISO date at the start of a machine date ("2024-05-23T11:17:00Z"), else the text as given.
pub fn normalise(raw: &str) -> String {
    raw.split_whitespace()
        .next()
        .and_then(iso_date)
        .or_else(|| dateline(raw))
        .unwrap_or_else(|| raw.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines() {
        assert_eq!(dateline("23 May 2024 11:17").as_deref(), Some("2024-05-23"));
        assert_eq!(dateline("Published: May 23, 2024").as_deref(), Some("2024-05-23"));
        assert_eq!(
            dateline("Thursday, 6 June 2024, 09:30 GMT").as_deref(),
            Some("2024-06-06")
        );
        assert_eq!(
            dateline("Updated Oct. 7, 2023 at 5:00 pm").as_deref(),
            Some("2023-10-07")
        );
        assert_eq!(dateline("2024-05-23").as_deref(), Some("2024-05-23"));
        assert_eq!(dateline("The meeting on 23 May 2024 went well"), None);
        assert_eq!(dateline("May the best win"), None);
    }

    #[test]
    fn leading_dates() {
        let line = " date 2024-05-23 The heads of Iran";
        let (iso, len) = leading(line).expect("date prefix");
        assert_eq!(iso, "2024-05-23");
        assert_eq!(&line[len..], "The heads of Iran");
        assert_eq!(leading("The heads of Iran"), None);
        assert_eq!(leading("2024-05-23"), None);
        assert_eq!(leading("date 2024-05-\u{20ac}1 x"), None);
    }

    #[test]
    fn machine_dates() {
        assert_eq!(normalise("2024-05-23T11:17:00+03:00"), "2024-05-23");
        assert_eq!(normalise("sometime"), "sometime");
    }
}
