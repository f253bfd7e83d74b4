//! Large cases for the load tests and `benches/load_hardening.rs` (which includes this file by
//! path): news text of any size from the seed articles, and a case with many annotations.

use std::path::{Path, PathBuf};

use parallax::annotation::store;
use parallax::annotation::{Anchor, Annotation, ArticleKey, ArticleNotes, Notes};
use parallax::article::Article;
use parallax::article::load::{LoadOptions, load_path};

/// The five seed articles beside the repository.
/// Panics with one clear message when the shared folder is missing: a test that needs the
/// seeds must fail then, never pass without them.
pub fn seeds_dir() -> PathBuf {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds"));
    assert!(
        dir.is_dir(),
        "{} is missing: the tests need the project's shared/ folder beside the repository",
        dir.display()
    );
    dir
}

/// Copies the seed articles into `dir` (a case the test may change).
pub fn copy_seeds(dir: &Path) {
    for path in seed_paths() {
        std::fs::copy(&path, dir.join(path.file_name().expect("name"))).expect("copy");
    }
}

/// A temporary copy of the seed articles to open in the reader: it writes its notes lock beside
/// the articles, and a test must never write into `../shared`.
pub fn seeds_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_seeds(dir.path());
    dir
}

/// The notes file of the case in `dir`, empty when there is none.
pub fn notes_in(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("parallax-notes.toml")).unwrap_or_default()
}

/// Finds the entities of the reader's panes and aligns them, as the worker threads would, and
/// hands the alignment to the reader the way the event loop does.
pub fn align(app: &mut parallax::app::App) {
    let docs: Vec<_> = app.panes.iter().map(|p| p.article.clone()).collect();
    let refs: Vec<&Article> = docs.iter().map(AsRef::as_ref).collect();
    let index = parallax::entity::analyze(
        &refs,
        &parallax::entity::Gazetteer::builtin(),
        &parallax::entity::Decisions::default(),
    );
    let alignment = parallax::app::alignment::compute(&docs, &index);
    app.alignment.set(docs, alignment);
}

/// The seed articles' paths, in name order.
pub fn seed_paths() -> Vec<PathBuf> {
    let mut paths: Vec<_> = std::fs::read_dir(seeds_dir())
        .expect("seeds")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
}

/// The seed articles loaded as the reader loads them, in name order.
pub fn seed_articles() -> Vec<Article> {
    seed_paths()
        .iter()
        .map(|p| load_path(p, &LoadOptions::default()).expect("seed loads"))
        .collect()
}

/// The seed articles' texts, in name order.
pub fn seeds() -> Vec<String> {
    seed_paths()
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("seed"))
        .collect()
}

/// About `bytes` of news text: the seeds, one after another, over and over.
pub fn news_text(bytes: usize) -> String {
    let all = seeds().join("\n\n");
    let mut text = String::with_capacity(bytes + all.len());
    while text.len() < bytes {
        text.push_str(&all);
        text.push_str("\n\n");
    }
    text
}

/// A case of `articles` articles with `per_article` annotations each, written to `dir` as the
/// reader would find it; returns the articles loaded.
pub fn big_case(dir: &Path, articles: usize, per_article: usize) -> Vec<Article> {
    let seeds = seeds();
    let mut notes = Notes::default();
    let mut loaded = Vec::new();
    let mut id = 0;
    for i in 0..articles {
        // 100 bytes of text per annotation, each on an 80-byte slice of it.
        let seed = &seeds[i % seeds.len()];
        let text = seed.repeat(per_article * 100 / seed.len() + 1);
        let path = dir.join(format!("a{i}.txt"));
        std::fs::write(&path, &text).expect("write");
        let key = ArticleKey::new(format!("a{i}.txt"), &text);
        let mut entry = ArticleNotes::new(&key);
        let floor = |mut at: usize| {
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            at
        };
        for k in 0..per_article {
            id += 1;
            let range = floor(k * 100)..floor(k * 100 + 80);
            let anchor = Anchor::new(&text, range).expect("a valid range");
            entry.annotations.push(Annotation {
                id: format!("a{id}"),
                tags: vec!["claim".into()],
                note: format!("note {id}"),
                created: "2025-01-01T00:00:00Z".into(),
                modified: "2025-01-01T00:00:00Z".into(),
                orphan: false,
                anchor,
            });
        }
        assert_eq!(entry.annotations.len(), per_article, "the article is long enough");
        notes.articles.push(entry);
        loaded.push(load_path(&path, &LoadOptions::default()).expect("loads"));
    }
    let path = dir.join("parallax-notes.toml");
    let opened = store::open::<Notes>(&path);
    opened
        .store
        .writable()
        .expect("writable")
        .save(&notes)
        .expect("saves");
    loaded
}
