//! Reading an input file: regular files only, opened without blocking (a FIFO planted where a
//! file is expected would otherwise hang the start), with the size limit checked while reading
//! (a device such as `/dev/zero` reports size 0 and never ends).

use std::fmt;
use std::fs::{File, Metadata, OpenOptions};
use std::hash::Hasher;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// Why a file could not be read.
#[derive(Debug)]
pub struct ReadError {
    pub path: PathBuf,
    pub problem: ReadProblem,
}

#[derive(Debug)]
pub enum ReadProblem {
    NotFound,
    /// A directory, FIFO, device or socket: named for the message.
    NotRegular(&'static str),
    TooLarge {
        limit: u64,
    },
    Io(io::Error),
}

impl ReadError {
    pub fn is_not_found(&self) -> bool {
        matches!(self.problem, ReadProblem::NotFound)
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.display();
        match &self.problem {
            ReadProblem::NotFound => write!(f, "{path}: no such file"),
            ReadProblem::NotRegular(kind) => write!(f, "{path}: is {kind}, not a regular file; not read"),
            ReadProblem::TooLarge { limit } => {
                write!(f, "{path}: larger than the limit of {limit} bytes; not read")
            }
            ReadProblem::Io(error) => write!(f, "{path}: {error}"),
        }
    }
}

impl std::error::Error for ReadError {}

/// What a file was when it was read or written: enough to notice that another program changed
/// it since. Size and modification time are compared first; the content hash decides when they
/// differ (a `touch` does not count as a change) and catches a change within the clock's tick.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    pub len: u64,
    pub modified: Option<SystemTime>,
    pub hash: u64,
}

/// The fingerprint of `bytes` as they are in a file with `metadata`.
pub fn fingerprint_of(metadata: &Metadata, bytes: &[u8]) -> Fingerprint {
    Fingerprint {
        len: metadata.len(),
        modified: metadata.modified().ok(),
        hash: content_hash(bytes),
    }
}

fn content_hash(bytes: &[u8]) -> u64 {
    // In memory only, never stored: any good 64-bit hash will do.
    let mut hasher = std::hash::DefaultHasher::new();
    hasher.write(bytes);
    hasher.finish()
}

/// Reads the regular file at `path` (symlinks followed), at most `limit` bytes. Refuses
/// directories, FIFOs, devices and sockets without blocking on them.
pub fn read_regular(path: &Path, limit: u64) -> Result<(Vec<u8>, Fingerprint), ReadError> {
    let fail = |problem| ReadError {
        path: path.to_path_buf(),
        problem,
    };
    let io = |error: io::Error| {
        if error.kind() == io::ErrorKind::NotFound {
            fail(ReadProblem::NotFound)
        } else {
            fail(ReadProblem::Io(error))
        }
    };
    // The type is checked before opening (opening some devices has effects) and again on the
    // open file (the path may have been swapped in between).
    let before = std::fs::metadata(path).map_err(io)?;
    if !before.is_file() {
        return Err(fail(ReadProblem::NotRegular(super::kind_name(
            before.file_type(),
        ))));
    }
    let file = open_nonblocking(path).map_err(io)?;
    let metadata = file.metadata().map_err(io)?;
    if !metadata.is_file() {
        return Err(fail(ReadProblem::NotRegular(super::kind_name(
            metadata.file_type(),
        ))));
    }
    if metadata.len() > limit {
        return Err(fail(ReadProblem::TooLarge { limit }));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(fail(ReadProblem::TooLarge { limit }));
    }
    let fingerprint = fingerprint_of(&metadata, &bytes);
    Ok((bytes, fingerprint))
}

/// The fingerprint of the file at `path` now, reading it only when size or time changed.
/// `Ok(None)`: there is no file.
pub fn current_fingerprint(
    path: &Path,
    known: Option<Fingerprint>,
    limit: u64,
) -> io::Result<Option<Fingerprint>> {
    let metadata = match std::fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(error),
    };
    if let Some(known) = known
        && known.len == metadata.len()
        && known.modified.is_some()
        && known.modified == metadata.modified().ok()
    {
        return Ok(Some(known));
    }
    match read_regular(path, limit) {
        Ok((_, fingerprint)) => Ok(Some(fingerprint)),
        Err(ReadError {
            problem: ReadProblem::NotFound,
            ..
        }) => Ok(None),
        Err(ReadError {
            problem: ReadProblem::Io(error),
            ..
        }) => Err(error),
        Err(error) => Err(io::Error::other(error.to_string())),
    }
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    // O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting; it has no
    // effect on regular files. O_NOCTTY: a terminal device never becomes our controlling one.
    OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    OpenOptions::new().read(true).open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regular_file_is_read_whole() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "hello").expect("write");
        let (bytes, fingerprint) = read_regular(&path, 100).expect("reads");
        assert_eq!(bytes, b"hello");
        assert_eq!(fingerprint.len, 5);
    }

    #[test]
    fn a_file_over_the_limit_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "hello").expect("write");
        let error = read_regular(&path, 4).expect_err("too large");
        assert!(
            matches!(error.problem, ReadProblem::TooLarge { limit: 4 }),
            "{error}"
        );
    }

    #[test]
    fn missing_and_directory_are_told_apart() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert!(
            read_regular(&dir.path().join("none"), 10)
                .expect_err("missing")
                .is_not_found()
        );
        let error = read_regular(dir.path(), 10).expect_err("a directory");
        assert!(error.to_string().contains("is a directory"), "{error}");
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_refused_without_reading() {
        let error = read_regular(Path::new("/dev/zero"), u64::MAX).expect_err("a device");
        assert!(error.to_string().contains("character device"), "{error}");
    }

    #[test]
    fn touching_a_file_does_not_change_its_fingerprint_but_editing_does() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "one").expect("write");
        let (_, first) = read_regular(&path, 100).expect("reads");
        let file = File::options().write(true).open(&path).expect("open");
        file.set_modified(SystemTime::now() + std::time::Duration::from_secs(5))
            .expect("touch");
        let touched = current_fingerprint(&path, Some(first), 100)
            .expect("stat")
            .expect("exists");
        assert_eq!(touched.hash, first.hash);
        std::fs::write(&path, "two").expect("write");
        let edited = current_fingerprint(&path, Some(first), 100)
            .expect("stat")
            .expect("exists");
        assert_ne!(edited.hash, first.hash);
    }
}
