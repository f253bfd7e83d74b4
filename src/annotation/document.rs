//! A versioned TOML document on disk (the case notes, the outlet defaults): how it is read,
//! checked and written. Reading refuses what it does not understand — syntax errors, unknown
//! fields, a newer `schema_version` — with `file:line:column`, rather than dropping data.

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::bias::OutletBias;
use super::model::{Notes, SCHEMA_VERSION};
use crate::article::sanitize::sanitize_line;

/// A file format the store can keep.
pub trait Document: Serialize + DeserializeOwned + Default {
    /// What it is, for messages ("notes").
    const WHAT: &'static str;
    /// The comment block written at the top of the file.
    const HEADER: &'static str;

    /// Checks and normalises after parsing (e.g. sorts, so the next save is stable).
    fn finish_load(&mut self) -> Result<(), String> {
        Ok(())
    }
}

impl Document for Notes {
    const WHAT: &'static str = "notes";
    const HEADER: &'static str = "\
# Parallax case notes. Parallax rewrites this file on every change; hand edits are fine while
# Parallax is closed. Sections:
#
#   schema_version      format version of this file.
#   [entities]          corrections to entity clustering: merges (labels that are one entity),
#                       splits (a variant that is not that entity), renames (display labels).
#   [[claim]]           claim groups: annotations in different articles reporting one claim.
#                       members[0] is the reference claim; each member's stance towards it is
#                       \"same\", \"contradicts\" or \"adds-detail\"; origin = \"suggested\" when
#                       the link was made by accepting a group the alignment suggested.
#   [[article]]         one per article: path (relative to this file) and text_hash (FNV-1a 64
#                       of the article text, to notice when it changed), and the article note.
#   [article.overrides] title / outlet / date shown instead of the detected ones.
#   [article.bias]      source bias: scale (axis = position, e.g. left-right = \"centre\"),
#                       reliability (1-5), labels, note. Overrides the outlet's defaults.
#   [[article.annotation]]  a highlighted passage: id, tags, note, created/modified (UTC);
#                       orphan = true when the passage is no longer found in the article.
#     anchor            start..end (byte offsets into the article text), the exact quote, and
#                       up to 32 characters before/after, used to find it again after edits.
";

    fn finish_load(&mut self) -> Result<(), String> {
        self.articles.sort_by(|a, b| a.path.cmp(&b.path));
        for article in &mut self.articles {
            article.sort_annotations();
        }
        self.validate()
    }
}

impl Document for OutletBias {
    const WHAT: &'static str = "outlet bias defaults";
    const HEADER: &'static str = "\
# Parallax outlet bias defaults, shared by all cases. An article's own bias tag overrides these.
#
#   schema_version        format version of this file.
#   [outlet.\"NAME\"]       the outlet's default bias tag: reliability (1-5), labels, note.
#   [outlet.\"NAME\".scale] axis = position, e.g. left-right = \"centre-left\".
";
}

/// Why a document could not be read. The store opens such a file read-only.
#[derive(Debug)]
pub enum LoadError {
    /// The file exists but cannot be read (permissions, it is a directory, ...).
    Io { path: PathBuf, error: std::io::Error },
    /// Bad TOML, an unknown field, a wrong type or value.
    Syntax {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    /// No `schema_version`.
    MissingSchemaVersion { path: PathBuf },
    /// Written by a newer Parallax.
    NewerSchema { path: PathBuf, found: i64 },
    /// Parses but is inconsistent (duplicate ids, dangling links, ...).
    Invalid { path: PathBuf, message: String },
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let shown = |path: &Path| sanitize_line(&path.display().to_string());
        match self {
            LoadError::Io { path, error } => write!(f, "{}: cannot read: {error}", shown(path)),
            LoadError::Syntax {
                path,
                line,
                column,
                message,
            } => {
                write!(f, "{}:{line}:{column}: {}", shown(path), sanitize_line(message))
            }
            LoadError::MissingSchemaVersion { path } => {
                write!(f, "{}: no schema_version; not a Parallax file?", shown(path))
            }
            LoadError::NewerSchema { path, found } => write!(
                f,
                "{}: written by a newer Parallax (schema_version {found}; this one reads up to \
                 {SCHEMA_VERSION}); opened read-only",
                shown(path)
            ),
            LoadError::Invalid { path, message } => write!(f, "{}: {}", shown(path), sanitize_line(message)),
        }
    }
}

impl std::error::Error for LoadError {}

/// Parses `text` (the content of `path`) as a `D`.
pub fn parse<D: Document>(path: &Path, text: &str) -> Result<D, LoadError> {
    let syntax_error = |error: toml::de::Error| {
        let (line, column) = error
            .span()
            .map_or((1, 1), |span| crate::location::line_column(text, span.start));
        LoadError::Syntax {
            path: path.to_path_buf(),
            line,
            column,
            message: error.message().trim().to_owned(),
        }
    };
    // The version is checked before the fields: a newer file may well have fields we refuse.
    // Files Parallax wrote say it on a line of its own above the first table, which is read
    // without parsing the whole file a first time (half the cost of opening a large case).
    let version = match written_schema_version(text) {
        Some(version) => Some(version),
        None => {
            let table: toml::Table = toml::from_str(text).map_err(syntax_error)?;
            table.get("schema_version").and_then(toml::Value::as_integer)
        }
    };
    match version {
        None => {
            return Err(LoadError::MissingSchemaVersion {
                path: path.to_path_buf(),
            });
        }
        Some(found) if found > i64::from(SCHEMA_VERSION) => {
            return Err(LoadError::NewerSchema {
                path: path.to_path_buf(),
                found,
            });
        }
        Some(_) => {}
    }
    let mut document: D = toml::from_str(text).map_err(syntax_error)?;
    document.finish_load().map_err(|message| LoadError::Invalid {
        path: path.to_path_buf(),
        message,
    })?;
    Ok(document)
}

/// The `schema_version = N` line above the first table header, as Parallax writes it; None when
/// the file has no such line (then the whole file is parsed to find the version).
fn written_schema_version(text: &str) -> Option<i64> {
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            return None;
        }
        if let Some(rest) = line.strip_prefix("schema_version") {
            let value = rest.trim_start().strip_prefix('=')?.trim();
            return value.parse().ok();
        }
    }
    None
}

/// The file's content: the header comment block, then the document.
pub fn render<D: Document>(document: &D) -> Result<String, toml::ser::Error> {
    Ok(format!("{}\n{}", D::HEADER, toml::to_string(document)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_written_version_line_is_read_only_above_the_first_table() {
        assert_eq!(
            written_schema_version("# c\n\nschema_version = 1\n[x]\n"),
            Some(1)
        );
        assert_eq!(written_schema_version("schema_version=7"), Some(7));
        assert_eq!(written_schema_version("[t]\nschema_version = 1\n"), None);
        // Anything unusual is left to the full parse.
        assert_eq!(written_schema_version("schema_version = 1 # one\n"), None);
        assert_eq!(written_schema_version("\"schema_version\" = 1\n"), None);
        let newer = parse::<Notes>(Path::new("n.toml"), "schema_version = 9\nunknown = 1\n");
        assert!(
            matches!(newer, Err(LoadError::NewerSchema { found: 9, .. })),
            "{newer:?}"
        );
        let odd = parse::<Notes>(Path::new("n.toml"), "schema_version = 9 # later\n");
        assert!(
            matches!(odd, Err(LoadError::NewerSchema { found: 9, .. })),
            "{odd:?}"
        );
    }

    #[test]
    fn empty_notes_render_and_parse_back() {
        let text = render(&Notes::default()).expect("renders");
        assert!(text.starts_with("# Parallax case notes"));
        let parsed: Notes = parse(Path::new("n.toml"), &text).expect("parses");
        assert_eq!(parsed, Notes::default());
    }
}
