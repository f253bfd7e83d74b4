//! `parallax export`: reads the articles, the notes file and the outlet defaults, renders the
//! report (`crate::export`, pure) and writes it to stdout or `--out`. The reader's `:export`
//! writes through [`write_file`] too, so both refuse the same outputs.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::annotation::location::{LocationInput, choose_notes_location};
use crate::annotation::{Notes, OutletBias, store};
use crate::article::Article;
use crate::article::load::{LoadOptions, expand_paths, load_path};
use crate::article::sanitize::sanitize_line;
use crate::cli::{ExportArgs, ExportFormat};
use crate::config::Config;
use crate::export::{Format, export_loaded};

impl From<ExportFormat> for Format {
    fn from(format: ExportFormat) -> Self {
        match format {
            ExportFormat::Markdown => Format::Markdown,
            ExportFormat::Json => Format::Json,
            ExportFormat::Csv => Format::Csv,
        }
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
    let now = crate::annotation::clock::now_rfc3339();
    run_to_string_at(format, paths, notes_path, outlets_path, config, &now)
}

/// [`run_to_string`] as if made at `now` (RFC 3339; the report shows its date): for tests
/// that compare bytes.
pub fn run_to_string_at(
    format: Format,
    paths: &[PathBuf],
    notes_path: Option<&Path>,
    outlets_path: Option<&Path>,
    config: &Config,
    now: &str,
) -> Result<String, ExportError> {
    let case = load_case(paths, notes_path, outlets_path, config)?;
    case.export(format, config, now)
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
    let text = case.export(
        args.format.into(),
        config,
        &crate::annotation::clock::now_rfc3339(),
    )?;
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
    fn export(&self, format: Format, config: &Config, now: &str) -> Result<String, ExportError> {
        let notes_dir = self.notes_path.parent().unwrap_or_else(|| Path::new(""));
        let gazetteer = super::load_gazetteer(&config.entities.gazetteer).map_err(ExportError::Input)?;
        Ok(export_loaded(
            &self.articles,
            &self.notes,
            &self.outlets,
            notes_dir,
            &gazetteer,
            &crate::export::report_context(&config.tags, now),
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
    crate::files::check_output(path, inputs)
        .map_err(|refused| ExportError::Input(sanitize_line(&refused.to_string())))?;
    crate::files::replace_file(path, text.as_bytes(), &crate::files::DirectWriter).map_err(|error| {
        ExportError::Write(format!(
            "cannot write {}: {error}",
            sanitize_line(&path.display().to_string())
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
    crate::fetch::attach_provenance(&mut articles, &options);
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
pub(crate) fn default_notes_path(first_article: &Path) -> Result<PathBuf, ExportError> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_line_format_is_the_export_format_of_the_same_name() {
        use clap::ValueEnum;
        for format in ExportFormat::value_variants() {
            let name = format.to_possible_value().expect("not skipped");
            assert_eq!(
                Format::from_name(name.get_name()),
                Some(Format::from(*format)),
                "{}",
                name.get_name()
            );
        }
    }
}
