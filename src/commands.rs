//! The scripting subcommands, `parallax entities`, `parallax align`, `parallax export` and
//! `parallax add` (which downloads pages into a case through `crate::fetch`): they read the files
//! they are given (articles, notes, outlet defaults, the user's gazetteer), call the pure
//! engines (`entity`, `compare`, `export`) and print or write the result.
//!
//! This is an IO edge, like `tui`: the modules it calls never read a file themselves, and the
//! clap argument types (`cli`) stop here.

pub mod add;
pub mod align;
pub mod entities;
pub mod export;
pub mod framing;

use std::path::Path;

use crate::annotation::{Notes, store};
use crate::article::Article;
use crate::article::load::{LoadOptions, expand_paths, load_path};
use crate::entity::{Decisions, EntityIndex, Gazetteer};

/// The largest user gazetteer read.
const MAX_GAZETTEER_BYTES: u64 = 64 * 1024 * 1024;

/// The bundled gazetteer, plus the user's file when the config names one (`path` not empty).
/// Both subcommands and the reader read it through here, so one file gives one set of entities.
pub fn load_gazetteer(path: &str) -> Result<Gazetteer, String> {
    if path.is_empty() {
        return Ok(Gazetteer::builtin());
    }
    // A regular file only, and bounded: `gazetteer = "/dev/zero"` must fail, not fill memory.
    let (bytes, _) = crate::files::read_regular(std::path::Path::new(path), MAX_GAZETTEER_BYTES)
        .map_err(|e| e.to_string())?;
    let text = String::from_utf8(bytes).map_err(|e| format!("{path}: not UTF-8 text ({e})"))?;
    Gazetteer::with_user_file(&text).map_err(|e| format!("{path}: {e}"))
}

/// Adds the user's word-list files to the bundled lists, once, before any article is loaded:
/// `[cleaning] lexicon` to the cleaner's, `[entities] lexicon` to the entity detector's. An empty
/// path adds nothing.
pub fn install_lexicons(config: &crate::config::Config) -> Result<(), String> {
    install_words(&config.cleaning.lexicon, crate::article::words::install)?;
    install_words(&config.entities.lexicon, crate::entity::lexicon::install)
}

fn install_words(path: &str, install: fn(&str) -> Result<(), String>) -> Result<(), String> {
    if path.is_empty() {
        return Ok(());
    }
    let (bytes, _) = crate::files::read_regular(std::path::Path::new(path), MAX_GAZETTEER_BYTES)
        .map_err(|e| e.to_string())?;
    let text = String::from_utf8(bytes).map_err(|e| format!("{path}: not UTF-8 text ({e})"))?;
    // `install` says where in the file (`line:column: message`).
    install(&text).map_err(|e| format!("{path}:{e}"))
}

/// Loads every article under `paths` (files or directories), failing on the first problem:
/// a script must not get a result for fewer files than it named.
pub fn load_articles(
    paths: &[std::path::PathBuf],
    config: &crate::config::Config,
) -> Result<Vec<Article>, String> {
    let (paths, errors) = expand_paths(paths);
    if let Some(error) = errors.first() {
        return Err(error.to_string());
    }
    if paths.is_empty() {
        return Err("no articles found in the given paths".into());
    }
    let options = LoadOptions {
        max_bytes: config.reader.max_file_size,
    };
    paths
        .iter()
        .map(|p| load_path(p, &options).map_err(|e| e.to_string()))
        .collect()
}

/// A case as the subcommands that read entities load it: its articles, the gazetteer and the
/// entities found with the case's decisions.
pub struct LoadedCase {
    pub articles: Vec<Article>,
    pub gazetteer: Gazetteer,
    pub index: EntityIndex,
}

/// Loads the articles under `paths` and finds their entities with the merges, splits and
/// renames of `notes` (the `--notes` file), else of the case's notes file where the reader
/// keeps it, as the reader and `parallax export` do; a case without one has no decisions.
pub fn load_case(
    paths: &[std::path::PathBuf],
    notes: Option<&Path>,
    config: &crate::config::Config,
) -> Result<LoadedCase, String> {
    let gazetteer = load_gazetteer(&config.entities.gazetteer)?;
    let articles = load_articles(paths, config)?;
    let decisions = case_decisions(&articles, notes)?;
    let refs: Vec<&Article> = articles.iter().collect();
    let index = crate::entity::analyze(&refs, &gazetteer, &decisions);
    Ok(LoadedCase {
        articles,
        gazetteer,
        index,
    })
}

/// The entity decisions in the case's notes file, if it has one.
fn case_decisions(articles: &[Article], notes: Option<&Path>) -> Result<Decisions, String> {
    let path = match notes {
        Some(path) => crate::files::canonical_folder(path),
        None => match articles.first() {
            // No place for a notes file: then there is none to read.
            Some(first) => match export::default_notes_path(&first.path) {
                Ok(path) => path,
                Err(_) => return Ok(Decisions::default()),
            },
            None => return Ok(Decisions::default()),
        },
    };
    if notes.is_none() && !path.exists() {
        return Ok(Decisions::default());
    }
    let notes: Notes = store::load(&path).map_err(|error| error.to_string())?;
    Ok(notes.entities)
}

/// One input file in a subcommand's JSON: its index (what `doc` fields refer to) and path.
#[derive(serde::Serialize)]
pub struct JsonDocument {
    pub id: usize,
    pub path: String,
}

/// The `documents` list of a subcommand's JSON, in the order the articles were given.
pub fn json_documents(articles: &[Article]) -> Vec<JsonDocument> {
    articles
        .iter()
        .enumerate()
        .map(|(id, a)| JsonDocument {
            id,
            path: a.path.display().to_string(),
        })
        .collect()
}
