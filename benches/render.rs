//! W3, frame time while scrolling: twelve articles side by side on a 240×70 terminal (all twelve
//! shown: `min_column_width = 20`), entity highlights from a real entity pass, and about 500
//! annotations on screen. Every frame scrolls all panes one row (sync on, `j`, then `k` on the
//! way back), lays out and draws, as the event loop does for a key. Run with
//! `cargo bench --bench render`.
//!
//! Before the divan benches, `main` times 2,000 scrolled frames one by one and prints the
//! median and 99th percentile, and the bytes a terminal receives per frame (a real
//! `Terminal::draw` into a `CrosstermBackend` writing to memory: ratatui's diff, then escape
//! sequences, counted). Divan's table gives the same frame into `TestBackend` (render and diff, no
//! escape sequences) and into the `CrosstermBackend`.

#[path = "support/mod.rs"]
mod support;

use std::cell::RefCell;
use std::io::Write;
use std::path::Path;
use std::rc::Rc;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use parallax::annotation::{Anchor, Annotation, ArticleNotes, Notes};
use parallax::app::App;
use parallax::app::update::handle_key;
use parallax::app::view::prepare;
use parallax::article::Article;
use parallax::config::{Config, Theme};
use parallax::entity::{Decisions, Gazetteer, analyze};
use parallax::layout::{Row, RowPos};
use ratatui::backend::{Backend, CrosstermBackend, TestBackend};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

const WIDTH: u16 = 240;
const HEIGHT: u16 = 70;
const PANES: usize = 12;
const ARTICLE_BYTES: usize = 30_000;
/// Frames scroll this many rows down, then as many back up, and so on.
const SWING: usize = 30;
/// Every this many words on the screen's way through the articles carries an annotation.
const ANNOTATE_EVERY: usize = 3;

fn main() {
    percentiles();
    divan::main();
}

/// The W3 app: laid out at 240×70, entities found, annotations set.
fn w3() -> App {
    let dir = Path::new("/w3");
    let all: Vec<support::Seed> = support::seeds().into_iter().chain(support::samples()).collect();
    let articles: Vec<Article> = (0..PANES)
        .map(|i| {
            let seed = &all[i % all.len()];
            let seed = support::Seed {
                name: format!("{i:02}-{}", seed.name),
                text: support::repeat_to(&seed.text, ARTICLE_BYTES),
            };
            support::article(dir, &seed)
        })
        .collect();
    let mut config = Config::default();
    config.reader.min_column_width = 20;
    let mut app = App::new(articles, &config);
    app.set_notes(Notes::default(), dir, "bench".into(), None);
    app.sync = true;
    let area = Rect::new(0, 0, WIDTH, HEIGHT);
    prepare(&mut app, area);
    assert_eq!(app.view.panes.len(), PANES, "all panes show");

    let docs: Vec<Arc<Article>> = app.panes.iter().map(|p| Arc::clone(&p.article)).collect();
    let refs: Vec<&Article> = docs.iter().map(AsRef::as_ref).collect();
    let index = analyze(&refs, &Gazetteer::builtin(), &Decisions::default());
    app.set_entities(docs, index);

    let notes = annotations(&mut app);
    app.set_notes(notes, dir, "bench".into(), None);
    prepare(&mut app, area);
    app
}

/// Annotations on every `ANNOTATE_EVERY`th word of the text the frames will show.
fn annotations(app: &mut App) -> Notes {
    let mut notes = Notes::default();
    let mut id = 0;
    for pane in &mut app.panes {
        let text = pane.article.text.clone();
        let bottom = pane
            .layout
            .down(&text, RowPos::default(), pane.body_height + SWING + 1);
        let end = pane.layout.offset_of(&text, bottom);
        let mut entry = ArticleNotes::new(&pane.key);
        let words = pane
            .article
            .visible_parts(0..end)
            .into_iter()
            .flat_map(|part| words(&text, part));
        for word in words.step_by(ANNOTATE_EVERY) {
            id += 1;
            let tag = &app.tags[id % app.tags.len()].name;
            entry.annotations.push(Annotation {
                id: format!("a{id}"),
                tags: vec![tag.clone()],
                note: format!("note {id}"),
                created: "2025-03-01T14:05:09Z".into(),
                modified: "2025-03-01T14:05:09Z".into(),
                orphan: false,
                anchor: Anchor::new(&text, word).expect("a word is a valid range"),
            });
        }
        notes.articles.push(entry);
    }
    notes.articles.sort_by(|a, b| a.path.cmp(&b.path));
    notes.validate().expect("valid notes");
    notes
}

/// Byte ranges of the whitespace-separated words of `text[range]`.
fn words(text: &str, range: std::ops::Range<usize>) -> Vec<std::ops::Range<usize>> {
    let base = range.start;
    let part = &text[range];
    part.split_whitespace()
        .map(|w| {
            let start = base + (w.as_ptr() as usize - part.as_ptr() as usize);
            start..start + w.len()
        })
        .collect()
}

/// Annotations and entity mentions that intersect the rows on screen.
fn on_screen(app: &App) -> (usize, usize) {
    let (mut annotations, mut mentions) = (0, 0);
    for slot in &app.view.panes {
        let pane = &app.panes[slot.index];
        let mut lines = Vec::new();
        let mut pos = pane.top;
        for _ in 0..pane.body_height {
            if let Some(Row::Text(line)) = pane.layout.row(pos) {
                lines.push(line.start..line.end);
            }
            let next = RowPos {
                row: pos.row + 1,
                ..pos
            };
            pos = if pane.layout.row(next).is_some() {
                next
            } else {
                RowPos {
                    para: pos.para + 1,
                    row: 0,
                }
            };
        }
        let shows = |r: &std::ops::Range<usize>| lines.iter().any(|l| r.start < l.end && l.start < r.end);
        if let Some(notes) = app.notes.notes.article(&pane.key.path) {
            annotations += notes
                .annotations
                .iter()
                .filter(|a| shows(&a.anchor.range()))
                .count();
        }
        mentions += pane.highlights.iter().filter(|h| shows(&h.range)).count();
    }
    (annotations, mentions)
}

/// One scrolled frame: the key, the layout, the draw.
fn frame<B: Backend>(app: &mut App, terminal: &mut Terminal<B>, n: usize, theme: &Theme) {
    let key = if (n / SWING).is_multiple_of(2) { 'j' } else { 'k' };
    handle_key(app, KeyEvent::new(KeyCode::Char(key), KeyModifiers::NONE));
    prepare(app, Rect::new(0, 0, WIDTH, HEIGHT));
    terminal
        .draw(|f| parallax::ui::render(f, app, theme))
        .expect("draw");
}

/// The terminal's output: memory shared with the bench, which empties it and counts it.
#[derive(Clone, Default)]
struct Sink(Rc<RefCell<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Sink {
    fn take_len(&self) -> usize {
        let mut bytes = self.0.borrow_mut();
        let len = bytes.len();
        bytes.clear();
        len
    }
}

fn crossterm_terminal(sink: &Sink) -> Terminal<CrosstermBackend<Sink>> {
    Terminal::with_options(
        CrosstermBackend::new(sink.clone()),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, WIDTH, HEIGHT)),
        },
    )
    .expect("terminal")
}

fn percentiles() {
    // `RENDER_FRAMES=200` for a quick look (or a run under callgrind).
    let frames: usize = std::env::var("RENDER_FRAMES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(2_000);
    let theme = Theme::default();
    let mut app = w3();
    let sink = Sink::default();
    let mut terminal = crossterm_terminal(&sink);
    frame(&mut app, &mut terminal, 0, &theme);
    let first_bytes = sink.take_len();
    let mut times = Vec::with_capacity(frames);
    let mut bytes = Vec::with_capacity(frames);
    let mut shown = (usize::MAX, 0, usize::MAX, 0);
    for n in 1..=frames + 2 * SWING {
        let start = Instant::now();
        frame(&mut app, &mut terminal, n, &theme);
        let took = start.elapsed();
        let written = sink.take_len();
        if n > 2 * SWING {
            // The first swing wraps the rows for the first time; after that the cache is warm.
            times.push(took);
            bytes.push(written);
            let (a, m) = on_screen(&app);
            shown = (shown.0.min(a), shown.1.max(a), shown.2.min(m), shown.3.max(m));
        }
    }
    times.sort_unstable();
    bytes.sort_unstable();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    let us = |d: Duration| d.as_secs_f64() * 1e6;
    println!(
        "W3 {WIDTH}x{HEIGHT}, {PANES} panes, {}–{} annotations and {}–{} entity mentions on screen",
        shown.0, shown.1, shown.2, shown.3
    );
    println!(
        "scrolled frame (key + layout + draw into CrosstermBackend<Vec<u8>>), {frames} frames: \
         median {:.0} µs, p99 {:.0} µs, max {:.0} µs",
        us(at(0.5)),
        us(at(0.99)),
        us(at(1.0))
    );
    println!(
        "bytes written per scrolled frame: median {}, max {}; first (full) frame: {first_bytes}",
        bytes[bytes.len() / 2],
        bytes[bytes.len() - 1]
    );
    println!();
}

#[divan::bench]
fn scrolled_frame_test_backend(bencher: divan::Bencher) {
    let theme = Theme::default();
    let mut app = w3();
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("terminal");
    let mut n = 0;
    bencher.bench_local(|| {
        n += 1;
        frame(&mut app, &mut terminal, n, &theme);
    });
}

#[divan::bench]
fn scrolled_frame_crossterm(bencher: divan::Bencher) {
    let theme = Theme::default();
    let mut app = w3();
    let sink = Sink::default();
    let mut terminal = crossterm_terminal(&sink);
    let mut n = 0;
    bencher.bench_local(|| {
        n += 1;
        frame(&mut app, &mut terminal, n, &theme);
        sink.take_len()
    });
}
