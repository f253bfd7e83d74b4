//! The framing lens: for each entity and each article, the phrases that name, label or describe
//! it, and the loaded terms attached to it. Pure: no IO.
//!
//! Steps, per article: [`words`] (the entity engine's tokens, as the patterns read them) → the
//! entity engine's mentions laid over the tokens → [`around`] (patterns next to a name:
//! premodifiers and titles, appositives, predicate nominals, classifier nouns, possessives, the
//! class a list is introduced by), which also learns each person's roles and country →
//! [`standalone`] (descriptions that stand on their own, "the president", "the regime", "the
//! two leaders", linked to the entity or entities they refer to) → loaded terms ([`lexicon`]).
//! Everything is a byte range into the article's canonical text.

pub mod around;
pub mod lexicon;
pub mod merge;
pub mod roles;
pub mod standalone;
pub mod summary;
pub mod words;

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Serialize;

use crate::article::Article;
use crate::entity::gazetteer::key_of;
use crate::entity::{EntityIndex, Gazetteer, Kind, Mention};
pub use lexicon::Lexicon;

/// How a descriptor was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Pattern {
    /// Words before the name: "Iran-backed militant group Hezbollah", "CIA Director Pompeo".
    Premodifier,
    /// A bare title or honorific before the name: "Sheikh", "Brig Gen", "President".
    Title,
    /// Between commas after the name: "Hezbollah, the Lebanese group,".
    Appositive,
    /// After a copula: "X is a nominee to ...".
    Predicate,
    /// A noun after the name: "Houthi rebels", "the Trump administration".
    Classifier,
    /// A description standing on its own, linked to the entity: "the president", "the regime".
    Standalone,
    /// A class the name is listed in: "jihadist organizations such as Hamas", "militia groups,
    /// including the Houthis".
    Member,
}

/// One phrase that labels an entity in one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Descriptor {
    pub doc: usize,
    /// Byte range into the article's canonical text.
    pub range: Range<usize>,
    pub pattern: Pattern,
    /// Contains a term of the loaded-language lexicon.
    pub loaded: bool,
}

/// One occurrence of a loaded term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadedTerm {
    pub doc: usize,
    pub range: Range<usize>,
    /// Index into the lexicon's categories ([`Lexicon::category`]).
    pub category: usize,
    /// The entity ([`Framing::entities`] index) it describes, if one is close enough.
    pub entity: Option<usize>,
}

/// How the articles name and label one entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    pub label: String,
    pub kind: Kind,
    /// Name mentions, sorted by (doc, start).
    pub mentions: Vec<Mention>,
    /// Sorted by (doc, start), not overlapping within one article.
    pub descriptors: Vec<Descriptor>,
}

/// The framing of a case.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Framing {
    /// One per entity (persons split into "Kim" and "Kim Jong Un" merged), in the entity
    /// index's order.
    pub entities: Vec<Frame>,
    /// Every loaded term found, sorted by (doc, start).
    pub loaded: Vec<LoadedTerm>,
    /// For each entity of the index analysed, the frame it is in.
    pub of_entity: Vec<usize>,
}

/// What the patterns learn about a person across the case: role nouns and countries, with
/// counts ("president" ×12, United States ×3).
#[derive(Debug, Clone, Default)]
pub struct Profile {
    pub roles: BTreeMap<String, usize>,
    pub countries: BTreeMap<usize, usize>,
}

impl Profile {
    /// The country most often named with the person.
    pub fn country(&self) -> Option<usize> {
        self.countries
            .iter()
            .max_by_key(|&(id, n)| (*n, std::cmp::Reverse(*id)))
            .map(|(&id, _)| id)
    }
}

/// One article seen by the patterns: its tokens and, per token, the entity named there.
pub struct Doc<'a> {
    pub doc: usize,
    pub text: &'a str,
    pub tokens: Vec<words::Token>,
    /// Per token, the framing entity whose mention covers it.
    pub entity_at: Vec<Option<usize>>,
    /// Mentions as token spans (first, last inclusive, entity), in text order.
    pub spans: Vec<(usize, usize, usize)>,
}

/// Finds the descriptors and loaded terms of every entity of `index` in `articles`.
///
/// A demonym the entity engine left out ("Japanese officials") counts as a mention of its
/// country for the patterns when the country is named in the case; it is not listed as a name.
pub fn analyze(
    articles: &[&Article],
    index: &EntityIndex,
    gazetteer: &Gazetteer,
    lexicon: &Lexicon,
) -> Framing {
    let (frames, of_entity) = merge::frames(index);
    let kinds: Vec<Kind> = frames.iter().map(|f| f.kind).collect();
    let countries = Countries::new(&frames, gazetteer);
    let docs: Vec<Doc> = articles
        .iter()
        .enumerate()
        .map(|(doc, article)| prepare(doc, article, &frames, &countries))
        .collect();
    let mut placed: Vec<(around::Target, Descriptor)> = Vec::new();
    let mut profiles: Vec<Profile> = vec![Profile::default(); frames.len()];
    for doc in &docs {
        around::find(doc, &kinds, lexicon, &mut profiles, &mut placed);
    }
    let mentions: Vec<usize> = frames.iter().map(|f| f.mentions.len()).collect();
    let case = standalone::Case {
        kinds: &kinds,
        profiles: &profiles,
        mentions: &mentions,
    };
    let mut found: Vec<(usize, Descriptor)> = placed
        .into_iter()
        .map(|(target, d)| (case.resolve(&target), d))
        .collect();
    for doc in &docs {
        let mut taken: Vec<Range<usize>> = found
            .iter()
            .filter(|(_, d)| d.doc == doc.doc)
            .map(|(_, d)| d.range.clone())
            .collect();
        taken.sort_by_key(|r| r.start);
        standalone::find(doc, &case, &taken, &mut found);
    }
    let mut framing = Framing {
        entities: frames,
        loaded: Vec::new(),
        of_entity,
    };
    for (entity, descriptor) in found {
        framing.entities[entity].descriptors.push(descriptor);
    }
    for frame in &mut framing.entities {
        tidy(&mut frame.descriptors);
    }
    for doc in &docs {
        mark_loaded(doc, lexicon, &mut framing);
    }
    framing
}

/// Tokens of the visible text, with the entity mentions laid over them.
/// Places of the case by gazetteer entry, to read demonyms.
struct Countries<'g> {
    gazetteer: &'g Gazetteer,
    by_entry: std::collections::HashMap<usize, usize>,
}

impl<'g> Countries<'g> {
    fn new(frames: &[Frame], gazetteer: &'g Gazetteer) -> Self {
        let mut by_entry = std::collections::HashMap::new();
        for (e, frame) in frames.iter().enumerate() {
            if frame.kind == Kind::Place
                && let Some(entry) = gazetteer.entry_for(&key_of(&frame.label))
            {
                by_entry.entry(entry).or_insert(e);
            }
        }
        Self { gazetteer, by_entry }
    }

    /// The frame of the country whose demonym `word` is.
    fn of_demonym(&self, word: &str) -> Option<usize> {
        if self.by_entry.is_empty() || !word.starts_with(char::is_uppercase) {
            return None;
        }
        let entry = self.gazetteer.demonym_entry(&key_of(word))?;
        self.by_entry.get(&entry).copied()
    }
}

fn prepare<'a>(doc: usize, article: &'a Article, frames: &[Frame], countries: &Countries) -> Doc<'a> {
    let tokens = words::tokenize_parts(&article.text, &article.visible_ranges());
    let mut ranges: Vec<(Range<usize>, usize)> = frames
        .iter()
        .enumerate()
        .flat_map(|(e, f)| {
            f.mentions
                .iter()
                .filter(|m| m.doc == doc)
                .map(move |m| (m.range.clone(), e))
        })
        .collect();
    for token in &tokens {
        if token.is_word()
            && let Some(c) = countries.of_demonym(&article.text[token.range.clone()])
            && !ranges
                .iter()
                .any(|(r, _)| r.start < token.range.end && token.range.start < r.end)
        {
            ranges.push((token.range.clone(), c));
        }
    }
    ranges.sort_by_key(|(r, _)| (r.start, r.end));
    let mut entity_at = vec![None; tokens.len()];
    let mut spans = Vec::new();
    let mut k = 0;
    for (range, e) in ranges {
        while k < tokens.len() && tokens[k].range.end <= range.start {
            k += 1;
        }
        let first = k;
        let mut last = None;
        let mut j = k;
        while j < tokens.len() && tokens[j].range.start < range.end {
            // "Iran-backed" names the backer, not the group it describes: a word that runs on
            // past the mention is not the mention (a dot after "U.S" may).
            if tokens[j].range.end > range.end + 1 {
                break;
            }
            if entity_at[j].is_none() {
                entity_at[j] = Some(e);
            }
            last = Some(j);
            j += 1;
        }
        if let Some(last) = last {
            spans.push((first, last, e));
        }
    }
    Doc {
        doc,
        text: &article.text,
        tokens,
        entity_at,
        spans,
    }
}

/// Sorts, drops exact repeats and keeps the first of overlapping descriptors.
fn tidy(descriptors: &mut Vec<Descriptor>) {
    descriptors.sort_by_key(|d| (d.doc, d.range.start, std::cmp::Reverse(d.range.end)));
    let mut kept: Vec<Descriptor> = Vec::with_capacity(descriptors.len());
    for d in descriptors.drain(..) {
        if let Some(last) = kept.last()
            && last.doc == d.doc
            && d.range.start < last.range.end
        {
            continue;
        }
        kept.push(d);
    }
    *descriptors = kept;
}

/// How far (in tokens) a loaded term may be from the name it is attached to.
const LOADED_REACH: usize = 8;

/// How far before a loaded term a descriptor containing it may start (bytes).
const DESCRIPTOR_REACH: usize = 400;

/// Finds the loaded terms of one article and attaches each to an entity.
fn mark_loaded(doc: &Doc, lexicon: &Lexicon, framing: &mut Framing) {
    // This article's descriptors by start: (start, end, frame, index in the frame).
    let mut here: Vec<(usize, usize, usize, usize)> = framing
        .entities
        .iter()
        .enumerate()
        .flat_map(|(e, f)| {
            f.descriptors
                .iter()
                .enumerate()
                .filter(|(_, d)| d.doc == doc.doc)
                .map(move |(i, d)| (d.range.start, d.range.end, e, i))
        })
        .collect();
    here.sort_unstable();
    let mut at = 0;
    while at < doc.tokens.len() {
        let Some(hit) = lexicon.match_at(&doc.tokens, at) else {
            at += 1;
            continue;
        };
        let range = doc.tokens[at].range.start..doc.tokens[at + hit.tokens - 1].range.end;
        let mut entity = None;
        let upto = here.partition_point(|d| d.0 <= range.start);
        for &(start, end, e, i) in here[..upto].iter().rev() {
            if start + DESCRIPTOR_REACH < range.start {
                break;
            }
            if range.end <= end {
                framing.entities[e].descriptors[i].loaded = true;
                entity.get_or_insert(e);
            }
        }
        if entity.is_none() {
            entity = nearest_mention(doc, at, at + hit.tokens);
        }
        framing.loaded.push(LoadedTerm {
            doc: doc.doc,
            range,
            category: hit.category,
            entity,
        });
        at += hit.tokens;
    }
}

/// The entity named closest to tokens `from..to` in the same sentence, within reach.
fn nearest_mention(doc: &Doc, from: usize, to: usize) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    let before = (from.saturating_sub(LOADED_REACH)..from).rev();
    for (step, j) in before.enumerate() {
        if doc.tokens[j].is_boundary() {
            break;
        }
        if let Some(e) = doc.entity_at[j] {
            best = Some((step, e));
            break;
        }
    }
    for (step, j) in (to..(to + LOADED_REACH).min(doc.tokens.len())).enumerate() {
        if doc.tokens[j].is_boundary() {
            break;
        }
        if let Some(e) = doc.entity_at[j] {
            if best.is_none_or(|(s, _)| step < s) {
                best = Some((step, e));
            }
            break;
        }
    }
    best.map(|(_, e)| e)
}

#[cfg(test)]
mod tests;
