//! Annotating in the reader: the sentence cursor and selection, tags, notes, claim links, bias
//! tags. Every change is an [`Edit`] applied through [`super::changes`], the one edit-and-undo
//! path; the event loop does the writing.

use std::ops::Range;

use super::{Action, App, Effect, Mode};
use crate::annotation::{Anchor, ArticleKey, Edit, Notes, Reliability, Stance};
use crate::article::sentences;

/// The analyst's notes as the reader holds them.
#[derive(Debug, Clone)]
pub struct NotesState {
    pub notes: Notes,
    /// Why the notes cannot be saved (unreadable file, locked, no location); None when they can.
    pub read_only: Option<String>,
    /// Where the notes are, for the status bar.
    pub location: String,
    /// The notes file's directory: article keys are relative to it, exports default to it.
    pub dir: std::path::PathBuf,
    /// An annotation waiting for the other end of a claim link.
    pub link_from: Option<String>,
    /// The clock: RFC 3339 "now". Injected so that tests are deterministic.
    pub clock: fn() -> String,
    /// The notes as the file holds them (last read or saved): what [`crate::annotation::merge`]
    /// compares against to find this session's changes when another program changed the file.
    pub on_disk: Notes,
    /// Another program changed the notes file since it was read; saving waits for the
    /// analyst's choice ([`Mode::NotesChanged`](crate::app::Mode::NotesChanged)).
    pub changed_outside: bool,
}

/// Whether a bias change is for the focused article or, by default, for its whole outlet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scope {
    #[default]
    Article,
    Outlet,
}

impl Default for NotesState {
    fn default() -> Self {
        Self {
            notes: Notes::default(),
            read_only: None,
            location: "notes: not saved".into(),
            dir: std::path::PathBuf::from("."),
            link_from: None,
            clock: crate::annotation::clock::now_rfc3339,
            on_disk: Notes::default(),
            changed_outside: false,
        }
    }
}

/// The sentence cursor of a pane, and the selection when `v` started one. Sentences are held as
/// byte ranges, not as indices into a list of all of them, so that none has to be split.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    /// The sentence under the cursor.
    pub sentence: Range<usize>,
    /// The selected byte range, when selecting.
    pub selection: Option<Selection>,
}

/// A selection: the sentence it started at and its current byte range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    pub anchor: Range<usize>,
    pub range: Range<usize>,
}

/// `t`: the tag picker, for the selection or the sentence under the cursor (shown if hidden).
pub fn open_tag_picker(app: &mut App) {
    if target_range(app).is_some() || ensure_cursor(app) {
        app.mode = Mode::TagPick;
    }
}

/// `:untag NAME` on the annotation under the cursor.
pub fn untag(app: &mut App, name: String) -> Vec<Effect> {
    let Some(id) = annotation_at_target(app) else {
        app.error("no annotation under the cursor");
        return Vec::new();
    };
    edit(app, &Edit::Untag { id, tag: name })
}

/// `:article-note TEXT` on the focused article (`\n` for line breaks).
pub fn set_article_note(app: &mut App, text: &str) -> Vec<Effect> {
    let Some(key) = focused_key(app) else {
        return Vec::new();
    };
    edit(
        app,
        &Edit::SetArticleNote {
            article: key,
            note: text.replace("\\n", "\n"),
        },
    )
}

/// `A`: the note editor on the focused article's note.
pub fn open_article_note_editor(app: &mut App) {
    if refuse_editor_when_read_only(app) {
        return;
    }
    if let Some(key) = focused_key(app) {
        let note = app
            .notes
            .notes
            .article(&key.path)
            .map(|a| a.note.clone())
            .unwrap_or_default();
        app.mode = Mode::Editor(super::editor::Editor::new(
            super::editor::Target::Article(key),
            &note,
        ));
    }
}

/// `d`: deletes the annotation under the cursor.
pub fn delete(app: &mut App) -> Vec<Effect> {
    let Some(id) = annotation_at_target(app) else {
        app.error("no annotation under the cursor");
        return Vec::new();
    };
    edit(app, &Edit::DeleteAnnotation { id })
}

/// `:link-as STANCE`.
pub fn link_as(app: &mut App, stance: &str) -> Vec<Effect> {
    match parse_stance(stance) {
        Some(stance) => link(app, Some(stance)),
        None => {
            app.error(format!(
                "unknown stance `{stance}`: same, contradicts or adds-detail"
            ));
            Vec::new()
        }
    }
}

/// `b`: the bias picker for the focused article.
pub fn open_bias_picker(app: &mut App) {
    if app.focused().is_some() {
        app.mode = Mode::BiasPick {
            reliability: false,
            scope: Scope::Article,
        };
    }
}

/// `m`: the annotations panel, its rows built once now.
pub fn open_annotations(app: &mut App) {
    let list = std::sync::Arc::new(super::annotation_list::AnnotationList::build(app));
    app.mode = Mode::Annotations { cursor: 0, list };
}

pub fn parse_stance(text: &str) -> Option<Stance> {
    match text.trim() {
        "same" | "s" => Some(Stance::Same),
        "contradicts" | "c" => Some(Stance::Contradicts),
        "adds-detail" | "d" => Some(Stance::AddsDetail),
        _ => None,
    }
}

/// The notes key of the focused pane's article.
pub fn focused_key(app: &App) -> Option<ArticleKey> {
    app.focused().map(|p| p.key.clone())
}

use super::changes::change_outlet;
pub use super::changes::{edit, undo_or_redo};

pub fn toggle_cursor(app: &mut App) {
    let Some(pane) = app.panes.get_mut(app.focus) else {
        return;
    };
    if pane.cursor.take().is_some() {
        return;
    }
    let top = pane.top_offset();
    let Some(sentence) = pane.sentences().at(top) else {
        app.error("no sentences in this article");
        return;
    };
    pane.cursor = Some(Cursor {
        sentence,
        selection: None,
    });
}

/// Makes sure the focused pane shows a cursor; true when it does.
fn ensure_cursor(app: &mut App) -> bool {
    if app.focused().is_some_and(|p| p.cursor.is_none()) {
        toggle_cursor(app);
    }
    app.focused().is_some_and(|p| p.cursor.is_some())
}

pub fn move_sentence(app: &mut App, forward: bool) {
    if !ensure_cursor(app) {
        return;
    }
    let Some(pane) = app.panes.get_mut(app.focus) else {
        return;
    };
    let Some(here) = pane.cursor.as_ref().map(|c| c.sentence.clone()) else {
        return;
    };
    let sentences = pane.sentences();
    let moved = if forward {
        sentences.next(&here)
    } else {
        sentences.prev(&here)
    };
    // At the first or last sentence the cursor stays.
    let current = moved.unwrap_or(here);
    let Some(cursor) = pane.cursor.as_mut() else {
        return;
    };
    cursor.sentence = current.clone();
    if let Some(selection) = cursor.selection.as_mut() {
        let anchor = &selection.anchor;
        selection.range = anchor.start.min(current.start)..anchor.end.max(current.end);
    }
    pane.reveal_offset(current.start, current.end);
}

pub fn start_selection(app: &mut App) {
    if !ensure_cursor(app) {
        return;
    }
    let Some(pane) = app.panes.get_mut(app.focus) else {
        return;
    };
    if let Some(cursor) = pane.cursor.as_mut() {
        cursor.selection = if cursor.selection.is_some() {
            None
        } else {
            Some(Selection {
                anchor: cursor.sentence.clone(),
                range: cursor.sentence.clone(),
            })
        };
    }
}

/// Moves the selection's end one word forward or back (a selection of the sentence starts).
pub fn adjust_by_word(app: &mut App, forward: bool) {
    if app
        .focused()
        .is_some_and(|p| p.cursor.as_ref().is_none_or(|c| c.selection.is_none()))
    {
        start_selection(app);
    }
    let Some(pane) = app.panes.get_mut(app.focus) else {
        return;
    };
    let text = &pane.article.text;
    let Some(selection) = pane.cursor.as_mut().and_then(|c| c.selection.as_mut()) else {
        return;
    };
    let end = selection.range.end;
    let new_end = if forward {
        let rest = &text[end..];
        let skip_space = rest.len() - rest.trim_start().len();
        let word = rest[skip_space..]
            .find(char::is_whitespace)
            .unwrap_or(rest.len() - skip_space);
        end + skip_space + word
    } else {
        let before = text[selection.range.start..end].trim_end();
        before
            .rfind(char::is_whitespace)
            .map_or(end, |i| selection.range.start + i)
    };
    if new_end > selection.range.start && !text[selection.range.start..new_end].contains('\n') {
        selection.range.end = new_end;
    }
}

/// The range the next tag or note applies to: the selection, else the cursor's sentence.
pub fn target_range(app: &App) -> Option<Range<usize>> {
    let pane = app.focused()?;
    let cursor = pane.cursor.as_ref()?;
    match &cursor.selection {
        Some(selection) => Some(selection.range.clone()),
        None => Some(cursor.sentence.clone()),
    }
}

/// The annotation of the focused article that overlaps the cursor's target.
pub fn annotation_at_target(app: &App) -> Option<String> {
    let range = target_range(app)?;
    let key = focused_key(app)?;
    let article = app.notes.notes.article(&key.path)?;
    article
        .annotations
        .iter()
        .find(|a| !a.orphan && a.anchor.start < range.end && range.start < a.anchor.end)
        .map(|a| a.id.clone())
}

pub fn tag(app: &mut App, name: &str) -> Vec<Effect> {
    if !app.tags.iter().any(|t| t.name == name) {
        app.error(format!("unknown tag `{name}` (see [[tags]] in the config)"));
        return Vec::new();
    }
    if target_range(app).is_none() && !ensure_cursor(app) {
        return Vec::new();
    }
    if let Some(id) = annotation_at_target(app) {
        return edit(
            app,
            &Edit::Tag {
                id,
                tag: name.to_owned(),
            },
        );
    }
    create_annotation(app, vec![name.to_owned()], String::new())
}

fn create_annotation(app: &mut App, tags: Vec<String>, note: String) -> Vec<Effect> {
    let (Some(range), Some(key)) = (target_range(app), focused_key(app)) else {
        app.error("move the cursor to a sentence first (c shows it)");
        return Vec::new();
    };
    let Some(anchor) = app.focused().and_then(|p| Anchor::new(&p.article.text, range)) else {
        app.error("cannot annotate an empty range");
        return Vec::new();
    };
    let id = app.notes.notes.next_annotation_id();
    let effects = edit(
        app,
        &Edit::AddAnnotation {
            article: key,
            id,
            anchor,
            tags,
            note,
        },
    );
    if let Some(cursor) = app.panes.get_mut(app.focus).and_then(|p| p.cursor.as_mut()) {
        cursor.selection = None;
    }
    effects
}

/// `:note TEXT`: the note of the annotation under the cursor, or of a new one. A note that is
/// already there is not replaced by a one-line command typed perhaps for another sentence: the
/// editor (which shows it) changes it.
pub fn set_note(app: &mut App, note: String) -> Vec<Effect> {
    if target_range(app).is_none() && !ensure_cursor(app) {
        return Vec::new();
    }
    match annotation_at_target(app) {
        Some(id) => {
            let existing = app.notes.notes.annotation(&id).map(|(_, a)| a.note.clone());
            if existing.is_some_and(|old| !old.is_empty() && old != note) {
                let keys = app
                    .keymap
                    .keys_for(crate::config::keymap::Layer::Normal, Action::EditNote.name());
                let how = keys
                    .first()
                    .map_or_else(|| ":edit-note".to_owned(), |(key, _)| key.to_string());
                app.error(format!("{id} already has a note, kept as it was: {how} edits it"));
                return Vec::new();
            }
            edit(app, &Edit::SetAnnotationNote { id, note })
        }
        None => create_annotation(app, Vec::new(), note),
    }
}

/// True (with a message) when the notes cannot be saved: the note editor then does not open,
/// since a note typed in it could only be refused on save, and the typing lost.
fn refuse_editor_when_read_only(app: &mut App) -> bool {
    let Some(reason) = &app.notes.read_only else {
        return false;
    };
    // What happened first: the reason can be long and the status line cuts it.
    app.error(format!(
        "the note editor does not open: notes are read-only ({reason})"
    ));
    true
}

pub fn open_note_editor(app: &mut App) {
    if refuse_editor_when_read_only(app) {
        return;
    }
    if target_range(app).is_none() && !ensure_cursor(app) {
        return;
    }
    let existing = annotation_at_target(app);
    let note = existing
        .as_ref()
        .and_then(|id| app.notes.notes.annotation(id))
        .map(|(_, a)| a.note.clone())
        .unwrap_or_default();
    app.mode = Mode::Editor(super::editor::Editor::new(
        super::editor::Target::Annotation(existing),
        &note,
    ));
}

/// Saves what the note editor holds.
pub fn save_editor(app: &mut App, target: super::editor::Target, text: String) -> Vec<Effect> {
    app.mode = Mode::Normal;
    match target {
        super::editor::Target::Annotation(Some(id)) => edit(app, &Edit::SetAnnotationNote { id, note: text }),
        super::editor::Target::Annotation(None) => create_annotation(app, Vec::new(), text),
        super::editor::Target::Article(key) => edit(
            app,
            &Edit::SetArticleNote {
                article: key,
                note: text,
            },
        ),
    }
}

pub fn link(app: &mut App, stance: Option<Stance>) -> Vec<Effect> {
    let Some(id) = annotation_at_target(app) else {
        app.error("put the cursor on an annotation to link it (tag it first)");
        return Vec::new();
    };
    match app.notes.link_from.take() {
        None => {
            app.notes.link_from = Some(id.clone());
            app.info(format!(
                "linking {id}: go to the same claim in another pane and press L"
            ));
            Vec::new()
        }
        Some(from) if from == id => {
            app.info("link cancelled");
            Vec::new()
        }
        Some(from) => match stance {
            Some(stance) => edit(
                app,
                &Edit::Link {
                    claim: from,
                    other: id,
                    stance,
                },
            ),
            None => {
                app.mode = Mode::StancePick { from, to: id };
                Vec::new()
            }
        },
    }
}

pub fn set_bias(app: &mut App, value: &str, scope: Scope) -> Vec<Effect> {
    let Some(key) = focused_key(app) else {
        return Vec::new();
    };
    let (axis, value) = match value.split_once('=') {
        Some((axis, value)) => (axis.trim().to_owned(), value.trim().to_owned()),
        None => (
            app.bias_axes
                .first()
                .map_or_else(|| "left-right".to_owned(), |a| a.name.clone()),
            value.trim().to_owned(),
        ),
    };
    let Some(steps) = app
        .bias_axes
        .iter()
        .find(|a| a.name == axis)
        .map(|a| a.steps.clone())
    else {
        app.error(format!(
            "unknown bias axis `{axis}` (see [[bias_axes]] in the config)"
        ));
        return Vec::new();
    };
    // A number is a step of the axis, counted from 1 (the bias picker's digits).
    let value = match value.parse::<usize>() {
        Ok(n) if (1..=steps.len()).contains(&n) => steps[n - 1].clone(),
        Ok(n) => {
            app.error(format!("{axis} has {} steps; there is no step {n}", steps.len()));
            return Vec::new();
        }
        Err(_) => value,
    };
    if value != crate::annotation::bias::UNKNOWN && !steps.contains(&value) {
        app.error(format!(
            "`{value}` is not a step of {axis}: {} or unknown",
            steps.join(", ")
        ));
        return Vec::new();
    }
    match scope {
        Scope::Article => edit(
            app,
            &Edit::SetBiasPosition {
                article: key,
                axis,
                value: Some(value),
            },
        ),
        Scope::Outlet => change_outlet(app, "bias", |bias| {
            bias.scale.insert(axis, value);
        }),
    }
}

pub fn set_reliability(app: &mut App, n: u8, scope: Scope) -> Vec<Effect> {
    let Some(key) = focused_key(app) else {
        return Vec::new();
    };
    let Ok(reliability) = Reliability::try_from(n) else {
        app.error("reliability is a number from 1 to 5");
        return Vec::new();
    };
    match scope {
        Scope::Article => edit(
            app,
            &Edit::SetReliability {
                article: key,
                reliability: Some(reliability),
            },
        ),
        Scope::Outlet => change_outlet(app, "reliability", |bias| bias.reliability = Some(reliability)),
    }
}

/// Adds `text` to the source's labels, or removes it when already there.
pub fn toggle_label(app: &mut App, text: &str, scope: Scope) -> Vec<Effect> {
    let Some(key) = focused_key(app) else {
        return Vec::new();
    };
    let text = text.trim().to_owned();
    let toggle = move |labels: &mut Vec<String>| {
        if let Some(i) = labels.iter().position(|l| *l == text) {
            labels.remove(i);
        } else {
            labels.push(text);
        }
    };
    match scope {
        Scope::Article => {
            let mut labels = app
                .notes
                .notes
                .article(&key.path)
                .map(|a| a.bias.labels.clone())
                .unwrap_or_default();
            toggle(&mut labels);
            edit(app, &Edit::SetBiasLabels { article: key, labels })
        }
        Scope::Outlet => change_outlet(app, "labels", |bias| toggle(&mut bias.labels)),
    }
}

pub fn jump_annotation(app: &mut App, forward: bool) {
    let Some(key) = focused_key(app) else { return };
    let starts: Vec<usize> = app
        .notes
        .notes
        .article(&key.path)
        .map(|a| {
            a.annotations
                .iter()
                .filter(|a| !a.orphan)
                .map(|a| a.anchor.start)
                .collect()
        })
        .unwrap_or_default();
    let Some(pane) = app.panes.get_mut(app.focus) else {
        return;
    };
    let here = match pane.cursor.as_ref() {
        Some(cursor) => cursor.sentence.start,
        None => pane.top_offset(),
    };
    let target = if forward {
        starts.iter().copied().find(|&s| s > here)
    } else {
        starts.iter().rev().copied().find(|&s| s < here)
    };
    let Some(target) = target else {
        app.info(if forward {
            "no annotation below"
        } else {
            "no annotation above"
        });
        return;
    };
    if let Some(sentence) = pane.sentences().at(target) {
        pane.cursor = Some(Cursor {
            sentence,
            selection: None,
        });
    }
    pane.show_offset(target);
}

/// Every sentence of an article's visible text, split at once: what [`crate::article::sentences::Near`]
/// must agree with (tests compare the two), not what the reader uses.
pub fn split_sentences(article: &crate::article::Article, reveal: bool) -> Vec<Range<usize>> {
    let visible = if reveal {
        vec![0..article.text.len()]
    } else {
        article.visible_ranges()
    };
    sentences::split(&article.text, &visible)
}

#[cfg(test)]
mod tests;
