//! Keys that make two spellings of a name comparable: folding, transliteration skeletons, edit
//! distance and acronym initials.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lower-case, diacritic-free words of a name, split at spaces, hyphens and apostrophes
/// ("Amir-Abdollahian" → `["amir", "abdollahian"]`, "Ó Súilleabháin" → `["o", "suilleabhain"]`).
pub fn fold_words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    for c in name.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        if c.is_alphanumeric() {
            word.extend(fold_letter(c));
        } else if c == '.' && !word.is_empty() {
            // "U.S." stays one word: dots only end a word before a space.
        } else if !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// Letters that NFD leaves whole but readers treat as plain Latin letters.
fn fold_letter(c: char) -> impl Iterator<Item = char> {
    let replaced: Option<&'static str> = match c {
        'ß' => Some("ss"),
        'æ' | 'Æ' => Some("ae"),
        'œ' | 'Œ' => Some("oe"),
        'ø' | 'Ø' => Some("o"),
        'ł' | 'Ł' => Some("l"),
        'đ' | 'Đ' | 'ð' => Some("d"),
        'ı' => Some("i"),
        'þ' => Some("th"),
        _ => None,
    };
    let lower: Vec<char> = match replaced {
        Some(s) => s.chars().collect(),
        None => c.to_lowercase().collect(),
    };
    lower.into_iter()
}

/// The exact key: folded words joined with nothing, so case, diacritics, hyphens and spaces do
/// not matter (Amirabdollahian = Amir-Abdollahian).
pub fn exact_key(words: &[String]) -> String {
    words.concat()
}

/// A transliteration skeleton of a folded key: vowel runs become one `a`, doubled letters one,
/// and consonant spellings that romanisations of Arabic and Persian mix up are unified
/// (q/k/c, ou/u, e/i, y as a vowel, a final `h` after a vowel). Ismail, Esmail and Esmayeel give
/// the same skeleton; so do Suleimani and Soleimani, Qassem and Qasem.
pub fn skeleton(key: &str) -> String {
    let bytes: Vec<char> = key.chars().collect();
    let mut out = String::with_capacity(key.len());
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let next = bytes.get(i + 1).copied();
        let (unit, step) = match (c, next) {
            ('p', Some('h')) => ('f', 2),
            ('c', Some('k')) | ('k', Some('h')) => ('k', 2),
            ('d', Some('j')) => ('j', 2),
            ('d' | 't' | 'z', Some('h')) => (c, 2),
            ('q' | 'c', _) => ('k', 1),
            ('w' | 'v', _) => ('v', 1),
            (c, _) if is_vowel(c) => ('a', 1),
            (c, _) => (c, 1),
        };
        if !out.ends_with(unit) {
            out.push(unit);
        }
        i += step;
    }
    if out.len() > 2 && out.ends_with('h') && out[..out.len() - 1].ends_with('a') {
        out.pop();
    }
    out
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// Damerau-Levenshtein distance (adjacent transpositions count one), stopping early once it is
/// over `limit`: names are compared only to find one-letter typos.
pub fn within_edits(a: &str, b: &str, limit: usize) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > limit {
        return false;
    }
    let width = b.len() + 1;
    let mut prev2 = vec![0usize; width];
    let mut prev: Vec<usize> = (0..width).collect();
    let mut row = vec![0usize; width];
    for i in 1..=a.len() {
        row[0] = i;
        let mut best = row[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(row[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(prev2[j - 2] + 1);
            }
            row[j] = d;
            best = best.min(d);
        }
        if best > limit {
            return false;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut row);
    }
    prev[b.len()] <= limit
}

/// Whether two words are one word with a different ending ("revolution"/"revolutionary",
/// "guard"/"guards", "picture"/"pictures"): the shorter is a prefix of the longer, long enough
/// to mean something, and the ending is short.
pub fn same_stem(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short == long || (short.len() >= 5 && long.starts_with(short) && long.len() - short.len() <= 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(name: &str) -> String {
        exact_key(&fold_words(name))
    }

    #[test]
    fn folding_ignores_case_diacritics_hyphens_and_spaces() {
        assert_eq!(key("Amir-Abdollahian"), key("Amirabdollahian"));
        assert_eq!(key("Al Alam"), key("al-Alam"));
        assert_eq!(key("Müller"), "muller");
        assert_eq!(key("Łódź"), "lodz");
        assert_eq!(fold_words("U.S. Army"), vec!["us", "army"]);
        assert_eq!(fold_words("Amir-Abdollahian"), vec!["amir", "abdollahian"]);
    }

    #[test]
    fn skeletons_unify_transliterations() {
        let sk = |s: &str| skeleton(&key(s));
        assert_eq!(sk("Ismail"), sk("Esmail"));
        assert_eq!(sk("Ismail"), sk("Esmayeel"));
        assert_eq!(sk("Suleimani"), sk("Soleimani"));
        assert_eq!(sk("Qassem"), sk("Qasem"));
        assert_eq!(sk("Qasem"), sk("Kasem"));
        assert_eq!(sk("Hezbollah"), sk("Hizballah"));
        assert_eq!(sk("Mohammed"), sk("Muhammad"));
        assert_ne!(sk("Iran"), sk("Iraq"));
        assert_ne!(sk("Haniyeh"), sk("Qaani"));
    }

    #[test]
    fn edit_distance_finds_one_letter_typos() {
        assert!(within_edits("hezbolla", "hezbollah", 1));
        assert!(within_edits("khamanei", "khamenei", 1));
        assert!(within_edits("abcdef", "abdcef", 1));
        assert!(!within_edits("hezbollah", "kataibhezbollah", 1));
        assert!(!within_edits("iran", "oman", 1));
    }

    #[test]
    fn stems() {
        assert!(same_stem("revolution", "revolutionary"));
        assert!(same_stem("guard", "guards"));
        assert!(!same_stem("iran", "iranian"));
        assert!(!same_stem("palestine", "palestinian"));
    }
}
