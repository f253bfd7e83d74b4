//! Inputs shared by the benches: the seed articles (`../shared/seeds`, else the bundled samples)
//! and bigger articles made by repeating them. Everything is generated in memory or in a
//! temporary directory; nothing is written into the repository.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use parallax::article::Article;
use parallax::article::load::from_bytes;

/// A named article text.
pub struct Seed {
    pub name: String,
    pub text: String,
}

fn read_dir_sorted(dir: &Path) -> Vec<Seed> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(&p).ok()?;
            let name = p.file_name()?.to_string_lossy().into_owned();
            Some(Seed { name, text })
        })
        .collect()
}

/// The five seed articles (real scraped news text), else the bundled samples.
pub fn seeds() -> Vec<Seed> {
    let seeds = read_dir_sorted(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds"));
    if seeds.is_empty() { samples() } else { seeds }
}

/// The bundled sample case.
pub fn samples() -> Vec<Seed> {
    read_dir_sorted(&Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples"))
}

/// `text` repeated (whole copies, one newline between them) until it is at least `bytes` long.
pub fn repeat_to(text: &str, bytes: usize) -> String {
    let copy = if text.ends_with('\n') {
        text.to_owned()
    } else {
        format!("{text}\n")
    };
    copy.repeat(bytes.div_ceil(copy.len()).max(1))
}

/// `count` article texts of about `bytes` each: the seeds in turn, each repeated to size.
/// `bytes == 0` keeps the seeds as they are. Names are unique and keep the seed's extension.
pub fn texts(count: usize, bytes: usize) -> Vec<Seed> {
    let seeds = seeds();
    (0..count)
        .map(|i| {
            let seed = &seeds[i % seeds.len()];
            let text = if bytes == 0 {
                seed.text.clone()
            } else {
                repeat_to(&seed.text, bytes)
            };
            Seed {
                name: format!("{i:02}-{}", seed.name),
                text,
            }
        })
        .collect()
}

/// Loads (decodes, cleans, reads metadata of) a text as the reader does a file of that name.
pub fn article(dir: &Path, seed: &Seed) -> Article {
    from_bytes(&dir.join(&seed.name), seed.text.as_bytes()).expect("seed text loads")
}

/// Writes the texts into `dir`; returns their paths in order.
pub fn write_files(dir: &Path, texts: &[Seed]) -> Vec<PathBuf> {
    texts
        .iter()
        .map(|seed| {
            let path = dir.join(&seed.name);
            std::fs::write(&path, &seed.text).expect("write bench input");
            path
        })
        .collect()
}

/// Bytes in a human unit, for labels.
pub fn human(bytes: usize) -> String {
    match bytes {
        b if b >= 1_000_000 => format!("{:.1} MB", b as f64 / 1e6),
        b if b >= 1_000 => format!("{:.0} kB", b as f64 / 1e3),
        b => format!("{b} B"),
    }
}
