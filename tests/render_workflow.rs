//! Rendered screens of the analyst's workflow (#16): the annotations panel uses the width and
//! lists article notes, annotations with a note are marked in the text, a long message is
//! wrapped above the status bar rather than cut. Drawn into ratatui's `TestBackend`;
//! snapshots read before accepting.

mod common;

use std::path::Path;

use parallax::app::App;
use parallax::app::update::run_command;
use parallax::app::view::prepare;
use parallax::article::load::{LoadOptions, load_path};
use parallax::config::{Config, Theme};
use ratatui::layout::Rect;

fn samples() -> Vec<parallax::article::Article> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("samples")
        .map(|e| e.expect("entry").path())
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| load_path(p, &LoadOptions::default()).expect("sample loads"))
        .collect()
}

fn screen(app: &mut App, width: u16, height: u16) -> String {
    let buffer = common::terminal::draw(app, width, height, &Theme::default());
    let mut out = String::new();
    for y in 0..height {
        let mut line = String::new();
        for x in 0..width {
            line.push_str(buffer[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Two samples; a noted claim in the first, an article note on the second.
fn annotated(width: u16, height: u16) -> App {
    let mut app = App::new(samples().into_iter().take(2).collect(), &Config::default());
    app.notes.clock = || "2026-01-01T00:00:00Z".to_owned();
    prepare(&mut app, Rect::new(0, 0, width, height));
    for command in [
        "cursor",
        "sentence-next",
        "tag claim",
        "note Check the figure against the ministry's own statement",
        "cursor",
        "focus-pane 2",
        "article-note State broadcaster; the only source naming the engineers",
    ] {
        run_command(&mut app, command);
    }
    app
}

#[test]
fn the_annotations_panel_uses_the_width_and_lists_article_notes() {
    let mut app = annotated(200, 30);
    run_command(&mut app, "annotations");
    let shown = screen(&mut app, 200, 30);
    // The outlet whole (not cut at 16), the quote well past 50 characters, the article note.
    assert!(shown.contains("Kharun National Broadcasting "), "{shown}");
    let row = shown
        .lines()
        .find(|l| l.contains("Check the figure"))
        .expect("the annotation's row");
    let quote = &row[row.find('“').expect("quote")..row.find('”').expect("quote end")];
    assert!(quote.chars().count() > 60, "{row}");
    assert!(shown.contains("Article notes"), "{shown}");
    assert!(
        shown.contains("Continental Wire Service: State broadcaster; the only source naming the engineers"),
        "{shown}"
    );
    insta::assert_snapshot!(shown);
}

#[test]
fn an_annotation_with_a_note_is_marked_in_the_margin() {
    let mut app = annotated(160, 30);
    let shown = screen(&mut app, 160, 30);
    let marked: Vec<&str> = shown
        .lines()
        .filter(|l| l.contains(parallax::ui::pane::NOTE_MARK))
        .collect();
    assert_eq!(marked.len(), 1, "{shown}");
    // The untagged, unnoted case: no mark.
    run_command(&mut app, "focus-pane 1");
    run_command(&mut app, "cursor");
    run_command(&mut app, "sentence-next");
    run_command(&mut app, "sentence-next");
    run_command(&mut app, "tag fact");
    let shown = screen(&mut app, 160, 30);
    assert_eq!(shown.matches(parallax::ui::pane::NOTE_MARK).count(), 1, "{shown}");
}

#[test]
fn a_long_message_is_wrapped_above_the_status_bar_not_cut() {
    let mut app = annotated(100, 24);
    let long = format!("{} END-OF-MESSAGE", "word ".repeat(60));
    app.error(long);
    let shown = screen(&mut app, 100, 24);
    assert!(shown.contains("END-OF-MESSAGE"), "{shown}");
    let last = shown.lines().last().unwrap_or_default();
    assert!(last.contains("message above"), "{shown}");
    insta::assert_snapshot!(shown);
}
