//! The loaded-language lexicon: `assets/framing/loaded-en.toml`, compiled in, plus the user's
//! file from the config (`[framing] lexicon`), matched by whole words against the tokens.

use std::collections::HashMap;

use serde::Deserialize;

use super::words::{Kind, Token, tokenize};

/// The bundled lexicon.
const BUNDLED: &str = include_str!("../../assets/framing/loaded-en.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    category: Vec<Category>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Category {
    name: String,
    #[serde(default)]
    #[allow(dead_code)]
    note: String,
    terms: Vec<String>,
}

/// Loaded terms by their first word.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lexicon {
    categories: Vec<String>,
    /// First word → (all words, category), longest first.
    by_first: HashMap<String, Vec<(Vec<String>, usize)>>,
}

/// One loaded term found in a text: how many tokens it spans and its category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub tokens: usize,
    pub category: usize,
}

impl Lexicon {
    /// The bundled lexicon.
    pub fn builtin() -> Self {
        let mut lexicon = Self::default();
        lexicon
            .add_toml(BUNDLED)
            .expect("assets/framing/loaded-en.toml parses (tested)");
        lexicon
    }

    /// The bundled lexicon with a user file added.
    pub fn with_user_file(text: &str) -> Result<Self, String> {
        let mut lexicon = Self::builtin();
        lexicon.add_toml(text)?;
        Ok(lexicon)
    }

    /// Adds the categories of a lexicon file.
    pub fn add_toml(&mut self, text: &str) -> Result<(), String> {
        let file: File = toml::from_str(text).map_err(|e| e.to_string())?;
        for category in file.category {
            let id = self.categories.len();
            self.categories.push(category.name);
            for term in category.terms {
                let words: Vec<String> = tokenize(&term)
                    .into_iter()
                    .filter(|t| t.kind == Kind::Word)
                    .map(|t| t.key)
                    .collect();
                let Some(first) = words.first().cloned() else {
                    return Err(format!("an empty term in category {:?}", self.categories[id]));
                };
                let list = self.by_first.entry(first).or_default();
                list.push((words, id));
                list.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
            }
        }
        Ok(())
    }

    /// The category's name.
    pub fn category(&self, id: usize) -> &str {
        &self.categories[id]
    }

    /// The longest term that starts at `tokens[at]`, if any.
    pub fn match_at(&self, tokens: &[Token], at: usize) -> Option<Hit> {
        let list = self.by_first.get(&tokens[at].key)?;
        list.iter().find_map(|(words, category)| {
            let slice = tokens.get(at..at + words.len())?;
            slice
                .iter()
                .zip(words)
                .all(|(t, w)| t.kind == Kind::Word && t.key == *w)
                .then_some(Hit {
                    tokens: words.len(),
                    category: *category,
                })
        })
    }

    /// Whether a single word is a term on its own.
    pub fn is_term(&self, key: &str) -> bool {
        self.by_first
            .get(key)
            .is_some_and(|list| list.iter().any(|(w, _)| w.len() == 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_lexicon_parses_and_matches_whole_words() {
        let lexicon = Lexicon::builtin();
        let tokens = tokenize("Freedom fighters, not terrorists; a regimen.");
        let hit = lexicon.match_at(&tokens, 0).expect("a phrase");
        assert_eq!((hit.tokens, lexicon.category(hit.category)), (2, "conflict-side"));
        assert!(lexicon.match_at(&tokens, 4).is_some());
        assert!(lexicon.match_at(&tokens, 7).is_none(), "regimen is not regime");
    }

    #[test]
    fn a_user_file_adds_categories_and_bad_files_are_refused() {
        let lexicon =
            Lexicon::with_user_file("[[category]]\nname = \"mine\"\nterms = [\"zealot\"]\n").expect("parses");
        assert!(lexicon.is_term("zealot") && lexicon.is_term("terrorist"));
        assert!(Lexicon::with_user_file("[[category]]\nname = \"x\"\nterm = []\n").is_err());
        assert!(Lexicon::with_user_file("[[category]]\nname = \"x\"\nterms = [\"\"]\n").is_err());
    }
}
