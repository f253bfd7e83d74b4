//! The reader's view of the entity index: which mentions each pane highlights, the selected
//! entity, the entities panel (filter and cursor), and jumping between mentions.
//!
//! The index arrives from a worker thread for a list of articles; panes find their document in
//! it by identity, so closing, reordering or opening panes never mislabels a highlight.

use std::ops::Range;
use std::sync::Arc;

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config as MatcherConfig, Matcher, Utf32Str};

use super::{App, Effect, changes};
use crate::annotation::Edit;
use crate::article::Article;
use crate::entity::{EntityIndex, Merge, Rename, Split};

/// One highlighted mention in a pane: a byte range and the entity it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Highlight {
    pub range: Range<usize>,
    pub entity: usize,
}

/// The entity results and the user's choices about them.
#[derive(Debug, Clone, Default)]
pub struct EntityState {
    /// The articles the index was computed for, in its document order.
    pub docs: Vec<Arc<Article>>,
    pub index: Option<Arc<EntityIndex>>,
    /// The entity emphasised in every pane (`Enter` in the panel).
    pub selected: Option<usize>,
    /// A new analysis was asked for and has not arrived yet.
    pub pending: bool,
    /// Select the entity with this label when the next analysis arrives (after a rename).
    pub reselect: Option<String>,
    /// The mention jumped to last: (pane, byte offset).
    pub last_jump: Option<(usize, usize)>,
    /// How many documents mention each entity; computed when the index arrives.
    pub sources: Vec<usize>,
    /// Each entity's colour, a slot of [`crate::entity::colour::palette`]; assigned once when
    /// the index arrives (never per frame).
    pub colours: Vec<usize>,
    pub panel: PanelState,
}

/// The entities panel: its filter text and the highlighted row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PanelState {
    pub filter: String,
    pub cursor: usize,
}

impl EntityState {
    /// The document index of `article` in the current results.
    pub fn doc_of(&self, article: &Arc<Article>) -> Option<usize> {
        self.docs.iter().position(|d| Arc::ptr_eq(d, article))
    }

    /// The highlights for one article, sorted by start.
    pub fn highlights_for(&self, article: &Arc<Article>) -> Vec<Highlight> {
        let (Some(index), Some(doc)) = (&self.index, self.doc_of(article)) else {
            return Vec::new();
        };
        let mut out: Vec<Highlight> = index
            .entities
            .iter()
            .enumerate()
            .flat_map(|(entity, e)| {
                e.mentions
                    .iter()
                    .filter(|m| m.doc == doc)
                    .map(move |m| Highlight {
                        range: m.range.clone(),
                        entity,
                    })
            })
            .collect();
        out.sort_by_key(|h| (h.range.start, h.range.end));
        out
    }

    /// Takes a new index for `docs` and counts each entity's sources.
    pub fn set_index(&mut self, docs: Vec<Arc<Article>>, index: EntityIndex) {
        self.sources = index
            .entities
            .iter()
            .map(|e| {
                let mut d: Vec<usize> = e.mentions.iter().map(|m| m.doc).collect();
                d.sort_unstable();
                d.dedup();
                d.len()
            })
            .collect();
        self.colours = crate::entity::colour::assign(&index, &crate::entity::colour::palette());
        self.docs = docs;
        self.index = Some(Arc::new(index));
        self.pending = false;
    }

    /// The colour slot of entity `entity`.
    pub fn colour(&self, entity: usize) -> usize {
        self.colours.get(entity).copied().unwrap_or(entity)
    }

    /// How many documents mention entity `entity`.
    pub fn source_count(&self, entity: usize) -> usize {
        self.sources.get(entity).copied().unwrap_or(0)
    }

    /// Entities in panel order (most sources, then most mentions, then label), filtered by the
    /// panel's fuzzy filter (best matches first when filtering).
    pub fn panel_rows(&self) -> Vec<usize> {
        let Some(index) = &self.index else {
            return Vec::new();
        };
        let mut rows: Vec<usize> = (0..index.entities.len()).collect();
        rows.sort_by(|&a, &b| {
            let (ea, eb) = (&index.entities[a], &index.entities[b]);
            self.source_count(b)
                .cmp(&self.source_count(a))
                .then(eb.mentions.len().cmp(&ea.mentions.len()))
                .then(ea.label.cmp(&eb.label))
        });
        let filter = self.panel.filter.trim();
        if filter.is_empty() {
            return rows;
        }
        let pattern = Pattern::parse(filter, CaseMatching::Ignore, Normalization::Smart);
        let mut matcher = Matcher::new(MatcherConfig::DEFAULT);
        let mut buf = Vec::new();
        // Every spelling of an entity matches, not only its label ("Esmail" finds Ismail Qaani).
        let mut scored: Vec<(u32, usize)> = rows
            .into_iter()
            .filter_map(|i| {
                let label = index.entities[i].label.as_str();
                std::iter::once(label)
                    .chain(self.spellings(i).iter().map(String::as_str))
                    .filter_map(|name| pattern.score(Utf32Str::new(name, &mut buf), &mut matcher))
                    .max()
                    .map(|s| (s, i))
            })
            .collect();
        // Stable sort keeps the coverage order among equal scores.
        scored.sort_by_key(|&(score, _)| std::cmp::Reverse(score));
        scored.into_iter().map(|(_, i)| i).collect()
    }

    /// The distinct spellings of entity `entity` other than its label, most frequent first.
    pub fn spellings(&self, entity: usize) -> Vec<String> {
        let Some(e) = self.index.as_ref().and_then(|x| x.entities.get(entity)) else {
            return Vec::new();
        };
        let mut counts: Vec<(String, usize)> = Vec::new();
        for m in &e.mentions {
            let Some(text) = self.docs.get(m.doc).and_then(|d| d.text.get(m.range.clone())) else {
                continue;
            };
            match counts.iter_mut().find(|(s, _)| s == text) {
                Some((_, n)) => *n += 1,
                None => counts.push((text.to_string(), 1)),
            }
        }
        counts.retain(|(s, _)| *s != e.label);
        counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        counts.into_iter().map(|(s, _)| s).collect()
    }

    /// The entity whose label is `label` (case-insensitive).
    pub fn find_label(&self, label: &str) -> Option<usize> {
        let index = self.index.as_ref()?;
        let wanted = label.trim().to_lowercase();
        index
            .entities
            .iter()
            .position(|e| e.label.to_lowercase() == wanted)
    }
}

/// The label of the selected entity.
pub fn selected_label(app: &App) -> Option<String> {
    let index = app.entities.index.as_ref()?;
    Some(index.entities.get(app.entities.selected?)?.label.clone())
}

/// Selects entity `entity` and jumps to its first mention.
pub fn select(app: &mut App, entity: usize) {
    app.entities.selected = Some(entity);
    app.entities.last_jump = None;
    jump(app, true);
}

/// Jumps to the next (or previous) mention of the selected entity, in pane order, wrapping.
pub fn jump(app: &mut App, forward: bool) {
    let Some(selected) = app.entities.selected else {
        app.error("no entity selected: press e and choose one with Enter");
        return;
    };
    let mentions: Vec<(usize, usize)> = app
        .panes
        .iter()
        .enumerate()
        .flat_map(|(p, pane)| {
            pane.highlights
                .iter()
                .filter(|h| h.entity == selected)
                .map(move |h| (p, h.range.start))
        })
        .collect();
    let Some(&first) = mentions.first() else {
        app.error("the selected entity is not mentioned in any open pane");
        return;
    };
    // After a jump, move past it; otherwise start from the top of the focused pane, inclusive.
    let (current, inclusive) = match app.entities.last_jump {
        Some(last) => (last, false),
        None => (
            (
                app.focus,
                app.panes.get_mut(app.focus).map_or(0, super::Pane::top_offset),
            ),
            true,
        ),
    };
    let target = if forward {
        mentions
            .iter()
            .copied()
            .find(|&m| m > current || (inclusive && m == current))
            .unwrap_or(first)
    } else {
        mentions
            .iter()
            .rev()
            .copied()
            .find(|&m| m < current)
            .unwrap_or(mentions[mentions.len() - 1])
    };
    let number = mentions.iter().position(|&m| m == target).unwrap_or(0) + 1;
    app.entities.last_jump = Some(target);
    app.focus = target.0;
    let pane = &mut app.panes[target.0];
    pane.show_offset(target.1);
    let label = selected_label(app).unwrap_or_default();
    app.info(format!("{label}: mention {number} of {}", mentions.len()));
}

/// `:merge OTHER`: the selected entity and `other` are one. A decision in the notes, made
/// through the one edit path (undoable, refused when the notes are read-only); the entities
/// are then found again.
pub fn merge_with(app: &mut App, other: &str) -> Vec<Effect> {
    let Some(label) = selected_label(app) else {
        return no_selection(app);
    };
    let Some(other) = app
        .entities
        .find_label(other)
        .and_then(|i| app.entities.index.as_ref().map(|x| x.entities[i].label.clone()))
    else {
        app.error(format!("no entity labelled `{other}`"));
        return Vec::new();
    };
    if other == label {
        app.error(format!(
            "{label} is already one entity: name another to merge it with"
        ));
        return Vec::new();
    }
    let effects = changes::edit(
        app,
        &Edit::MergeEntities(Merge {
            labels: vec![label.clone(), other.clone()],
        }),
    );
    if !effects.is_empty() {
        app.info(format!("merged {label} and {other}"));
    }
    effects
}

/// `:split VARIANT`: mentions spelled `variant` are not the selected entity.
pub fn split_off(app: &mut App, variant: String) -> Vec<Effect> {
    let Some(label) = selected_label(app) else {
        return no_selection(app);
    };
    let has = app.entities.selected.is_some_and(|i| {
        app.entities
            .spellings(i)
            .iter()
            .any(|s| s.to_lowercase() == variant.trim().to_lowercase())
    });
    if !has {
        app.error(format!("{label} has no spelling `{variant}`: nothing to split"));
        return Vec::new();
    }
    let message = format!("split `{variant}` off {label}");
    let effects = changes::edit(app, &Edit::SplitEntity(Split { label, variant }));
    if !effects.is_empty() {
        app.info(message);
    }
    effects
}

/// `:rename TO`: shows the selected entity as `to`, and keeps it selected.
pub fn rename(app: &mut App, to: String) -> Vec<Effect> {
    let Some(label) = selected_label(app) else {
        return no_selection(app);
    };
    let message = format!("renamed {label} to {to}");
    let effects = changes::edit(
        app,
        &Edit::RenameEntity(Rename {
            label,
            to: to.clone(),
        }),
    );
    if !effects.is_empty() {
        app.entities.reselect = Some(to);
        app.info(message);
    }
    effects
}

fn no_selection(app: &mut App) -> Vec<Effect> {
    app.error("no entity selected: press e and choose one with Enter");
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::{Entity, Kind, Mention, Reason};

    fn entity(label: &str, mentions: &[(usize, usize)]) -> Entity {
        Entity {
            label: label.into(),
            kind: Kind::Person,
            reason: Reason::Exact,
            mentions: mentions
                .iter()
                .map(|&(doc, start)| Mention {
                    doc,
                    range: start..start + 3,
                })
                .collect(),
        }
    }

    fn state() -> EntityState {
        let docs = vec![
            Arc::new(Article::plain("a", "aaa bbb ccc")),
            Arc::new(Article::plain("b", "bbb ccc")),
        ];
        let index = EntityIndex {
            entities: vec![
                entity("Solo", &[(0, 0)]),
                entity("Both", &[(0, 4), (1, 0)]),
                entity("Busy", &[(0, 8), (0, 0)]),
            ],
        };
        let mut state = EntityState::default();
        state.set_index(docs, index);
        state
    }

    #[test]
    fn highlights_belong_to_their_article_by_identity() {
        let s = state();
        let hl = s.highlights_for(&s.docs[1]);
        assert_eq!(
            hl,
            vec![Highlight {
                range: 0..3,
                entity: 1
            }]
        );
        let stranger = Arc::new(Article::plain("b", "bbb ccc"));
        assert!(s.highlights_for(&stranger).is_empty());
    }

    #[test]
    fn panel_orders_by_sources_then_mentions_and_filters_fuzzily() {
        let mut s = state();
        assert_eq!(s.panel_rows(), vec![1, 2, 0]);
        s.panel.filter = "bsy".into();
        assert_eq!(s.panel_rows(), vec![2]);
        assert_eq!(s.find_label("both"), Some(1));
    }
}
