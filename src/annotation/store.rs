//! The notes file on disk: open (lock, then load), save (atomic replace). The types carry the
//! safety rules: only a [`WritableStore`] can save, and one is made only when the file was read
//! (or was absent) and this process holds the lock. A file that could not be read, or a case
//! another Parallax has open, gives a [`ReadOnlyStore`], which has no `save`.
//!
//! The file is reached the way [`crate::files`] means: a symlinked notes file is resolved, so
//! saves go to its target (and two names of one file share one lock); a FIFO or device is
//! refused; a file its owner made read-only, or with other hard links, opens read-only. Every
//! save first checks that the file is still the one read or last written, and refuses with
//! [`SaveError::ChangedOutside`] when another program changed it.

use std::cell::Cell;
use std::marker::PhantomData;
use std::path::{Path, PathBuf};

use super::document::{Document, LoadError, parse, render};
use super::lock::{LockError, SessionLock, acquire};
use crate::article::sanitize::sanitize_line;
use crate::files::{ContentWriter, DirectWriter, Fingerprint, remove_stale_temp_files, replace_file};

/// The largest notes or defaults file read (100,000 annotations take about 25 MB); the limit is
/// checked while reading, so a device or a file that grows cannot exhaust memory.
pub const MAX_DOCUMENT_BYTES: u64 = 512 * 1024 * 1024;

/// What [`open`] gives: the document to work on, and whether it can be saved.
#[derive(Debug)]
pub struct Opened<D> {
    /// The loaded document; empty when the file is missing or unreadable.
    pub document: D,
    pub store: OpenedStore<D>,
}

#[derive(Debug)]
pub enum OpenedStore<D> {
    Writable(WritableStore<D>),
    ReadOnly(ReadOnlyStore),
}

impl<D> OpenedStore<D> {
    /// The writable store, if it is one.
    pub fn writable(&self) -> Option<&WritableStore<D>> {
        match self {
            OpenedStore::Writable(store) => Some(store),
            OpenedStore::ReadOnly(_) => None,
        }
    }
}

/// A store that must not save, and why.
#[derive(Debug)]
pub struct ReadOnlyStore {
    pub path: PathBuf,
    pub reason: ReadOnlyReason,
}

#[derive(Debug)]
pub enum ReadOnlyReason {
    /// The file exists but could not be read or understood; it is left exactly as it is.
    Unreadable(LoadError),
    /// Another instance holds the lock, or the lock could not be taken.
    Locked(LockError),
    /// Saving would harm the file or its links (read-only mode, hard links, a dangling link).
    Refused(String),
}

impl std::fmt::Display for ReadOnlyStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.reason {
            ReadOnlyReason::Unreadable(error) => write!(f, "opened read-only: {error}"),
            ReadOnlyReason::Locked(error) => write!(f, "opened read-only: {error}"),
            ReadOnlyReason::Refused(why) => write!(f, "opened read-only: {}", sanitize_line(why)),
        }
    }
}

/// A store this process may save to: the file was read (or absent) and the lock is held for as
/// long as the store lives.
#[derive(Debug)]
pub struct WritableStore<D> {
    path: PathBuf,
    _lock: SessionLock,
    /// The file as last read or written by us (`None`: there was none).
    known: Cell<Option<Fingerprint>>,
    _document: PhantomData<fn(&D)>,
}

/// Why a save failed. The file on disk is unchanged (old content or absent) and the caller's
/// document is untouched, so it can retry.
#[derive(Debug)]
pub enum SaveError {
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    Serialize {
        path: PathBuf,
        error: toml::ser::Error,
    },
    /// Another program changed (or created) the file since we read or wrote it;
    /// nothing was written, so its change is not lost.
    ChangedOutside {
        path: PathBuf,
    },
}

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (path, error): (&Path, &dyn std::fmt::Display) = match self {
            SaveError::Io { path, error } => (path, error),
            SaveError::Serialize { path, error } => (path, error),
            SaveError::ChangedOutside { path } => {
                return write!(
                    f,
                    "{} was changed by another program since Parallax read it; not overwritten",
                    sanitize_line(&path.display().to_string())
                );
            }
        };
        let path = sanitize_line(&path.display().to_string());
        write!(
            f,
            "could not save {path}: {}; changes are kept and will be saved on the next try",
            sanitize_line(&error.to_string())
        )
    }
}

impl std::error::Error for SaveError {}

/// Opens the document at `path` for this session: takes the lock, then loads it (a missing file
/// is an empty document). A symlink at `path` is resolved first, and the store is the target's.
pub fn open<D: Document>(path: &Path) -> Opened<D> {
    let path = match resolve_link(path) {
        Ok(path) => path,
        Err(why) => {
            return Opened {
                document: D::default(),
                store: OpenedStore::ReadOnly(ReadOnlyStore {
                    path: path.to_path_buf(),
                    reason: ReadOnlyReason::Refused(why),
                }),
            };
        }
    };
    let path = path.as_path();
    let read_only = |reason| {
        OpenedStore::ReadOnly(ReadOnlyStore {
            path: path.to_path_buf(),
            reason,
        })
    };
    // Lock before reading, so nobody saves between our read and our first write.
    let lock = acquire(path);
    match (load_fingerprinted::<D>(path), lock) {
        (Err(error), _) => Opened {
            // The analyst's work is shown (read-only) when all that is wrong is a field this
            // build does not know, added by hand or by a newer tool.
            document: salvage::<D>(path).unwrap_or_default(),
            store: read_only(ReadOnlyReason::Unreadable(error)),
        },
        (Ok((document, _)), Err(error)) => Opened {
            document,
            store: read_only(ReadOnlyReason::Locked(error)),
        },
        (Ok((document, known)), Ok(lock)) => {
            if let Some(why) = unsafe_to_replace(path) {
                return Opened {
                    document,
                    store: read_only(ReadOnlyReason::Refused(why)),
                };
            }
            // Saves killed mid-write leave their temp files; only the lock holder writes them.
            remove_stale_temp_files(path);
            Opened {
                document,
                store: OpenedStore::Writable(WritableStore {
                    path: path.to_path_buf(),
                    _lock: lock,
                    known: Cell::new(known),
                    _document: PhantomData,
                }),
            }
        }
    }
}

/// The most unknown fields [`salvage`] leaves out before it gives up.
const MAX_SALVAGED_FIELDS: usize = 20;

/// The document at `path` read without the lines that hold fields this build does not know
/// (each `key = value` line an "unknown field" error points at), for showing read-only; None
/// when anything else is wrong, or the file cannot be read. The file itself is not touched.
fn salvage<D: Document>(path: &Path) -> Option<D> {
    let (bytes, _) = crate::files::read_regular(path, MAX_DOCUMENT_BYTES).ok()?;
    let mut text = String::from_utf8(bytes).ok()?;
    for _ in 0..=MAX_SALVAGED_FIELDS {
        match parse::<D>(path, &text) {
            Ok(document) => return Some(document),
            Err(LoadError::Syntax { line, message, .. }) if message.contains("unknown field") => {
                let lines: Vec<&str> = text.split_inclusive('\n').collect();
                let at = line.checked_sub(1).filter(|&i| i < lines.len())?;
                // Only a one-line `key = value`: a table header or a multi-line value is not
                // taken apart.
                let unknown = lines[at].trim_start();
                if unknown.starts_with('[') || !unknown.contains('=') {
                    return None;
                }
                text = lines
                    .iter()
                    .enumerate()
                    .filter(|&(i, _)| i != at)
                    .map(|(_, l)| *l)
                    .collect();
            }
            Err(_) => return None,
        }
    }
    None
}

/// `path`, or the file a symlink there points to (so that saves keep the link and update its
/// target, and two names of one file take one lock).
fn resolve_link(path: &Path) -> Result<PathBuf, String> {
    match std::fs::symlink_metadata(path) {
        Ok(metadata) if metadata.file_type().is_symlink() => path.canonicalize().map_err(|error| {
            format!(
                "{} is a symbolic link that leads nowhere ({error})",
                path.display()
            )
        }),
        _ => Ok(path.to_path_buf()),
    }
}

/// Why replacing the file at `path` would do harm, if it would.
fn unsafe_to_replace(path: &Path) -> Option<String> {
    let metadata = std::fs::metadata(path).ok()?;
    if metadata.permissions().readonly() {
        return Some(format!(
            "{} is read-only (its owner took away the write permission)",
            path.display()
        ));
    }
    #[cfg(unix)]
    {
        let links = std::os::unix::fs::MetadataExt::nlink(&metadata);
        if links > 1 {
            return Some(format!(
                "{} has {links} hard links, and saving (which replaces the file) would split them",
                path.display()
            ));
        }
    }
    None
}

/// Reads the document at `path` without locking (missing file → empty document).
pub fn load<D: Document>(path: &Path) -> Result<D, LoadError> {
    load_fingerprinted(path).map(|(document, _)| document)
}

/// [`load`], and what the file was when read (`None`: there was no file).
fn load_fingerprinted<D: Document>(path: &Path) -> Result<(D, Option<Fingerprint>), LoadError> {
    match crate::files::read_regular(path, MAX_DOCUMENT_BYTES) {
        Ok((bytes, fingerprint)) => {
            let text = String::from_utf8(bytes).map_err(|error| LoadError::Invalid {
                path: path.to_path_buf(),
                message: format!("not UTF-8 text ({error})"),
            })?;
            Ok((parse(path, &text)?, Some(fingerprint)))
        }
        Err(error) if error.is_not_found() => Ok((D::default(), None)),
        Err(error) => Err(LoadError::Io {
            path: path.to_path_buf(),
            error: std::io::Error::other(error.to_string()),
        }),
    }
}

/// Writes `document` to a new file that names itself as a copy of `path`'s content, for when
/// `path` cannot be written (at exit, so that nothing is lost): `<name>.unsaved-<pid>` beside it,
/// else in the temporary directory. Never overwrites a file. Returns where it went.
pub fn rescue<D: Document>(path: &Path, document: &D) -> std::io::Result<PathBuf> {
    let text = render(document).map_err(std::io::Error::other)?;
    let name = path
        .file_name()
        .map_or_else(|| "notes".to_owned(), |n| n.to_string_lossy().into_owned());
    let copy_name = format!("{name}.unsaved-{}", std::process::id());
    let beside = path.with_file_name(&copy_name);
    let mut last_error = None;
    for candidate in [beside, std::env::temp_dir().join(&copy_name)] {
        // Private (0600) and never through a planted symlink: the copy holds confidential notes.
        let mut file = match crate::files::create_private(&candidate) {
            Ok(file) => file,
            Err(error) => {
                last_error = Some(error);
                continue;
            }
        };
        match std::io::Write::write_all(&mut file, text.as_bytes()).and_then(|()| file.sync_all()) {
            Ok(()) => return Ok(candidate),
            Err(error) => {
                // Ours, and incomplete: a half copy would only mislead.
                let _ = std::fs::remove_file(&candidate);
                last_error = Some(error);
            }
        }
    }
    Err(last_error.unwrap_or_else(|| std::io::Error::other("no place for a copy")))
}

impl<D: Document> WritableStore<D> {
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Saves `document`, replacing the file atomically.
    pub fn save(&self, document: &D) -> Result<(), SaveError> {
        self.save_with(document, &DirectWriter)
    }

    /// [`Self::save`] through `writer` (tests inject write failures here).
    pub fn save_with(&self, document: &D, writer: &dyn ContentWriter) -> Result<(), SaveError> {
        let text = render(document).map_err(|error| SaveError::Serialize {
            path: self.path.clone(),
            error,
        })?;
        let io = |error| SaveError::Io {
            path: self.path.clone(),
            error,
        };
        let known = self.known.get();
        let now = crate::files::current_fingerprint(&self.path, known, MAX_DOCUMENT_BYTES).map_err(io)?;
        // A file removed outside loses nothing when we write ours again; a file whose content
        // is not what we read or wrote (or that appeared where there was none) would.
        if let Some(now) = now
            && Some((now.len, now.hash)) != known.map(|f| (f.len, f.hash))
        {
            return Err(SaveError::ChangedOutside {
                path: self.path.clone(),
            });
        }
        replace_file(&self.path, text.as_bytes(), writer).map_err(io)?;
        let written = std::fs::metadata(&self.path)
            .map(|metadata| crate::files::fingerprint_of(&metadata, text.as_bytes()))
            .map_err(io)?;
        self.known.set(Some(written));
        Ok(())
    }

    /// Reads the file again, as it is now, and takes it as the one this store last read: the
    /// caller merges its own changes into what it returns, and the next save writes that.
    pub fn reload(&self) -> Result<D, LoadError> {
        let (document, known) = load_fingerprinted(&self.path)?;
        self.known.set(known);
        Ok(document)
    }
}
