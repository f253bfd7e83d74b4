//! Rendered screens: the reader drawn into ratatui's `TestBackend` (snapshots, read before
//! accepting) and into a `CrosstermBackend` writing to memory, to check the bytes a terminal
//! would receive.

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

fn screen(app: &mut App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    prepare(app, Rect::new(0, 0, width, height));
    terminal
        .draw(|f| parallax::ui::render(f, app, &Theme::default()))
        .expect("draw");
    let buffer = terminal.backend().buffer();
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
    for info in parallax::app::action::ACTIONS.iter().take(20) {
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
    key(&mut app, crossterm::event::KeyCode::Char('f'));
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
    let mut out = Vec::new();
    {
        let backend = CrosstermBackend::new(&mut out);
        let mut terminal = Terminal::with_options(
            backend,
            TerminalOptions {
                viewport: Viewport::Fixed(Rect::new(0, 0, width, height)),
            },
        )
        .expect("terminal");
        prepare(&mut app, Rect::new(0, 0, width, height));
        terminal
            .draw(|f| parallax::ui::render(f, &app, &Theme::default()))
            .expect("draw");
    }
    out
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
