//! What the UI thread does, one operation at a time, on large cases: a 20 MB article, 50
//! articles, 100,000 annotations. Each figure is one operation that blocks the event loop (keys
//! are not read while it runs); the budget is 100 ms. Run with
//! `cargo bench --bench load_hardening`; `benches/load.sh` times the real binary in tmux.
//!
//! With `LOAD_CASE_DIR=DIR` set it only writes the three cases into `DIR` (for `load.sh`).

#[path = "../tests/common/cases.rs"]
#[allow(dead_code)]
mod cases;

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use divan::Bencher;
use parallax::annotation::Notes;
use parallax::annotation::store::{self, OpenedStore, WritableStore};
use parallax::app::App;
use parallax::app::update::{handle_key, run_command};
use parallax::app::view::prepare;
use parallax::article::Article;
use parallax::article::load::{LoadOptions, load_path};
use parallax::config::{Config, Theme};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

const WIDTH: u16 = 200;
const HEIGHT: u16 = 50;

fn main() {
    if let Some(dir) = std::env::var_os("LOAD_CASE_DIR") {
        write_cases(Path::new(&dir));
        return;
    }
    divan::main();
}

/// Writes `DIR/fifty`, `DIR/big` and `DIR/annotated` (with its notes file).
fn write_cases(dir: &Path) {
    let fifty = dir.join("fifty");
    std::fs::create_dir_all(&fifty).expect("mkdir");
    write_fifty(&fifty);
    let big = dir.join("big");
    std::fs::create_dir_all(&big).expect("mkdir");
    std::fs::write(big.join("big.txt"), big_text()).expect("write");
    let annotated = dir.join("annotated");
    std::fs::create_dir_all(&annotated).expect("mkdir");
    cases::big_case(&annotated, 5, 20_000);
    eprintln!("wrote {}/{{fifty,big,annotated}}", dir.display());
}

fn big_text() -> String {
    format!("Twenty megabytes of news\n\n{}", cases::news_text(20_000_000))
}

fn write_fifty(dir: &Path) {
    let seeds = cases::seeds();
    for i in 0..50 {
        let text = format!("Report number {i} on the meeting\n\n{}", seeds[i % seeds.len()]);
        std::fs::write(dir.join(format!("a{i:02}.txt")), text).expect("write");
    }
}

struct Case {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

static BIG: LazyLock<Case> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("big.txt");
    std::fs::write(&path, big_text()).expect("write");
    Case { _dir: dir, path }
});

static FIFTY: LazyLock<Vec<Article>> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("tempdir");
    write_fifty(dir.path());
    let mut paths: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").path())
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| load_path(p, &LoadOptions::default()).expect("loads"))
        .collect()
});

static ANNOTATED: LazyLock<(Case, Vec<Article>)> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("tempdir");
    let articles = cases::big_case(dir.path(), 5, 20_000);
    let path = dir.path().join("parallax-notes.toml");
    (Case { _dir: dir, path }, articles)
});

fn big_article() -> Article {
    load_path(&BIG.path, &LoadOptions::default()).expect("loads")
}

/// Lays out and draws one full frame, writing the escape sequences a terminal would get.
fn frame(app: &mut App) {
    let mut terminal = Terminal::with_options(
        CrosstermBackend::new(std::io::sink()),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, WIDTH, HEIGHT)),
        },
    )
    .expect("terminal");
    prepare(app, Rect::new(0, 0, WIDTH, HEIGHT));
    terminal
        .draw(|f| parallax::ui::render(f, app, &Theme::default()))
        .expect("draw");
}

fn key(app: &mut App, c: char) {
    handle_key(app, KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
}

/// An app over `articles` that has drawn its first frame.
fn shown(articles: Vec<Article>) -> App {
    let mut app = App::new(articles, &Config::default());
    frame(&mut app);
    app
}

fn annotated_app() -> App {
    let (case, articles) = &*ANNOTATED;
    let notes = store::load::<Notes>(&case.path).expect("parses");
    let mut app = App::new(articles.clone(), &Config::default());
    app.set_notes(notes, case.path.parent().expect("dir"), "bench".into(), None);
    frame(&mut app);
    app
}

// ---- a 20 MB article ----

#[divan::bench(sample_count = 5, sample_size = 1)]
fn big_load(bencher: Bencher) {
    LazyLock::force(&BIG);
    bencher.bench_local(big_article);
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn big_first_frame(bencher: Bencher) {
    bencher
        .with_inputs(|| vec![big_article()])
        .bench_local_values(shown);
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn big_key_bottom(bencher: Bencher) {
    bencher
        .with_inputs(|| shown(vec![big_article()]))
        .bench_local_refs(|app| {
            key(app, 'G');
            frame(app);
        });
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn big_key_cursor(bencher: Bencher) {
    bencher
        .with_inputs(|| shown(vec![big_article()]))
        .bench_local_refs(|app| {
            key(app, 'c');
            frame(app);
        });
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn big_key_reveal_hidden(bencher: Bencher) {
    bencher
        .with_inputs(|| shown(vec![big_article()]))
        .bench_local_refs(|app| {
            key(app, '.');
            frame(app);
        });
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn big_key_page_down(bencher: Bencher) {
    bencher
        .with_inputs(|| shown(vec![big_article()]))
        .bench_local_refs(|app| {
            key(app, ' ');
            frame(app);
        });
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn big_key_cursor_next_sentence(bencher: Bencher) {
    bench_next_sentence(bencher, big_article, 0);
}

/// `j` with the sentence cursor shown, after `pages` pages down from the top of `article()`.
fn bench_next_sentence(bencher: Bencher, article: impl Fn() -> Article, pages: usize) {
    bencher
        .with_inputs(|| {
            let mut app = shown(vec![article()]);
            for _ in 0..pages {
                key(&mut app, ' ');
            }
            key(&mut app, 'c');
            frame(&mut app);
            app
        })
        .bench_local_refs(|app| {
            key(app, 'j');
            frame(app);
        });
}

// ---- 6 MB of short sentences: `c` and `j` must not split the whole text ----

/// About 6 MB of two-to-four-word sentences, ten to a line, or all on one line.
fn short_sentences(one_line: bool) -> Article {
    let words = [
        "Rain fell.",
        "Roads shut.",
        "Schools stayed closed.",
        "Power failed.",
        "Crews worked late.",
    ];
    let mut text = String::from("Storm log\n\n");
    let mut i = 0;
    while text.len() < 6_000_000 {
        text.push_str(words[i % words.len()]);
        i += 1;
        text.push(if !one_line && i % 10 == 0 { '\n' } else { ' ' });
    }
    parallax::article::load::from_bytes(Path::new("storm.txt"), text.as_bytes()).expect("loads")
}

#[divan::bench(args = [false, true], sample_count = 5, sample_size = 1)]
fn short_sentences_6mb_key_cursor(bencher: Bencher, one_line: bool) {
    let article = short_sentences(one_line);
    bencher
        .with_inputs(|| shown(vec![article.clone()]))
        .bench_local_refs(|app| {
            key(app, 'c');
            frame(app);
        });
}

#[divan::bench(args = [false, true], sample_count = 5, sample_size = 1)]
fn short_sentences_6mb_key_next_sentence_in_the_middle(bencher: Bencher, one_line: bool) {
    let article = short_sentences(one_line);
    bench_next_sentence(bencher, || article.clone(), 10);
}

/// The entity analysis runs on a worker thread; taking its result is on the UI thread.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn big_take_entity_analysis(bencher: Bencher) {
    let app = shown(vec![big_article()]);
    let docs: Vec<_> = app
        .panes
        .iter()
        .map(|p| std::sync::Arc::clone(&p.article))
        .collect();
    let refs: Vec<&Article> = docs.iter().map(AsRef::as_ref).collect();
    let gazetteer = parallax::entity::Gazetteer::builtin();
    let index = parallax::entity::analyze(&refs, &gazetteer, &parallax::entity::Decisions::default());
    bencher
        .with_inputs(|| (app.clone(), docs.clone(), index.clone()))
        .bench_local_values(|(mut app, docs, index)| {
            app.set_entities(docs, index);
            frame(&mut app);
            app
        });
}

// ---- 50 articles ----

#[divan::bench(sample_count = 10, sample_size = 1)]
fn fifty_first_frame(bencher: Bencher) {
    bencher.with_inputs(|| FIFTY.clone()).bench_local_values(shown);
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn fifty_focus_last_and_sync_page(bencher: Bencher) {
    bencher
        .with_inputs(|| shown(FIFTY.clone()))
        .bench_local_refs(|app| {
            run_command(app, "focus-pane 50");
            run_command(app, "sync");
            key(app, ' ');
            frame(app);
        });
}

// ---- 100,000 annotations in 5 articles ----

#[divan::bench(sample_count = 5, sample_size = 1)]
fn notes_100k_parse(bencher: Bencher) {
    let path = &ANNOTATED.0.path;
    bencher.bench_local(|| store::load::<Notes>(path).expect("parses"));
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn notes_100k_set_and_first_frame(bencher: Bencher) {
    let (case, articles) = &*ANNOTATED;
    let notes = store::load::<Notes>(&case.path).expect("parses");
    bencher
        .with_inputs(|| (App::new(articles.clone(), &Config::default()), notes.clone()))
        .bench_local_values(|(mut app, notes)| {
            app.set_notes(notes, case.path.parent().expect("dir"), "bench".into(), None);
            frame(&mut app);
            app
        });
}

/// Re-anchoring runs before the first frame when an article changed since the notes were
/// written. Measured on 2,000 of one article's annotations (its 2 MB text gained a paragraph at
/// the top, so every anchor moved); the cost is per annotation and grows with the text length.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn notes_2000_reanchor_in_changed_2mb_article(bencher: Bencher) {
    let (case, articles) = &*ANNOTATED;
    let mut notes = store::load::<Notes>(&case.path).expect("parses");
    notes.articles.truncate(1);
    notes.articles[0].annotations.truncate(2_000);
    let mut changed = articles[0].clone();
    changed.text = format!("An update added at the top.\n\n{}", changed.text);
    changed.hidden.clear();
    bencher
        .with_inputs(|| (App::new(vec![changed.clone()], &Config::default()), notes.clone()))
        .bench_local_values(|(mut app, notes)| {
            app.set_notes(notes, case.path.parent().expect("dir"), "bench".into(), None);
            app
        });
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn notes_100k_frame(bencher: Bencher) {
    bencher.with_inputs(annotated_app).bench_local_refs(frame);
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn notes_100k_key_tag(bencher: Bencher) {
    bencher
        .with_inputs(|| {
            let mut app = annotated_app();
            key(&mut app, 'c');
            key(&mut app, 't');
            app
        })
        .bench_local_refs(|app| {
            key(app, 'f');
            frame(app);
        });
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn notes_100k_save(bencher: Bencher) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("parallax-notes.toml");
    let notes = store::load::<Notes>(&ANNOTATED.0.path).expect("parses");
    let opened = store::open::<Notes>(&path);
    let OpenedStore::Writable(writable) = &opened.store else {
        panic!("writable")
    };
    let writable: &WritableStore<Notes> = writable;
    bencher.bench_local(|| writable.save(&notes).expect("saves"));
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn notes_100k_key_annotations_panel(bencher: Bencher) {
    bencher.with_inputs(annotated_app).bench_local_refs(|app| {
        key(app, 'm');
        frame(app);
    });
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn notes_100k_key_down_in_panel(bencher: Bencher) {
    bencher
        .with_inputs(|| {
            let mut app = annotated_app();
            key(&mut app, 'm');
            app
        })
        .bench_local_refs(|app| {
            key(app, 'j');
            frame(app);
        });
}

// ---- deeply nested HTML (issue #12: once quadratic in depth, and a stack overflow) ----

fn nested_page(open: &str, close: &str, depth: usize, filler: &str) -> Vec<u8> {
    let mut page = String::from("<html><body><article>");
    for _ in 0..depth {
        page.push_str(open);
        page.push_str(filler);
    }
    page.push_str("<p>The sentence at the bottom of the page.</p>");
    page.push_str(&close.repeat(depth));
    page.push_str("</article></body></html>");
    page.into_bytes()
}

/// 8,000 nested `<div>`s, 88 kB: took 7.7 s before the depth limit.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn html_8000_nested_divs(bencher: Bencher) {
    let page = nested_page("<div>", "</div>", 8_000, "");
    bencher.bench_local(|| parallax::article::load::from_bytes(std::path::Path::new("deep.html"), &page));
}

/// About 1.1 MB of nesting with some text at every level: over a minute before the limit.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn html_1mb_deep_page(bencher: Bencher) {
    let page = nested_page("<div><span>", "</span></div>", 40_000, "word ");
    bencher.bench_local(|| parallax::article::load::from_bytes(std::path::Path::new("deep.html"), &page));
}

// ---- search: 50 articles of 100 kB, one keystroke on the search line ----

/// Fifty articles of about 100 kB of news text each.
static SEARCH_CASE: LazyLock<Vec<Article>> = LazyLock::new(|| {
    (0..50)
        .map(|i| {
            let text = format!("Report {i}\n\n{}", cases::news_text(100_000));
            parallax::article::load::from_bytes(Path::new(&format!("s{i:02}.txt")), text.as_bytes())
                .expect("loads")
        })
        .collect()
});

/// A keystroke on the search line: every pane searched again, the first hit shown, the frame
/// drawn. The panes' texts were folded by the search's first letter, as in use.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn search_50x100kb_keystroke(bencher: Bencher) {
    bencher
        .with_inputs(|| {
            let mut app = shown(SEARCH_CASE.clone());
            key(&mut app, '/');
            key(&mut app, 'm');
            frame(&mut app);
            app
        })
        .bench_local_refs(|app| {
            key(app, 'i');
            frame(app);
        });
}

/// The search's first letter, which also folds all fifty texts.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn search_50x100kb_first_keystroke(bencher: Bencher) {
    bencher
        .with_inputs(|| {
            let mut app = shown(SEARCH_CASE.clone());
            key(&mut app, '/');
            app
        })
        .bench_local_refs(|app| {
            key(app, 'm');
            frame(app);
        });
}
