//! The cleaner's and the sentence splitter's word lists as data: `assets/cleaning/en.toml`.
//!
//! Page furniture (teaser, ticker and tag headings, share and footer lines, photo credits),
//! newsroom bylines, dateline words, abbreviations and republishing sites, compiled in and parsed
//! once into hash sets on first use; [`install`] adds a user's entries (config `[cleaning]
//! lexicon`) before that. Entries are lower case; look-ups take a lower-cased key.

use std::sync::OnceLock;

use rustc_hash::FxHashSet as HashSet;
use serde::Deserialize;

/// The bundled English lists.
pub const ENGLISH: &str = include_str!("../../assets/cleaning/en.toml");

/// The lists, one per role (see the comments in `assets/cleaning/en.toml`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Words {
    pub teaser_headings: HashSet<String>,
    pub teaser_heading_prefixes: Vec<String>,
    pub ticker_headings: HashSet<String>,
    pub tag_headings: HashSet<String>,
    pub social_lines: HashSet<String>,
    pub social_prefixes: Vec<String>,
    pub footer_lines: HashSet<String>,
    pub footer_prefixes: Vec<String>,
    pub credit_words: Vec<String>,
    /// Longest first, so that "staff writers" is cut before "staff".
    pub staff_suffixes: Vec<String>,
    pub organisation_words: HashSet<String>,
    pub dateline_words: HashSet<String>,
    pub abbreviations: HashSet<String>,
    pub before_number: HashSet<String>,
    pub aggregators: HashSet<String>,
}

impl Words {
    /// Parses a lists file; entries are lower-cased. An error is `line:column: message`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut words: Self = toml::from_str(text).map_err(|e| crate::location::located(text, &e))?;
        for set in words.sets_mut() {
            *set = set.drain().map(|w| w.to_lowercase()).collect();
        }
        for list in words.lists_mut() {
            for w in list.iter_mut() {
                *w = w.to_lowercase();
            }
        }
        words.staff_suffixes.sort_by_key(|s| std::cmp::Reverse(s.len()));
        Ok(words)
    }

    fn sets_mut(&mut self) -> [&mut HashSet<String>; 10] {
        [
            &mut self.teaser_headings,
            &mut self.ticker_headings,
            &mut self.tag_headings,
            &mut self.social_lines,
            &mut self.footer_lines,
            &mut self.organisation_words,
            &mut self.dateline_words,
            &mut self.abbreviations,
            &mut self.before_number,
            &mut self.aggregators,
        ]
    }

    fn lists_mut(&mut self) -> [&mut Vec<String>; 5] {
        [
            &mut self.teaser_heading_prefixes,
            &mut self.social_prefixes,
            &mut self.footer_prefixes,
            &mut self.credit_words,
            &mut self.staff_suffixes,
        ]
    }

    /// Adds every entry of `other`.
    pub fn extend(&mut self, mut other: Words) {
        for (mine, theirs) in self.sets_mut().into_iter().zip(other.sets_mut()) {
            mine.extend(theirs.drain());
        }
        for (mine, theirs) in self.lists_mut().into_iter().zip(other.lists_mut()) {
            for w in theirs.drain(..) {
                if !mine.contains(&w) {
                    mine.push(w);
                }
            }
        }
        self.staff_suffixes.sort_by_key(|s| std::cmp::Reverse(s.len()));
    }
}

static WORDS: OnceLock<Words> = OnceLock::new();

fn builtin() -> Words {
    // Tested to parse (`the_bundled_lists_parse`).
    Words::parse(ENGLISH).unwrap_or_default()
}

/// Adds the entries of a user file to the bundled lists. Call it once, before the first article
/// is loaded; it fails (`line:column: message`) if the file does not parse or the lists are
/// already in use.
pub fn install(user: &str) -> Result<(), String> {
    let mut words = builtin();
    words.extend(Words::parse(user)?);
    WORDS
        .set(words)
        .map_err(|_| "1:1: the cleaner's lists are already in use".to_string())
}

/// The lists in use.
pub fn get() -> &'static Words {
    WORDS.get_or_init(builtin)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_lists_parse_and_every_list_has_entries() {
        let words = Words::parse(ENGLISH).expect("the bundled lists parse");
        let mut words = words;
        assert!(words.sets_mut().iter().all(|s| !s.is_empty()));
        assert!(words.lists_mut().iter().all(|l| !l.is_empty()));
        assert!(words.teaser_headings.contains("related articles"));
        assert!(words.abbreviations.contains("mr"));
    }

    #[test]
    fn a_user_file_adds_entries_and_keeps_the_longest_suffix_first() {
        let mut words = builtin();
        let user = Words::parse(
            "teaser_headings = [\"Weiterlesen\"]\nstaff_suffixes = [\"redaktion\", \"online redaktion\"]",
        )
        .expect("parses");
        words.extend(user);
        assert!(words.teaser_headings.contains("weiterlesen"));
        assert!(
            words.teaser_headings.contains("related articles"),
            "the bundled ones stay"
        );
        let online = words.staff_suffixes.iter().position(|s| s == "online redaktion");
        let plain = words.staff_suffixes.iter().position(|s| s == "redaktion");
        assert!(online < plain, "{:?}", words.staff_suffixes);
    }

    #[test]
    fn an_unknown_list_or_a_broken_file_is_an_error_with_its_place() {
        let unknown = Words::parse("teaser_heading = [\"x\"]").expect_err("unknown key");
        assert!(unknown.contains("teaser_heading"), "{unknown}");
        let broken = Words::parse("social_lines = [\"share\"\nfooter_lines = 3").expect_err("broken");
        assert!(broken.starts_with("2:1: "), "{broken}");
    }
}
