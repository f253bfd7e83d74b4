//! The comparison view (`C`) drawn into ratatui's `TestBackend`: facts as rows, outlets as
//! columns, "—" where an outlet's sentence of a fact was not found; its filters; Enter bringing
//! every pane to the fact; and `S` making the highlighted fact a claim group through the notes'
//! edit-and-undo path. The alignment is computed here as the worker would, then handed to the
//! app the way the event loop does.

mod common;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use parallax::annotation::Origin;
use parallax::app::update::handle_key;
use parallax::app::{App, Mode};
use parallax::article::Article;
use parallax::config::{Config, Theme};
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

const WIDTH: u16 = 150;
const HEIGHT: u16 = 16;

/// Three outlets on a ferry running aground, in their own words: all three report the
/// grounding, two the rescue (not the third), two the share price (not the second); each has
/// something only it reports.
fn reader() -> App {
    let outlet = |path: &str, name: &str, text: &str| {
        let mut article = Article::plain(path, text);
        article.meta.outlet = Some(name.into());
        article
    };
    let articles = vec![
        outlet(
            "post.txt",
            "Harbour Post",
            "The ferry Skylark ran aground near Vell Island on Tuesday night with 212 passengers aboard.\n\
             Coastguard boats took every passenger of the Skylark ashore by dawn.\n\
             Shares in Northline, the ferry's operator, fell nine percent in early trading.\n\
             A brass band played on the quay at the harbour festival.\n",
        ),
        outlet(
            "radio.txt",
            "Island Radio",
            "The ferry Skylark, carrying 212 passengers, ran aground off Vell Island late on Tuesday night.\n\
             By dawn coastguard boats had taken every Skylark passenger ashore.\n\
             Fishermen have warned for years about uncharted rocks in the strait.\n",
        ),
        outlet(
            "daily.txt",
            "Mainland Daily",
            "The Skylark ferry, with 212 passengers aboard, ran aground near Vell Island on Tuesday night.\n\
             Northline shares fell nine percent in early trading after the ferry ran aground.\n\
             The transport minister promised a public inquiry into safety at sea.\n",
        ),
    ];
    let mut app = App::new(articles, &Config::default());
    common::cases::align(&mut app);
    app
}

fn key(app: &mut App, code: KeyCode) {
    handle_key(app, KeyEvent::new(code, KeyModifiers::NONE));
}

fn screen(app: &mut App) -> (String, Buffer) {
    let buffer = common::terminal::draw(app, WIDTH, HEIGHT, &Theme::default());
    let mut out = String::new();
    for y in 0..HEIGHT {
        let line: String = (0..WIDTH).map(|x| buffer[(x, y)].symbol().to_owned()).collect();
        out.push_str(line.trim_end());
        out.push('\n');
    }
    (out, buffer)
}

/// The row of the screen holding `needle`, and the column where it starts.
fn find(text: &str, needle: &str) -> Option<(u16, u16)> {
    text.lines().enumerate().find_map(|(y, line)| {
        let byte = line.find(needle)?;
        Some((
            u16::try_from(line[..byte].chars().count()).ok()?,
            u16::try_from(y).ok()?,
        ))
    })
}

#[test]
fn facts_are_rows_outlets_are_columns_and_the_gaps_show() {
    let mut app = reader();
    key(&mut app, KeyCode::Char('C'));
    assert!(matches!(app.mode, Mode::Compare(_)), "{:?}", app.message);
    let (text, buffer) = screen(&mut app);
    insta::assert_snapshot!(text);
    // The fact all three report comes first, highlighted; the rows of two follow.
    let (x, y) = find(&text, "3/3").expect("a fact of three outlets");
    assert!(
        buffer[(x, y)].modifier.contains(Modifier::REVERSED),
        "highlighted"
    );
    let first_two = find(&text, "2/3").expect("a fact of two").1;
    assert!(first_two > y, "{text}");
    assert!(!buffer[(x, first_two)].modifier.contains(Modifier::REVERSED));
    // Where an outlet's sentence was not found, a dim "—", not a blank and not a claim.
    let (dx, dy) = text
        .lines()
        .enumerate()
        .skip(usize::from(first_two))
        .find_map(|(y, l)| {
            let byte = l.find('—')?;
            Some((l[..byte].chars().count(), y))
        })
        .expect("a gap in a row of two");
    let gap = &buffer[(u16::try_from(dx).expect("x"), u16::try_from(dy).expect("y"))];
    assert_eq!(gap.fg, Color::DarkGray);
    assert!(gap.modifier.contains(Modifier::DIM));
    // The outlet the filter is about (the focused pane) is underlined in the header.
    let (hx, hy) = find(&text, "[1] Harbour Post").expect("header");
    assert!(buffer[(hx, hy)].modifier.contains(Modifier::UNDERLINED));
    let (ox, oy) = find(&text, "[2] Island Radio").expect("header");
    assert!(!buffer[(ox, oy)].modifier.contains(Modifier::UNDERLINED));
}

#[test]
fn the_filter_keeps_facts_not_found_in_an_outlet_or_only_in_it() {
    let mut app = reader();
    key(&mut app, KeyCode::Char('C'));
    // Island Radio (Tab: the next outlet); the facts the others report and it does not.
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Char('f'));
    let (text, _) = screen(&mut app);
    assert!(text.contains("not found in Island Radio"), "{text}");
    assert!(text.contains("Northline"), "the share price: {text}");
    assert!(!text.contains("│3/3"), "{text}");
    assert!(
        !text.contains("coastguard boats"),
        "Island Radio reports the rescue: {text}"
    );
    assert!(
        !text.contains("brass band"),
        "one outlet's own fact is not a gap: {text}"
    );
    // Then the facts only it reports.
    key(&mut app, KeyCode::Char('f'));
    let (text, _) = screen(&mut app);
    assert!(text.contains("facts only Island Radio reports"), "{text}");
    assert!(text.contains("Fishermen have warned"), "{text}");
    assert!(!text.contains("Northline") && !text.contains("│2/3"), "{text}");
    // The filter follows the outlet.
    key(&mut app, KeyCode::Tab);
    let (text, _) = screen(&mut app);
    assert!(text.contains("transport minister"), "{text}");
    assert!(!text.contains("Fishermen have warned"), "{text}");
}

#[test]
fn enter_brings_every_pane_to_the_fact() {
    let mut app = reader();
    key(&mut app, KeyCode::Char('C'));
    // The second row: a fact two outlets report.
    key(&mut app, KeyCode::Char('j'));
    let row = match &app.mode {
        Mode::Compare(view) => view.current().expect("a row").clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(row.outlets, 2);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.mode, Mode::Normal);
    let (text, _) = screen(&mut app);
    for (pane, cell) in row.cells.iter().enumerate() {
        if let Some(cell) = cell {
            let words: String = app.panes[pane].article.text[cell.range.clone()]
                .split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ");
            assert!(text.contains(&words), "pane {pane} shows `{words}`:\n{text}");
        }
    }
    // The focused pane's cursor is on its sentence: the status bar says who reports it.
    let focused = app.focus;
    let cursor = app.panes[focused]
        .cursor
        .as_ref()
        .expect("a cursor")
        .sentence
        .clone();
    let cell = row.cells[focused].as_ref().expect("the focused pane reports it");
    assert!(cursor.contains(&cell.range.start), "{cursor:?} {:?}", cell.range);
    assert!(text.contains("reported by 2 of 3 · not found in: "), "{text}");
}

#[test]
fn s_makes_the_highlighted_fact_a_claim_group_that_undo_takes_back() {
    let mut app = reader();
    key(&mut app, KeyCode::Char('C'));
    let (before, _) = screen(&mut app);
    assert!(!before.contains('✓'), "nothing is confirmed yet:\n{before}");
    assert!(app.notes.notes.claims.is_empty());
    key(&mut app, KeyCode::Char('S'));
    let notes = &app.notes.notes;
    assert_eq!(notes.claims.len(), 1, "{:?}", app.message);
    let group = &notes.claims[0];
    assert_eq!(group.members.len(), 3, "one sentence of each outlet");
    assert!(group.members.iter().all(|m| m.origin == Origin::Suggested));
    // Each member is a new annotation on its outlet's sentence of the grounding.
    for member in &group.members {
        let (_, annotation) = notes.annotation(&member.annotation).expect("annotated");
        assert!(
            annotation.anchor.quote.contains("aground"),
            "{}",
            annotation.anchor.quote
        );
        assert_eq!(annotation.tags, ["claim"]);
    }
    // The view stays open and marks the row as the analyst's now.
    let (after, _) = screen(&mut app);
    assert!(after.contains("3/3 ✓"), "{after}");
    // Accepting again changes nothing; undo takes the whole group and its annotations back.
    key(&mut app, KeyCode::Char('S'));
    assert_eq!(app.notes.notes.claims.len(), 1);
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.text.contains("already linked")),
        "{:?}",
        app.message
    );
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('u'));
    assert!(app.notes.notes.claims.is_empty());
    assert!(app.notes.notes.articles.iter().all(|a| a.annotations.is_empty()));
}

#[test]
fn s_on_the_cursor_sentence_links_its_fact_from_that_sentence() {
    let mut app = reader();
    // Pane 2, its second sentence: the rescue, which pane 1 reports too.
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Char('c'));
    key(&mut app, KeyCode::Char('j'));
    let cursor = app.panes[1].cursor.as_ref().expect("cursor").sentence.clone();
    assert!(app.panes[1].article.text[cursor.clone()].starts_with("By dawn"));
    key(&mut app, KeyCode::Char('S'));
    let notes = &app.notes.notes;
    assert_eq!(notes.claims.len(), 1, "{:?}", app.message);
    let quotes: Vec<(String, String)> = notes.claims[0]
        .members
        .iter()
        .map(|m| {
            let (path, a) = notes.annotation(&m.annotation).expect("annotated");
            (path.to_owned(), a.anchor.quote.clone())
        })
        .collect();
    assert_eq!(quotes.len(), 2, "{quotes:?}");
    assert!(
        quotes.contains(&(
            "radio.txt".into(),
            app.panes[1].article.text[cursor].trim().to_owned()
        )),
        "{quotes:?}"
    );
    assert!(
        quotes
            .iter()
            .any(|(p, q)| p == "post.txt" && q.starts_with("Coastguard boats")),
        "{quotes:?}"
    );
    // Without a cursor there is no sentence to take the fact from: nothing changes.
    let mut app = reader();
    key(&mut app, KeyCode::Char('S'));
    assert!(app.notes.notes.claims.is_empty());
    assert!(
        app.message.as_ref().is_some_and(|m| m.text.contains("cursor")),
        "{:?}",
        app.message
    );
}

#[test]
fn on_the_seeds_no_two_rows_repeat_a_title_or_the_same_sentences() {
    // Overlapping facts (a sentence may report two) had shown as rows with one title, three
    // times over, some with the same sentence in every column.
    let mut app = App::new(common::cases::seed_articles(), &Config::default());
    common::cases::align(&mut app);
    key(&mut app, KeyCode::Char('C'));
    let Mode::Compare(view) = &app.mode else {
        panic!("the view opens: {:?}", app.message)
    };
    let shared: Vec<_> = view.rows.iter().filter(|r| r.outlets > 1).collect();
    assert!(
        shared.len() >= 5,
        "facts several outlets report: {}",
        shared.len()
    );
    for (i, a) in view.rows.iter().enumerate() {
        for b in &view.rows[i + 1..] {
            assert_ne!(a.title, b.title, "two rows titled alike");
            if a.outlets > 1 {
                assert_ne!(a.cells, b.cells, "two rows with the same sentences: {}", a.title);
            }
        }
    }
}
