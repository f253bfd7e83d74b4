//! The view-state file (`app::view_state`): one per case in the data directory's `views/`
//! folder, named like the notes kept there (the case folder's name and a hash of its path).
//! Read through `crate::files` (a regular file, size-capped); a file that does not parse is
//! ignored with a message, never a crash; written atomically.

use std::path::{Path, PathBuf};

use crate::app::view_state::ViewState;
use crate::article::sanitize::sanitize_line;
use crate::files::{DirectWriter, ReadProblem, read_regular, replace_file};

/// A view-state file is a few hundred bytes; anything much larger is not one.
const MAX_BYTES: u64 = 1_000_000;

/// The view-state file of the case in `case_dir`.
pub fn path(views_dir: &Path, case_dir: &Path) -> PathBuf {
    views_dir.join(crate::annotation::location::case_file_name(case_dir))
}

/// The saved view, None when there is none; an error message when it cannot be used.
pub fn load(path: &Path) -> Result<Option<ViewState>, String> {
    let shown = || sanitize_line(&path.display().to_string());
    let bytes = match read_regular(path, MAX_BYTES) {
        Ok((bytes, _)) => bytes,
        Err(error) if matches!(error.problem, ReadProblem::NotFound) => return Ok(None),
        Err(error) => {
            return Err(format!(
                "view state ignored: {}",
                sanitize_line(&error.to_string())
            ));
        }
    };
    let text = String::from_utf8(bytes).map_err(|_| format!("view state {} ignored: not UTF-8", shown()))?;
    toml::from_str(&text).map(Some).map_err(|error| {
        let first_line = error.to_string().lines().next().unwrap_or_default().to_owned();
        let at = error
            .span()
            .map(|span| {
                let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
                format!(":{line}")
            })
            .unwrap_or_default();
        sanitize_line(&format!("view state {}{at} ignored: {first_line}", shown()))
    })
}

/// Writes `state` to `path` atomically, creating the folder.
pub fn save(path: &Path, state: &ViewState) -> Result<(), String> {
    let shown = || sanitize_line(&path.display().to_string());
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let text = toml::to_string(state).map_err(|e| format!("view state: {e}"))?;
    replace_file(path, text.as_bytes(), &DirectWriter).map_err(|e| format!("cannot write {}: {e}", shown()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::view_state::{PaneView, VIEW_STATE_VERSION};

    #[test]
    fn saved_then_loaded_and_a_broken_file_is_an_error_message() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = path(&dir.path().join("views"), Path::new("/cases/iran"));
        assert_eq!(load(&path), Ok(None));
        let state = ViewState {
            schema_version: VIEW_STATE_VERSION,
            sync: true,
            zoom: false,
            focus: Some("a.txt".into()),
            panes: vec![PaneView {
                path: "a.txt".into(),
                weight: 4,
                top: 120,
            }],
        };
        save(&path, &state).expect("saves");
        assert_eq!(load(&path), Ok(Some(state)));
        std::fs::write(
            &path,
            "schema_version = 1\nsync = true\nzoom = false\nfrobnicate = 3\n",
        )
        .expect("write");
        let error = load(&path).expect_err("refused");
        assert!(error.contains(":4 ignored"), "{error}");
    }
}
