//! W4: a notes file with 10,000 annotations over five articles: parse and serialise in memory,
//! and the store's real load, open (lock, then load) and save (atomic replace) of the file in a
//! temporary directory. Run with `cargo bench --bench store`.

#[path = "support/mod.rs"]
mod support;

use std::path::Path;

use parallax::annotation::document::{parse, render};
use parallax::annotation::{Anchor, Annotation, ArticleKey, ArticleNotes, Notes, OpenedStore, store};

const ANNOTATIONS: usize = 10_000;
const ARTICLES: usize = 5;
/// Words per annotated passage, and words from one passage's start to the next's.
const QUOTE_WORDS: usize = 12;
const STEP_WORDS: usize = 15;

fn main() {
    let text = render(&notes()).expect("renders");
    println!(
        "W4 notes file: {ANNOTATIONS} annotations over {ARTICLES} articles, {}",
        support::human(text.len())
    );
    divan::main();
}

/// Ten thousand annotations: passages of a dozen words, tags, notes with quotes and newlines.
fn notes() -> Notes {
    let per_article = ANNOTATIONS / ARTICLES;
    let texts = support::texts(ARTICLES, 0);
    let mut notes = Notes::default();
    let mut id = 0;
    for seed in &texts {
        let words_needed = per_article * STEP_WORDS + QUOTE_WORDS;
        let mut text = seed.text.clone();
        while text.split_whitespace().count() < words_needed {
            text.push_str(&seed.text);
        }
        let starts: Vec<usize> = text
            .split_whitespace()
            .map(|w| w.as_ptr() as usize - text.as_ptr() as usize)
            .collect();
        let mut entry = ArticleNotes::new(&ArticleKey::new(format!("articles/{}", seed.name), &text));
        entry.note = "Wire copy, rewritten; compare the casualty figures with the agency's.".into();
        for k in 0..per_article {
            id += 1;
            let first = k * STEP_WORDS;
            let last = first + QUOTE_WORDS - 1;
            let end = text[starts[last]..]
                .find(char::is_whitespace)
                .map_or(text.len(), |i| starts[last] + i);
            let tags = match id % 3 {
                0 => vec!["claim".to_owned()],
                1 => vec!["claim".to_owned(), "disputed".to_owned()],
                _ => vec!["framing".to_owned()],
            };
            entry.annotations.push(Annotation {
                id: format!("a{id}"),
                tags,
                note: format!(
                    "Annotation {id}: the \"official\" figure differs from the agency's.\n\
                     Check against the 14:00 briefing."
                ),
                created: "2025-03-01T14:05:09Z".into(),
                modified: "2025-03-02T09:41:00Z".into(),
                orphan: false,
                anchor: Anchor::new(&text, starts[first]..end).expect("a passage is a valid range"),
            });
        }
        notes.articles.push(entry);
    }
    notes.articles.sort_by(|a, b| a.path.cmp(&b.path));
    notes.validate().expect("valid notes");
    notes
}

#[divan::bench(sample_count = 20, sample_size = 1)]
fn parse_10k(bencher: divan::Bencher) {
    let text = render(&notes()).expect("renders");
    bencher
        .counter(divan::counter::BytesCount::of_str(&text))
        .bench_local(|| parse::<Notes>(Path::new("notes.toml"), &text).expect("parses"));
}

#[divan::bench(sample_count = 20, sample_size = 1)]
fn render_10k(bencher: divan::Bencher) {
    let notes = notes();
    bencher.bench_local(|| render(&notes).expect("renders"));
}

#[divan::bench(sample_count = 20, sample_size = 1)]
fn load_10k(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("parallax-notes.toml");
    std::fs::write(&path, render(&notes()).expect("renders")).expect("write");
    bencher.bench_local(|| store::load::<Notes>(&path).expect("loads"));
}

/// Lock, then load: what the reader does at start.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn open_10k(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("parallax-notes.toml");
    std::fs::write(&path, render(&notes()).expect("renders")).expect("write");
    bencher.bench_local(|| {
        let opened = store::open::<Notes>(&path);
        assert!(matches!(opened.store, OpenedStore::Writable(_)));
        opened
    });
}

/// Serialise, write a temporary file, sync, rename over the old one: what every change costs.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn save_10k(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("parallax-notes.toml");
    let notes = notes();
    let opened = store::open::<Notes>(&path);
    let OpenedStore::Writable(store) = opened.store else {
        panic!("store opens writable");
    };
    bencher.bench_local(|| store.save(&notes).expect("saves"));
}
