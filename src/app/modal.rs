//! What the actions bound in the modal layers do in each mode: moving in help and the lists,
//! confirming, cancelling, completing and deleting on the command line, saving the note, and
//! the pickers' choices. Each function looks at the mode it is given; the same action means the
//! same thing wherever it applies (`scroll-down` scrolls help, moves in a list, scrolls a pane).

use super::{App, Effect, Mode, NotesChoice, annotate, entities};

/// Rows a page moves in help and the lists.
const LIST_PAGE: isize = 10;

/// How far an action moves: a row, a page, or to either end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Rows(isize),
    Pages(isize),
    Ends(bool),
}

/// Moves in help or a list when one is open; false when the mode has nothing to move (the pane
/// scrolls instead).
pub fn move_in_mode(app: &mut App, step: Step) -> bool {
    let rows = |count: usize| match step {
        Step::Rows(n) => n,
        Step::Pages(n) => n * LIST_PAGE,
        Step::Ends(true) => count as isize,
        Step::Ends(false) => -(count as isize),
    };
    let moved = |at: usize, delta: isize, count: usize| {
        (at as isize + delta).clamp(0, count.saturating_sub(1) as isize) as usize
    };
    match &mut app.mode {
        Mode::Help { scroll } => {
            // Help clamps the scroll to its length when it draws.
            *scroll = moved(*scroll, rows(usize::MAX / 4), usize::MAX / 2);
        }
        Mode::Annotations { cursor, list } => {
            let count = list.rows.len();
            *cursor = moved(*cursor, rows(count), count);
        }
        Mode::Entities => {
            let count = app.entities.panel_rows().len();
            let panel = &mut app.entities.panel;
            panel.cursor = moved(panel.cursor, rows(count), count);
        }
        Mode::Framing { cursor, panel } => {
            let count = panel.items().len();
            *cursor = moved(*cursor, rows(count), count);
        }
        Mode::Compare(view) => {
            let count = view.shown.len();
            view.cursor = moved(view.cursor, rows(count), count);
        }
        _ => return false,
    }
    true
}

/// `confirm`: takes the highlighted row, or runs the typed command.
pub fn confirm(app: &mut App) -> Vec<Effect> {
    match std::mem::take(&mut app.mode) {
        Mode::Annotations { cursor, list } => {
            if let Some(row) = list.rows.get(cursor) {
                super::update::go_to_annotation(app, &row.path.clone(), row.start);
            }
        }
        Mode::Entities => {
            let rows = app.entities.panel_rows();
            if let Some(&entity) = rows.get(app.entities.panel.cursor) {
                entities::select(app, entity);
            } else {
                // Nothing matches: stay in the panel and keep the selection as it was, so the
                // next :merge cannot act on an entity the user did not choose.
                app.mode = Mode::Entities;
                app.error("no entity matches the filter: change it, or Esc");
            }
        }
        Mode::Framing { cursor, panel } => super::framing::confirm(app, cursor, &panel),
        Mode::Compare(view) => super::comparison::confirm(app, &view),
        Mode::Command(prompt) => return super::update::run_command(app, &prompt.input),
        Mode::Search(prompt) => {
            app.mode = Mode::Search(prompt);
            super::search::confirm(app);
        }
        other => app.mode = other,
    }
    Vec::new()
}

/// `cancel`: leaves the mode. In the entities panel it first clears a typed filter; in the
/// note editor it asks again before discarding changes; after the notes file changed outside it
/// says what "later" means; in normal mode it clears the message and the entity selection.
pub fn cancel(app: &mut App) {
    match &mut app.mode {
        Mode::Entities if !app.entities.panel.filter.is_empty() => {
            app.entities.panel.filter.clear();
            app.entities.panel.cursor = 0;
        }
        Mode::Editor(editor) => {
            if editor.cancel() {
                app.mode = Mode::Normal;
                app.info("note not changed");
            } else {
                app.info("unsaved note: Esc again discards it, Ctrl-s saves");
            }
        }
        Mode::NotesChanged => {
            app.mode = Mode::Normal;
            app.info(
                "notes kept in memory, not saved: the notes file changed outside (the next change asks again)",
            );
        }
        Mode::Search(_) => super::search::cancel(app),
        Mode::Normal => {
            app.message = None;
            app.entities.selected = None;
            super::search::clear(app);
        }
        _ => app.mode = Mode::Normal,
    }
}

/// `complete`: completes the command being typed.
pub fn complete(app: &mut App) {
    let Mode::Command(prompt) = &app.mode else {
        return;
    };
    let mut prompt = prompt.clone();
    prompt.complete_with(&|command, typed| super::complete::argument_options(app, command, typed));
    app.mode = Mode::Command(prompt);
}

/// `delete-back`: deletes before the text cursor; on an empty command line, leaves it.
pub fn delete_back(app: &mut App) {
    let leave = match &mut app.mode {
        Mode::Command(prompt) => !prompt.backspace() && prompt.input.is_empty(),
        Mode::Search(prompt) => {
            if !prompt.backspace() && prompt.input.is_empty() {
                super::search::cancel(app);
                return;
            }
            super::search::refresh(app);
            false
        }
        Mode::Entities => {
            app.entities.panel.filter.pop();
            app.entities.panel.cursor = 0;
            false
        }
        _ => false,
    };
    if leave {
        app.mode = Mode::Normal;
    }
}

/// `save`: saves the note being edited.
pub fn save(app: &mut App) -> Vec<Effect> {
    let Mode::Editor(editor) = &app.mode else {
        return Vec::new();
    };
    let (target, text) = (editor.target.clone(), editor.text.clone());
    annotate::save_editor(app, target, text)
}

/// The bias picker's scope when it is open (and closes it), else the article's.
pub fn take_bias_scope(app: &mut App) -> annotate::Scope {
    match app.mode {
        Mode::BiasPick { scope, .. } => {
            app.mode = Mode::Normal;
            scope
        }
        _ => annotate::Scope::Article,
    }
}

/// `reliability-picker`: from the bias picker (or directly), pick a reliability.
pub fn reliability_picker(app: &mut App) {
    let scope = match app.mode {
        Mode::BiasPick { scope, .. } => scope,
        _ => annotate::Scope::Article,
    };
    if app.focused().is_some() {
        app.mode = Mode::BiasPick {
            reliability: true,
            scope,
        };
    }
}

/// `bias-scope`: switches the bias picker between the article and its outlet's default.
pub fn toggle_bias_scope(app: &mut App) {
    if let Mode::BiasPick { scope, .. } = &mut app.mode {
        *scope = match scope {
            annotate::Scope::Article => annotate::Scope::Outlet,
            annotate::Scope::Outlet => annotate::Scope::Article,
        };
    }
}

/// `tag NAME` from the tag picker closes it first.
pub fn leave_tag_picker(app: &mut App) {
    if app.mode == Mode::TagPick {
        app.mode = Mode::Normal;
    }
}

/// `link-as STANCE`: completes the link the stance picker is open for, else links the target.
pub fn link_as(app: &mut App, stance: &str) -> Vec<Effect> {
    if let Mode::StancePick { from, to } = &app.mode {
        let (from, to) = (from.clone(), to.clone());
        let Some(stance) = annotate::parse_stance(stance) else {
            app.error(format!(
                "unknown stance `{stance}`: same, contradicts or adds-detail"
            ));
            return Vec::new();
        };
        app.mode = Mode::Normal;
        return annotate::edit(
            app,
            &crate::annotation::Edit::Link {
                claim: from,
                other: to,
                stance,
            },
        );
    }
    annotate::link_as(app, stance)
}

/// `notes-reload` / `notes-save-copy`: the answer after the notes file changed outside.
pub fn resolve_notes_change(app: &mut App, choice: NotesChoice) -> Vec<Effect> {
    if app.mode == Mode::NotesChanged {
        app.mode = Mode::Normal;
    }
    if !app.notes.changed_outside {
        app.info("the notes file has not changed outside Parallax");
        return Vec::new();
    }
    vec![Effect::ResolveNotesChange(choice)]
}
