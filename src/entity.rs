//! Named entities across articles: detection, normalisation and clustering. Pure: no IO.
//!
//! The reader runs [`analyze`] on a worker thread and draws each [`Entity`]'s mentions in one
//! colour in every pane.

pub mod cluster;
pub mod colour;
pub mod decisions;
pub mod detect;
pub mod forms;
pub mod gazetteer;
pub mod kind;
pub mod label;
pub mod lexicon;
pub mod normalize;
pub mod tokens;

use std::ops::Range;

use serde::Serialize;

use crate::article::Article;
pub use gazetteer::Gazetteer;

/// What kind of thing an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Person,
    Organisation,
    Place,
    Event,
    Other,
}

/// Why mentions were put in one cluster (the strongest link used).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Reason {
    Exact,
    Variant,
    Acronym,
    Partial,
    Gazetteer,
    User,
}

/// One occurrence of an entity in one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Index of the article in the slice given to [`analyze`].
    pub doc: usize,
    /// Byte range into that article's canonical text.
    pub range: Range<usize>,
}

/// A cluster of mentions that name the same thing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// The fullest common form of the name.
    pub label: String,
    pub kind: Kind,
    pub reason: Reason,
    /// Sorted by (doc, start).
    pub mentions: Vec<Mention>,
}

/// All entities found in a set of articles.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntityIndex {
    pub entities: Vec<Entity>,
}

/// Finds the entities in the visible text of `articles`, links their mentions across articles
/// and applies the analyst's `decisions`. Pure and deterministic: the same input gives the same
/// output. Entities are sorted by number of articles, then mentions (both descending), then label.
///
/// Steps: [`detect`] (one pass over the words) → [`forms`] (group by folded key) →
/// [`cluster`] (gazetteer, transliteration, typo, acronym and partial-name links) →
/// [`label`] → [`decisions`].
pub fn analyze(articles: &[&Article], gazetteer: &Gazetteer, decisions: &Decisions) -> EntityIndex {
    let mut detection = detect::Detection::default();
    for (doc, article) in articles.iter().enumerate() {
        detect::detect_article(doc, article, gazetteer, &mut detection);
    }
    let texts: Vec<&str> = articles.iter().map(|a| a.text.as_str()).collect();
    let (forms, form_of) = forms::build(&texts, &detection, gazetteer);
    let definitions: Vec<(usize, usize)> = detection
        .definitions
        .iter()
        .filter_map(|&(long, short)| Some((form_of[long]?, form_of[short]?)))
        .collect();
    let clusters = cluster::cluster(&forms, &definitions);
    // Short forms an article resolves on its own ("Lee" after "Ann Lee" there).
    let moved: rustc_hash::FxHashMap<(usize, usize), usize> = clusters
        .moves
        .iter()
        .map(|&(form, doc, group)| ((form, doc), group))
        .collect();
    let mut extra: Vec<Vec<Mention>> = vec![Vec::new(); clusters.groups.len()];
    for (&(form, doc), &group) in &moved {
        extra[group].extend(
            forms[form]
                .mentions
                .iter()
                .filter(|(d, _)| *d == doc)
                .map(|(doc, range)| Mention {
                    doc: *doc,
                    range: range.clone(),
                }),
        );
    }
    let mut entities: Vec<Entity> = clusters
        .groups
        .iter()
        .zip(&extra)
        .map(|((members, reason), extra)| {
            let keep = |form: usize, doc: usize| moved.is_empty() || !moved.contains_key(&(form, doc));
            label::entity(&texts, &forms, members, *reason, keep, extra)
        })
        .filter(|e| !e.mentions.is_empty())
        .collect();
    decisions::apply(&mut entities, &texts, decisions);
    entities.sort_by(|a, b| {
        b.doc_count()
            .cmp(&a.doc_count())
            .then(b.mentions.len().cmp(&a.mentions.len()))
            .then_with(|| a.label.cmp(&b.label))
            .then_with(|| {
                a.mentions
                    .first()
                    .map(|m| (m.doc, m.range.start))
                    .cmp(&b.mentions.first().map(|m| (m.doc, m.range.start)))
            })
    });
    EntityIndex { entities }
}

impl Entity {
    /// In how many articles it is mentioned.
    pub fn doc_count(&self) -> usize {
        let mut docs: Vec<usize> = self.mentions.iter().map(|m| m.doc).collect();
        docs.dedup();
        docs.len()
    }
}

/// The analyst's corrections to clustering, saved with the case's notes and applied after
/// automatic clustering. Labels name entities by their display label.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decisions {
    /// Groups of labels that name one entity.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merges: Vec<Merge>,
    /// Variants (surface forms) split off the entity they were clustered into.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub splits: Vec<Split>,
    /// New display labels.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub renames: Vec<Rename>,
}

/// `merges`: these labels are one entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Merge {
    pub labels: Vec<String>,
}

/// `splits`: mentions spelled `variant` are not the entity labelled `label`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Split {
    pub label: String,
    pub variant: String,
}

/// `renames`: show the entity labelled `label` as `to`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rename {
    pub label: String,
    pub to: String,
}
