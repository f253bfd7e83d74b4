//! `:copy-to FILE`: appends a quote with its citation to a file, through `crate::files` (never
//! over a case input or something that is not a regular file; the whole file replaced
//! atomically, so a crash never leaves half a quote).

use std::path::Path;

use crate::article::sanitize::sanitize_line;
use crate::files::{DirectWriter, ReadProblem, check_output, read_regular, replace_file};

/// A file of quotes larger than this is refused rather than read whole.
const MAX_QUOTES_FILE: u64 = 20_000_000;

/// Appends `text` to the file at `path` (created if missing), a blank line after what was there.
/// `inputs` are the case's files, which it must not be; nor may it be a file the case would
/// load as an article (one the reader reads, in an article's folder).
pub fn append(path: &Path, text: &str, inputs: &[&Path]) -> Result<(), String> {
    let shown = || sanitize_line(&path.display().to_string());
    check_output(path, inputs).map_err(|refused| sanitize_line(&refused.to_string()))?;
    let folder = |p: &Path| crate::files::canonical_folder(p).parent().map(Path::to_path_buf);
    let target_folder = folder(path);
    if crate::article::load::is_supported(path)
        && inputs
            .iter()
            .any(|input| crate::article::load::is_supported(input) && folder(input) == target_folder)
    {
        return Err(format!(
            "{} is in the case folder and would open as an article next time: choose another folder",
            shown()
        ));
    }
    let mut bytes = match read_regular(path, MAX_QUOTES_FILE) {
        Ok((bytes, _)) => bytes,
        Err(error) if matches!(error.problem, ReadProblem::NotFound) => Vec::new(),
        Err(error) => return Err(sanitize_line(&error.to_string())),
    };
    if !bytes.is_empty() {
        if !bytes.ends_with(b"\n") {
            bytes.push(b'\n');
        }
        bytes.push(b'\n');
    }
    bytes.extend_from_slice(text.as_bytes());
    replace_file(path, &bytes, &DirectWriter).map_err(|error| format!("cannot write {}: {error}", shown()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_are_appended_with_a_blank_line_between() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("quotes.txt");
        append(&path, "“one”\n— A, undated.\n", &[]).expect("first");
        append(&path, "“two”\n— B, undated.\n", &[]).expect("second");
        assert_eq!(
            std::fs::read_to_string(&path).expect("read"),
            "“one”\n— A, undated.\n\n“two”\n— B, undated.\n"
        );
    }

    #[test]
    fn never_into_an_input_or_beside_the_articles_as_an_article() {
        let dir = tempfile::tempdir().expect("tempdir");
        let article = dir.path().join("a.txt");
        std::fs::write(&article, "text").expect("article");
        assert!(append(&article, "x", &[&article]).is_err());
        let beside = dir.path().join("quotes.md");
        let error = append(&beside, "x", &[&article]).expect_err("refused");
        assert!(error.contains("would open as an article"), "{error}");
        assert!(!beside.exists());
        let other = tempfile::tempdir().expect("tempdir");
        append(&other.path().join("quotes.md"), "x", &[&article]).expect("elsewhere is fine");
    }
}
