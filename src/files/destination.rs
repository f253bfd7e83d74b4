//! Where an output may be written: the one rule for `parallax export --out` and the reader's
//! `:export`. Never over one of the case's inputs (an article, the notes file, its lock, the
//! outlet defaults), whatever name reaches it (relative, absolute, `..`, a symlink, a hard
//! link); never over something that is not a regular file (a symlink, FIFO or device would be
//! replaced by a regular file: `--out /dev/stdout` once replaced the system's node).

use std::path::Path;

/// Why an output may not go to a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefusedOutput(pub String);

impl std::fmt::Display for RefusedOutput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for RefusedOutput {}

/// Whether an output may be written at `out`, given the case's `inputs`.
pub fn check_output(out: &Path, inputs: &[&Path]) -> Result<(), RefusedOutput> {
    let refuse = |why: String| {
        Err(RefusedOutput(format!(
            "{}: {why}; choose another file",
            out.display()
        )))
    };
    if out.as_os_str().is_empty() {
        return refuse("no file name".into());
    }
    match std::fs::symlink_metadata(out) {
        Ok(metadata) if metadata.file_type().is_symlink() => {
            return refuse("is a symbolic link, and an export is not written through one".into());
        }
        Ok(metadata) if !metadata.is_file() => {
            let hint = if metadata.is_dir() {
                ""
            } else {
                " (to write to standard output, leave out --out)"
            };
            return refuse(format!(
                "is {}, not a regular file{hint}",
                super::kind_name(metadata.file_type())
            ));
        }
        Ok(metadata) => {
            for input in inputs {
                if std::fs::metadata(input).is_ok_and(|m| same_file(&m, &metadata)) {
                    return refuse(format!("is one of the case's inputs ({})", input.display()));
                }
            }
        }
        Err(_) => {
            // Nothing there yet: it can still name an input that does not exist yet (a notes
            // file before the first save), so compare the names with the folders resolved.
            let wanted = super::canonical_folder(out);
            for input in inputs {
                if super::canonical_folder(input) == wanted {
                    return refuse(format!("is one of the case's inputs ({})", input.display()));
                }
            }
        }
    }
    Ok(())
}

#[cfg(unix)]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(_a: &std::fs::Metadata, _b: &std::fs::Metadata) -> bool {
    false
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn an_input_is_refused_by_any_name() {
        let dir = tempfile::tempdir().expect("tempdir");
        let article = dir.path().join("a.txt");
        std::fs::write(&article, "text").expect("write");
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub).expect("mkdir");
        let inputs = [article.as_path()];
        assert!(check_output(&article, &inputs).is_err());
        assert!(check_output(&sub.join("../a.txt"), &inputs).is_err());
        let hard = dir.path().join("hard.txt");
        std::fs::hard_link(&article, &hard).expect("link");
        assert!(check_output(&hard, &inputs).is_err());
        assert!(check_output(&dir.path().join("report.md"), &inputs).is_ok());
    }

    #[test]
    fn a_notes_file_not_yet_written_is_refused_too() {
        let dir = tempfile::tempdir().expect("tempdir");
        let notes = dir.path().join("parallax-notes.toml");
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub).expect("mkdir");
        let error =
            check_output(&sub.join("../parallax-notes.toml"), &[notes.as_path()]).expect_err("refused");
        assert!(error.0.contains("one of the case's inputs"), "{error}");
    }

    #[test]
    fn devices_fifos_symlinks_and_directories_are_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert!(
            check_output(Path::new("/dev/null"), &[])
                .expect_err("device")
                .0
                .contains("standard output")
        );
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(dir.path().join("elsewhere"), &link).expect("symlink");
        assert!(
            check_output(&link, &[])
                .expect_err("symlink")
                .0
                .contains("symbolic link")
        );
        assert!(
            check_output(dir.path(), &[])
                .expect_err("dir")
                .0
                .contains("directory")
        );
    }
}
