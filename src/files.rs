//! Files and folders are input too: the one module that opens, reads and writes files the way
//! Parallax means to, because a case folder may come from someone else (an archive, a shared
//! drive) and every path a user types may point anywhere.
//!
//! - [`read`]: regular files only (never block on a FIFO, never read a device until memory runs
//!   out), the size limit checked while reading, and a [`Fingerprint`] of what was read so a save
//!   can tell whether the file changed outside since.
//! - [`replace`]: atomic replace (temp file, fsync, rename, fsync the directory) that keeps the
//!   file's permissions and refuses what it must not replace: a symlink, a FIFO or device, a file
//!   its owner made read-only, a file with other hard links.
//! - [`create`]: new files that never follow a planted symlink and are private (0600): lock
//!   files, rescue copies, and saved web pages (whole or not at all, never over a file).
//! - [`destination`]: the one place that decides whether an output (an export) may be written
//!   at a path: never over a case input, never over something that is not a regular file.
//!
//! Messages name paths as they are; whoever shows them makes them terminal-safe (the status bar
//! and `main` do), so this module depends on nothing else in the crate.

pub mod create;
pub mod destination;
pub mod read;
pub mod replace;

pub use create::{create_new_whole, create_private, open_lock_file};
pub use destination::{RefusedOutput, check_output};
pub use read::{Fingerprint, ReadError, ReadProblem, current_fingerprint, fingerprint_of, read_regular};
pub use replace::{ContentWriter, DirectWriter, remove_stale_temp_files, replace_file};

/// What kind of thing is at a path, in words for a message ("a FIFO (named pipe)").
pub fn kind_name(file_type: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if file_type.is_char_device() {
            return "a character device";
        }
        if file_type.is_block_device() {
            return "a block device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    if file_type.is_dir() {
        "a directory"
    } else if file_type.is_symlink() {
        "a symbolic link"
    } else if file_type.is_file() {
        "a regular file"
    } else {
        "not a regular file"
    }
}

/// `path` with its folder made canonical and its own name kept: how a case names its files
/// (one identity whatever the working directory or the way the path was typed). The path as
/// given when the folder cannot be resolved.
pub fn canonical_folder(path: &std::path::Path) -> std::path::PathBuf {
    let Some(name) = path.file_name() else {
        return path.to_path_buf();
    };
    let parent = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => std::path::Path::new("."),
    };
    parent
        .canonicalize()
        .map_or_else(|_| path.to_path_buf(), |dir| dir.join(name))
}

/// The most entries [`list_dir`] returns: completion in a huge folder stays quick.
const MAX_LISTED: usize = 2000;

/// The names in folder `dir` and whether each is a folder (links followed), for completing
/// paths on the command line; nothing when it cannot be read.
pub fn list_dir(dir: &std::path::Path) -> Vec<(String, bool)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .take(MAX_LISTED)
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let is_dir = std::fs::metadata(entry.path()).is_ok_and(|m| m.is_dir());
            Some((name, is_dir))
        })
        .collect()
}
