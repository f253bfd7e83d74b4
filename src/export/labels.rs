//! "How each outlet labels the main actors": the framing lens in the report. For the most
//! covered entities with descriptors, each source's descriptors with their counts. Pure: the
//! framing engine runs on the articles and the entity analysis the report already has.

use std::sync::LazyLock;

use serde::Serialize;

use crate::article::Article;
use crate::article::sanitize::sanitize_line;
use crate::entity::{EntityIndex, Gazetteer, Kind};
use crate::framing::{self, Lexicon, summary};

/// The most entities the section lists.
pub const MAX_LABEL_ROWS: usize = 15;

/// The bundled gazetteer (for demonyms) and lexicon, read once per process.
static BUNDLED: LazyLock<(Gazetteer, Lexicon)> = LazyLock::new(|| (Gazetteer::builtin(), Lexicon::builtin()));

/// One descriptor as a source writes it, and how often.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Label {
    pub text: String,
    pub count: usize,
}

/// How each source labels one entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LabelRow {
    pub entity: String,
    pub kind: Kind,
    /// One list per source, in source order; most frequent first.
    pub labels: Vec<Vec<Label>>,
}

/// The rows: entities in the index's order (most sources first) that some source describes.
pub fn label_rows(articles: &[Article], index: &EntityIndex) -> Vec<LabelRow> {
    let refs: Vec<&Article> = articles.iter().collect();
    let (gazetteer, lexicon) = &*BUNDLED;
    let framing = framing::analyze(&refs, index, gazetteer, lexicon);
    framing
        .entities
        .iter()
        .filter(|frame| {
            frame
                .descriptors
                .iter()
                .any(|d| d.pattern != framing::Pattern::Title)
        })
        .take(MAX_LABEL_ROWS)
        .map(|frame| {
            let mut frame = frame.clone();
            frame.descriptors.retain(|d| d.pattern != framing::Pattern::Title);
            LabelRow {
                entity: sanitize_line(&frame.label),
                kind: frame.kind,
                labels: articles
                    .iter()
                    .enumerate()
                    .map(|(doc, article)| {
                        summary::counts(&frame, doc, &article.text)
                            .into_iter()
                            .map(|(text, count)| Label {
                                text: sanitize_line(&text),
                                count,
                            })
                            .collect()
                    })
                    .collect(),
            }
        })
        .collect()
}
