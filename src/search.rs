//! Finding a pattern in articles, as a reader expects: case- and diacritic-insensitive ("qaani"
//! finds "Qāānī", "esmail" finds "ESMAIL"). Pure. An article's text is folded once
//! ([`Folded`]: lower case, combining marks removed, with what maps folded offsets back to the
//! original's); each search is then one SIMD substring scan of the folded text,
//! and its hits are byte ranges into the original, like every other range in Parallax.

use std::ops::Range;

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// The most hits kept per article: past that, a one-letter pattern in a big article would cost
/// memory and time for hits nobody steps through.
pub const MAX_HITS: usize = 10_000;

/// An article's text folded for searching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folded {
    text: String,
    /// Where folded and original offsets part: sorted by folded offset, one entry where each
    /// run of ASCII starts (offsets move together inside it) and one where each other
    /// character's folded form starts (every byte of it maps to the character's start). Empty
    /// when the original is all ASCII. News text is mostly ASCII, so this stays small.
    shifts: Vec<Shift>,
    original_len: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Shift {
    folded: u32,
    original: u32,
    /// A non-ASCII character's folded form, rather than a run of ASCII.
    character: bool,
}

impl Folded {
    /// Folds `text` (its whole length, hidden parts included: hits in hidden text are dropped by
    /// the caller, who knows what is shown).
    pub fn new(text: &str) -> Self {
        let mut folded = String::with_capacity(text.len());
        let mut shifts = Vec::new();
        let ascii = text.is_ascii();
        let bytes = text.as_bytes();
        let mut at = 0;
        while at < text.len() {
            // A run of ASCII (most of any news text) in bulk, then one other character.
            let run = bytes[at..]
                .iter()
                .position(|b| !b.is_ascii())
                .unwrap_or(bytes.len() - at);
            if !ascii {
                shifts.push(Shift {
                    folded: folded.len() as u32,
                    original: at as u32,
                    character: false,
                });
            }
            let from = folded.len();
            folded.push_str(&text[at..at + run]);
            folded[from..].make_ascii_lowercase();
            at += run;
            if let Some(c) = text[at..].chars().next() {
                shifts.push(Shift {
                    folded: folded.len() as u32,
                    original: at as u32,
                    character: true,
                });
                fold_char(c, &mut folded);
                at += c.len_utf8();
            }
        }
        Self {
            text: folded,
            shifts,
            original_len: text.len(),
        }
    }

    /// The original offset of folded offset `at`.
    fn original_of(&self, at: usize) -> usize {
        if self.shifts.is_empty() || at >= self.text.len() {
            return if at >= self.text.len() {
                self.original_len
            } else {
                at
            };
        }
        let index = self
            .shifts
            .partition_point(|s| s.folded as usize <= at)
            .saturating_sub(1);
        let shift = self.shifts[index];
        if shift.character {
            shift.original as usize
        } else {
            shift.original as usize + (at - shift.folded as usize)
        }
    }

    /// The original byte range of the folded range `start..end` (on character boundaries).
    fn original(&self, range: Range<usize>) -> Range<usize> {
        let start = self.original_of(range.start);
        let end = self.original_of(range.end);
        start..end.max(start + 1).min(self.original_len)
    }

    /// The ranges of the original text where `pattern` occurs, in order, at most [`MAX_HITS`],
    /// not overlapping. An empty pattern finds nothing.
    pub fn find(&self, pattern: &str) -> Vec<Range<usize>> {
        let needle = fold(pattern);
        if needle.is_empty() {
            return Vec::new();
        }
        memchr::memmem::find_iter(self.text.as_bytes(), needle.as_bytes())
            .scan(0, |next_free, at| {
                // find_iter does not overlap, but a fold may map two hits to one character.
                let range = self.original(at..at + needle.len());
                let keep = range.start >= *next_free;
                if keep {
                    *next_free = range.end;
                }
                Some(keep.then_some(range))
            })
            .flatten()
            .take(MAX_HITS)
            .collect()
    }
}

/// `text` folded as articles are: lower case, without combining marks.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, &mut out);
    }
    out
}

fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    decompose_canonical(c, |d| {
        if !is_combining_mark(d) {
            out.extend(d.to_lowercase());
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found<'a>(text: &'a str, pattern: &str) -> Vec<&'a str> {
        Folded::new(text)
            .find(pattern)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn case_does_not_matter() {
        assert_eq!(found("ESMAIL Qaani met Esmail", "esmail"), ["ESMAIL", "Esmail"]);
        assert_eq!(found("Tehran", "TEHRAN"), ["Tehran"]);
    }

    #[test]
    fn diacritics_do_not_matter_either_way() {
        assert_eq!(found("Qāānī and Qaani", "qaani"), ["Qāānī", "Qaani"]);
        assert_eq!(found("the Senate of São Paulo", "sao paulo"), ["São Paulo"]);
        assert_eq!(found("Sao Paulo", "São"), ["Sao"]);
        // A decomposed accent (e + combining acute) is found like the composed one.
        assert_eq!(found("cafe\u{301} and café", "café"), ["cafe\u{301}", "café"]);
    }

    #[test]
    fn hits_are_byte_ranges_of_the_original_on_char_boundaries() {
        let text = "«Hamas» — حماس, Hamas.";
        let hits = Folded::new(text).find("hamas");
        assert_eq!(hits.len(), 2);
        for hit in &hits {
            assert!(text.is_char_boundary(hit.start) && text.is_char_boundary(hit.end));
        }
        assert_eq!(found(text, "حماس"), ["حماس"]);
    }

    #[test]
    fn empty_and_absent_patterns_find_nothing() {
        assert!(found("anything", "").is_empty());
        assert!(
            found("anything", "\u{301}").is_empty(),
            "a lone mark folds to nothing"
        );
        assert!(found("anything", "nothing").is_empty());
    }

    #[test]
    fn offsets_map_back_through_runs_and_expanded_characters() {
        // İ lower-cases to two characters (i and a combining dot, which folding drops); ß stays.
        let text = "Ab İstanbul, Straße and ÉCOLE; end";
        assert_eq!(found(text, "istanbul"), ["İstanbul"]);
        assert_eq!(found(text, "straße"), ["Straße"]);
        assert_eq!(found(text, "ecole"), ["ÉCOLE"]);
        assert_eq!(found(text, "end"), ["end"]);
        assert_eq!(found(text, "ab"), ["Ab"]);
    }

    #[test]
    fn hits_are_capped() {
        let text = "a ".repeat(MAX_HITS + 5);
        assert_eq!(Folded::new(&text).find("a").len(), MAX_HITS);
    }
}
