//! The styles the reader draws, cell by cell: the insta snapshots keep the symbols only, so a
//! mark that lost its colour, or a cursor drawn over the wrong sentence, would pass them.
//!
//! Each test drives the app with its keys, draws it into ratatui's `TestBackend` and compares
//! the style of every cell of a piece of text with the style the theme says it should have.

mod common;

use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use parallax::app::update::handle_key;
use parallax::app::{App, Effect};
use parallax::article::{Article, Hidden, HideReason};
use parallax::config::{Config, Theme};
use parallax::entity::Gazetteer;
use ratatui::buffer::{Buffer, Cell};
use ratatui::style::{Color, Modifier, Style};

const WIDTH: u16 = 120;
const HEIGHT: u16 = 16;

const FIRST: &str = "Officials met in the capital on Monday.";
const SECOND: &str = "Rescuers said twelve people were missing.";
const SHARE: &str = "Share this story on every network";

/// One article: two sentences, then a paragraph that cleaning hid (a share bar).
fn article() -> Article {
    let text = format!("{FIRST} {SECOND}\n\n{SHARE}\n");
    let start = text.find(SHARE).expect("share bar");
    let mut article = Article::plain("report.txt", text);
    article.hidden = vec![Hidden {
        range: start..start + SHARE.len(),
        reason: HideReason::Social,
    }];
    article
}

fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let code = if c == '\u{1b}' {
            KeyCode::Esc
        } else {
            KeyCode::Char(c)
        };
        handle_key(app, KeyEvent::new(code, KeyModifiers::NONE));
    }
}

/// The cells that show `needle` in the panes, row by row: one list of styles per occurrence,
/// one style per character.
fn styles(buffer: &Buffer, needle: &str) -> Vec<Vec<Style>> {
    let area = buffer.area;
    let mut found = Vec::new();
    // Not the status bar, whose messages may quote the text.
    for y in 0..area.height - 1 {
        // The cell of each character of the row (a wide character's second cell is empty).
        let mut row = String::new();
        let mut cell_of = Vec::new();
        for x in 0..area.width {
            for c in buffer[(x, y)].symbol().chars() {
                row.push(c);
                cell_of.push(x);
            }
        }
        let chars: Vec<(usize, char)> = row.char_indices().collect();
        for (at, _) in row.match_indices(needle) {
            let first = chars.partition_point(|&(i, _)| i < at);
            let cells = (first..first + needle.chars().count()).map(|i| buffer[(cell_of[i], y)].style());
            found.push(cells.collect());
        }
    }
    found
}

/// `style` as a cell reports it once drawn on an empty cell (the colours it leaves unset are
/// `Reset`), so that a theme's style compares with a cell's.
fn as_drawn(style: Style) -> Style {
    let mut cell = Cell::default();
    cell.set_style(style);
    cell.style()
}

/// Panics unless `needle` is on screen once and every one of its cells has style `expected`
/// (besides spaces, which some marks leave plain).
fn assert_drawn(buffer: &Buffer, needle: &str, expected: Style) {
    let found = styles(buffer, needle);
    assert_eq!(found.len(), 1, "`{needle}` is on screen once");
    for (i, (style, c)) in found[0].iter().zip(needle.chars()).enumerate() {
        if c != ' ' {
            assert_eq!(*style, as_drawn(expected), "cell {i} ({c:?}) of `{needle}`");
        }
    }
}

fn reader(articles: Vec<Article>) -> App {
    App::new(articles, &Config::default())
}

/// The reader on [`article`], drawn once: keys act on what the screen shows.
fn shown(theme: &Theme) -> App {
    let mut app = reader(vec![article()]);
    common::terminal::draw(&mut app, WIDTH, HEIGHT, theme);
    app
}

/// Presses `keys` (`\u{1b}` is Esc), then draws.
fn after(app: &mut App, keys: &str, theme: &Theme) -> Buffer {
    press(app, keys);
    common::terminal::draw(app, WIDTH, HEIGHT, theme)
}

/// The sentence cursor's style over the theme's text.
fn cursor(theme: &Theme) -> Style {
    theme.text.bg(Color::DarkGray)
}

#[test]
fn plain_text_has_the_text_style() {
    let theme = Theme::default();
    let buffer = after(&mut shown(&theme), "", &theme);
    assert_drawn(&buffer, FIRST, theme.text);
    assert_drawn(&buffer, SECOND, theme.text);
    assert!(styles(&buffer, SHARE).is_empty(), "hidden text is not drawn");
}

#[test]
fn the_sentence_cursor_is_a_background_over_its_sentence_only() {
    let theme = Theme::default();
    let mut app = shown(&theme);
    let buffer = after(&mut app, "c", &theme);
    assert_drawn(&buffer, FIRST, cursor(&theme));
    assert_drawn(&buffer, SECOND, theme.text);
    let buffer = after(&mut app, "j", &theme);
    assert_drawn(&buffer, FIRST, theme.text);
    assert_drawn(&buffer, SECOND, cursor(&theme));
}

#[test]
fn a_tagged_sentence_has_its_tags_colour_and_without_colours_an_underline() {
    let theme = Theme::default();
    let mut app = shown(&theme);
    // Cursor, next sentence, tag `claim` (yellow in config.example.toml), cursor off.
    let buffer = after(&mut app, "cjtc\u{1b}", &theme);
    assert!(app.panes[0].cursor.is_none(), "the cursor is off");
    assert_drawn(&buffer, FIRST, theme.text);
    assert_drawn(&buffer, SECOND, theme.text.bg(Color::Yellow).fg(Color::Black));

    let no_colour = Theme::new(&Config::default().theme, true);
    let buffer = common::terminal::draw(&mut app, WIDTH, HEIGHT, &no_colour);
    assert_drawn(
        &buffer,
        SECOND,
        no_colour
            .text
            .add_modifier(Modifier::UNDERLINED | Modifier::ITALIC),
    );
}

#[test]
fn a_selection_is_reversed_over_the_cursor_and_beyond_it() {
    let theme = Theme::default();
    let mut app = shown(&theme);
    // Cursor on the first sentence, select it, and one word more: "Rescuers".
    let buffer = after(&mut app, "cvw", &theme);
    let selected = app.panes[0]
        .cursor
        .as_ref()
        .and_then(|c| c.selection.as_ref())
        .map(|s| s.range.clone())
        .expect("a selection");
    let text = &app.panes[0].article.text;
    assert_eq!(&text[selected], format!("{FIRST} Rescuers"));
    let reversed = Style::new().add_modifier(Modifier::REVERSED);
    assert_drawn(&buffer, FIRST, cursor(&theme).patch(reversed));
    assert_drawn(&buffer, "Rescuers", theme.text.patch(reversed));
    assert_drawn(&buffer, "twelve people were missing.", theme.text);
}

#[test]
fn revealed_hidden_text_is_dimmed_and_the_header_says_so() {
    let theme = Theme::default();
    let mut app = shown(&theme);
    let buffer = after(&mut app, ".", &theme);
    assert!(
        theme.hidden_text.add_modifier.contains(Modifier::DIM),
        "the default theme dims hidden text"
    );
    assert_drawn(&buffer, SHARE, theme.hidden_text);
    assert_drawn(&buffer, FIRST, theme.text);
    // The title sits on the focused pane's border, whose bold it keeps.
    assert_drawn(
        &buffer,
        "[revealed]",
        theme.focused_border.patch(theme.hidden_text),
    );
    let buffer = after(&mut app, ".", &theme);
    assert!(styles(&buffer, SHARE).is_empty(), "hidden again");
}

#[test]
fn an_entity_found_in_two_articles_has_one_colour_in_both_panes() {
    let theme = Theme::default();
    let mut app = reader(vec![
        Article::plain("a.txt", "Angela Merkel met the press in Berlin on Monday."),
        Article::plain("b.txt", "Reporters waited for Angela Merkel in Hamburg."),
    ]);
    // The analysis the reader's worker thread runs, on the app's own request.
    let Effect::Analyze { docs, decisions } = app.analyze() else {
        panic!("the app asks for an analysis");
    };
    let refs: Vec<&Article> = docs.iter().map(Arc::as_ref).collect();
    let index = parallax::entity::analyze(&refs, &Gazetteer::builtin(), &decisions);
    let merkel = index
        .entities
        .iter()
        .position(|e| e.label.contains("Merkel"))
        .expect("Merkel is found");
    app.set_entities(docs, index);
    let buffer = common::terminal::draw(&mut app, WIDTH, HEIGHT, &theme);
    let expected = as_drawn(
        theme
            .text
            .patch(theme.entity(app.entities.colour(merkel), 2, false)),
    );
    assert!(
        !matches!(expected.fg, None | Some(Color::Reset)),
        "a two-source entity is coloured: {expected:?}"
    );
    let drawn = styles(&buffer, "Angela Merkel");
    assert_eq!(drawn.len(), 2, "once in each pane");
    for occurrence in &drawn {
        assert_eq!(*occurrence, vec![expected; "Angela Merkel".len()]);
    }
    assert_drawn(&buffer, "met the press", theme.text);
}

#[test]
fn search_hits_are_marked_the_current_one_stronger_and_hidden_text_is_not_searched() {
    let theme = Theme::default();
    let mut app = shown(&theme);
    // "the" is in the first sentence only.
    let buffer = after(&mut app, "/the", &theme);
    let current = theme
        .text
        .bg(Color::LightRed)
        .fg(Color::Black)
        .add_modifier(Modifier::BOLD);
    assert_eq!(parallax::app::search::total(&app), 1);
    assert_drawn(&buffer, "capital on Monday.", theme.text);
    let hit = styles(&buffer, "the")
        .into_iter()
        .find(|cells| cells.iter().all(|s| *s == as_drawn(current)));
    assert!(hit.is_some(), "the current hit is drawn in the current-hit style");
    handle_key(&mut app, KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    // Esc ends the search: no mark left.
    let buffer = after(&mut app, "\u{1b}", &theme);
    assert_drawn(&buffer, FIRST, theme.text);
    // "story" is only in the share bar that cleaning hid: not found until it is revealed.
    after(&mut app, "/story", &theme);
    assert_eq!(parallax::app::search::total(&app), 0);
    after(&mut app, "\u{1b}.", &theme);
    after(&mut app, "/story", &theme);
    assert_eq!(parallax::app::search::total(&app), 1, "revealed text is searched");
}

#[test]
fn different_entities_in_view_never_share_a_colour() {
    let theme = Theme::default();
    let names = [
        "Angela Merkel",
        "Emmanuel Macron",
        "Olaf Scholz",
        "Giorgia Meloni",
        "Pedro Sanchez",
        "Donald Tusk",
        "Mark Rutte",
        "Viktor Orban",
        "Ursula von der Leyen",
        "Charles Michel",
        "Roberta Metsola",
        "Kaja Kallas",
        "Antonio Costa",
        "Jens Stoltenberg",
    ];
    // A title line of its own, shown in the pane header (not highlighted), then the names, two
    // to a sentence.
    let text = |lead: &str| {
        let body: Vec<String> = names
            .chunks(2)
            .map(|pair| format!("{lead} {} said that {} was at the summit.", pair[0], pair[1]))
            .collect();
        format!("Summit report\n\n{}\n", body.join(" "))
    };
    let mut app = reader(vec![
        Article::plain("a.txt", text("In Brussels,")),
        Article::plain("b.txt", text("On Monday,")),
    ]);
    let Effect::Analyze { docs, decisions } = app.analyze() else {
        panic!("the app asks for an analysis");
    };
    let refs: Vec<&Article> = docs.iter().map(Arc::as_ref).collect();
    let index = parallax::entity::analyze(&refs, &Gazetteer::builtin(), &decisions);
    app.set_entities(docs, index);
    let buffer = common::terminal::draw(&mut app, 200, 30, &theme);
    let mut colour_of: Vec<(Color, &str)> = Vec::new();
    let mut seen = 0;
    for name in names {
        for occurrence in styles(&buffer, name) {
            seen += 1;
            let fg = occurrence[0].fg.expect("an entity in two articles is coloured");
            assert!(
                occurrence.iter().all(|s| s.fg == Some(fg)),
                "{name} has one colour"
            );
            if let Some((_, other)) = colour_of.iter().find(|(c, n)| *c == fg && *n != name) {
                panic!("{name} and {other} share {fg:?}");
            }
            colour_of.push((fg, name));
        }
    }
    assert!(
        seen >= 2 * names.len() - 4,
        "most names are on screen in both panes ({seen})"
    );
}
