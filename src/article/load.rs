//! Reading articles from disk: the only IO in the article module.

use std::fmt;
use std::path::{Path, PathBuf};

use super::{Article, Format};

/// Limits applied while loading.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// Files larger than this are refused.
    pub max_bytes: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        Self {
            max_bytes: 50_000_000,
        }
    }
}

/// Why an article could not be opened. The other articles still open.
#[derive(Debug)]
pub enum LoadError {
    Io { path: PathBuf, message: String },
    Binary { path: PathBuf },
    TooLarge { path: PathBuf, size: u64, limit: u64 },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Io { path, message } => write!(f, "{}: {message}", path.display()),
            Self::Binary { path } => write!(
                f,
                "{}: looks like a binary file (NUL bytes); not opened",
                path.display()
            ),
            Self::TooLarge { path, size, limit } => write!(
                f,
                "{}: {size} bytes is over the size limit of {limit} bytes (see `max_file_size` in the config)",
                path.display()
            ),
        }
    }
}

impl std::error::Error for LoadError {}

/// Expands directories into their supported files (sorted by name); files pass through.
pub fn expand_paths(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<LoadError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.is_dir() {
            match std::fs::read_dir(path) {
                Ok(entries) => {
                    let mut found: Vec<PathBuf> = entries
                        .filter_map(Result::ok)
                        .map(|e| e.path())
                        .filter(|p| p.is_file() && is_supported(p))
                        .collect();
                    found.sort();
                    files.extend(found);
                }
                Err(e) => errors.push(LoadError::Io {
                    path: path.clone(),
                    message: e.to_string(),
                }),
            }
        } else {
            files.push(path.clone());
        }
    }
    (files, errors)
}

/// Whether a file name has an extension Parallax reads (or none, which is read as text).
pub fn is_supported(path: &Path) -> bool {
    match path.extension().and_then(|e| e.to_str()) {
        None => true,
        Some(ext) => matches!(
            ext.to_ascii_lowercase().as_str(),
            "txt" | "text" | "md" | "markdown" | "html" | "htm"
        ),
    }
}

/// Reads and cleans one article.
pub fn load_path(path: &Path, options: &LoadOptions) -> Result<Article, LoadError> {
    let io = |e: std::io::Error| LoadError::Io {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > options.max_bytes {
        return Err(LoadError::TooLarge {
            path: path.to_path_buf(),
            size,
            limit: options.max_bytes,
        });
    }
    let bytes = std::fs::read(path).map_err(io)?;
    from_bytes(path, &bytes)
}

/// Builds an article from a file's bytes: decoding, format, cleaning and metadata. Pure.
pub fn from_bytes(path: &Path, bytes: &[u8]) -> Result<Article, LoadError> {
    if bytes.contains(&0) {
        return Err(LoadError::Binary {
            path: path.to_path_buf(),
        });
    }
    let mut article = Article::plain(path, String::from_utf8_lossy(bytes).into_owned());
    article.format = Format::Text;
    article.hidden = super::clean::clean(&article.text, article.format);
    article.meta = super::meta::extract(&article.text, &mut article.hidden);
    Ok(article)
}
