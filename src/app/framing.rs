//! The reader's framing lens: the framing of the open articles (computed on the entity
//! worker thread), the panel of one entity (one column per outlet with its names and
//! descriptors and their counts, each line jumping to its first occurrence), and the loaded
//! terms marked in the text when the toggle is on.
//!
//! The panel is built once when it opens, so drawing it only reads.

use std::ops::Range;
use std::sync::Arc;

use super::{App, Mode};
use crate::article::Article;
use crate::framing::{Framing, summary};

/// The framing the panes show, and whether loaded terms are marked.
#[derive(Debug, Clone, Default)]
pub struct FramingState {
    /// The articles it was computed for, in its document order.
    pub docs: Vec<Arc<Article>>,
    pub result: Option<Arc<Framing>>,
    /// Loaded terms per document, sorted by start.
    pub loaded: Vec<Vec<Range<usize>>>,
    /// Mark loaded terms in the text.
    pub show_loaded: bool,
}

impl FramingState {
    /// Takes a framing of `docs`.
    pub fn set(&mut self, docs: Vec<Arc<Article>>, framing: Framing) {
        let mut loaded = vec![Vec::new(); docs.len()];
        for term in &framing.loaded {
            if let Some(list) = loaded.get_mut(term.doc) {
                list.push(term.range.clone());
            }
        }
        self.loaded = loaded;
        self.docs = docs;
        self.result = Some(Arc::new(framing));
    }

    /// The loaded terms to mark in `article`: none unless the toggle is on.
    pub fn loaded_in(&self, article: &Arc<Article>) -> &[Range<usize>] {
        if !self.show_loaded {
            return &[];
        }
        self.docs
            .iter()
            .position(|d| Arc::ptr_eq(d, article))
            .and_then(|doc| self.loaded.get(doc))
            .map_or(&[], Vec::as_slice)
    }
}

/// What one line of a column is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Name,
    Descriptor,
}

/// One line of the panel: a name or a descriptor as the outlet writes it, how often, and where
/// it first occurs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PanelLine {
    pub kind: LineKind,
    pub text: String,
    pub count: usize,
    /// Byte offset of its first occurrence in the column's article.
    pub at: usize,
    pub loaded: bool,
}

/// One outlet's column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// The pane the outlet's article is in.
    pub pane: usize,
    pub outlet: String,
    pub lines: Vec<PanelLine>,
}

/// The framing panel of one entity, built when it opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Panel {
    pub label: String,
    pub columns: Vec<Column>,
}

impl Panel {
    /// The lines in cursor order (column by column), as (column, line).
    pub fn items(&self) -> Vec<(usize, usize)> {
        self.columns
            .iter()
            .enumerate()
            .flat_map(|(c, col)| (0..col.lines.len()).map(move |l| (c, l)))
            .collect()
    }
}

/// `framing`: opens the panel for the entity highlighted in the entities panel, else the first
/// one named in the sentence (or selection) under the cursor, else the selected one.
pub fn open(app: &mut App) {
    let from_panel = (app.mode == Mode::Entities)
        .then(|| app.entities.panel_rows().get(app.entities.panel.cursor).copied())
        .flatten();
    let under_cursor = app.focused().and_then(|pane| {
        let target = pane.cursor.as_ref().and(pane.target_range())?;
        pane.highlights
            .iter()
            .find(|h| h.range.start < target.end && target.start < h.range.end)
            .map(|h| h.entity)
    });
    let Some(entity) = from_panel.or(under_cursor).or(app.entities.selected) else {
        app.error("no entity selected: press e, move to one, then f (or Enter, then f)");
        return;
    };
    let Some(framing) = app.framing.result.clone() else {
        app.info("the framing is still being found…");
        return;
    };
    if app.entity_index_of(&app.framing.docs).is_none() {
        app.info("the framing is still being found…");
        return;
    }
    let analysed = app.entities.index.as_ref().map_or(0, |i| i.entities.len());
    let Some(&frame) = framing
        .of_entity
        .get(entity)
        .filter(|_| framing.of_entity.len() == analysed)
    else {
        app.info("the framing is still being found…");
        return;
    };
    app.entities.selected = Some(entity);
    let panel = build(app, &framing, frame);
    app.mode = Mode::Framing {
        cursor: 0,
        panel: Arc::new(panel),
    };
}

/// The panel of frame `frame`: one column per open pane, in pane order.
pub fn build(app: &App, framing: &Framing, frame: usize) -> Panel {
    let f = &framing.entities[frame];
    let columns = app
        .panes
        .iter()
        .enumerate()
        .filter_map(|(pane, p)| {
            let doc = app.framing.docs.iter().position(|d| Arc::ptr_eq(d, &p.article))?;
            let text = &p.article.text;
            let mut lines: Vec<PanelLine> = Vec::new();
            // Names: each spelling, folded by case.
            let mut names: Vec<PanelLine> = Vec::new();
            for m in f.mentions.iter().filter(|m| m.doc == doc) {
                let shown = text[m.range.clone()]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                match names.iter_mut().find(|n| n.text.eq_ignore_ascii_case(&shown)) {
                    Some(n) => n.count += 1,
                    None => names.push(PanelLine {
                        kind: LineKind::Name,
                        text: shown,
                        count: 1,
                        at: m.range.start,
                        loaded: false,
                    }),
                }
            }
            names.sort_by_key(|n| std::cmp::Reverse(n.count));
            lines.extend(names);
            for (shown, count) in summary::counts(f, doc, text) {
                let key = summary::fold(&shown);
                let first = f.descriptors.iter().filter(|d| d.doc == doc).find(|d| {
                    summary::fold(
                        &text[d.range.clone()]
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" "),
                    ) == key
                });
                lines.push(PanelLine {
                    kind: LineKind::Descriptor,
                    text: shown,
                    count,
                    at: first.map_or(0, |d| d.range.start),
                    loaded: first.is_some_and(|d| d.loaded),
                });
            }
            Some(Column {
                pane,
                outlet: p.outlet(),
                lines,
            })
        })
        .collect();
    Panel {
        label: f.label.clone(),
        columns,
    }
}

/// `confirm` in the panel: jump to the highlighted line's occurrence and close the panel.
pub fn confirm(app: &mut App, cursor: usize, panel: &Panel) {
    let items = panel.items();
    let Some(&(c, l)) = items.get(cursor) else {
        return;
    };
    let column = &panel.columns[c];
    let line = &column.lines[l];
    if let Some(pane) = app.panes.get_mut(column.pane) {
        pane.show_offset(line.at);
        app.focus = column.pane;
        app.entities.last_jump = None;
        app.info(format!("{}: {}", column.outlet, line.text));
    }
}

/// `loaded-terms`: marks loaded terms in the text, or stops.
pub fn toggle_loaded(app: &mut App) {
    app.framing.show_loaded = !app.framing.show_loaded;
    let count: usize = app.framing.loaded.iter().map(Vec::len).sum();
    if app.framing.show_loaded {
        app.info(format!(
            "marking {count} loaded terms (lexicon: assets/framing/loaded-en.toml)"
        ));
    } else {
        app.info("loaded terms no longer marked");
    }
}
