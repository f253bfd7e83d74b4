//! Splits an article into words and punctuation with byte offsets, the one pass over the
//! characters that the descriptor patterns read.

use std::ops::Range;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A word: letters or digits, with inner hyphens, dots and apostrophes ("Iran-backed",
    /// "U.S.", "Mr.").
    Word,
    /// The possessive ending `'s` (or a bare `'` after a plural), split from its word.
    Possessive,
    /// Any other character that is not a space.
    Punct(char),
    /// A line break: the dev set and many plain-text cases put one sentence per line.
    Break,
}

/// One token: its byte range and its folded (lower-case) text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub range: Range<usize>,
    pub kind: Kind,
    /// Lower-case, dots trimmed ("u.s", "mr"); empty for punctuation.
    pub key: String,
    /// Starts with an upper-case letter.
    pub capital: bool,
}

impl Token {
    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }

    /// Whether this is the punctuation `c`.
    pub fn is(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }

    /// Ends a sentence or a clause for the patterns: `. ; : ! ?`, brackets, dashes, quotes or a
    /// line break. A comma is not one (appositives are between commas).
    pub fn is_boundary(&self) -> bool {
        match self.kind {
            Kind::Break => true,
            Kind::Punct(c) => !matches!(c, ',' | '-' | '&'),
            _ => false,
        }
    }
}

/// Abbreviations written with a final dot that is not a sentence end.
const DOTTED: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt", "brig", "maj", "adm",
    "rev", "st", "jr", "sr", "prof", "pres", "cmdr", "no", "vs",
];

fn is_inner(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '.' | '\'' | '\u{2019}' | '&')
}

/// The tokens of `text`.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte = |k: usize| chars.get(k).map_or(text.len(), |&(b, _)| b);
    let mut k = 0;
    while k < chars.len() {
        let (at, c) = chars[k];
        if c == '\n' {
            if !matches!(
                out.last(),
                Some(Token {
                    kind: Kind::Break,
                    ..
                })
            ) {
                out.push(punct(at..at + 1, Kind::Break));
            }
            k += 1;
        } else if c.is_whitespace() {
            k += 1;
        } else if c.is_alphanumeric() {
            let mut end = k + 1;
            loop {
                while end < chars.len() && chars[end].1.is_alphanumeric() {
                    end += 1;
                }
                if end + 1 < chars.len() && is_inner(chars[end].1) && chars[end + 1].1.is_alphanumeric() {
                    end += 1;
                } else {
                    break;
                }
            }
            let mut word_end = end;
            // A possessive: "Korea's" is "Korea" + "'s".
            let mut possessive = None;
            if let Some(apos) = (k..end).find(|&i| matches!(chars[i].1, '\'' | '\u{2019}')) {
                let tail: String = chars[apos + 1..end].iter().map(|&(_, c)| c).collect();
                if tail.eq_ignore_ascii_case("s") && apos > k {
                    word_end = apos;
                    possessive = Some(byte(apos)..byte(end));
                }
            }
            let mut stop = byte(word_end);
            let word = &text[at..stop];
            // A final dot belongs to "U.S." and "Mr." but not to a sentence's last word.
            if possessive.is_none()
                && chars.get(end).is_some_and(|&(_, c)| c == '.')
                && (word.contains('.') || DOTTED.contains(&word.to_lowercase().as_str()))
            {
                stop += 1;
                end += 1;
            }
            let word = &text[at..stop];
            out.push(Token {
                range: at..stop,
                kind: Kind::Word,
                key: word.trim_end_matches('.').to_lowercase().replace('\u{2019}', "'"),
                capital: word.chars().next().is_some_and(char::is_uppercase),
            });
            if let Some(range) = possessive {
                out.push(punct(range, Kind::Possessive));
            }
            k = end;
        } else {
            out.push(punct(at..byte(k + 1), Kind::Punct(c)));
            k += 1;
        }
    }
    out
}

fn punct(range: Range<usize>, kind: Kind) -> Token {
    Token {
        range,
        kind,
        key: String::new(),
        capital: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| &text[t.range.clone()]).collect()
    }

    #[test]
    fn abbreviations_keep_their_dot_and_sentences_lose_it() {
        assert_eq!(
            words("Mr. Kim met U.S. envoys."),
            ["Mr.", "Kim", "met", "U.S.", "envoys", "."]
        );
    }

    #[test]
    fn hyphens_stay_inside_and_possessives_split() {
        assert_eq!(
            words("Yemen's Iran-backed rebels"),
            ["Yemen", "'s", "Iran-backed", "rebels"]
        );
        let tokens = tokenize("a\n\nb, c");
        assert_eq!(tokens.iter().filter(|t| t.kind == Kind::Break).count(), 1);
        assert!(tokens[3].is(','));
    }
}
