//! Rendered screens of the reader's comparison aids, drawn into ratatui's `TestBackend`: the
//! status bar says who reports the fact of the sentence under the cursor.

mod common;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use parallax::app::App;
use parallax::app::update::handle_key;
use parallax::article::Article;
use parallax::config::{Config, Theme};
use ratatui::style::Modifier;

/// Three outlets under headlines: the first two report the dam breaking, in other words; the
/// third does not.
fn aligned_reader() -> App {
    let articles = vec![
        Article::plain(
            "a.txt",
            "Local news\n\
             The dam at Orsk broke on Friday, flooding the old town.\n\
             A choir rehearsed organ pieces in the cathedral at dusk.\n",
        ),
        Article::plain(
            "b.txt",
            "Regional desk\n\
             Floodwater poured into the old town of Orsk after the dam broke on Friday.\n\
             Critics say the dam had not been inspected since 1998.\n",
        ),
        Article::plain(
            "c.txt",
            "Country life\nThe harvest festival drew a record crowd to the orchards.\n",
        ),
    ];
    let mut app = App::new(articles, &Config::default());
    common::cases::align(&mut app);
    app
}

fn key(app: &mut App, c: char) {
    handle_key(app, KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
}

/// The bottom row's text, and whether the cell where `needle` starts is italic.
fn status(app: &mut App, needle: &str) -> (String, bool) {
    let (width, height) = (160, 20);
    let buffer = common::terminal::draw(app, width, height, &Theme::default());
    let row = height - 1;
    let cells: Vec<_> = (0..width).map(|x| buffer[(x, row)].clone()).collect();
    let text: String = cells.iter().map(ratatui::buffer::Cell::symbol).collect();
    let italic = text.find(needle).is_some_and(|byte| {
        let column = text[..byte].chars().count();
        cells[column].modifier.contains(Modifier::ITALIC)
    });
    (text, italic)
}

#[test]
fn the_status_bar_says_who_reports_the_cursor_sentence_and_who_does_not() {
    let mut app = aligned_reader();
    let (before, _) = status(&mut app, "reported by");
    assert!(!before.contains("reported by"), "no cursor, no summary: {before}");
    // The cursor starts on the headline, which only this outlet has; `j` goes to the dam.
    key(&mut app, 'c');
    key(&mut app, 'j');
    let third = app.panes[2].outlet().clone();
    let (text, italic) = status(&mut app, "reported by");
    assert!(
        text.contains(&format!("reported by 2 of 3 · not found in: {third}")),
        "{text}"
    );
    assert!(italic, "the summary is set apart from the outlet name: {text}");
    // The next sentence (the choir) is reported by no other outlet.
    key(&mut app, 'j');
    let (text, _) = status(&mut app, "only");
    assert!(text.contains("only this outlet"), "{text}");
    assert!(!text.contains("reported by"), "{text}");
}

/// The cells of pane `index`'s body where `needle` is drawn: (italic, cyan) of its first cell.
fn drawn(app: &mut App, needle: &str) -> Option<(bool, bool)> {
    let (width, height) = (160, 20);
    let buffer = common::terminal::draw(app, width, height, &Theme::default());
    (0..height).find_map(|y| {
        let cells: Vec<_> = (0..width).map(|x| buffer[(x, y)].clone()).collect();
        let text: String = cells.iter().map(ratatui::buffer::Cell::symbol).collect();
        text.find(needle).map(|byte| {
            let cell = &cells[text[..byte].chars().count()];
            (
                cell.modifier.contains(Modifier::ITALIC),
                cell.fg == ratatui::style::Color::LightCyan,
            )
        })
    })
}

#[test]
fn the_other_outlets_sentence_of_the_cursor_fact_is_marked_and_reached_by_a_key() {
    let mut app = aligned_reader();
    assert_eq!(drawn(&mut app, "Floodwater poured"), Some((false, false)));
    key(&mut app, 'c');
    key(&mut app, 'j');
    // The dam sentence of pane 1: pane 2's version of the fact stands out, nothing else does.
    assert_eq!(drawn(&mut app, "Floodwater poured"), Some((true, true)));
    assert_eq!(drawn(&mut app, "Critics say"), Some((false, false)));
    assert_eq!(drawn(&mut app, "The harvest"), Some((false, false)));
    // `] m` focuses pane 2 on its sentence of the fact; from there `] m` comes back to pane 1.
    key(&mut app, ']');
    key(&mut app, 'm');
    assert_eq!(app.focus, 1);
    let cursor = app.panes[1]
        .cursor
        .as_ref()
        .expect("a cursor in pane 2")
        .sentence
        .clone();
    assert!(app.panes[1].article.text[cursor].starts_with("Floodwater poured"));
    assert_eq!(drawn(&mut app, "The dam at Orsk"), Some((true, true)));
    key(&mut app, ']');
    key(&mut app, 'm');
    assert_eq!(app.focus, 0);
    // A sentence no other outlet reports: the key says so and stays.
    key(&mut app, 'j');
    key(&mut app, ']');
    key(&mut app, 'm');
    assert_eq!(app.focus, 0);
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.text.contains("no other outlet")),
        "{:?}",
        app.message
    );
}

#[test]
fn the_status_bar_says_when_sync_keeps_the_same_place_rather_than_the_fact() {
    let mut app = aligned_reader();
    key(&mut app, 's');
    let (text, _) = status(&mut app, "sync");
    assert!(
        text.contains("sync on") && !text.contains("proportional"),
        "{text}"
    );
    key(&mut app, 'P');
    let (text, _) = status(&mut app, "sync");
    assert!(text.contains("sync on (proportional)"), "{text}");
    key(&mut app, 'P');
    let (text, _) = status(&mut app, "sync");
    assert!(!text.contains("proportional"), "back to the fact: {text}");
}
