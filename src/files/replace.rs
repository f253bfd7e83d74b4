//! Replacing a file so that a crash at any moment leaves either the old or the new content,
//! never a truncated file: write a temporary file in the same directory, fsync it, rename it over
//! the target, fsync the directory (so the rename itself survives a power cut).
//!
//! The replaced file keeps its permissions (a private 0600 file stays private). What must not
//! be replaced is refused, the target untouched: a symlink (it would stop pointing at its
//! target; callers that mean to write through one resolve it first), a FIFO or device (it
//! would become a regular file), a file its owner made read-only, and a file with other hard
//! links (replacing would split them).
//!
//! The write goes through a [`ContentWriter`] so tests can inject faults (disk full midway).

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Writes the bytes into the temporary file. The real one is [`DirectWriter`].
pub trait ContentWriter {
    fn write_content(&self, file: &mut File, bytes: &[u8]) -> io::Result<()>;
}

/// Writes everything, as is.
#[derive(Debug, Clone, Copy, Default)]
pub struct DirectWriter;

impl ContentWriter for DirectWriter {
    fn write_content(&self, file: &mut File, bytes: &[u8]) -> io::Result<()> {
        file.write_all(bytes)
    }
}

/// Replaces `path` with `bytes` atomically. On error the old file is untouched and the
/// temporary file removed.
pub fn replace_file(path: &Path, bytes: &[u8], writer: &dyn ContentWriter) -> io::Result<()> {
    let keep = replaceable(path)?;
    let dir = parent_dir(path);
    let temp_path = temp_path_for(path);
    let written = write_synced(&temp_path, bytes, writer, keep.as_ref())
        .and_then(|()| std::fs::rename(&temp_path, path));
    if let Err(error) = written {
        // Whatever failed, the target was not touched; only the temp file needs cleaning up.
        let _ = std::fs::remove_file(&temp_path);
        return Err(error);
    }
    sync_dir(&dir)
}

/// Whether `path` may be replaced; the permissions to give the new file when one is there.
fn replaceable(path: &Path) -> io::Result<Option<std::fs::Permissions>> {
    let metadata = match std::fs::symlink_metadata(path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(error),
    };
    let refuse = |kind, why: String| {
        Err(io::Error::new(
            kind,
            format!("{} {why}; not replaced", path.display()),
        ))
    };
    let file_type = metadata.file_type();
    if file_type.is_dir() {
        return refuse(io::ErrorKind::IsADirectory, "is a directory".into());
    }
    if !file_type.is_file() {
        return refuse(
            io::ErrorKind::InvalidInput,
            format!("is {}, not a regular file", super::kind_name(file_type)),
        );
    }
    if metadata.permissions().readonly() {
        return refuse(
            io::ErrorKind::PermissionDenied,
            "is read-only (its owner took away the write permission)".into(),
        );
    }
    let links = super::create::links(&metadata);
    if links > 1 {
        return refuse(
            io::ErrorKind::InvalidInput,
            format!("has {links} hard links, and replacing it would split them"),
        );
    }
    Ok(Some(metadata.permissions()))
}

fn write_synced(
    temp_path: &Path,
    bytes: &[u8],
    writer: &dyn ContentWriter,
    keep: Option<&std::fs::Permissions>,
) -> io::Result<()> {
    let mut temp = match keep {
        // Private until it has the old file's permissions, so it is never wider than either.
        Some(_) => super::create::create_private(temp_path)?,
        None => OpenOptions::new().write(true).create_new(true).open(temp_path)?,
    };
    writer.write_content(&mut temp, bytes)?;
    if let Some(permissions) = keep {
        temp.set_permissions(permissions.clone())?;
    }
    temp.sync_all()
}

pub(super) fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// `.<name>.tmp-<pid>-<n>` beside `path`: hidden, and unique per process and attempt.
fn temp_path_for(path: &Path) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let attempt = COUNTER.fetch_add(1, Ordering::Relaxed);
    path.with_file_name(format!(".{name}.tmp-{}-{attempt}", std::process::id()))
}

/// Removes the temporary files that saves of `path` left behind when their process was killed
/// mid-write (names as [`temp_path_for`] makes them). Call it only while holding the lock that
/// makes this process the only writer. Returns how many were removed.
pub fn remove_stale_temp_files(path: &Path) -> usize {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return 0;
    };
    let prefix = format!(".{name}.tmp-");
    let Ok(entries) = std::fs::read_dir(parent_dir(path)) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(rest) = file_name.to_str().and_then(|n| n.strip_prefix(&prefix)) else {
            continue;
        };
        let ours = rest
            .split_once('-')
            .is_some_and(|(pid, n)| is_digits(pid) && is_digits(n));
        if ours && entry.file_type().is_ok_and(|t| t.is_file()) && std::fs::remove_file(entry.path()).is_ok()
        {
            removed += 1;
        }
    }
    removed
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(unix)]
pub(super) fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
pub(super) fn sync_dir(_dir: &Path) -> io::Result<()> {
    // Windows cannot open a directory as a file; its rename is durable enough for our purpose.
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stale_temp_files_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("notes.toml");
        let keep = [
            "notes.toml",
            ".notes.toml.tmp-12-x",
            ".other.toml.tmp-12-3",
            "notes.toml.tmp-12-3",
            ".notes.toml.tmp-",
        ];
        for name in keep
            .iter()
            .chain(&[".notes.toml.tmp-12-3", ".notes.toml.tmp-999-0"])
        {
            std::fs::write(dir.path().join(name), "x").expect("write");
        }
        assert_eq!(remove_stale_temp_files(&path), 2);
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .expect("dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        left.sort_unstable();
        let mut expected = keep.map(str::to_owned).to_vec();
        expected.sort_unstable();
        assert_eq!(left, expected);
    }

    #[cfg(unix)]
    mod unix {
        use super::super::*;
        use std::os::unix::fs::PermissionsExt;

        fn mode(path: &Path) -> u32 {
            std::fs::metadata(path).expect("stat").permissions().mode() & 0o777
        }

        #[test]
        fn a_private_file_stays_private() {
            let dir = tempfile::tempdir().expect("tempdir");
            let path = dir.path().join("notes.toml");
            std::fs::write(&path, "old").expect("write");
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
            replace_file(&path, b"new", &DirectWriter).expect("replaced");
            assert_eq!(std::fs::read_to_string(&path).expect("read"), "new");
            assert_eq!(mode(&path), 0o600);
        }

        #[test]
        fn a_read_only_file_is_not_replaced() {
            let dir = tempfile::tempdir().expect("tempdir");
            let path = dir.path().join("notes.toml");
            std::fs::write(&path, "old").expect("write");
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).expect("chmod");
            let error = replace_file(&path, b"new", &DirectWriter).expect_err("refused");
            assert_eq!(error.kind(), io::ErrorKind::PermissionDenied);
            assert_eq!(std::fs::read_to_string(&path).expect("read"), "old");
        }

        #[test]
        fn symlinks_fifos_and_hard_links_are_not_replaced() {
            let dir = tempfile::tempdir().expect("tempdir");
            let target = dir.path().join("target.txt");
            std::fs::write(&target, "old").expect("write");
            let link = dir.path().join("link.txt");
            std::os::unix::fs::symlink(&target, &link).expect("symlink");
            let error = replace_file(&link, b"new", &DirectWriter).expect_err("symlink refused");
            assert!(error.to_string().contains("symbolic link"), "{error}");
            assert!(
                std::fs::symlink_metadata(&link)
                    .expect("stat")
                    .file_type()
                    .is_symlink()
            );

            let hard = dir.path().join("hard.txt");
            std::fs::hard_link(&target, &hard).expect("hard link");
            let error = replace_file(&hard, b"new", &DirectWriter).expect_err("hard link refused");
            assert!(error.to_string().contains("2 hard links"), "{error}");
            assert_eq!(std::fs::read_to_string(&target).expect("read"), "old");

            let fifo = dir.path().join("fifo");
            let made = std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .expect("mkfifo");
            assert!(made.success());
            let error = replace_file(&fifo, b"new", &DirectWriter).expect_err("fifo refused");
            assert!(error.to_string().contains("FIFO"), "{error}");
            assert!(!std::fs::symlink_metadata(&fifo).expect("stat").is_file());
        }
    }
}
