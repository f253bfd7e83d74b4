//! The words and punctuation the descriptor patterns read, with byte offsets: the entity
//! engine's tokens ([`crate::entity::tokens`]), with what the patterns need on top (a folded
//! key, a capital flag, possessives apart, hyphenated compounds as one word).

use std::ops::Range;

use crate::entity::tokens::{Shape, Token as EntityToken, TokenKind as EntityKind};

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

/// Punctuation that joins two words into one for the patterns when nothing separates them:
/// hyphens ("Iran-backed", which the entity tokens split after a capitalised part), dots
/// ("3.5", "e.g") and ampersands ("AT&T").
fn is_inner(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '.' | '&')
}

/// The tokens of `text`, all of it visible.
pub fn tokenize(text: &str) -> Vec<Token> {
    tokenize_parts(text, std::slice::from_ref(&(0..text.len())))
}

/// The tokens of the `parts` of `text` (its visible parts, in order), made from the entity
/// engine's tokens, so both passes read the characters one way: its words glued back where the
/// patterns read one word ("Iran" "-" "backed" is "Iran-backed"), "Mr." and "U.S." with their
/// dot, its possessive mark as [`Kind::Possessive`]. Hidden text between two parts is a line
/// break.
pub fn tokenize_parts(text: &str, parts: &[Range<usize>]) -> Vec<Token> {
    let mut raw: Vec<EntityToken> = Vec::new();
    for part in parts {
        if raw.last().is_some_and(|t| t.kind != EntityKind::Break) {
            raw.push(EntityToken {
                range: part.start..part.start,
                kind: EntityKind::Break,
            });
        }
        crate::entity::tokens::tokenize(text, part.clone(), &mut raw);
    }
    let mut out: Vec<Token> = Vec::with_capacity(raw.len());
    let mut k = 0;
    while k < raw.len() {
        let token = &raw[k];
        match token.kind {
            EntityKind::Break => {
                if out.last().is_none_or(|t| t.kind != Kind::Break) {
                    out.push(punct(token.range.clone(), Kind::Break));
                }
                k += 1;
            }
            EntityKind::Punct(c) => {
                // The entity tokens mark a possessive "'s" as one apostrophe token spanning it.
                let kind = if matches!(c, '\'' | '\u{2019}') && token.range.len() > c.len_utf8() {
                    Kind::Possessive
                } else {
                    Kind::Punct(c)
                };
                out.push(punct(token.range.clone(), kind));
                k += 1;
            }
            EntityKind::Word(_) => {
                let start = token.range.start;
                let mut end = token.range.end;
                k += 1;
                // Glue "word joiner word" when nothing separates them, but keep two names apart
                // after an abbreviation's dot ("U.S.-Mexico"; "U.S.-designated" is one word).
                while k + 1 < raw.len()
                    && matches!(raw[k].kind, EntityKind::Punct(c) if is_inner(c))
                    && raw[k].range.start == end
                    && matches!(raw[k + 1].kind, EntityKind::Word(_))
                    && raw[k + 1].range.start == raw[k].range.end
                    && !(text[..end].ends_with('.')
                        && matches!(raw[k + 1].kind, EntityKind::Word(Shape::Capital | Shape::Upper)))
                {
                    end = raw[k + 1].range.end;
                    k += 2;
                }
                // A final dot belongs to "U.S." and "Mr." but not to a sentence's last word.
                if let Some(dot) = raw.get(k)
                    && dot.kind == EntityKind::Punct('.')
                    && dot.range.start == end
                {
                    let word = &text[start..end];
                    if word.contains('.') || DOTTED.contains(&word.to_lowercase().as_str()) {
                        end = dot.range.end;
                        k += 1;
                    }
                }
                let word = &text[start..end];
                out.push(Token {
                    range: start..end,
                    kind: Kind::Word,
                    key: word.trim_end_matches('.').to_lowercase().replace('\u{2019}', "'"),
                    capital: word.chars().next().is_some_and(char::is_uppercase),
                });
            }
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

    #[test]
    fn an_abbreviation_joins_a_participle_not_another_name() {
        assert_eq!(
            words("a U.S.-designated group on the U.S.-Mexico border, AT&T and 3.5 e.g. U.K.'s"),
            [
                "a",
                "U.S.-designated",
                "group",
                "on",
                "the",
                "U.S.",
                "-",
                "Mexico",
                "border",
                ",",
                "AT&T",
                "and",
                "3.5",
                "e.g.",
                "U.K.",
                "'s"
            ]
        );
        let tokens = tokenize("U.K.'s");
        assert_eq!(tokens[1].kind, Kind::Possessive);
    }

    #[test]
    fn hidden_text_between_two_parts_is_a_break() {
        let text = "Acme said HIDDEN it would";
        let tokens = tokenize_parts(text, &[0..10, 17..text.len()]);
        let shown: Vec<&str> = tokens.iter().map(|t| &text[t.range.clone()]).collect();
        assert_eq!(shown, ["Acme", "said", "", "it", "would"]);
        assert_eq!(tokens[2].kind, Kind::Break);
    }
}
