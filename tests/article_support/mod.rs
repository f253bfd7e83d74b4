//! Helpers shared by the article integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use parallax::article::load::{LoadOptions, from_bytes, load_path};
use parallax::article::{Article, ranges};

pub fn seed_path(name: &str) -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds/")).join(name)
}

pub fn fixture_path(name: &str) -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/articles/")).join(name)
}

/// Loads a file and checks the hidden-range invariants every article must keep.
pub fn load(path: &Path) -> Article {
    let article = load_path(path, &LoadOptions::default()).expect("article loads");
    ranges::check(&article.text, &article.hidden).expect("hidden ranges are valid");
    article
}

pub fn load_str(name: &str, text: &str) -> Article {
    let article = from_bytes(Path::new(name), text.as_bytes()).expect("article loads");
    ranges::check(&article.text, &article.hidden).expect("hidden ranges are valid");
    article
}

/// What the reader shows: the text minus hidden ranges.
pub fn visible(article: &Article) -> String {
    article
        .visible_ranges()
        .into_iter()
        .map(|r| &article.text[r])
        .collect()
}

/// The first non-blank visible line.
pub fn first_visible_line(article: &Article) -> String {
    visible(article)
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or_default()
        .to_string()
}
