//! Reading articles from disk: the only IO in the article module. [`from_bytes`] is the pure
//! rest: decoding, format detection, cleaning and metadata.

use std::fmt;
use std::path::{Path, PathBuf};

use super::clean::{self, units};
use super::html::{self, HtmlError};
use super::{Article, Format, Hidden, HideReason, markdown, ranges};

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
    Io {
        path: PathBuf,
        message: String,
    },
    Binary {
        path: PathBuf,
    },
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    /// Not a regular file: a directory, FIFO, socket or device.
    NotAFile {
        path: PathBuf,
    },
    /// A web page declares a character encoding we cannot decode.
    UnknownEncoding {
        path: PathBuf,
        label: String,
    },
    /// A web page in which reader mode found no article.
    NoArticle {
        path: PathBuf,
        message: String,
    },
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
            Self::NotAFile { path } => write!(
                f,
                "{}: not a regular file (directory, pipe or device); not opened",
                path.display()
            ),
            Self::UnknownEncoding { path, label } => write!(
                f,
                "{}: declares the character encoding \"{label}\", which Parallax cannot decode; not opened",
                path.display()
            ),
            Self::NoArticle { path, message } => write!(
                f,
                "{}: no article text found in the page ({message})",
                path.display()
            ),
        }
    }
}

impl std::error::Error for LoadError {}

/// Expands directories into their supported files (sorted by name); files pass through. Every
/// entry with a supported name that is not a directory is listed, even one that cannot be read
/// (a symlink loop, a dangling link, a FIFO), so that loading names it instead of skipping it.
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
                        .filter(|p| !p.is_dir() && is_supported(p) && !is_parallax_file(p))
                        .collect();
                    found.sort();
                    files.extend(found);
                }
                Err(e) => errors.push(LoadError::Io {
                    path: path.clone(),
                    message: e.to_string(),
                }),
            }
        } else if !is_parallax_lock(path) {
            files.push(path.clone());
        }
    }
    (files, errors)
}

/// Loads every file of `paths` (directories expanded) that it can, in order, several at once.
/// The errors of the others, and the warnings of those loaded, come back as messages for the
/// status bar.
pub fn load_all(paths: &[PathBuf], options: &LoadOptions) -> (Vec<Article>, Vec<String>) {
    let (files, errors) = expand_paths(paths);
    let mut messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
    for dir in paths.iter().filter(|p| p.is_dir()) {
        if !files.iter().any(|f| f.starts_with(dir)) && std::fs::read_dir(dir).is_ok() {
            messages.push(format!(
                "{}: no supported files (.txt, .md, .html) in this folder",
                dir.display()
            ));
        }
    }
    let mut articles = Vec::new();
    // Files load in parallel, one thread per core; messages keep the order of the files.
    let size = |file: &PathBuf| std::fs::metadata(file).map_or(0, |m| m.len() as usize);
    let loaded = crate::par::map(files, size, |file| (load_path(&file, options), file));
    for (result, file) in loaded {
        match result {
            Ok(article) => {
                messages.extend(
                    article
                        .warnings
                        .iter()
                        .map(|w| format!("{}: {w}", file.display())),
                );
                articles.push(article);
            }
            Err(e) => messages.push(e.to_string()),
        }
    }
    (articles, messages)
}

/// Whether `path` names one of the files Parallax writes beside a case: the notes and their
/// rescue copies and drafts (`parallax-notes.toml.unsaved-PID` has no extension and
/// `….draft-PID.txt` ends in `.txt`, so both would otherwise open as articles), and the
/// reports older versions wrote there (`parallax-report.md`). A folder never loads them; a
/// path given on its own still opens.
pub fn is_parallax_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|name| name.starts_with("parallax-notes.toml") || name.starts_with("parallax-report."))
}

/// Whether `path` is a session lock Parallax holds beside a case (`parallax-notes.toml.lock`,
/// `parallax-sources.toml.lock`): it holds a process id, never an article, and a shell glob
/// over the case (`parallax case/*`) names it, so even named it is left out.
fn is_parallax_lock(path: &Path) -> bool {
    let ours = path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|name| name.starts_with("parallax-"));
    ours && path.extension().is_some_and(|e| e == "lock")
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

/// Reads and cleans one article through [`crate::files::read_regular`]: regular files only (a
/// FIFO would block, a device never end), at most `max_bytes`, checked while reading.
///
/// The article's path is the case's identity for it: its folder made canonical, its own name
/// kept (so a symlinked article keeps the name the analyst gave it). The notes key articles by
/// it, so the same case opened by a relative or an absolute path, or from another working
/// directory, finds the same notes, and two folders never share them.
pub fn load_path(path: &Path, options: &LoadOptions) -> Result<Article, LoadError> {
    use crate::files::ReadProblem;
    let (bytes, _) =
        crate::files::read_regular(path, options.max_bytes).map_err(|error| match error.problem {
            ReadProblem::NotRegular(_) => LoadError::NotAFile {
                path: path.to_path_buf(),
            },
            ReadProblem::TooLarge { limit } => LoadError::TooLarge {
                path: path.to_path_buf(),
                size: std::fs::metadata(path).map_or(limit.saturating_add(1), |m| m.len()),
                limit,
            },
            ReadProblem::NotFound => LoadError::Io {
                path: path.to_path_buf(),
                message: "No such file or directory".into(),
            },
            ReadProblem::Io(e) => LoadError::Io {
                path: path.to_path_buf(),
                message: e.to_string(),
            },
        })?;
    from_vec(&crate::files::canonical_folder(path), bytes)
}

/// Loads a saved page that declares no charset of its own with `charset` (an encoding label),
/// the one its server sent: `fetch::attach_provenance` reloads such pages with what their
/// provenance record says. A page that declares one keeps its own.
pub fn load_html_with_charset(
    path: &Path,
    options: &LoadOptions,
    charset: &str,
) -> Result<Article, LoadError> {
    let Some(encoding) = encoding_rs::Encoding::for_label(charset.as_bytes()) else {
        return Err(LoadError::UnknownEncoding {
            path: path.to_path_buf(),
            label: charset.to_owned(),
        });
    };
    let (bytes, _) = crate::files::read_regular(path, options.max_bytes).map_err(|error| LoadError::Io {
        path: path.to_path_buf(),
        message: error.to_string(),
    })?;
    from_html_as(&crate::files::canonical_folder(path), &bytes, encoding)
}

/// The format a file is read as: by extension, else by a look at the start of the content.
pub fn detect_format(path: &Path, bytes: &[u8]) -> Format {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("md" | "markdown") => Format::Markdown,
        Some("html" | "htm") => Format::Html,
        Some(_) => Format::Text,
        None => {
            let start = &bytes[..bytes.len().min(256)];
            let start = String::from_utf8_lossy(start).trim_start().to_ascii_lowercase();
            if start.starts_with("<!doctype html") || start.starts_with("<html") {
                Format::Html
            } else {
                Format::Text
            }
        }
    }
}

/// Builds an article from a file's bytes: decoding, format, cleaning and metadata. Pure.
pub fn from_bytes(path: &Path, bytes: &[u8]) -> Result<Article, LoadError> {
    from_vec(path, bytes.to_vec())
}

/// [`from_bytes`] taking the bytes, so that a UTF-8 file becomes the article text uncopied.
pub fn from_vec(path: &Path, bytes: Vec<u8>) -> Result<Article, LoadError> {
    let utf16 = matches!(bytes[..], [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..]);
    if !utf16 && bytes.contains(&0) {
        return Err(LoadError::Binary {
            path: path.to_path_buf(),
        });
    }
    let format = detect_format(path, &bytes);
    let empty = bytes.is_empty();
    let mut article = match format {
        Format::Html => from_html(path, &bytes)?,
        Format::Text | Format::Markdown => from_text(path, bytes, format),
    };
    if empty {
        article.warnings.push("the file is empty".to_string());
    }
    Ok(article)
}

fn from_text(path: &Path, bytes: Vec<u8>, format: Format) -> Article {
    let (text, warnings) = decode_text(bytes);
    // Lines, as cleaning plain text and reading metadata both see them: split once.
    let lines = units::split(&text, Format::Text);
    let mut hidden = if format == Format::Markdown {
        clean::clean(&text, format)
    } else {
        clean::clean_units(&text, &lines, format)
    };
    let mut markdown_title = None;
    if format == Format::Markdown {
        let markup = markdown::parse(&text);
        // Line rules win over markup: a hidden menu stays one range with one reason.
        hidden = ranges::overlay(&markup.hidden, &hidden);
        markdown_title = markup.title;
    }
    let mut meta = super::meta::extract_with_units(&text, &lines, &mut hidden);
    if markdown_title.is_some() {
        meta.title = markdown_title;
    }
    Article {
        path: path.to_path_buf(),
        format,
        text,
        hidden,
        meta,
        warnings,
    }
}

/// UTF-8 as is (byte for byte); a UTF-16 BOM decoded; invalid UTF-8 replaced, with a warning
/// that says how much.
fn decode_text(bytes: Vec<u8>) -> (String, Vec<String>) {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(&bytes)
        && encoding != encoding_rs::UTF_8
    {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        let mut warnings = vec![format!(
            "decoded from {}; offsets refer to the decoded text",
            encoding.name()
        )];
        if had_errors {
            warnings.push(format!("some bytes were not valid {}", encoding.name()));
        }
        return (text.into_owned(), warnings);
    }
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => return (text, Vec::new()),
        Err(error) => error.into_bytes(),
    };
    let replaced: usize = bytes.utf8_chunks().map(|c| c.invalid().len()).sum();
    let warning = format!(
        "invalid UTF-8: {replaced} byte{} replaced with \u{FFFD}",
        if replaced == 1 { "" } else { "s" }
    );
    (String::from_utf8_lossy(&bytes).into_owned(), vec![warning])
}

fn from_html(path: &Path, bytes: &[u8]) -> Result<Article, LoadError> {
    from_html_as(path, bytes, encoding_rs::UTF_8)
}

fn from_html_as(
    path: &Path,
    bytes: &[u8],
    undeclared: &'static encoding_rs::Encoding,
) -> Result<Article, LoadError> {
    let html_error = |e: HtmlError| match e {
        HtmlError::UnknownEncoding(label) => LoadError::UnknownEncoding {
            path: path.to_path_buf(),
            label,
        },
        HtmlError::NoArticle(message) => LoadError::NoArticle {
            path: path.to_path_buf(),
            message,
        },
    };
    let decoded = html::decode_or(bytes, undeclared).map_err(html_error)?;
    let mut warnings = decoded.warnings;
    let (text, mut meta) = if decoded.html.trim().is_empty() {
        (String::new(), super::Meta::default())
    } else {
        let extracted = html::extract(&decoded.html).map_err(html_error)?;
        (extracted.text, extracted.meta)
    };
    if text.is_empty() && !bytes.is_empty() {
        warnings.push("reader mode found no article text in the page".to_string());
    }
    // Splitting only tells Markdown apart: these are the lines for cleaning and metadata both.
    let lines = units::split(&text, Format::Text);
    let mut hidden = clean::clean_units(&text, &lines, Format::Html);
    let from_text = super::meta::extract_with_units(&text, &lines, &mut hidden);
    meta.title = meta.title.or(from_text.title);
    meta.outlet = meta.outlet.or(from_text.outlet);
    meta.date = meta.date.or(from_text.date);
    meta.byline = meta.byline.or(from_text.byline);
    if let Some(title) = &meta.title {
        hide_leading_title(&text, title, &mut hidden);
    }
    Ok(Article {
        path: path.to_path_buf(),
        format: Format::Html,
        text,
        hidden,
        meta,
        warnings,
    })
}

/// Reader mode often repeats the title as the first paragraph; the header shows it already.
fn hide_leading_title(text: &str, title: &str, hidden: &mut Vec<Hidden>) {
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim() == title.trim() {
        let end = text[first_line_end..]
            .find(|c: char| !c.is_whitespace())
            .map_or(text.len(), |i| first_line_end + i);
        ranges::set(hidden, 0..end, HideReason::Metadata);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_never_loads_parallax_own_files() {
        let dir = tempfile::tempdir().expect("tempdir");
        for name in [
            "story.txt",
            "parallax-notes.toml",
            "parallax-notes.toml.unsaved-123",
            "parallax-notes.toml.draft-123.txt",
            "parallax-report.md",
            "parallax-reporting-guide.md",
        ] {
            std::fs::write(dir.path().join(name), "Text.").expect("write");
        }
        let (files, errors) = expand_paths(&[dir.path().to_path_buf()]);
        assert!(errors.is_empty());
        let names: Vec<String> = files
            .iter()
            .map(|f| f.file_name().expect("name").to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["parallax-reporting-guide.md", "story.txt"]);
        // Named on its own, such a file still opens.
        let draft = dir.path().join("parallax-notes.toml.draft-123.txt");
        assert_eq!(expand_paths(std::slice::from_ref(&draft)).0, vec![draft]);
        // A session lock never does: a glob over the case (`parallax case/*`) names it.
        let story = dir.path().join("story.txt");
        let lock = dir.path().join("parallax-notes.toml.lock");
        std::fs::write(&lock, "4242").expect("write");
        assert_eq!(expand_paths(&[story.clone(), lock]).0, vec![story]);
    }

    #[test]
    fn invalid_utf8_is_replaced_with_a_count() {
        let article = from_bytes(Path::new("a.txt"), b"caf\xe9 ok\xff").expect("loads");
        assert_eq!(article.text, "caf\u{FFFD} ok\u{FFFD}");
        assert_eq!(
            article.warnings,
            vec!["invalid UTF-8: 2 bytes replaced with \u{FFFD}"]
        );
    }

    #[test]
    fn nul_bytes_mean_binary() {
        let err = from_bytes(Path::new("a.txt"), b"ab\0cd").expect_err("binary");
        assert!(matches!(err, LoadError::Binary { .. }));
        assert!(err.to_string().starts_with("a.txt: "));
    }

    #[test]
    fn empty_file_is_an_empty_article_with_a_warning() {
        let article = from_bytes(Path::new("e.txt"), b"").expect("loads");
        assert!(article.text.is_empty() && article.hidden.is_empty());
        assert_eq!(article.warnings, vec!["the file is empty"]);
    }

    #[test]
    fn formats_by_extension_and_sniffing() {
        assert_eq!(detect_format(Path::new("a.MD"), b""), Format::Markdown);
        assert_eq!(detect_format(Path::new("a.htm"), b""), Format::Html);
        assert_eq!(
            detect_format(Path::new("a"), b"  <!DOCTYPE html><p>"),
            Format::Html
        );
        assert_eq!(detect_format(Path::new("a"), b"plain"), Format::Text);
        assert_eq!(detect_format(Path::new("a.txt"), b"<html>"), Format::Text);
    }

    #[test]
    fn utf8_text_is_kept_byte_for_byte() {
        let bytes = "\u{feff}Title\r\n\r\nBody text.\r".as_bytes();
        let article = from_bytes(Path::new("a.txt"), bytes).expect("loads");
        assert_eq!(article.text.as_bytes(), bytes);
        assert!(article.is_hidden(0));
    }
}
