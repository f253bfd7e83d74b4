//! Export: the case's notes as a report in Markdown (people), JSON (tools) or CSV (spreadsheets).
//!
//! - [`build_report`] (pure) gathers what every format shows into a [`Report`], made
//!   terminal-safe and in a fixed order; [`render`] (pure) turns it into text.
//! - [`export_loaded`] adds the entity analysis: the one place export calls the entity engine.
//! - [`run_to_string`] and [`run`] do the IO (articles, notes file, output) for the
//!   `parallax export` subcommand and the reader's `:export`, so both produce the same bytes.

mod csv;
mod json;
mod markdown;
mod report;

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::annotation::location::{LocationInput, choose_notes_location};
use crate::annotation::{Notes, OutletBias, store};
use crate::article::Article;
use crate::article::load::{LoadOptions, expand_paths, load_path};
use crate::cli::ExportArgs;
use crate::config::Config;
use crate::entity::{EntityIndex, Gazetteer};

pub use markdown::MAX_ENTITY_ROWS;
pub use report::{
    AnnotationEntry, Claim, ClaimMemberEntry, EXPORT_SCHEMA_VERSION, EntityRow, Report, Source, SourceBias,
    build_report,
};

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A report for people
    #[value(name = "md")]
    Markdown,
    /// Everything, for other tools (see docs/export-json.md)
    Json,
    /// One row per annotation, for spreadsheets
    Csv,
}

impl Format {
    /// The format named `md`, `json` or `csv` (for the reader's `:export`).
    pub fn from_name(name: &str) -> Option<Self> {
        match name.to_ascii_lowercase().as_str() {
            "md" | "markdown" => Some(Self::Markdown),
            "json" => Some(Self::Json),
            "csv" => Some(Self::Csv),
            _ => None,
        }
    }

    /// The file extension of the format.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Markdown => "md",
            Self::Json => "json",
            Self::Csv => "csv",
        }
    }
}

/// Renders a report in `format`.
pub fn render(report: &Report, format: Format) -> String {
    match format {
        Format::Markdown => markdown::render(report),
        Format::Json => json::render(report),
        Format::Csv => csv::render(report),
    }
}

/// Why an export failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportError {
    /// Articles or the notes file could not be read or understood (exit code 2).
    Input(String),
    /// The output could not be written (exit code 1).
    Write(String),
}

impl ExportError {
    pub fn exit_code(&self) -> u8 {
        match self {
            ExportError::Input(_) => 2,
            ExportError::Write(_) => 1,
        }
    }
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExportError::Input(message) | ExportError::Write(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for ExportError {}

/// Finds the entities and renders the report for articles and notes already in memory (the
/// reader has both). `notes_dir` is the notes file's directory.
pub fn export_loaded(
    articles: &[Article],
    notes: &Notes,
    outlets: &OutletBias,
    notes_dir: &Path,
    gazetteer: &Gazetteer,
    format: Format,
) -> String {
    let entities = analyze_entities(articles, notes, gazetteer);
    render(
        &build_report(articles, notes, outlets, &entities, notes_dir),
        format,
    )
}

/// The one call into the entity engine, so a change of its signature is a one-line change here.
/// `notes` carries the analyst's entity decisions (`notes.entities`).
fn analyze_entities(articles: &[Article], notes: &Notes, gazetteer: &Gazetteer) -> EntityIndex {
    let refs: Vec<&Article> = articles.iter().collect();
    crate::entity::analyze(&refs, gazetteer, &notes.entities)
}

/// Loads the articles at `paths` (directories expanded), the notes file (`notes_path`, else
/// the reader's default beside the first article) and the outlet defaults (`outlets_path`, when
/// given), and renders the export. A missing notes or defaults file is empty; an unreadable
/// one, or an article that cannot be loaded, is an error.
pub fn run_to_string(
    format: Format,
    paths: &[PathBuf],
    notes_path: Option<&Path>,
    outlets_path: Option<&Path>,
    config: &Config,
) -> Result<String, ExportError> {
    let case = load_case(paths, notes_path, outlets_path, config)?;
    case.export(format, config)
}

/// `parallax export`: writes the export to `--out` (atomically replaced) or to `stdout`.
pub fn run(
    args: &ExportArgs,
    notes_path: Option<&Path>,
    outlets_path: Option<&Path>,
    config: &Config,
    stdout: &mut dyn Write,
) -> Result<(), ExportError> {
    let case = load_case(&args.paths, notes_path, outlets_path, config)?;
    let text = case.export(args.format, config)?;
    match &args.out {
        Some(out) => {
            let lock = crate::annotation::lock::lock_path(&case.notes_path);
            let mut inputs: Vec<&Path> = vec![&case.notes_path, &lock];
            inputs.extend(outlets_path);
            inputs.extend(case.articles.iter().map(|a| a.path.as_path()));
            write_file(out, &text, &inputs)
        }
        None => stdout
            .write_all(text.as_bytes())
            .and_then(|()| stdout.flush())
            .map_err(|error| ExportError::Write(format!("cannot write to stdout: {error}"))),
    }
}

/// The inputs of an export, read from disk.
struct Case {
    articles: Vec<Article>,
    notes: Notes,
    notes_path: PathBuf,
    outlets: OutletBias,
}

impl Case {
    fn export(&self, format: Format, config: &Config) -> Result<String, ExportError> {
        let notes_dir = self.notes_path.parent().unwrap_or_else(|| Path::new(""));
        let gazetteer =
            crate::entity::report::load_gazetteer(&config.entities.gazetteer).map_err(ExportError::Input)?;
        Ok(export_loaded(
            &self.articles,
            &self.notes,
            &self.outlets,
            notes_dir,
            &gazetteer,
            format,
        ))
    }
}

fn load_case(
    paths: &[PathBuf],
    notes_path: Option<&Path>,
    outlets_path: Option<&Path>,
    config: &Config,
) -> Result<Case, ExportError> {
    let articles = load_articles(paths, config)?;
    // Canonical folders, as the reader uses: the article keys in the notes are relative to it.
    let notes_path = match notes_path {
        Some(path) => crate::files::canonical_folder(path),
        None => default_notes_path(&articles[0].path)?,
    };
    let notes: Notes = store::load(&notes_path).map_err(|error| ExportError::Input(error.to_string()))?;
    let outlets = match outlets_path {
        Some(path) => store::load(path).map_err(|error| ExportError::Input(error.to_string()))?,
        None => OutletBias::default(),
    };
    Ok(Case {
        articles,
        notes,
        notes_path,
        outlets,
    })
}

/// Writes `text` to `path`, replacing any old file atomically (never a half-written report),
/// unless `path` is one of the case's `inputs` or not a regular file
/// ([`crate::files::check_output`]): then nothing is written and the error says why.
pub fn write_file(path: &Path, text: &str, inputs: &[&Path]) -> Result<(), ExportError> {
    crate::files::check_output(path, inputs).map_err(|refused| {
        ExportError::Input(crate::article::sanitize::sanitize_line(&refused.to_string()))
    })?;
    crate::files::replace_file(path, text.as_bytes(), &crate::files::DirectWriter).map_err(|error| {
        ExportError::Write(format!(
            "cannot write {}: {error}",
            crate::article::sanitize::sanitize_line(&path.display().to_string())
        ))
    })
}

/// Every article, in the order given; any that cannot be loaded fails the export (a report
/// silently missing a source would mislead).
fn load_articles(paths: &[PathBuf], config: &Config) -> Result<Vec<Article>, ExportError> {
    let options = LoadOptions {
        max_bytes: config.reader.max_file_size,
    };
    let (files, errors) = expand_paths(paths);
    let mut problems: Vec<String> = errors.iter().map(ToString::to_string).collect();
    let mut articles = Vec::new();
    for file in files {
        match load_path(&file, &options) {
            Ok(article) => articles.push(article),
            Err(error) => problems.push(error.to_string()),
        }
    }
    if !problems.is_empty() {
        return Err(ExportError::Input(problems.join("; ")));
    }
    if articles.is_empty() {
        return Err(ExportError::Input(
            "nothing to export: no supported files (.txt, .md, .html)".into(),
        ));
    }
    Ok(articles)
}

/// The reader's rule ([`choose_notes_location`]): beside the first article, or in the data
/// directory when that folder is read-only. An existing file beside the article always wins,
/// since exporting only reads it.
fn default_notes_path(first_article: &Path) -> Result<PathBuf, ExportError> {
    let dir = first_article.parent().unwrap_or_else(|| Path::new(""));
    let beside = dir.join(crate::annotation::location::NOTES_FILE_NAME);
    if beside.exists() {
        return Ok(beside);
    }
    let data_dir = crate::config::paths::data_dir();
    let shown_dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let writable = std::fs::metadata(shown_dir).is_ok_and(|m| !m.permissions().readonly());
    choose_notes_location(&LocationInput {
        explicit: None,
        first_article_dir: Some(dir),
        first_article_dir_writable: writable,
        is_sample_case: false,
        data_dir: data_dir.as_deref(),
    })
    .map(|location| location.path)
    .ok_or_else(|| ExportError::Input("no place for the notes file; use --notes FILE".into()))
}
