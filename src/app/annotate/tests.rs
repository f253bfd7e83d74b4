//! Annotating through keys and `:` commands on an [`App`], as the reader does it.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use crate::annotation::Reliability;
use crate::app::update::{handle_key, run_command};
use crate::app::view::prepare;
use crate::app::{App, Effect, Mode};
use crate::article::Article;
use crate::config::Config;

/// Two articles from the same outlet and one from another, three sentences each.
fn app() -> App {
    let outlets = ["Wire", "Wire", "Gazette"];
    let articles = outlets
        .iter()
        .enumerate()
        .map(|(i, outlet)| {
            let mut article = Article::plain(
                format!("a{i}.txt"),
                format!("First claim of {i}. Second claim of {i}. Third claim of {i}."),
            );
            article.meta.outlet = Some((*outlet).to_owned());
            article
        })
        .collect();
    let mut app = App::new(articles, &Config::default());
    app.notes.clock = || "2026-01-01T00:00:00Z".to_owned();
    prepare(&mut app, Rect::new(0, 0, 150, 30));
    app
}

fn press(app: &mut App, keys: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    for c in keys.chars() {
        effects.extend(handle_key(
            app,
            KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
        ));
        prepare(app, app.view.area);
    }
    effects
}

fn ctrl(app: &mut App, c: char) -> Vec<Effect> {
    let effects = handle_key(app, KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    prepare(app, app.view.area);
    effects
}

fn reliability(app: &App, pane: usize) -> Option<u8> {
    app.panes[pane]
        .effective_bias(&app.notes.notes, &app.outlets)
        .reliability
        .map(Reliability::get)
}

fn position(app: &App, pane: usize) -> Option<String> {
    app.panes[pane]
        .effective_bias(&app.notes.notes, &app.outlets)
        .scale
        .get("left-right")
        .cloned()
}

#[test]
fn tag_then_undo_and_redo() {
    let mut app = app();
    let effects = press(&mut app, "cjtc");
    assert_eq!(effects, vec![Effect::SaveNotes]);
    let annotations = &app.notes.notes.articles[0].annotations;
    assert_eq!(annotations.len(), 1);
    assert_eq!(annotations[0].anchor.quote, "Second claim of 0.");
    assert_eq!(annotations[0].tags, vec!["claim".to_owned()]);
    press(&mut app, "u");
    assert!(app.notes.notes.articles.iter().all(|a| a.annotations.is_empty()));
    ctrl(&mut app, 'r');
    assert_eq!(app.notes.notes.articles[0].annotations.len(), 1);
}

#[test]
fn the_bias_picker_sets_the_outlet_default_for_every_article_of_that_outlet() {
    let mut app = app();
    // b, o (outlet scope), 6 = the sixth step, "right".
    let effects = press(&mut app, "bo6");
    assert_eq!(effects, vec![Effect::SaveOutletDefaults]);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(position(&app, 0).as_deref(), Some("right"));
    assert_eq!(position(&app, 1).as_deref(), Some("right"), "same outlet");
    assert_eq!(position(&app, 2), None, "another outlet");
    assert!(
        app.notes.notes.articles.is_empty(),
        "the case file is not touched"
    );
    let pending = app.outlets.take_pending();
    assert!(pending["Wire"].is_some());
}

#[test]
fn an_article_tag_overrides_its_outlet_default_and_undo_follows_the_order_of_changes() {
    let mut app = app();
    run_command(&mut app, "outlet-reliability 2");
    run_command(&mut app, "outlet-label state media");
    assert_eq!(reliability(&app, 0), Some(2));
    // The article's own rating wins over the outlet's.
    run_command(&mut app, "reliability 5");
    assert_eq!(reliability(&app, 0), Some(5));
    assert_eq!(
        reliability(&app, 1),
        Some(2),
        "the other Wire article keeps the default"
    );
    let labels = app.panes[0].effective_bias(&app.notes.notes, &app.outlets).labels;
    assert_eq!(labels, vec!["state media".to_owned()], "unset parts fall back");

    press(&mut app, "u"); // the article's own rating
    assert_eq!(reliability(&app, 0), Some(2));
    press(&mut app, "u"); // the outlet label
    assert!(app.outlets.get("Wire").is_some_and(|b| b.labels.is_empty()));
    press(&mut app, "u"); // the outlet rating
    assert_eq!(reliability(&app, 0), None);
    assert!(app.outlets.get("Wire").is_none());
    press(&mut app, "u");
    assert!(app.message.as_ref().is_some_and(|m| m.text == "nothing to undo"));
    ctrl(&mut app, 'r');
    ctrl(&mut app, 'r');
    ctrl(&mut app, 'r');
    assert_eq!(reliability(&app, 0), Some(5));
    assert_eq!(reliability(&app, 1), Some(2));
}

#[test]
fn outlet_defaults_need_an_outlet_name_and_a_writable_file() {
    let mut app = app();
    let mut nameless = Article::plain("nameless.txt", "Only a sentence.");
    nameless.meta.outlet = None;
    let _ = app.add_article(nameless);
    let area = app.view.area;
    prepare(&mut app, area);
    assert!(run_command(&mut app, "outlet-reliability 3").is_empty());
    let message = app.message.clone().expect("an error");
    assert!(
        message.error && message.text.contains(":outlet NAME"),
        "{message:?}"
    );
    // Naming the outlet (an article override) makes it work.
    run_command(&mut app, "outlet Some Outlet");
    assert_eq!(
        run_command(&mut app, "outlet-reliability 3"),
        vec![Effect::SaveOutletDefaults]
    );
    assert!(app.outlets.get("Some Outlet").is_some());

    app.outlets.read_only = Some("outlet-bias.toml:3:1: expected `=`".into());
    assert!(run_command(&mut app, "outlet-bias left").is_empty());
    let message = app.message.clone().expect("an error");
    assert!(message.error && message.text.contains("3:1"), "{message:?}");
}

/// The index of the cursor's sentence among all the sentences of the focused article.
fn cursor_sentence(app: &App) -> usize {
    let pane = &app.panes[app.focus];
    let sentence = &pane.cursor.as_ref().expect("cursor shown").sentence;
    super::split_sentences(&pane.article, false)
        .iter()
        .position(|s| s == sentence)
        .expect("the cursor is on a sentence of the full split")
}

#[test]
fn bracket_a_sequences_jump_between_annotations() {
    let mut app = app();
    press(&mut app, "ctc"); // tag the first sentence
    press(&mut app, "jjtc"); // and the third
    assert_eq!(cursor_sentence(&app), 2);
    assert!(press(&mut app, "[").is_empty());
    assert_eq!(app.pending_keys.len(), 1, "waiting for the second key");
    press(&mut app, "a");
    assert_eq!(cursor_sentence(&app), 0);
    assert!(app.pending_keys.is_empty());
    press(&mut app, "]a");
    assert_eq!(cursor_sentence(&app), 2);
    press(&mut app, "]a");
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.text == "no annotation below")
    );
    // A sequence that leads nowhere says so and starts over.
    press(&mut app, "]x");
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.text.starts_with("]x is not bound"))
    );
    assert!(app.pending_keys.is_empty());
    // Esc abandons a half-typed sequence.
    press(&mut app, "]");
    handle_key(&mut app, KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    assert!(app.pending_keys.is_empty());
    assert_eq!(cursor_sentence(&app), 2, "Esc only cancelled the sequence");
}

#[test]
fn forgetting_the_notes_history_keeps_outlet_undo_in_order() {
    let mut app = app();
    run_command(&mut app, "outlet-reliability 2");
    press(&mut app, "ctc");
    app.history.forget_notes_steps();
    press(&mut app, "u");
    assert!(
        app.outlets.get("Wire").is_none(),
        "the outlet change is what undo finds"
    );
    assert_eq!(app.notes.notes.articles[0].annotations.len(), 1, "the tag stays");
}

#[test]
fn entity_decisions_go_through_the_one_undo_path_and_respect_read_only() {
    use crate::entity::{Entity, EntityIndex, Kind, Mention, Reason};
    let mut app = app();
    let docs: Vec<std::sync::Arc<crate::article::Article>> = app
        .panes
        .iter()
        .map(|p| std::sync::Arc::clone(&p.article))
        .collect();
    let entity = |label: &str| Entity {
        label: label.into(),
        kind: Kind::Person,
        reason: Reason::Exact,
        mentions: vec![Mention { doc: 0, range: 0..1 }],
    };
    app.set_entities(
        docs,
        EntityIndex {
            entities: vec![entity("Ann Lee"), entity("A. Lee")],
        },
    );
    app.entities.selected = Some(0);
    let effects = run_command(&mut app, "merge A. Lee");
    assert!(effects.contains(&Effect::SaveNotes), "{effects:?}");
    assert!(
        effects.iter().any(|e| matches!(e, Effect::Analyze { .. })),
        "{effects:?}"
    );
    assert_eq!(
        app.notes.notes.entities.merges.len(),
        1,
        "kept in the notes, not a copy"
    );

    let effects = press(&mut app, "u");
    assert!(
        app.notes.notes.entities.merges.is_empty(),
        "undo restores the entities"
    );
    assert!(
        effects.iter().any(|e| matches!(e, Effect::Analyze { .. })),
        "{effects:?}"
    );
    ctrl(&mut app, 'r');
    assert_eq!(app.notes.notes.entities.merges.len(), 1, "redo");

    app.notes.read_only = Some("locked".into());
    assert!(run_command(&mut app, "rename Someone").is_empty());
    assert!(
        app.notes.notes.entities.renames.is_empty(),
        "read-only applies to decisions too"
    );
}

#[test]
fn read_only_notes_do_not_open_the_note_editor() {
    let mut app = app();
    app.notes.read_only = Some("locked by another Parallax (pid 42)".into());
    for keys in ["ca", "A"] {
        press(&mut app, keys);
        assert!(
            !matches!(app.mode, Mode::Editor(_)),
            "{keys}: a note typed now could not be saved"
        );
        let message = app.message.clone().expect("a message");
        assert!(
            message.error && message.text.contains("read-only") && message.text.contains("pid 42"),
            "{message:?}"
        );
        press(&mut app, "c"); // hide the cursor again
    }
}

#[test]
fn note_command_does_not_silently_replace_an_existing_note() {
    let mut app = app();
    run_command(&mut app, "cursor");
    assert_eq!(
        run_command(&mut app, "note first thoughts"),
        vec![Effect::SaveNotes]
    );
    let note = |app: &App| app.notes.notes.articles[0].annotations[0].note.clone();
    assert_eq!(note(&app), "first thoughts");
    // A second :note on the same sentence keeps the first and says how to change it.
    assert!(run_command(&mut app, "note second thoughts").is_empty());
    assert_eq!(note(&app), "first thoughts");
    let message = app.message.clone().expect("a message");
    assert!(
        message.error && message.text.contains("already has a note"),
        "{message:?}"
    );
    assert!(message.text.contains("a edits it"), "{message:?}");
    // A tag-only annotation has no note to lose: :note gives it one, and undo takes it back.
    press(&mut app, "jtc");
    assert_eq!(run_command(&mut app, "note on a tag"), vec![Effect::SaveNotes]);
    let tagged = |app: &App| app.notes.notes.articles[0].annotations[1].note.clone();
    assert_eq!(tagged(&app), "on a tag");
    press(&mut app, "u");
    assert_eq!(tagged(&app), "");
    press(&mut app, "u");
    press(&mut app, "u");
    assert!(app.notes.notes.articles.iter().all(|a| a.annotations.is_empty()));
}
