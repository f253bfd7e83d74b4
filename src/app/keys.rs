//! Keys to actions: every mode's keys are looked up in the keymap's layer for that mode
//! ([`Layer`]), and what they find is applied by the one dispatch, [`super::update::apply`].
//! Only text is typed without the keymap: characters into the command line, the entities
//! filter and the note editor (whose own editing keys, arrows and Backspace, are the editor's).

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::{App, Effect, Mode};
use crate::config::keymap::{Layer, Lookup};
use crate::config::{Key, KeySeq};

/// The keymap layers that apply now, most specific first.
pub fn key_layers(app: &App) -> Vec<Layer> {
    match &app.mode {
        Mode::Normal => {
            let cursor = app.focused().and_then(|p| p.cursor.as_ref());
            let mut layers = Vec::with_capacity(3);
            if cursor.is_some_and(|c| c.selection.is_some()) {
                layers.push(Layer::Select);
            }
            if cursor.is_some() {
                layers.push(Layer::Cursor);
            }
            if app.search.active() {
                layers.push(Layer::Matches);
            }
            layers.push(Layer::Normal);
            layers
        }
        Mode::Command(_) => vec![Layer::Command],
        Mode::Search(_) => vec![Layer::Search],
        Mode::Help { .. } => vec![Layer::Help],
        Mode::Entities => vec![Layer::Entities],
        Mode::TagPick => vec![Layer::Tag],
        Mode::StancePick { .. } => vec![Layer::Stance],
        Mode::BiasPick {
            reliability: false, ..
        } => vec![Layer::Bias],
        Mode::BiasPick {
            reliability: true, ..
        } => vec![Layer::Reliability],
        Mode::Editor(_) => vec![Layer::Editor],
        Mode::Annotations { .. } => vec![Layer::Annotations],
        Mode::NotesChanged => vec![Layer::NotesChanged],
        Mode::Framing { .. } => vec![Layer::Framing],
        Mode::Compare(_) => vec![Layer::Compare],
    }
}

/// Handles a key press in the current mode.
pub fn handle_key(app: &mut App, event: KeyEvent) -> Vec<Effect> {
    if event.kind == KeyEventKind::Release {
        return Vec::new();
    }
    // Ctrl-C always quits: the user must never be stuck.
    if event.code == KeyCode::Char('c') && event.modifiers.contains(KeyModifiers::CONTROL) {
        return vec![Effect::Quit];
    }
    let layers = key_layers(app);
    let Some(key) = Key::from_event(event) else {
        return type_text(app, event);
    };
    if event.code == KeyCode::Esc && !app.pending_keys.is_empty() {
        app.pending_keys.clear();
        return Vec::new();
    }
    app.pending_keys.push(key);
    // The first layer that knows the keys decides.
    let found = layers
        .iter()
        .map(|layer| app.keymap.lookup(*layer, &app.pending_keys))
        .find(|found| *found != Lookup::Unbound)
        .unwrap_or(Lookup::Unbound);
    match found {
        Lookup::Prefix => Vec::new(),
        Lookup::Action(action) => {
            let action = action.clone();
            app.pending_keys.clear();
            if matches!(app.mode, Mode::Normal) {
                app.message = None;
            }
            super::update::apply(app, action)
        }
        Lookup::Unbound => {
            let keys = KeySeq::from(app.pending_keys.as_slice());
            app.pending_keys.clear();
            let layer = layers[0];
            if layer.takes_text() && keys.keys().len() == 1 {
                return type_text(app, event);
            }
            if layer == Layer::Normal || layers.contains(&Layer::Normal) {
                app.info(format!("{keys} is not bound; press ? for help"));
            } else {
                app.info(format!(
                    "{keys} is not bound in {layer}; Esc leaves, ? lists its keys"
                ));
            }
            Vec::new()
        }
    }
}

/// A key no binding took, in a mode that takes text: it edits the text.
fn type_text(app: &mut App, event: KeyEvent) -> Vec<Effect> {
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    match &mut app.mode {
        Mode::Command(prompt) => match event.code {
            KeyCode::Left => prompt.move_cursor(false),
            KeyCode::Right => prompt.move_cursor(true),
            KeyCode::Char(c) if !ctrl => prompt.insert(c),
            _ => {}
        },
        Mode::Search(prompt) => match event.code {
            KeyCode::Left => prompt.move_cursor(false),
            KeyCode::Right => prompt.move_cursor(true),
            KeyCode::Char(c) if !ctrl => {
                prompt.insert(c);
                super::search::refresh(app);
                super::update::keep_sync(app);
            }
            _ => {}
        },
        Mode::Entities => {
            if let KeyCode::Char(c) = event.code
                && !ctrl
            {
                app.entities.panel.filter.push(c);
                app.entities.panel.cursor = 0;
            }
        }
        Mode::Editor(editor) => {
            editor.key(event);
        }
        _ => {}
    }
    Vec::new()
}
