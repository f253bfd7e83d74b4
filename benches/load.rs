//! Growth: what opening a case costs as its articles get bigger and more numerous. Run with
//! `cargo bench --bench load`.
//!
//! `first_frame_*` is the reader's path from files on disk to the first frame, in process: read,
//! decode, clean and read metadata of every file, build the app, open the (absent) notes file,
//! lay out and draw one 200×50 frame into a `CrosstermBackend` writing to memory. Not included:
//! process start, the terminal and the entity pass, which runs on its own thread after the first
//! frame (`entity_pass_*` measures it at the same sizes). Inputs are the seed articles, each
//! repeated to size, written to a temporary directory.

#[path = "support/mod.rs"]
mod support;

use std::path::{Path, PathBuf};

use parallax::annotation::{Notes, store};
use parallax::app::App;
use parallax::app::view::prepare;
use parallax::article::Article;
use parallax::article::load::{LoadOptions, load_all};
use parallax::config::{Config, Theme};
use parallax::entity::{Decisions, Gazetteer, analyze};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

const WIDTH: u16 = 200;
const HEIGHT: u16 = 50;

fn main() {
    for (name, bytes) in [("W1", 0), ("W2", 2_000_000)] {
        let case = case(5, bytes);
        println!(
            "{name}: the first frame at {WIDTH}x{HEIGHT} writes {} bytes",
            first_frame(&case.paths, case.dir.path())
        );
    }
    println!();
    divan::main();
}

/// A case of `count` articles of about `bytes` each (0: the seeds as they are), on disk.
struct Case {
    dir: tempfile::TempDir,
    paths: Vec<PathBuf>,
    bytes: u64,
}

fn case(count: usize, bytes: usize) -> Case {
    let dir = tempfile::tempdir().expect("temp dir");
    let texts = support::texts(count, bytes);
    let paths = support::write_files(dir.path(), &texts);
    let bytes = texts.iter().map(|t| t.text.len() as u64).sum();
    Case { dir, paths, bytes }
}

/// Files to first frame, as `parallax PATHS...` does it; returns the bytes the frame wrote.
fn first_frame(paths: &[PathBuf], notes_dir: &Path) -> usize {
    let config = Config::default();
    let options = LoadOptions {
        max_bytes: config.reader.max_file_size,
    };
    let (articles, problems) = load_all(paths, &options);
    assert!(problems.is_empty(), "{problems:?}");
    let mut app = App::new(articles, &config);
    let opened = store::open::<Notes>(&notes_dir.join("parallax-notes.toml"));
    app.set_notes(opened.document, notes_dir, "bench".into(), None);
    let area = Rect::new(0, 0, WIDTH, HEIGHT);
    let mut out = Vec::with_capacity(64 * 1024);
    let mut terminal = Terminal::with_options(
        CrosstermBackend::new(&mut out),
        TerminalOptions {
            viewport: Viewport::Fixed(area),
        },
    )
    .expect("terminal");
    parallax::ui::write_every_cell_next(&mut terminal); // as the reader does at start
    prepare(&mut app, area);
    terminal
        .draw(|f| parallax::ui::render(f, &app, &Theme::default()))
        .expect("draw");
    drop(terminal);
    out.len()
}

fn bench_first_frame(bencher: divan::Bencher, count: usize, bytes: usize) {
    let case = case(count, bytes);
    bencher
        .counter(divan::counter::BytesCount::new(case.bytes))
        .bench_local(|| first_frame(&case.paths, case.dir.path()));
}

/// W1: the five seeds as they are.
#[divan::bench(sample_count = 50)]
fn first_frame_w1(bencher: divan::Bencher) {
    bench_first_frame(bencher, 5, 0);
}

/// W2: five articles of 2 MB.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn first_frame_w2(bencher: divan::Bencher) {
    bench_first_frame(bencher, 5, 2_000_000);
}

/// Five articles of each size.
#[divan::bench(args = [10_000, 100_000, 1_000_000, 10_000_000], sample_count = 5, sample_size = 1)]
fn first_frame_five_articles_of(bencher: divan::Bencher, bytes: usize) {
    bench_first_frame(bencher, 5, bytes);
}

/// This many articles of 1 MB.
#[divan::bench(args = [1, 5, 12, 24], sample_count = 5, sample_size = 1)]
fn first_frame_articles_of_1mb(bencher: divan::Bencher, count: usize) {
    bench_first_frame(bencher, count, 1_000_000);
}

fn bench_entities(bencher: divan::Bencher, count: usize, bytes: usize) {
    let dir = Path::new("/bench");
    let articles: Vec<Article> = support::texts(count, bytes)
        .iter()
        .map(|seed| support::article(dir, seed))
        .collect();
    let refs: Vec<&Article> = articles.iter().collect();
    let gazetteer = Gazetteer::builtin();
    let decisions = Decisions::default();
    bencher
        .counter(divan::counter::BytesCount::new(
            articles.iter().map(|a| a.text.len()).sum::<usize>(),
        ))
        .bench_local(|| analyze(&refs, &gazetteer, &decisions));
}

/// The entity pass (one core) over five articles of each size.
#[divan::bench(args = [10_000, 100_000, 1_000_000, 10_000_000], sample_count = 3, sample_size = 1)]
fn entity_pass_five_articles_of(bencher: divan::Bencher, bytes: usize) {
    bench_entities(bencher, 5, bytes);
}

/// The entity pass (one core) over this many articles of 1 MB.
#[divan::bench(args = [1, 5, 12, 24], sample_count = 3, sample_size = 1)]
fn entity_pass_articles_of_1mb(bencher: divan::Bencher, count: usize) {
    bench_entities(bencher, count, 1_000_000);
}

/// The steps of opening one 2 MB article, to see where first-frame time goes.
mod stages {
    use std::path::Path;

    use parallax::app::Pane;
    use parallax::article::clean::{clean, units};
    use parallax::article::load::{from_bytes, from_vec};
    use parallax::article::{Format, meta};
    use std::sync::Arc;

    fn text() -> String {
        super::support::repeat_to(&super::support::seeds()[4].text, 2_000_000)
    }

    /// Decoding, cleaning and metadata of a file's bytes, as `load_path` does after reading.
    #[divan::bench(sample_count = 20, sample_size = 1)]
    fn load_from_bytes_2mb(bencher: divan::Bencher) {
        let text = text();
        bencher
            .counter(divan::counter::BytesCount::of_str(&text))
            .with_inputs(|| text.as_bytes().to_vec())
            .bench_local_values(|bytes| from_vec(Path::new("a.txt"), bytes));
    }

    #[divan::bench(sample_count = 20, sample_size = 1)]
    fn units_split_2mb(bencher: divan::Bencher) {
        let text = text();
        bencher
            .counter(divan::counter::BytesCount::of_str(&text))
            .bench_local(|| units::split(&text, Format::Text));
    }

    #[divan::bench(sample_count = 20, sample_size = 1)]
    fn clean_2mb(bencher: divan::Bencher) {
        let text = text();
        bencher
            .counter(divan::counter::BytesCount::of_str(&text))
            .bench_local(|| clean(&text, Format::Text));
    }

    #[divan::bench(sample_count = 20, sample_size = 1)]
    fn meta_2mb(bencher: divan::Bencher) {
        let text = text();
        let hidden = clean(&text, Format::Text);
        bencher
            .counter(divan::counter::BytesCount::of_str(&text))
            .bench_local(|| meta::extract(&text, &mut hidden.clone()));
    }

    /// The hash that keys an article's notes (FNV-1a 64, part of the notes format).
    #[divan::bench(sample_count = 20, sample_size = 1)]
    fn text_hash_2mb(bencher: divan::Bencher) {
        let text = text();
        bencher
            .counter(divan::counter::BytesCount::of_str(&text))
            .bench_local(|| parallax::annotation::hash::text_hash(&text));
    }

    /// A pane: paragraphs (the eager part of the layout) and the text hash for the notes.
    #[divan::bench(sample_count = 20, sample_size = 1)]
    fn pane_new_2mb(bencher: divan::Bencher) {
        let article = Arc::new(from_bytes(Path::new("a.txt"), text().as_bytes()).expect("loads"));
        bencher
            .counter(divan::counter::BytesCount::of_str(&article.text))
            .bench_local(|| Pane::new(Arc::clone(&article), false));
    }
}
