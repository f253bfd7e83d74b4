//! Writing the analyst's files from the event loop: the notes on every change (retried while
//! they fail, rescued to a copy at exit), the choice after the notes file changed outside, and
//! the outlet defaults (locked, re-read and merged at each save, since every case shares them).

use std::io;
use std::time::Duration;

use super::Exit;
use crate::annotation::store::SaveError;
use crate::annotation::{Notes, OpenedStore, OutletBias, WritableStore, store};
use crate::app::{App, Mode, NotesChoice};
use crate::article::sanitize::sanitize_line;

/// How often a failed save of the notes is retried while the reader runs.
pub(super) const SAVE_RETRY: Duration = Duration::from_secs(2);

/// Writes the notes now. On failure the change stays in memory, `unsaved` is set, and the loop
/// retries every [`SAVE_RETRY`], on the next change and at exit.
///
/// When another program changed the file since, nothing is written: the analyst chooses
/// ([`Mode::NotesChanged`]) between reloading it with this session's changes reapplied and
/// saving a copy; meanwhile there are no retries, and at exit the notes go to a copy.
pub(super) fn save_notes(app: &mut App, store: Option<&WritableStore<Notes>>, unsaved: &mut bool) {
    let Some(store) = store else { return };
    match store.save(&app.notes.notes) {
        Ok(()) => {
            app.notes.on_disk.clone_from(&app.notes.notes);
            if std::mem::take(unsaved) {
                app.info(format!("notes saved to {}", store.path().display()));
            }
        }
        Err(e @ SaveError::ChangedOutside { .. }) => {
            *unsaved = true;
            app.notes.changed_outside = true;
            if app.mode == Mode::Normal {
                app.mode = Mode::NotesChanged;
            }
            app.error(format!(
                "{e}: r reloads it and reapplies your changes, c saves yours as a copy"
            ));
        }
        Err(e) => {
            *unsaved = true;
            app.error(format!("notes NOT saved, kept in memory, will retry: {e}"));
        }
    }
}

/// Carries out the analyst's choice after the notes file changed outside (see [`save_notes`]).
pub(super) fn resolve_notes_change(
    app: &mut App,
    store: Option<&WritableStore<Notes>>,
    unsaved: &mut bool,
    choice: NotesChoice,
) {
    let Some(store) = store else { return };
    let ask_again = |app: &mut App, message: String| {
        app.mode = Mode::NotesChanged;
        app.error(message);
    };
    match choice {
        NotesChoice::ReloadAndReapply => {
            let theirs = match store.reload() {
                Ok(theirs) => theirs,
                Err(e) => {
                    return ask_again(
                        app,
                        format!("cannot reload the notes file: {e}; c saves yours as a copy"),
                    );
                }
            };
            match crate::annotation::merge::reapply(&app.notes.on_disk, &app.notes.notes, theirs.clone()) {
                Ok(merged) => {
                    app.replace_notes(merged, theirs);
                    save_notes(app, Some(store), unsaved);
                    if !*unsaved {
                        app.info("notes file reloaded, your changes reapplied and saved");
                    }
                }
                Err(why) => ask_again(
                    app,
                    format!("cannot reapply your changes: {why}; c saves yours as a copy"),
                ),
            }
        }
        NotesChoice::SaveCopy => {
            let copy = match store::rescue(store.path(), &app.notes.notes) {
                Ok(copy) => copy,
                Err(e) => return ask_again(app, format!("no copy could be written: {e}")),
            };
            *unsaved = false;
            match store.reload() {
                Ok(theirs) => {
                    app.replace_notes(theirs.clone(), theirs);
                    app.info(format!(
                        "your notes are in {}; showing the notes file as the other program left it",
                        copy.display()
                    ));
                }
                Err(e) => {
                    // Theirs does not load: keep ours on screen, and never write over the file.
                    app.notes.changed_outside = false;
                    app.notes.read_only = Some(e.to_string());
                    app.error(format!(
                        "your notes are in {}; the notes file does not load now: {e}",
                        copy.display()
                    ));
                }
            }
        }
    }
}

/// The last try at exit when a save failed: save, else write a copy where it can be written
/// (beside the notes file, else the temporary directory) and say where.
pub(super) fn save_at_exit(
    app: &App,
    store: Option<&WritableStore<Notes>>,
    result: io::Result<Exit>,
) -> io::Result<Exit> {
    let Some(store) = store else { return result };
    let Err(error) = store.save(&app.notes.notes) else {
        return result;
    };
    let message = match crate::annotation::store::rescue(store.path(), &app.notes.notes) {
        Ok(copy) => format!(
            "{error}. The notes are NOT in {}; a copy of them is in {}",
            store.path().display(),
            copy.display()
        ),
        Err(rescue_error) => format!("{error}. No copy could be written either: {rescue_error}"),
    };
    match result {
        Ok(Exit::Quit) => Err(io::Error::other(message)),
        Ok(Exit::Signal(signal)) => {
            eprintln!("parallax: {}", sanitize_line(&message));
            Ok(Exit::Signal(signal))
        }
        Err(e) => Err(io::Error::other(format!("{e}; {message}"))),
    }
}

/// Writes this session's changes to the outlet defaults. The file is shared by every case, so
/// it is locked only for this moment, read again, and only the outlets changed here are written
/// into it. On failure the changes stay in memory and the next save retries.
pub(super) fn save_outlet_defaults(app: &mut App, path: Option<&std::path::Path>) {
    let Some(path) = path else { return };
    if !app.outlets.has_pending() {
        return;
    }
    let pending = app.outlets.take_pending();
    let opened = store::open::<OutletBias>(path);
    let result = match &opened.store {
        OpenedStore::Writable(writable) => {
            let mut defaults = opened.document.clone();
            crate::app::outlets::merge_pending(&mut defaults, &pending);
            writable.save(&defaults).map_err(|e| e.to_string())
        }
        OpenedStore::ReadOnly(read_only) => Err(read_only.to_string()),
    };
    if let Err(e) = result {
        app.outlets.keep_pending(pending);
        app.error(format!(
            "outlet defaults NOT saved, kept in memory, will retry: {e}"
        ));
    }
}
