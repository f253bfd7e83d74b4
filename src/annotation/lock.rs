//! The session lock: an OS file lock on `<notes file>.lock`, held while a case is open so a second
//! Parallax opens it read-only instead of overwriting the first one's work. The OS drops the lock
//! when the process dies, so a crash leaves no stale lock; the pid inside is only for the message.
//! The lock file is left in place on exit: deleting it could race with another instance opening it.
//! It is opened through [`crate::files::open_lock_file`], which refuses a planted symlink.

use std::fs::{File, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// A held lock; released when dropped.
#[derive(Debug)]
pub struct SessionLock {
    // Held only for its OS lock.
    _file: File,
    path: PathBuf,
}

impl SessionLock {
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Why the lock could not be taken.
#[derive(Debug)]
pub enum LockError {
    /// Another process holds it (its pid, when it wrote one we could read).
    HeldBy { pid: Option<u32> },
    /// The lock file could not be opened or locked (e.g. read-only directory).
    Io(std::io::Error),
}

impl std::fmt::Display for LockError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LockError::HeldBy { pid: Some(pid) } => {
                write!(f, "another Parallax (pid {pid}) has this case open")
            }
            LockError::HeldBy { pid: None } => write!(f, "another Parallax has this case open"),
            LockError::Io(error) => write!(f, "cannot lock the notes file: {error}"),
        }
    }
}

/// The lock file that guards `notes_path`.
pub fn lock_path(notes_path: &Path) -> PathBuf {
    let mut name = notes_path
        .file_name()
        .map(std::ffi::OsStr::to_os_string)
        .unwrap_or_default();
    name.push(".lock");
    notes_path.with_file_name(name)
}

/// Takes the lock for `notes_path` without waiting.
pub fn acquire(notes_path: &Path) -> Result<SessionLock, LockError> {
    let path = lock_path(notes_path);
    // Not truncated on open: the holder's pid must survive our failed attempt. Never through
    // a symlink, and only a small regular file of ours: a lock planted in a case folder from an
    // archive must not let us truncate a file of the user's.
    let mut file = crate::files::open_lock_file(&path).map_err(LockError::Io)?;
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            return Err(LockError::HeldBy {
                pid: read_pid(&mut file),
            });
        }
        Err(TryLockError::Error(error)) => return Err(LockError::Io(error)),
    }
    // Best effort: the pid only improves the other instance's message.
    let _ = file
        .set_len(0)
        .and_then(|()| file.seek(SeekFrom::Start(0)))
        .and_then(|_| writeln!(file, "{}", std::process::id()));
    Ok(SessionLock { _file: file, path })
}

fn read_pid(file: &mut File) -> Option<u32> {
    let mut content = String::new();
    file.read_to_string(&mut content).ok()?;
    content.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_path_appends_lock() {
        assert_eq!(
            lock_path(Path::new("/c/parallax-notes.toml")),
            Path::new("/c/parallax-notes.toml.lock")
        );
    }
}
