//! Where the notes file of a case lives, and how articles are named in it. Pure: the caller
//! finds out whether a directory is writable and where the data directory is, and passes them in.

use std::path::{Component, Path, PathBuf};

use super::hash::fnv1a64;

/// The notes file's name beside the articles.
pub const NOTES_FILE_NAME: &str = "parallax-notes.toml";
/// The outlet-defaults file's name in the data directory.
pub const OUTLET_BIAS_FILE_NAME: &str = "outlet-bias.toml";

/// What the choice of notes file depends on.
#[derive(Debug, Clone, Copy)]
pub struct LocationInput<'a> {
    /// `--notes FILE`, if given.
    pub explicit: Option<&'a Path>,
    /// The directory of the first article (`None` when there is no article on disk).
    pub first_article_dir: Option<&'a Path>,
    /// Whether a file can be created in `first_article_dir`.
    pub first_article_dir_writable: bool,
    /// True for the bundled sample case, whose notes never go beside the shipped files.
    pub is_sample_case: bool,
    /// The user's data directory (from `directories`).
    pub data_dir: Option<&'a Path>,
}

/// The chosen notes file and a short description for the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotesLocation {
    pub path: PathBuf,
    /// E.g. "notes: parallax-notes.toml beside the articles".
    pub description: String,
}

/// Chooses the notes file: `--notes`, else beside the first article, else in the data
/// directory (for the sample case or an unwritable article directory). `None` when none of
/// these is available; the caller then runs without saving and says so.
pub fn choose_notes_location(input: &LocationInput<'_>) -> Option<NotesLocation> {
    if let Some(explicit) = input.explicit {
        return Some(NotesLocation {
            path: explicit.to_path_buf(),
            description: format!("notes: {} (--notes)", explicit.display()),
        });
    }
    if !input.is_sample_case
        && input.first_article_dir_writable
        && let Some(dir) = input.first_article_dir
    {
        return Some(NotesLocation {
            path: dir.join(NOTES_FILE_NAME),
            description: format!("notes: {NOTES_FILE_NAME} beside the articles"),
        });
    }
    let data_dir = input.data_dir?;
    let (path, why) = match (input.is_sample_case, input.first_article_dir) {
        (false, Some(dir)) => (
            data_dir.join("cases").join(case_file_name(dir)),
            "article folder is read-only",
        ),
        _ => (data_dir.join("sample-notes.toml"), "sample case"),
    };
    Some(NotesLocation {
        description: format!("notes: {} ({why})", path.display()),
        path,
    })
}

/// The readable name of the case in `dir` for file names: its last component, with anything
/// but letters, digits, `-` and `_` made `_` (also names the reader's reports).
pub fn case_name(dir: &Path) -> String {
    dir.file_name()
        .map_or_else(|| "case".to_owned(), |n| n.to_string_lossy().into_owned())
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// A file name for the notes of the case in `dir`, unique per directory: its last component
/// (readable) and a hash of the whole path (so two `articles/` folders do not collide).
pub fn case_file_name(dir: &Path) -> String {
    let name = case_name(dir);
    let hash = fnv1a64(dir.to_string_lossy().as_bytes());
    format!("{name}-{:08x}.toml", hash >> 32)
}

/// How the notes file names `article`: relative to `notes_dir` when both are absolute or both
/// relative (lexically, with `..` as needed), else the path as given. Separators are `/` so a
/// case folder moves between systems.
pub fn article_key(notes_dir: &Path, article: &Path) -> String {
    let relative = if notes_dir.is_absolute() == article.is_absolute() {
        relative_path(notes_dir, article)
    } else {
        None
    };
    let path = relative.unwrap_or_else(|| article.to_path_buf());
    path.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
        .replace("//", "/")
}

fn relative_path(from_dir: &Path, to: &Path) -> Option<PathBuf> {
    let from: Vec<Component> = from_dir
        .components()
        .filter(|c| *c != Component::CurDir)
        .collect();
    let to_parts: Vec<Component> = to.components().filter(|c| *c != Component::CurDir).collect();
    let common = from.iter().zip(&to_parts).take_while(|(a, b)| a == b).count();
    // Going up through `..` or a root we did not share cannot be expressed lexically.
    if from[common..].iter().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    let mut path = PathBuf::new();
    for _ in common..from.len() {
        path.push("..");
    }
    for part in &to_parts[common..] {
        path.push(part.as_os_str());
    }
    Some(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input<'a>() -> LocationInput<'a> {
        LocationInput {
            explicit: None,
            first_article_dir: Some(Path::new("/cases/election")),
            first_article_dir_writable: true,
            is_sample_case: false,
            data_dir: Some(Path::new("/home/u/.local/share/parallax")),
        }
    }

    #[test]
    fn explicit_path_wins() {
        let chosen = choose_notes_location(&LocationInput {
            explicit: Some(Path::new("my.toml")),
            ..input()
        })
        .expect("chosen");
        assert_eq!(chosen.path, Path::new("my.toml"));
        assert!(chosen.description.contains("--notes"));
    }

    #[test]
    fn beside_the_first_article_by_default() {
        let chosen = choose_notes_location(&input()).expect("chosen");
        assert_eq!(chosen.path, Path::new("/cases/election/parallax-notes.toml"));
    }

    #[test]
    fn read_only_folder_and_sample_go_to_the_data_dir() {
        let read_only = choose_notes_location(&LocationInput {
            first_article_dir_writable: false,
            ..input()
        })
        .expect("chosen");
        assert!(read_only.path.starts_with("/home/u/.local/share/parallax/cases"));
        assert!(read_only.path.to_string_lossy().contains("election-"));
        assert!(read_only.description.contains("read-only"));
        let sample = choose_notes_location(&LocationInput {
            is_sample_case: true,
            ..input()
        })
        .expect("chosen");
        assert_eq!(
            sample.path,
            Path::new("/home/u/.local/share/parallax/sample-notes.toml")
        );
        let nowhere = choose_notes_location(&LocationInput {
            is_sample_case: true,
            data_dir: None,
            ..input()
        });
        assert!(nowhere.is_none());
    }

    #[test]
    fn article_keys_are_relative_when_possible() {
        let dir = Path::new("/cases/election");
        assert_eq!(
            article_key(dir, Path::new("/cases/election/bbc.html")),
            "bbc.html"
        );
        assert_eq!(
            article_key(dir, Path::new("/cases/election/src/rt.txt")),
            "src/rt.txt"
        );
        assert_eq!(
            article_key(dir, Path::new("/cases/other/cnn.txt")),
            "../other/cnn.txt"
        );
        assert_eq!(article_key(Path::new("cases"), Path::new("cases/a.txt")), "a.txt");
        assert_eq!(article_key(Path::new(""), Path::new("./a.txt")), "a.txt");
        assert_eq!(article_key(dir, Path::new("rel/a.txt")), "rel/a.txt");
    }
}
