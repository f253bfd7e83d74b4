//! Word-level annotation (issue #15): in a selection `W`/`B` move its start by word as `w`/`b`
//! move its end, so a tag can go on one word ("terrorist"). The tag is then an annotation like
//! any other: stored with its quote, re-anchored when the text changes, undone, exported.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use parallax::annotation::anchor::{AnchorOutcome, reanchor};
use parallax::app::App;
use parallax::app::update::handle_key;
use parallax::app::view::prepare;
use parallax::article::Article;
use parallax::config::Config;
use parallax::entity::Gazetteer;
use parallax::export::{Format, ReportContext, export_loaded};
use ratatui::layout::Rect;

const TEXT: &str = "Officials called the group a terrorist organization on Monday.\nThe group denied it.\n";

fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        handle_key(app, KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        prepare(app, app.view.area);
    }
}

#[test]
fn a_tag_on_one_word_is_stored_undone_reanchored_and_exported() {
    let mut app = App::new(vec![Article::plain("a.txt", TEXT)], &Config::default());
    app.notes.clock = || "2026-01-01T00:00:00Z".to_owned();
    prepare(&mut app, Rect::new(0, 0, 120, 20));
    // Cursor, selection, start five words on, end three words back, tag "opinion" (t o).
    press(&mut app, "cvWWWWWbbb");
    let target = app.panes[0].target_range().expect("a selection");
    assert_eq!(&TEXT[target], "terrorist");
    press(&mut app, "to");
    let annotations = &app.notes.notes.articles[0].annotations;
    assert_eq!(annotations.len(), 1);
    let anchor = annotations[0].anchor.clone();
    assert_eq!(anchor.quote, "terrorist");
    assert_eq!(annotations[0].tags, ["opinion"]);

    // Exported with its quote.
    let article = Article::plain("a.txt", TEXT);
    let report = export_loaded(
        std::slice::from_ref(&article),
        &app.notes.notes,
        &app.outlets.defaults,
        &app.notes.dir,
        &Gazetteer::builtin(),
        &ReportContext::default(),
        Format::Csv,
    );
    assert!(
        report
            .lines()
            .any(|l| l.contains(",terrorist,") && l.contains("opinion")),
        "{report}"
    );

    // Re-anchored in an edited text: found again, exactly, where it moved.
    let edited = format!("Update: {TEXT}");
    let outcome = reanchor(&anchor, &edited);
    let range = outcome.range(&anchor).expect("re-anchored");
    assert_eq!(&edited[range], "terrorist");
    assert!(!matches!(outcome, AnchorOutcome::Orphan { .. }));

    // Undone like any other tag.
    press(&mut app, "u");
    assert!(app.notes.notes.articles.iter().all(|a| a.annotations.is_empty()));
}
