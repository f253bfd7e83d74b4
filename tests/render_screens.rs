//! Rendered screens: the reader drawn into ratatui's `TestBackend` (snapshots, read before
//! accepting) and into a `CrosstermBackend` writing to memory, to check the bytes a terminal
//! would receive.

mod common;

use std::path::Path;

use parallax::app::update::{handle_key, run_command};
use parallax::app::view::prepare;
use parallax::app::{App, Mode};
use parallax::article::load::{LoadOptions, load_path};
use parallax::config::{Config, Theme};
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

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

/// Lays out and draws `app` at `width`×`height` into a `TestBackend`; returns its buffer.
fn draw(app: &mut App, width: u16, height: u16) -> ratatui::buffer::Buffer {
    common::terminal::draw(app, width, height, &Theme::default())
}

fn screen(app: &mut App, width: u16, height: u16) -> String {
    let buffer = &draw(app, width, height);
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

fn key(app: &mut App, code: crossterm::event::KeyCode) {
    handle_key(
        app,
        crossterm::event::KeyEvent::new(code, crossterm::event::KeyModifiers::NONE),
    );
}

#[test]
fn samples_at_80x24() {
    let mut app = App::new(samples(), &Config::default());
    insta::assert_snapshot!(screen(&mut app, 80, 24));
}

#[test]
fn samples_at_200x50_scrolled_and_synced() {
    let mut app = App::new(samples(), &Config::default());
    screen(&mut app, 200, 50);
    key(&mut app, crossterm::event::KeyCode::Char('s'));
    for _ in 0..5 {
        key(&mut app, crossterm::event::KeyCode::Char('j'));
    }
    insta::assert_snapshot!(screen(&mut app, 200, 50));
}

#[test]
fn help_overlay_at_100x40() {
    let mut app = App::new(samples(), &Config::default());
    app.mode = Mode::Help { scroll: 0 };
    let shown = screen(&mut app, 100, 40);
    for info in parallax::action::ACTIONS.iter().take(20) {
        assert!(shown.contains(info.description), "help lacks {}", info.name);
    }
    insta::assert_snapshot!(shown);
}

#[test]
fn too_small_terminal_shows_a_notice() {
    let mut app = App::new(samples(), &Config::default());
    let shown = screen(&mut app, 20, 5);
    assert!(shown.contains("Terminal too"), "{shown}");
    insta::assert_snapshot!(shown);
    // 1×1 and 0×0 must not panic either.
    screen(&mut app, 1, 1);
    let mut terminal = Terminal::new(TestBackend::new(0, 0)).expect("terminal");
    prepare(&mut app, Rect::new(0, 0, 0, 0));
    terminal
        .draw(|f| parallax::ui::render(f, &app, &Theme::default()))
        .expect("draw");
}

#[test]
fn no_articles_left_explains_how_to_open_one() {
    let mut app = App::new(samples(), &Config::default());
    for _ in 0..app.panes.len() {
        run_command(&mut app, "close");
    }
    let shown = screen(&mut app, 80, 10);
    assert!(shown.contains(":open PATH"), "{shown}");
}

#[test]
fn command_line_shows_completions() {
    let mut app = App::new(samples(), &Config::default());
    key(&mut app, crossterm::event::KeyCode::Char(':'));
    // "fo", not "f": `framing` starts with f too.
    key(&mut app, crossterm::event::KeyCode::Char('f'));
    key(&mut app, crossterm::event::KeyCode::Char('o'));
    key(&mut app, crossterm::event::KeyCode::Tab);
    let shown = screen(&mut app, 120, 20);
    let last = shown.lines().nth(19).expect("status line");
    assert!(last.starts_with(":focus-"), "{last}");
    assert!(
        last.contains("focus-next") && last.contains("focus-pane"),
        "{last}"
    );
}

/// What a terminal would receive while drawing an article full of escape sequences.
fn terminal_bytes(width: u16, height: u16) -> Vec<u8> {
    let article = load_path(&fixture("hostile/escapes.txt"), &LoadOptions::default()).expect("loads");
    let mut app = App::new(vec![article], &Config::default());
    common::terminal::frame_bytes(&mut app, width, height, &Theme::default())
}

#[test]
fn article_escape_sequences_never_reach_the_terminal() {
    let bytes = terminal_bytes(100, 20);
    let text = String::from_utf8(bytes.clone()).expect("utf-8 output");
    // The backend writes its own CSI sequences (cursor moves, colours) and nothing else: no OSC
    // (title, hyperlink, clipboard), no BEL, no DCS, no clear-screen, no C1 controls, no bidi.
    for (i, window) in bytes.windows(2).enumerate() {
        if window[0] == 0x1b {
            assert_eq!(
                window[1],
                b'[',
                "non-CSI escape at byte {i}: {:?}",
                &text[i.saturating_sub(20)..(i + 20).min(text.len())]
            );
        }
    }
    assert!(!bytes.contains(&0x07), "BEL reached the terminal");
    assert!(!text.contains("\u{1b}[2J"), "clear-screen reached the terminal");
    assert!(
        !text.contains("\u{1b}[10;10H"),
        "the article's cursor move reached the terminal"
    );
    assert!(
        !text.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c)),
        "C1 control reached the terminal"
    );
    for c in [
        '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}',
        '\u{2069}',
    ] {
        assert!(!text.contains(c), "bidi control {c:?} reached the terminal");
    }
    // What was there is shown, defanged: ␛ for ESC, and the words around it.
    assert!(text.contains('\u{241b}'), "no visible ESC placeholder");
    assert!(text.contains("pwned"));
    // ZWNJ in Persian is kept.
    assert!(text.contains('\u{200C}'));
}

/// The first frame of the samples at 200×50 as the reader draws it on a fresh screen: with
/// `write_every_cell_next`, every cell row by row, one cursor move per row.
#[test]
fn first_frame_writes_every_cell_row_by_row() {
    let (width, height) = (200, 50);
    let mut app = App::new(samples(), &Config::default());
    let mut out = Vec::new();
    let buffer = {
        let mut terminal = Terminal::with_options(
            CrosstermBackend::new(&mut out),
            TerminalOptions {
                viewport: Viewport::Fixed(Rect::new(0, 0, width, height)),
            },
        )
        .expect("terminal");
        parallax::ui::write_every_cell_next(&mut terminal);
        prepare(&mut app, Rect::new(0, 0, width, height));
        terminal
            .draw(|f| parallax::ui::render(f, &app, &Theme::default()))
            .expect("draw")
            .buffer
            .clone()
    };
    let text = String::from_utf8(out).expect("utf-8 output");
    // Split off the CSI sequences: cursor moves (…H) and styles (…m).
    let mut moves = Vec::new();
    let mut shown = String::new();
    let mut rest = text.as_str();
    while let Some(at) = rest.find('\u{1b}') {
        shown.push_str(&rest[..at]);
        let end = rest[at..]
            .find(|c: char| c.is_ascii_alphabetic())
            .expect("CSI ends with a letter");
        let csi = &rest[at..=at + end];
        if csi.ends_with('H') {
            moves.push(csi.to_owned());
        }
        rest = &rest[at + end + 1..];
    }
    shown.push_str(rest);
    let rows: Vec<String> = (1..=height).map(|y| format!("\u{1b}[{y};1H")).collect();
    assert_eq!(moves, rows, "one move to the start of each row, no other");
    let mut cells = String::new();
    for y in 0..height {
        for x in 0..width {
            cells.push_str(buffer[(x, y)].symbol());
        }
    }
    assert_eq!(shown, cells);
    assert!(shown.contains(" NORMAL "));
}

/// Two small articles and a hand-made entity index (the engine is tested on its own).
fn app_with_entities() -> App {
    use parallax::entity::{Entity, EntityIndex, Kind, Mention, Reason};
    let a = parallax::article::Article::plain("a.txt", "Esmail Qaani met Hamas envoys in Tehran.");
    let b = parallax::article::Article::plain("b.txt", "In Tehran, Ismail Qaani spoke.\n\nLater Qaani left.");
    let mut app = App::new(vec![a, b], &Config::default());
    let docs: Vec<_> = app
        .panes
        .iter()
        .map(|p| std::sync::Arc::clone(&p.article))
        .collect();
    let mention = |doc, start, end| Mention {
        doc,
        range: start..end,
    };
    let index = EntityIndex {
        entities: vec![
            Entity {
                label: "Ismail Qaani".into(),
                kind: Kind::Person,
                reason: Reason::Variant,
                mentions: vec![mention(0, 0, 12), mention(1, 11, 23), mention(1, 38, 43)],
            },
            Entity {
                label: "Tehran".into(),
                kind: Kind::Place,
                reason: Reason::Exact,
                mentions: vec![mention(0, 33, 39), mention(1, 3, 9)],
            },
            Entity {
                label: "Hamas".into(),
                kind: Kind::Organisation,
                reason: Reason::Exact,
                mentions: vec![mention(0, 17, 22)],
            },
        ],
    };
    app.set_entities(docs, index);
    app
}

/// The style of the first cell showing `needle` on screen.
fn style_of(app: &mut App, width: u16, height: u16, needle: &str) -> Vec<ratatui::style::Style> {
    let buffer = &draw(app, width, height);
    let mut styles = Vec::new();
    // The panes, not the status bar (whose messages may name the entity too).
    for y in 0..height - 1 {
        let line: String = (0..width).map(|x| buffer[(x, y)].symbol().to_owned()).collect();
        let mut from = 0;
        while let Some(at) = line[from..].find(needle) {
            let col = line[..from + at].chars().count() as u16;
            styles.push(buffer[(col, y)].style());
            from += at + needle.len();
        }
    }
    styles
}

#[test]
fn same_entity_has_the_same_colour_in_every_pane_and_single_sources_are_quiet() {
    let mut app = app_with_entities();
    let qaani = style_of(&mut app, 100, 12, "Qaani");
    assert_eq!(qaani.len(), 3, "three mentions on screen");
    assert!(
        !matches!(qaani[0].fg, None | Some(ratatui::style::Color::Reset))
            && qaani.iter().all(|s| s.fg == qaani[0].fg),
        "{qaani:?}"
    );
    let tehran = style_of(&mut app, 100, 12, "Tehran");
    assert_ne!(tehran[0].fg, qaani[0].fg);
    let hamas = style_of(&mut app, 100, 12, "Hamas");
    let uncoloured = |s: &ratatui::style::Style| matches!(s.fg, None | Some(ratatui::style::Color::Reset));
    assert!(
        uncoloured(&hamas[0]),
        "a one-source entity is not coloured: {hamas:?}"
    );
    assert!(
        hamas[0]
            .add_modifier
            .contains(ratatui::style::Modifier::UNDERLINED)
    );
    let plain = style_of(&mut app, 100, 12, "spoke");
    assert!(uncoloured(&plain[0]));
    assert!(
        !plain[0]
            .add_modifier
            .contains(ratatui::style::Modifier::UNDERLINED)
    );
}

#[test]
fn entities_panel_lists_coverage_and_enter_then_n_jumps_across_panes() {
    use crossterm::event::KeyCode;
    let mut app = app_with_entities();
    key(&mut app, KeyCode::Char('e'));
    assert_eq!(app.mode, Mode::Entities);
    let shown = screen(&mut app, 100, 14);
    insta::assert_snapshot!(shown);
    // Filter to Qaani, select it: focus goes to its first mention, in pane 1.
    for c in "qani".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    assert_eq!(app.entities.panel_rows().len(), 1);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.focus, 0);
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.text.contains("mention 1 of 3")),
        "{:?}",
        app.message
    );
    key(&mut app, KeyCode::Char('n'));
    assert_eq!(app.focus, 1);
    key(&mut app, KeyCode::Char('n'));
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.text.contains("mention 3 of 3"))
    );
    key(&mut app, KeyCode::Char('n'));
    assert_eq!(app.focus, 0, "wraps to the first mention");
    key(&mut app, KeyCode::Char('N'));
    assert_eq!(app.focus, 1);
    // Selected mentions are emphasised (reversed) in every pane.
    let styles = style_of(&mut app, 100, 12, "Qaani");
    assert!(
        styles
            .iter()
            .all(|s| s.add_modifier.contains(ratatui::style::Modifier::REVERSED)),
        "{styles:?}"
    );
    // :rename keeps the selection on the renamed entity and asks for a new analysis.
    let effects = run_command(&mut app, "rename Esmail Qaani");
    assert!(matches!(
        effects.as_slice(),
        [
            parallax::app::Effect::SaveNotes,
            parallax::app::Effect::Analyze { .. }
        ]
    ));
    assert_eq!(app.notes.notes.entities.renames.len(), 1);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.entities.selected, None);
}

/// Three samples; a claim tagged in two and linked (the second contradicts the first).
fn app_with_a_claim_group() -> App {
    let mut app = App::new(samples().into_iter().take(3).collect(), &Config::default());
    app.notes.clock = || "2026-01-01T00:00:00Z".to_owned();
    prepare(&mut app, Rect::new(0, 0, 160, 40));
    for command in [
        "cursor",
        "tag claim",
        "link",
        "focus-pane 2",
        "cursor",
        "sentence-next",
    ] {
        run_command(&mut app, command);
    }
    run_command(&mut app, "tag disputed");
    run_command(&mut app, "link-as contradicts");
    run_command(&mut app, "tag fact"); // the same annotation: a second tag
    run_command(&mut app, "sentence-next");
    run_command(&mut app, "tag opinion"); // not in any group
    app
}

#[test]
fn annotations_panel_groups_claims_with_who_reports_and_who_omits() {
    let mut app = app_with_a_claim_group();
    assert_eq!(app.notes.notes.claims.len(), 1, "{:?}", app.message);
    run_command(&mut app, "annotations");
    let shown = screen(&mut app, 160, 40);
    assert!(
        shown.contains("Claim c1 · reported by 2 of 3: Kharun National Broadcasting, Continental Wire Service · not linked: Free Kharun Voice"),
        "{shown}"
    );
    assert!(shown.contains("Other annotations"), "{shown}");
    insta::assert_snapshot!(shown);
}
