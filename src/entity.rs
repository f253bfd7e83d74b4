//! Named entities across articles: detection, normalisation and clustering. Pure: no IO.
//!
//! The reader runs [`analyze`] on a worker thread and draws each [`Entity`]'s mentions in one
//! colour in every pane.

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
