//! The notes file on disk: open (lock, then load), save (atomic replace). The types carry the
//! safety rules: only a [`WritableStore`] can save, and one is made only when the file was read
//! (or was absent) and this process holds the lock. A file that could not be read, or a case
//! another Parallax has open, gives a [`ReadOnlyStore`], which has no `save`.

use std::marker::PhantomData;
use std::path::{Path, PathBuf};

use super::atomic::{ContentWriter, DirectWriter, remove_stale_temp_files, replace_file};
use super::document::{Document, LoadError, parse, render};
use super::lock::{LockError, SessionLock, acquire};
use crate::article::sanitize::sanitize_line;

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
}

impl std::fmt::Display for ReadOnlyStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.reason {
            ReadOnlyReason::Unreadable(error) => write!(f, "opened read-only: {error}"),
            ReadOnlyReason::Locked(error) => write!(f, "opened read-only: {error}"),
        }
    }
}

/// A store this process may save to: the file was read (or absent) and the lock is held for as
/// long as the store lives.
#[derive(Debug)]
pub struct WritableStore<D> {
    path: PathBuf,
    _lock: SessionLock,
    _document: PhantomData<fn(&D)>,
}

/// Why a save failed. The file on disk is unchanged (old content or absent) and the caller's
/// document is untouched, so it can retry.
#[derive(Debug)]
pub enum SaveError {
    Io { path: PathBuf, error: std::io::Error },
    Serialize { path: PathBuf, error: toml::ser::Error },
}

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (path, error): (&Path, &dyn std::fmt::Display) = match self {
            SaveError::Io { path, error } => (path, error),
            SaveError::Serialize { path, error } => (path, error),
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
/// is an empty document).
pub fn open<D: Document>(path: &Path) -> Opened<D> {
    let read_only = |reason| {
        OpenedStore::ReadOnly(ReadOnlyStore {
            path: path.to_path_buf(),
            reason,
        })
    };
    // Lock before reading, so nobody saves between our read and our first write.
    let lock = acquire(path);
    match (load::<D>(path), lock) {
        (Err(error), _) => Opened {
            document: D::default(),
            store: read_only(ReadOnlyReason::Unreadable(error)),
        },
        (Ok(document), Err(error)) => Opened {
            document,
            store: read_only(ReadOnlyReason::Locked(error)),
        },
        (Ok(document), Ok(lock)) => {
            // Saves killed mid-write leave their temp files; only the lock holder writes them.
            remove_stale_temp_files(path);
            Opened {
                document,
                store: OpenedStore::Writable(WritableStore {
                    path: path.to_path_buf(),
                    _lock: lock,
                    _document: PhantomData,
                }),
            }
        }
    }
}

/// Reads the document at `path` without locking (missing file → empty document).
pub fn load<D: Document>(path: &Path) -> Result<D, LoadError> {
    match std::fs::read(path) {
        Ok(bytes) => {
            let text = String::from_utf8(bytes).map_err(|error| LoadError::Invalid {
                path: path.to_path_buf(),
                message: format!("not UTF-8 text ({error})"),
            })?;
            parse(path, &text)
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(D::default()),
        Err(error) => Err(LoadError::Io {
            path: path.to_path_buf(),
            error,
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
        let mut file = match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&candidate)
        {
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
        replace_file(&self.path, text.as_bytes(), writer).map_err(|error| SaveError::Io {
            path: self.path.clone(),
            error,
        })
    }
}
