//! Annotating in the reader: tags, notes, claim links and the note editor, on the target the
//! sentence cursor gives ([`super::cursor`]); bias tags are in [`super::bias`]. Every change is an
//! [`Edit`] applied through [`super::changes`], the one edit-and-undo path; the event loop does
//! the writing.

pub use super::bias::{Scope, open_bias_picker, set_bias, set_reliability, toggle_label};
pub use super::cursor::{
    Cursor, Selection, adjust_by_word, annotation_at_target, ensure_cursor, jump_annotation, move_sentence,
    split_sentences, start_selection, target_range, toggle_cursor,
};
use super::{Action, App, Effect, Mode};
use crate::annotation::{Anchor, ArticleKey, Edit, Notes, Stance};

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

pub use super::changes::{edit, undo_or_redo};

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

#[cfg(test)]
mod tests;
