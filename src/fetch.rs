//! Sources by URL: `parallax add URL…` and `:add URL` download a page, save it byte for byte
//! into the case folder under a readable name, and record where and when it was read in the
//! case's provenance file, so a report can cite each source and a fact-checker can show what a
//! page said when it was read.
//!
//! - [`client`]: the HTTP request (IO): timeouts, redirect limit, gzip, size limit.
//! - [`charset`]: whether a response is a page and how to read it (pure).
//! - [`name`]: `outlet-date-slug.html` (pure).
//! - [`provenance`]: `parallax-sources.toml`, and where a fetched page goes (pure).
//!
//! This module writes the case folder only through `files`: a page is created whole and never
//! over a file; the provenance file is replaced atomically. A page changed since it was last
//! saved goes beside the old one; nothing saved is ever overwritten.

pub mod charset;
pub mod client;
pub mod name;
pub mod provenance;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use client::Limits;

use crate::article::html;
use crate::article::load::{LoadOptions, load_html_with_charset};
use crate::article::{Article, Format};
use provenance::{Plan, Record, Sources};

/// Locks the provenance file while a fetch updates it (a separate file, like the notes' lock).
pub const LOCK_FILE_NAME: &str = "parallax-sources.toml.lock";

/// The largest provenance file read (a case of thousands of pages is far below).
const MAX_PROVENANCE_BYTES: u64 = 16 * 1024 * 1024;

/// What went wrong, by what the analyst can do about it; each has its exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FailureKind {
    // Ordered from least to most serious: a command with several failures exits with the code
    // of the most serious one.
    /// Not an `http(s)` URL.
    BadUrl,
    /// HTTP 4xx.
    ClientError,
    /// HTTP 5xx.
    ServerError,
    /// A PDF, an image, anything but an HTML page.
    NotHtml,
    /// Over `reader.max_file_size`.
    TooLarge,
    /// Too many redirects, or a broken response.
    Redirects,
    Protocol,
    Timeout,
    /// Connection refused or failed.
    Refused,
    /// No DNS record.
    UnknownHost,
    /// The certificate or the TLS handshake failed.
    Tls,
    /// The case folder could not be written (or its provenance file read): the page was not
    /// kept, whatever the server did.
    Case,
}

impl FailureKind {
    /// The process exit code (also listed in `parallax add --help` and the README).
    pub fn exit_code(self) -> u8 {
        match self {
            Self::BadUrl => 2,
            Self::ClientError => 3,
            Self::ServerError => 4,
            Self::NotHtml => 5,
            Self::TooLarge => 6,
            Self::Redirects | Self::Protocol => 7,
            Self::Timeout => 8,
            Self::Refused => 9,
            Self::UnknownHost => 10,
            Self::Tls => 11,
            Self::Case => 1,
        }
    }
}

/// One failed URL: its kind and a one-line message naming the URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub kind: FailureKind,
    pub message: String,
}

impl Failure {
    pub fn new(kind: FailureKind, message: String) -> Self {
        Self { kind, message }
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Failure {}

/// What `add` did with a URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Saved as a new source.
    New,
    /// The page changed since `previous` was saved; the new version is beside it.
    Changed { previous: String },
    /// Same bytes as the saved version: only the new retrieval time was recorded.
    Unchanged,
}

/// A URL added to the case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Added {
    pub url: String,
    /// The saved page (for `Unchanged`, the version it matched).
    pub path: PathBuf,
    pub outcome: Outcome,
}

impl Added {
    /// One line for the terminal or the status bar (URL and names made safe by the caller).
    pub fn message(&self) -> String {
        let file = self.path.display();
        match &self.outcome {
            Outcome::New => format!("{}: saved as {file}", self.url),
            Outcome::Changed { previous } => {
                format!(
                    "{}: the page changed since {previous}; new version saved beside it as {file}",
                    self.url
                )
            }
            Outcome::Unchanged => format!("{}: unchanged since {file} was saved; re-checked", self.url),
        }
    }
}

/// Fetches `url` into the case folder `case`, at time `now` (RFC 3339 UTC).
pub fn add(case: &Path, url: &str, limits: &Limits, now: &str) -> Result<Added, Failure> {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return Err(Failure::new(
            FailureKind::BadUrl,
            format!("{url}: not an http:// or https:// URL"),
        ));
    }
    let response = client::get(url, limits)?;
    let sha256 = sha256_hex(&response.body);
    let charset = charset::choose(
        charset::header_charset(&response.content_type).as_deref(),
        &response.body,
    );
    // The page's own date and title name the file; a page reader mode cannot read is saved all
    // the same (the reader will say what is wrong with it).
    let (decoded, _, _) = charset.encoding.decode(&response.body);
    let meta = html::extract(&decoded).map(|e| e.meta).unwrap_or_default();
    let base = name::base_name(
        &response.final_url,
        meta.date.as_deref(),
        meta.title.as_deref(),
        now,
    );

    let case_failure =
        |what: String| Failure::new(FailureKind::Case, format!("{url}: {what}; nothing saved"));
    let sources_path = case.join(provenance::FILE_NAME);
    crate::files::check_output(&sources_path, &[]).map_err(|e| case_failure(e.to_string()))?;
    // Held from reading the records to writing them (not during the download): two `add`s
    // into one case at once, the reader's and a shell's, must not lose each other's record or
    // pick the same name. Dropped with the file, by the OS if the process dies.
    let lock = crate::files::open_lock_file(&case.join(LOCK_FILE_NAME))
        .and_then(|file| file.lock().map(|()| file))
        .map_err(|e| case_failure(format!("cannot lock {LOCK_FILE_NAME}: {e}")))?;
    let mut sources = read_sources(&sources_path).map_err(case_failure)?;
    let taken = |file: &str| std::fs::symlink_metadata(case.join(file)).is_ok();
    let plan = sources.plan(url, &response.final_url, &sha256, &base, &taken);
    let record = || Record {
        file: String::new(),
        requested_url: url.to_owned(),
        final_url: response.final_url.clone(),
        retrieved: now.to_owned(),
        status: response.status,
        content_type: response.content_type.clone(),
        charset: charset.describe(),
        sha256: sha256.clone(),
        rechecked: Vec::new(),
    };
    let (file, outcome) = match plan {
        Plan::Unchanged { index } => {
            sources.sources[index].rechecked.push(now.to_owned());
            (sources.sources[index].file.clone(), Outcome::Unchanged)
        }
        Plan::Changed { file, previous } => (file, Outcome::Changed { previous }),
        Plan::New { file } => (file, Outcome::New),
    };
    let path = case.join(&file);
    let new_page = outcome != Outcome::Unchanged;
    if new_page {
        crate::files::create_new_whole(&path, &response.body)
            .map_err(|e| case_failure(format!("cannot create {}: {e}", path.display())))?;
        sources.sources.push(Record { file, ..record() });
    }
    let text = provenance::render(&sources);
    if let Err(e) = crate::files::replace_file(&sources_path, text.as_bytes(), &crate::files::DirectWriter) {
        // A page without its record would be a source nobody can cite: take it back.
        if new_page {
            let _ = std::fs::remove_file(&path);
        }
        return Err(case_failure(format!(
            "cannot write {}: {e}",
            sources_path.display()
        )));
    }
    drop(lock);
    Ok(Added {
        url: url.to_owned(),
        path,
        outcome,
    })
}

/// The case's provenance, empty when there is no file yet. A file that does not parse is an
/// error, so it is never replaced by one that would lose its records.
fn read_sources(path: &Path) -> Result<Sources, String> {
    match crate::files::read_regular(path, MAX_PROVENANCE_BYTES) {
        Ok((bytes, _)) => {
            let text =
                String::from_utf8(bytes).map_err(|e| format!("{}: not UTF-8 ({e})", path.display()))?;
            provenance::parse(&text).map_err(|e| format!("{}: {e}; left as it is", path.display()))
        }
        Err(e) if e.is_not_found() => Ok(Sources::default()),
        Err(e) => Err(e.to_string()),
    }
}

/// Gives each article the URL and retrieval time its folder's provenance file records for it.
/// Articles without a record keep the URL their page declares (canonical or `og:url`). A page
/// that was read with its server's charset (it declares none itself) is loaded again with that
/// charset, so a legacy Arabic or Persian page served as `charset=windows-1256` reads as it did
/// when fetched. A provenance file that cannot be read is skipped: provenance is shown, never
/// required.
pub fn attach_provenance(articles: &mut [Article], options: &LoadOptions) {
    let mut by_folder: BTreeMap<PathBuf, Option<Sources>> = BTreeMap::new();
    for article in articles {
        let Some(file) = article.path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
            continue;
        };
        let folder = match article.path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let sources = by_folder
            .entry(folder)
            .or_insert_with_key(|folder| read_sources(&folder.join(provenance::FILE_NAME)).ok());
        let Some(record) = sources.as_ref().and_then(|s| s.for_file(&file)) else {
            continue;
        };
        if article.format == Format::Html
            && let Some(label) = charset::undeclared_label(&record.charset)
            && let Ok(reloaded) = load_html_with_charset(&article.path, options, label)
        {
            *article = reloaded;
        }
        article.meta.url = Some(record.final_url.clone());
        article.meta.retrieved = Some(record.retrieved.clone());
    }
}

/// Lower-case hex SHA-256.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let digest = ring::digest::digest(&ring::digest::SHA256, bytes);
    digest
        .as_ref()
        .iter()
        .fold(String::with_capacity(64), |mut hex, byte| {
            let _ = write!(hex, "{byte:02x}");
            hex
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_is_the_standard_one() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn exit_codes_are_distinct_and_case_failures_are_the_most_serious() {
        let kinds = [
            FailureKind::BadUrl,
            FailureKind::ClientError,
            FailureKind::ServerError,
            FailureKind::NotHtml,
            FailureKind::TooLarge,
            FailureKind::Redirects,
            FailureKind::Timeout,
            FailureKind::Refused,
            FailureKind::UnknownHost,
            FailureKind::Tls,
            FailureKind::Case,
        ];
        let codes: std::collections::BTreeSet<u8> = kinds.iter().map(|k| k.exit_code()).collect();
        assert_eq!(codes.len(), kinds.len());
        assert_eq!(kinds.iter().max(), Some(&FailureKind::Case));
    }

    #[test]
    fn non_web_urls_are_refused_before_any_request() {
        let dir = tempfile::tempdir().expect("tempdir");
        let failure = add(
            dir.path(),
            "file:///etc/passwd",
            &Limits::default(),
            "2031-03-10T00:00:00Z",
        )
        .expect_err("refused");
        assert_eq!(failure.kind, FailureKind::BadUrl);
        assert_eq!(std::fs::read_dir(dir.path()).expect("ls").count(), 0);
    }
}
