//! A note being typed when the reader is ended by a signal (the terminal closed, a shutdown)
//! is written to a draft file rather than lost, as a failed save of the notes is rescued.
//!
//! The draft goes beside the notes file as `<notes>.draft-<pid>.txt`, else to the temporary
//! directory under the same name: created new (never over an existing file, nor through a
//! symlink planted at its name) and readable by the user only, since notes can be private.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::app::editor::{Editor, Target};

/// Writes the editor's text if it holds unsaved typing; returns the message for stderr (None when
/// there was nothing to keep).
pub fn rescue(editor: &Editor, notes: Option<&Path>) -> Option<String> {
    if !editor.changed() {
        return None;
    }
    let what = match &editor.target {
        Target::Annotation(Some(id)) => format!("the note of {id}"),
        Target::Annotation(None) => "a new note".to_owned(),
        Target::Article(key) => format!("the note on {}", key.path),
    };
    Some(match write(&editor.text, notes) {
        Ok(path) => format!(
            "the note being written was not saved; the draft is in {} ({what})",
            path.display()
        ),
        Err(e) => format!("the note being written ({what}) was not saved and no draft could be written: {e}"),
    })
}

fn write(text: &str, notes: Option<&Path>) -> io::Result<PathBuf> {
    let name = notes.and_then(Path::file_name).map_or_else(
        || "parallax-notes.toml".to_owned(),
        |n| n.to_string_lossy().into_owned(),
    );
    let name = format!("{name}.draft-{}.txt", std::process::id());
    let beside = notes.map(|n| n.with_file_name(&name));
    let mut last_error = None;
    for candidate in beside.into_iter().chain([std::env::temp_dir().join(&name)]) {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = match options.open(&candidate) {
            Ok(file) => file,
            Err(e) => {
                last_error = Some(e);
                continue;
            }
        };
        match file.write_all(text.as_bytes()).and_then(|()| file.sync_all()) {
            Ok(()) => return Ok(candidate),
            Err(e) => {
                // Ours and incomplete: the next place may take the whole text.
                let _ = std::fs::remove_file(&candidate);
                last_error = Some(e);
            }
        }
    }
    Err(last_error.unwrap_or_else(|| io::Error::other("no place for a draft")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::editor::Target;

    #[test]
    fn an_untouched_editor_leaves_nothing() {
        let editor = Editor::new(Target::Annotation(None), "as it was");
        assert_eq!(rescue(&editor, None), None);
    }
}
