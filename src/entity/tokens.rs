//! Splits visible text into words and punctuation with byte offsets: the detector's only pass
//! over the characters.

use std::ops::Range;

/// How a word is written, which is most of what says whether it can be part of a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Starts with a capital ("Tehran", "al-Hindi" counts: a particle glued to a capital).
    Capital,
    /// Two or more letters, all capitals ("IRGC", "U.S.", "TEIXEIRA").
    Upper,
    /// Starts with a lower-case letter.
    Lower,
    /// Starts with a digit ("76ers", "2020").
    Number,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word(Shape),
    Punct(char),
    /// One or more line breaks: ends sentences and names.
    Break,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub range: Range<usize>,
    pub kind: TokenKind,
}

fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\'' | '\u{2019}')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}')
}

/// Appends the tokens of `text[part]` to `out`. Offsets are into `text`.
pub fn tokenize(text: &str, part: Range<usize>, out: &mut Vec<Token>) {
    let slice = &text[part.clone()];
    let base = part.start;
    let chars: Vec<(usize, char)> = slice.char_indices().collect();
    let end_of = |k: usize| chars.get(k).map_or(slice.len(), |&(b, _)| b);
    let mut k = 0;
    while k < chars.len() {
        let (at, c) = chars[k];
        if c == '\n' {
            if !matches!(
                out.last(),
                Some(Token {
                    kind: TokenKind::Break,
                    ..
                })
            ) {
                out.push(Token {
                    range: base + at..base + at + 1,
                    kind: TokenKind::Break,
                });
            }
            k += 1;
        } else if c.is_whitespace() {
            k += 1;
        } else if c.is_alphanumeric() {
            let stop = word_end(&chars, k);
            let word = &slice[at..end_of(stop)];
            let (len, shape) = shape_of(word);
            out.push(Token {
                range: base + at..base + at + len,
                kind: TokenKind::Word(shape),
            });
            // A truncated word ("Iran" of "Iran-backed") leaves its tail to the next round.
            k = if len < word.len() {
                chars.partition_point(|&(b, _)| b < at + len)
            } else {
                stop
            };
            let after = skip_possessive(&chars, k);
            if after > k {
                // A possessive ends a name ("Gaza’s Ministry of Health" is two names).
                out.push(Token {
                    range: base + end_of(k)..base + end_of(after),
                    kind: TokenKind::Punct('\''),
                });
                k = after;
            }
        } else {
            out.push(Token {
                range: base + at..base + at + c.len_utf8(),
                kind: TokenKind::Punct(c),
            });
            k += 1;
        }
    }
}

/// The index after a possessive `'s` at `k`, or `k` if there is none.
fn skip_possessive(chars: &[(usize, char)], k: usize) -> usize {
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let possessive = at(k).is_some_and(is_apostrophe)
        && matches!(at(k + 1), Some('s' | 'S'))
        && !at(k + 2).is_some_and(char::is_alphanumeric);
    if possessive { k + 2 } else { k }
}

/// Index of the first char after the word starting at `k`: letters and digits, joined by inner
/// hyphens and apostrophes; a possessive `'s` stays outside; dotted acronyms ("U.S.") are kept.
fn word_end(chars: &[(usize, char)], mut k: usize) -> usize {
    let start = k;
    let alnum = |k: usize| chars.get(k).is_some_and(|&(_, c)| c.is_alphanumeric());
    let upper = |k: usize| chars.get(k).is_some_and(|&(_, c)| c.is_uppercase());
    let is = |k: usize, want: char| chars.get(k).is_some_and(|&(_, c)| c == want);
    loop {
        while alnum(k) {
            k += 1;
        }
        let Some(&(_, c)) = chars.get(k) else { return k };
        if is_joiner(c) && alnum(k + 1) {
            let possessive = is_apostrophe(c)
                && chars.get(k + 1).is_some_and(|&(_, s)| s == 's' || s == 'S')
                && !alnum(k + 2);
            if possessive {
                return k;
            }
            k += 1;
        } else if c == '.' && k - start == 1 && upper(start) && upper(k + 1) && is(k + 2, '.') {
            // "U.S.", "U.N.": single capitals with dots.
            k += 2;
            while upper(k + 1) && is(k + 2, '.') {
                k += 2;
            }
            return k + 1;
        } else {
            return k;
        }
    }
}

/// The length of `word` to keep and its shape. A capitalised word with a lower-case part after a
/// hyphen ("Iran-backed", "U.S.-designated") keeps only the capitalised part.
fn shape_of(word: &str) -> (usize, Shape) {
    let first = word.chars().next().unwrap_or(' ');
    if first.is_numeric() {
        // "2013-Turkmenistan" (a date glued to a name): the number alone.
        let glued = word.char_indices().find(|&(i, c)| {
            matches!(c, '-' | '\u{2010}' | '\u{2011}')
                && word[i + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
        });
        return (glued.map_or(word.len(), |(i, _)| i), Shape::Number);
    }
    if first.is_lowercase() {
        // "al-Hindi", "el-Sisi": a particle glued to a capitalised name.
        if let Some((head, tail)) = word.split_once(['-', '\u{2010}', '\u{2011}'])
            && super::lexicon::is_particle(head)
            && tail.chars().next().is_some_and(char::is_uppercase)
        {
            return (word.len(), Shape::Capital);
        }
        return (word.len(), Shape::Lower);
    }
    let mut len = word.len();
    for (i, c) in word.char_indices() {
        if matches!(c, '-' | '\u{2010}' | '\u{2011}') {
            let rest = &word[i + c.len_utf8()..];
            let part = rest.split(['-', '\u{2010}', '\u{2011}']).next().unwrap_or("");
            if part.chars().next().is_some_and(char::is_lowercase) && !super::lexicon::is_particle(part) {
                len = i;
                break;
            }
        }
    }
    let kept = &word[..len];
    let letters = kept.chars().filter(|c| c.is_alphabetic()).count();
    let upper = kept.chars().filter(|c| c.is_uppercase()).count();
    if letters >= 2 && upper == letters {
        (len, Shape::Upper)
    } else {
        (len, Shape::Capital)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(&str, Shape)> {
        let mut out = Vec::new();
        tokenize(text, 0..text.len(), &mut out);
        out.into_iter()
            .filter_map(|t| match t.kind {
                TokenKind::Word(s) => Some((&text[t.range], s)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn words_keep_hyphens_and_drop_possessives() {
        assert_eq!(
            words("Amir-Abdollahian’s Iran-backed U.S. al-Hindi O'Brien Hamas’"),
            vec![
                ("Amir-Abdollahian", Shape::Capital),
                ("Iran", Shape::Capital),
                ("backed", Shape::Lower),
                ("U.S.", Shape::Upper),
                ("al-Hindi", Shape::Capital),
                ("O'Brien", Shape::Capital),
                ("Hamas", Shape::Capital),
            ]
        );
    }

    #[test]
    fn a_date_glued_to_a_name_is_two_words() {
        assert_eq!(
            words("27/09/2013-Turkmenistan 76ers 2-1"),
            vec![
                ("27", Shape::Number),
                ("09", Shape::Number),
                ("2013", Shape::Number),
                ("Turkmenistan", Shape::Capital),
                ("76ers", Shape::Number),
                ("2-1", Shape::Number),
            ]
        );
    }

    #[test]
    fn offsets_are_into_the_whole_text() {
        let text = "xx Tehran";
        let mut out = Vec::new();
        tokenize(text, 3..9, &mut out);
        assert_eq!(out[0].range, 3..9);
    }
}
