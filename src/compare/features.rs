//! What each sentence says, as a set of features: stemmed content words, normalised numbers
//! and dates, and the entities it mentions (by cluster, so "Esmail Qaani" and "Ismail Qaani"
//! are one feature). Words inside an entity mention count only through the entity.

use std::collections::HashMap;
use std::ops::Range;

use super::events::class_of;
use super::lexicon::{Word, classify};
use crate::article::Article;
use crate::entity::EntityIndex;

/// A feature before interning.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Word(String),
    Number(String),
    Entity(usize),
    Event(&'static str),
}

/// The kind of a feature: it sets the feature's weight multiplier (see `weights`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    Number,
    Entity,
    Event,
}

/// One sentence of one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub doc: usize,
    pub range: Range<usize>,
    /// Interned feature ids, sorted, without repeats.
    pub features: Vec<u32>,
}

/// Every sentence of the case with its features, and what each feature id is.
#[derive(Debug, Default)]
pub struct Features {
    pub sentences: Vec<Sentence>,
    pub kinds: Vec<Kind>,
}

/// Interns features to dense ids.
#[derive(Default)]
struct Interner {
    ids: HashMap<Key, u32>,
    kinds: Vec<Kind>,
}

impl Interner {
    fn id(&mut self, key: Key) -> u32 {
        let kind = match key {
            Key::Word(_) => Kind::Word,
            Key::Event(_) => Kind::Event,
            Key::Number(_) => Kind::Number,
            Key::Entity(_) => Kind::Entity,
        };
        let next = self.kinds.len() as u32;
        *self.ids.entry(key).or_insert_with(|| {
            self.kinds.push(kind);
            next
        })
    }
}

/// The sentences (`sentences[doc]`, byte ranges into each article's text) with their features.
pub fn extract(articles: &[&Article], sentences: &[Vec<Range<usize>>], index: &EntityIndex) -> Features {
    let mentions = mentions_by_doc(articles.len(), index);
    let mut interner = Interner::default();
    let mut out = Vec::new();
    for (doc, article) in articles.iter().enumerate() {
        let doc_mentions = &mentions[doc];
        for range in &sentences[doc] {
            let mut features = Vec::new();
            // Mentions are sorted by start: the ones inside this sentence are a contiguous run.
            let first = doc_mentions.partition_point(|(r, _)| r.end <= range.start);
            let inside: Vec<&(Range<usize>, usize)> = doc_mentions[first..]
                .iter()
                .take_while(|(r, _)| r.start < range.end)
                .collect();
            for (_, entity) in &inside {
                features.push(interner.id(Key::Entity(*entity)));
            }
            // A headline is hidden (the pane header shows it) and read whole.
            let parts = if article.is_hidden(range.start) {
                vec![range.clone()]
            } else {
                article.visible_parts(range.clone())
            };
            for part in parts {
                words(&article.text, part, &inside, &mut interner, &mut features);
            }
            features.sort_unstable();
            features.dedup();
            out.push(Sentence {
                doc,
                range: range.clone(),
                features,
            });
        }
    }
    Features {
        sentences: out,
        kinds: interner.kinds,
    }
}

/// Each article's entity mentions as (range, entity), sorted by start.
fn mentions_by_doc(docs: usize, index: &EntityIndex) -> Vec<Vec<(Range<usize>, usize)>> {
    let mut by_doc = vec![Vec::new(); docs];
    for (id, entity) in index.entities.iter().enumerate() {
        for m in &entity.mentions {
            if let Some(list) = by_doc.get_mut(m.doc) {
                list.push((m.range.clone(), id));
            }
        }
    }
    for list in &mut by_doc {
        list.sort_by_key(|(r, id)| (r.start, r.end, *id));
    }
    by_doc
}

/// The word and number features of one visible part of a sentence.
fn words(
    text: &str,
    part: Range<usize>,
    mentions: &[&(Range<usize>, usize)],
    interner: &mut Interner,
    features: &mut Vec<u32>,
) {
    let mut last_number: Option<String> = None;
    for token in tokens(&text[part.clone()]) {
        let at = part.start + token.start;
        if mentions.iter().any(|(r, _)| r.start <= at && at < r.end) {
            last_number = None;
            continue;
        }
        let lower = text[at..part.start + token.end].to_lowercase();
        match classify(&lower) {
            Word::Stop => last_number = None,
            Word::Number(n) => {
                features.push(interner.id(Key::Number(n.clone())));
                last_number = Some(n);
            }
            Word::Scale(scale) => {
                // "2 million" is the number 2m, not the number 2 and the word "million".
                if let Some(n) = last_number.take() {
                    features.push(interner.id(Key::Number(format!("{n}{scale}"))));
                }
            }
            Word::Content(w) => {
                last_number = None;
                // A word inside a hyphenated compound modifies ("far-left", "left-wing",
                // "fire-resistant"): it names no happening, so it gets no event class.
                let start = part.start + token.start;
                let end = part.start + token.end;
                let compound = text[..start].ends_with(['-', '\u{2010}', '\u{2011}'])
                    || text[end..].starts_with(['-', '\u{2010}', '\u{2011}']);
                if let Some(class) = class_of(&lower, &w).filter(|_| !compound) {
                    features.push(interner.id(Key::Event(class)));
                }
                features.push(interner.id(Key::Word(w)));
            }
        }
    }
}

/// Word tokens of `text` as byte ranges: letters and digits, with an apostrophe between
/// letters ("Iran's") and a dot or comma between digits ("1,200", "1.5") kept inside. Hyphens
/// split ("33-year-old" is 33, year, old).
fn tokens(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut start: Option<usize> = None;
    for (k, &(i, c)) in chars.iter().enumerate() {
        let prev = k.checked_sub(1).map(|p| chars[p].1);
        let next = chars.get(k + 1).map(|&(_, n)| n);
        let inner = match c {
            '\'' | '’' => {
                prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric)
            }
            '.' | ',' => prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit()),
            _ => false,
        };
        if c.is_alphanumeric() || (inner && start.is_some()) {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push(s..i);
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The event classes `words` finds in `text`.
    fn classes(text: &str) -> Vec<Key> {
        let mut interner = Interner::default();
        let mut features = Vec::new();
        words(text, 0..text.len(), &[], &mut interner, &mut features);
        let mut found: Vec<Key> = interner
            .ids
            .into_keys()
            .filter(|k| matches!(k, Key::Event(_)))
            .collect();
        found.sort_by_key(|k| format!("{k:?}"));
        found
    }

    #[test]
    fn a_word_inside_a_hyphenated_compound_is_no_event() {
        assert_eq!(
            classes("The minister left the room early."),
            vec![Key::Event("depart")]
        );
        assert!(classes("Far-left activists and left-wing groups gathered.").is_empty());
        assert_eq!(
            classes("A fire-resistant door stopped the fire."),
            vec![Key::Event("fire")]
        );
    }

    #[test]
    fn tokens_keep_numbers_and_possessives_whole() {
        let text = "Iran's 1,200 troops — a 33-year-old.";
        let got: Vec<&str> = tokens(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(got, ["Iran's", "1,200", "troops", "a", "33", "year", "old"]);
    }
}
