//! Entity corrections as a new user makes them (issue #13): `:merge`, `:split` and `:rename`
//! are checked before they become edits, and the entities panel never leaves a stale filter or
//! a selection the user did not make.

use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use parallax::app::update::{handle_key, run_command};
use parallax::app::{App, Effect, Mode};
use parallax::article::Article;
use parallax::config::Config;
use parallax::entity::{Gazetteer, analyze};

/// Two articles that spell one man two ways, and a second man.
fn reader() -> App {
    let mut app = App::new(
        vec![
            Article::plain("a.txt", "Ismail Qaani met Ali Bagheri Kani in Tehran on Monday."),
            Article::plain("b.txt", "Esmail Qaani and Ali Bagheri Kani later left Tehran."),
        ],
        &Config::default(),
    );
    let Effect::Analyze { docs, decisions } = app.analyze() else {
        panic!("the app asks for an analysis");
    };
    let refs: Vec<&Article> = docs.iter().map(Arc::as_ref).collect();
    let index = analyze(&refs, &Gazetteer::builtin(), &decisions);
    app.set_entities(docs, index);
    app
}

fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    handle_key(app, KeyEvent::new(code, KeyModifiers::NONE))
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

fn message(app: &App) -> (String, bool) {
    app.message
        .as_ref()
        .map(|m| (m.text.clone(), m.error))
        .unwrap_or_default()
}

fn selected_label(app: &App) -> Option<String> {
    let index = app.entities.index.as_ref()?;
    Some(index.entities[app.entities.selected?].label.clone())
}

fn select(app: &mut App, label: &str) {
    run_command(app, &format!("select {label}"));
    assert_eq!(selected_label(app).as_deref(), Some(label));
}

#[test]
fn the_filter_matches_every_spelling() {
    let mut app = reader();
    let qaani = app
        .entities
        .find_label("Ismail Qaani")
        .or_else(|| app.entities.find_label("Esmail Qaani"))
        .expect("Qaani is one entity");
    let spellings = app.entities.spellings(qaani);
    assert_eq!(spellings.len(), 1, "the other spelling: {spellings:?}");
    let other = spellings[0].clone();
    key(&mut app, KeyCode::Char('e'));
    typed(&mut app, &other[..6]);
    assert_eq!(
        app.entities.panel_rows().first(),
        Some(&qaani),
        "found by {other}"
    );
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.entities.selected, Some(qaani));
}

#[test]
fn reopening_the_panel_starts_with_an_empty_filter() {
    let mut app = reader();
    key(&mut app, KeyCode::Char('e'));
    typed(&mut app, "tehr");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('e'));
    assert!(matches!(app.mode, Mode::Entities));
    assert_eq!(app.entities.panel.filter, "", "not appended to the old filter");
    assert_eq!(app.entities.panel.cursor, 0);
}

#[test]
fn enter_with_no_match_keeps_the_panel_open_and_the_selection() {
    let mut app = reader();
    select(&mut app, "Tehran");
    key(&mut app, KeyCode::Char('e'));
    typed(&mut app, "zzzzqx");
    assert!(app.entities.panel_rows().is_empty());
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Entities), "still in the panel");
    assert_eq!(
        selected_label(&app).as_deref(),
        Some("Tehran"),
        "selection unchanged"
    );
    assert!(message(&app).1, "says why: {:?}", message(&app));
}

#[test]
fn a_merge_names_both_sides_and_never_an_entity_with_itself() {
    let mut app = reader();
    select(&mut app, "Tehran");
    let effects = run_command(&mut app, "merge Tehran");
    assert!(effects.is_empty());
    assert!(message(&app).1, "{:?}", message(&app));
    let effects = run_command(&mut app, "merge Nobody Known");
    assert!(effects.is_empty() && message(&app).1);
    let effects = run_command(&mut app, "merge Ali Bagheri Kani");
    assert!(effects.contains(&Effect::SaveNotes), "{effects:?}");
    let (text, error) = message(&app);
    assert!(
        !error && text.contains("Tehran") && text.contains("Ali Bagheri Kani"),
        "{text}"
    );
}

#[test]
fn a_split_of_a_spelling_the_entity_does_not_have_is_an_error() {
    let mut app = reader();
    let qaani = app
        .entities
        .find_label("Ismail Qaani")
        .or_else(|| app.entities.find_label("Esmail Qaani"))
        .expect("Qaani");
    app.entities.selected = Some(qaani);
    let effects = run_command(&mut app, "split Ali Bagheri Kani");
    assert!(effects.is_empty(), "{effects:?}");
    assert!(
        message(&app).1 && message(&app).0.contains("no spelling"),
        "{:?}",
        message(&app)
    );
    assert!(app.notes.notes.entities.splits.is_empty());
    let other = app.entities.spellings(qaani)[0].clone();
    let effects = run_command(&mut app, &format!("split {other}"));
    assert!(effects.contains(&Effect::SaveNotes), "{effects:?}");
    assert_eq!(app.notes.notes.entities.splits.len(), 1);
}

#[test]
fn corrections_are_refused_when_the_notes_are_read_only() {
    let mut app = reader();
    select(&mut app, "Tehran");
    app.notes.read_only = Some("locked".into());
    for command in ["merge Ali Bagheri Kani", "rename Teheran"] {
        assert!(run_command(&mut app, command).is_empty(), "{command}");
        assert!(message(&app).1, "{command}: {:?}", message(&app));
    }
    assert!(app.notes.notes.entities.merges.is_empty() && app.notes.notes.entities.renames.is_empty());
}
