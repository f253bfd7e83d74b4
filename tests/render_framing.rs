//! The framing panel (issue #15) drawn into ratatui's `TestBackend` on the seeds: one column per
//! outlet with names and descriptors and counts, the highlighted line jumping to its place, and
//! loaded terms marked in the text only when toggled. The analysis is run here as the worker
//! thread would, then handed to the app the way the event loop does.

mod common;

use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use parallax::app::update::{handle_key, run_command};
use parallax::app::{App, Mode};
use parallax::article::Article;
use parallax::config::{Config, Theme};
use parallax::entity::{Decisions, Gazetteer, analyze};
use parallax::framing::Lexicon;
use ratatui::style::Modifier;

fn seeds_app() -> App {
    let articles = common::cases::seed_articles();
    let mut app = App::new(articles, &Config::default());
    let docs: Vec<Arc<Article>> = app.panes.iter().map(|p| Arc::clone(&p.article)).collect();
    let refs: Vec<&Article> = docs.iter().map(AsRef::as_ref).collect();
    let gazetteer = Gazetteer::builtin();
    let index = analyze(&refs, &gazetteer, &Decisions::default());
    let framing = parallax::framing::analyze(&refs, &index, &gazetteer, &Lexicon::builtin());
    app.set_entities(docs.clone(), index);
    app.framing.set(docs, framing);
    app
}

fn key(app: &mut App, code: KeyCode) {
    handle_key(app, KeyEvent::new(code, KeyModifiers::NONE));
}

fn screen(app: &mut App, width: u16, height: u16) -> (String, ratatui::buffer::Buffer) {
    let buffer = common::terminal::draw(app, width, height, &Theme::default());
    let mut out = String::new();
    for y in 0..height {
        let line: String = (0..width).map(|x| buffer[(x, y)].symbol().to_owned()).collect();
        out.push_str(line.trim_end());
        out.push('\n');
    }
    (out, buffer)
}

#[test]
fn the_panel_shows_each_outlets_labels_and_enter_jumps_to_one() {
    let mut app = seeds_app();
    run_command(&mut app, "select Hezbollah");
    key(&mut app, KeyCode::Char('f'));
    let Mode::Framing { panel, .. } = &app.mode else {
        panic!("f opens the framing panel: {:?}", app.mode.label());
    };
    let described: Vec<&str> = panel
        .columns
        .iter()
        .filter(|c| {
            c.lines
                .iter()
                .any(|l| l.kind == parallax::app::framing::LineKind::Descriptor)
        })
        .map(|c| c.outlet.as_str())
        .collect();
    assert!(described.len() >= 3, "{described:?}");
    let (shown, _) = screen(&mut app, 200, 40);
    insta::assert_snapshot!(shown);
    assert!(shown.contains("Framing: Hezbollah"), "{shown}");
    assert!(shown.contains("Iran-backed"), "{shown}");

    // Move to the first descriptor of the second column and jump to it.
    let Mode::Framing { panel, .. } = &app.mode else {
        unreachable!()
    };
    let items = panel.items();
    let target = items
        .iter()
        .position(|&(c, l)| {
            c > 0 && panel.columns[c].lines[l].kind == parallax::app::framing::LineKind::Descriptor
        })
        .expect("a descriptor in a later column");
    let (column, line) = items[target];
    let (pane, at, text) = (
        panel.columns[column].pane,
        panel.columns[column].lines[line].at,
        panel.columns[column].lines[line].text.clone(),
    );
    for _ in 0..target {
        key(&mut app, KeyCode::Char('j'));
    }
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.focus, pane);
    let (after, _) = screen(&mut app, 200, 40);
    let first_words: String = app.panes[pane].article.text[at..].chars().take(12).collect();
    assert!(
        text.starts_with(first_words.split_whitespace().next().unwrap_or("")),
        "{text:?} at {first_words:?}"
    );
    assert!(
        after.contains(first_words.split_whitespace().next().unwrap_or("")),
        "the jumped-to text is on screen"
    );
}

#[test]
fn loaded_terms_are_marked_only_when_toggled() {
    let mut app = seeds_app();
    let underlined = |app: &mut App| {
        let (shown, buffer) = screen(app, 200, 40);
        let (row, line) = shown
            .lines()
            .enumerate()
            .find(|(_, l)| l.contains("terrorist"))
            .expect("a loaded term on the first screen");
        let col = line[..line.find("terrorist").expect("found")].chars().count() as u16;
        buffer[(col, row as u16)]
            .style()
            .add_modifier
            .contains(Modifier::UNDERLINED)
    };
    assert!(!underlined(&mut app));
    key(&mut app, KeyCode::Char('F'));
    assert!(underlined(&mut app));
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.text.contains("loaded terms"))
    );
    key(&mut app, KeyCode::Char('F'));
    assert!(!underlined(&mut app));
}

#[test]
fn without_a_selection_the_panel_says_how_to_choose_one() {
    let mut app = seeds_app();
    key(&mut app, KeyCode::Char('f'));
    assert_eq!(app.mode, Mode::Normal);
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.text.contains("no entity selected"))
    );
    // From the entities panel, ctrl-f opens the highlighted row's framing.
    key(&mut app, KeyCode::Char('e'));
    handle_key(&mut app, KeyEvent::new(KeyCode::Char('f'), KeyModifiers::CONTROL));
    assert!(matches!(app.mode, Mode::Framing { .. }), "{}", app.mode.label());
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.mode, Mode::Normal);
}

#[test]
fn the_entity_under_the_sentence_cursor_opens_its_panel() {
    let mut app = seeds_app();
    // The cursor on the first sentence of the first article, which names an entity.
    key(&mut app, KeyCode::Char('c'));
    let pane = &app.panes[0];
    let sentence = pane.target_range().expect("the cursor's sentence");
    let first = pane
        .highlights
        .iter()
        .find(|h| h.range.start < sentence.end && sentence.start < h.range.end)
        .map(|h| h.entity)
        .expect("the first sentence names an entity");
    let label = app.entities.index.as_ref().expect("index").entities[first]
        .label
        .clone();
    key(&mut app, KeyCode::Char('f'));
    let Mode::Framing { panel, .. } = &app.mode else {
        panic!(
            "f opens the panel of the entity under the cursor: {}",
            app.mode.label()
        );
    };
    assert_eq!(panel.label, label);
    assert_eq!(app.entities.selected, Some(first));
}

/// Issue #15's acceptance on the seeds, in the reader: the panels of the three organisations
/// the seeds mention most each show descriptors from at least three outlets, not all alike, and
/// every descriptor line jumps to that descriptor in its outlet's article, on screen.
#[test]
fn the_most_mentioned_organisations_are_labelled_by_three_outlets_and_every_line_jumps_there() {
    use parallax::app::framing::LineKind;
    use parallax::entity::Kind;

    let mut app = seeds_app();
    screen(&mut app, 200, 40);
    let framing = app.framing.result.clone().expect("the framing");
    let mut organisations: Vec<&parallax::framing::Frame> = framing
        .entities
        .iter()
        .filter(|f| f.kind == Kind::Organisation)
        .collect();
    organisations.sort_by_key(|f| std::cmp::Reverse(f.mentions.len()));
    assert!(organisations.len() >= 3, "{organisations:?}");
    for frame in &organisations[..3] {
        run_command(&mut app, &format!("select {}", frame.label));
        key(&mut app, KeyCode::Char('f'));
        let Mode::Framing { panel, .. } = &app.mode else {
            panic!("f opens the panel of {}: {:?}", frame.label, app.mode.label());
        };
        let panel = Arc::clone(panel);
        assert_eq!(panel.label, frame.label);
        let labelled: Vec<Vec<String>> = panel
            .columns
            .iter()
            .map(|c| {
                let mut texts: Vec<String> = c
                    .lines
                    .iter()
                    .filter(|l| l.kind == LineKind::Descriptor)
                    .map(|l| parallax::framing::summary::fold(&l.text))
                    .collect();
                texts.sort();
                texts
            })
            .filter(|texts| !texts.is_empty())
            .collect();
        let mut distinct = labelled.clone();
        distinct.sort();
        distinct.dedup();
        assert!(
            labelled.len() >= 3 && distinct.len() >= 3,
            "{}: {labelled:?}",
            frame.label
        );
        // Every descriptor line, Enter on it: the panel closes, its outlet's pane has the
        // focus and shows the descriptor's place, whose text is the line's.
        let items = panel.items();
        for (cursor, &(c, l)) in items.iter().enumerate() {
            let column = &panel.columns[c];
            let line = &column.lines[l];
            if line.kind != LineKind::Descriptor {
                continue;
            }
            let text = app.panes[column.pane].article.text.clone();
            let there: String = text[line.at..].split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                parallax::framing::summary::fold(&there)
                    .starts_with(&parallax::framing::summary::fold(&line.text)),
                "{}: {:?} is not at {}: {:?}",
                frame.label,
                line.text,
                line.at,
                &there[..there.len().min(60)]
            );
            app.mode = Mode::Framing {
                cursor,
                panel: Arc::clone(&panel),
            };
            key(&mut app, KeyCode::Enter);
            assert_eq!(app.mode, Mode::Normal);
            assert_eq!(app.focus, column.pane);
            screen(&mut app, 200, 40);
            let pane = &mut app.panes[column.pane];
            let top = pane.top_offset();
            let bottom = {
                let last = pane
                    .layout
                    .down(&text, pane.top, pane.body_height.saturating_sub(1));
                pane.layout.offset_of(&text, last)
            };
            assert!(
                top <= line.at && line.at <= bottom,
                "{}: {:?} at {} not on screen ({top}..{bottom})",
                frame.label,
                line.text,
                line.at
            );
        }
    }
}
