//! The one path for everything the analyst changes: annotations, links, article notes, bias,
//! overrides, entity decisions and outlet defaults are all [`Edit`]s, applied through the one
//! [`History`](crate::annotation::History) on the notes and the outlet defaults together, so
//! undo and redo follow the order of the changes whichever file each went to. Read-only applies
//! per file. After every step, [`after`] says what to save, what to find again (entities) and
//! refreshes what the panes show.

use super::{App, Effect};
use crate::annotation::{Bias, Changes, DocFile, Edit, Workspace};

/// Applies `edit` through the history and asks for what it needs (saves, a new analysis).
pub fn edit(app: &mut App, edit: &Edit) -> Vec<Effect> {
    if let Some(reason) = read_only(app, &[edit.file()]) {
        app.error(reason);
        return Vec::new();
    }
    let now = (app.notes.clock)();
    let mut ws = Workspace {
        notes: &mut app.notes.notes,
        outlets: &mut app.outlets.defaults,
    };
    match app.history.apply(&mut ws, edit, &now) {
        Ok(changes) => {
            app.info(changes.label);
            after(app, &changes)
        }
        Err(e) => {
            app.error(e.to_string());
            Vec::new()
        }
    }
}

/// Changes the focused article's outlet default with `change` (from an empty tag when there is
/// none): an [`Edit::SetOutletDefault`] like any other change.
pub fn change_outlet(app: &mut App, what: &str, change: impl FnOnce(&mut Bias)) -> Vec<Effect> {
    let Some(outlet) = app.focused().and_then(super::Pane::outlet_name) else {
        app.error("this article names no outlet: give it one with :outlet NAME first");
        return Vec::new();
    };
    let mut bias = app.outlets.get(&outlet).cloned().unwrap_or_default();
    change(&mut bias);
    let effects = edit(
        app,
        &Edit::SetOutletDefault {
            outlet: outlet.clone(),
            bias: (!bias.is_empty()).then_some(bias),
        },
    );
    if !effects.is_empty() {
        app.info(format!("{what}: default for every article from {outlet}"));
    }
    effects
}

/// Undoes (or redoes) the last change, whichever file it went to.
pub fn undo_or_redo(app: &mut App, undo: bool) -> Vec<Effect> {
    let (files, verb) = if undo {
        (app.history.next_undo_files(), "undid")
    } else {
        (app.history.next_redo_files(), "redid")
    };
    if files.is_empty() {
        app.info(if undo {
            "nothing to undo"
        } else {
            "nothing to redo"
        });
        return Vec::new();
    }
    if let Some(reason) = read_only(app, &files) {
        app.error(reason);
        return Vec::new();
    }
    let mut ws = Workspace {
        notes: &mut app.notes.notes,
        outlets: &mut app.outlets.defaults,
    };
    let stepped = if undo {
        app.history.undo(&mut ws)
    } else {
        app.history.redo(&mut ws)
    };
    let Some(changes) = stepped else {
        return Vec::new();
    };
    let label = match changes.outlets.as_slice() {
        [outlet] => format!("outlet default of {outlet}"),
        _ => changes.label.to_owned(),
    };
    app.info(format!("{verb}: {label}"));
    after(app, &changes)
}

/// Why a change to `files` cannot be made now, if it cannot.
fn read_only(app: &App, files: &[DocFile]) -> Option<String> {
    files.iter().find_map(|file| match file {
        DocFile::Notes => app
            .notes
            .read_only
            .as_ref()
            .map(|reason| format!("notes are read-only ({reason}); nothing was changed")),
        DocFile::OutletDefaults => app
            .outlets
            .read_only
            .as_ref()
            .map(|reason| format!("outlet defaults are read-only ({reason}); nothing was changed")),
    })
}

/// What a step asks for: refreshed panes, the files to save, a new entity analysis.
fn after(app: &mut App, changes: &Changes) -> Vec<Effect> {
    for outlet in &changes.outlets {
        app.outlets.mark_changed(outlet);
    }
    app.refresh_overrides();
    let mut effects: Vec<Effect> = changes
        .files
        .iter()
        .map(|file| match file {
            DocFile::Notes => Effect::SaveNotes,
            DocFile::OutletDefaults => Effect::SaveOutletDefaults,
        })
        .collect();
    if changes.entities {
        effects.push(app.analyze());
    }
    effects
}
