//! Files Parallax creates for itself: never through a symlink planted at the name (a case folder
//! from an archive can hold one pointing at any file of the user's), and private to the user.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::Path;

/// The most a lock file of ours holds: a pid and a line break. A bigger file at the lock's name
/// is not ours, and truncating it could destroy someone's data.
const MAX_LOCK_FILE_BYTES: u64 = 64;

/// Creates a new file at `path`, readable and writable by the user only. Fails if anything is
/// already there, a symlink included (`O_CREAT | O_EXCL` never follows one).
pub fn create_private(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    private(&mut options);
    options.open(path)
}

/// Writes a new file at `path` with `bytes`, whole or not at all, and never over anything: the
/// bytes go to a private temporary file beside it, are synced, and are then hard-linked to
/// the name (which, like `O_EXCL`, fails if anything is there, a symlink included). A crash or
/// an error leaves at most the temporary file, named `.NAME.part-PID`, never a short `NAME`.
pub fn create_new_whole(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;
    let name = path
        .file_name()
        .map_or_else(Default::default, |n| n.to_string_lossy().into_owned());
    let temp = path.with_file_name(format!(".{name}.part-{}", std::process::id()));
    let _ = std::fs::remove_file(&temp);
    let written = create_private(&temp).and_then(|mut file| {
        file.write_all(bytes)?;
        file.sync_all()
    });
    let published = written.and_then(|()| std::fs::hard_link(&temp, path));
    let _ = std::fs::remove_file(&temp);
    published?;
    super::replace::sync_dir(&super::replace::parent_dir(path))
}

/// Opens (creating it if needed) the lock file at `path` for reading and writing, without
/// truncating it. Refuses a symlink at the name, anything that is not a regular file, a file
/// with other hard links, and a file too big to be one of ours.
pub fn open_lock_file(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    private(&mut options);
    no_follow(&mut options);
    let file = options
        .open(path)
        .map_err(|error| explain_no_follow(path, error))?;
    let metadata = file.metadata()?;
    let refuse = |why: String| Err(io::Error::new(io::ErrorKind::InvalidData, why));
    if !metadata.is_file() {
        return refuse(format!(
            "{} is {}, not a lock file",
            path.display(),
            super::kind_name(metadata.file_type())
        ));
    }
    if links(&metadata) > 1 {
        return refuse(format!(
            "{} has other hard links, so it is not a lock file of Parallax's",
            path.display()
        ));
    }
    if metadata.len() > MAX_LOCK_FILE_BYTES {
        return refuse(format!(
            "{} holds {} bytes, so it is not a lock file of Parallax's",
            path.display(),
            metadata.len()
        ));
    }
    Ok(file)
}

#[cfg(unix)]
fn private(options: &mut OpenOptions) {
    use std::os::unix::fs::OpenOptionsExt;
    options.mode(0o600);
}

#[cfg(not(unix))]
fn private(_options: &mut OpenOptions) {}

#[cfg(unix)]
fn no_follow(options: &mut OpenOptions) {
    use std::os::unix::fs::OpenOptionsExt;
    // O_NONBLOCK too: a FIFO planted at the name must not hang the open.
    options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
}

#[cfg(not(unix))]
fn no_follow(_options: &mut OpenOptions) {}

/// `O_NOFOLLOW` on a symlink fails with ELOOP, whose text ("too many levels of symbolic
/// links") would mislead.
fn explain_no_follow(path: &Path, error: io::Error) -> io::Error {
    #[cfg(unix)]
    if error.raw_os_error() == Some(libc::ELOOP) {
        return io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "{} is a symbolic link, not a lock file; not followed",
                path.display()
            ),
        );
    }
    let _ = path;
    error
}

/// How many names the file has.
#[cfg(unix)]
pub(super) fn links(metadata: &std::fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::nlink(metadata)
}

#[cfg(not(unix))]
pub(super) fn links(_metadata: &std::fs::Metadata) -> u64 {
    1
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn a_symlink_at_the_lock_name_is_refused_and_its_target_untouched() {
        let dir = tempfile::tempdir().expect("tempdir");
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, "precious").expect("write");
        let lock = dir.path().join("x.lock");
        std::os::unix::fs::symlink(&victim, &lock).expect("symlink");
        let error = open_lock_file(&lock).expect_err("refused");
        assert!(error.to_string().contains("symbolic link"), "{error}");
        assert_eq!(std::fs::read_to_string(&victim).expect("read"), "precious");
    }

    #[test]
    fn a_big_file_at_the_lock_name_is_not_ours() {
        let dir = tempfile::tempdir().expect("tempdir");
        let lock = dir.path().join("x.lock");
        std::fs::write(&lock, "x".repeat(1000)).expect("write");
        assert!(open_lock_file(&lock).is_err());
        assert_eq!(std::fs::metadata(&lock).expect("stat").len(), 1000);
    }

    #[test]
    fn private_files_are_0600_and_never_replace_anything() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("copy");
        create_private(&path).expect("created");
        let mode = std::fs::metadata(&path).expect("stat").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        assert!(create_private(&path).is_err());
    }

    #[test]
    fn a_whole_new_file_never_replaces_anything_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("page.html");
        create_new_whole(&path, b"first").expect("created");
        assert!(create_new_whole(&path, b"second").is_err());
        assert_eq!(std::fs::read(&path).expect("read"), b"first");
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "precious").expect("write");
        let link = dir.path().join("link.html");
        std::os::unix::fs::symlink(&victim, &link).expect("symlink");
        assert!(create_new_whole(&link, b"evil").is_err());
        assert_eq!(std::fs::read_to_string(&victim).expect("read"), "precious");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("ls")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names.len(), 3, "{names:?}");
    }
}
