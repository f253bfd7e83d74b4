//! Named entities across articles: detection, normalisation and clustering. Pure: no IO.
//!
//! The reader runs [`analyze`] on a worker thread and draws each [`Entity`]'s mentions in one
//! colour in every pane.

pub mod report;

use std::ops::Range;

use serde::Serialize;

use crate::article::Article;

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

/// Finds the entities in the visible text of `articles`.
pub fn analyze(_articles: &[&Article]) -> EntityIndex {
    EntityIndex::default()
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
