//! The notes store against a real file system (in temporary directories): atomic replace,
//! the session lock, and refusing to touch files it cannot read.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use parallax::annotation::document::LoadError;
use parallax::annotation::lock::LockError;
use parallax::annotation::store::{self, OpenedStore, ReadOnlyReason, WritableStore};
use parallax::annotation::{ArticleKey, Edit, Notes, OutletBias};
use parallax::files::ContentWriter;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/notes")
        .join(name)
}

fn notes_with_a_note(note: &str) -> Notes {
    let mut notes = Notes::default();
    let edit = Edit::SetArticleNote {
        article: ArticleKey::new("a.txt", "text"),
        note: note.into(),
    };
    notes.apply(&edit, "2025-01-01T00:00:00Z").expect("applies");
    notes
}

fn writable(opened: &store::Opened<Notes>) -> &WritableStore<Notes> {
    match &opened.store {
        OpenedStore::Writable(store) => store,
        OpenedStore::ReadOnly(store) => panic!("expected writable, got: {store}"),
    }
}

fn read_only_reason(opened: &store::Opened<Notes>) -> &ReadOnlyReason {
    match &opened.store {
        OpenedStore::ReadOnly(store) => &store.reason,
        OpenedStore::Writable(_) => panic!("expected read-only"),
    }
}

/// Copies a fixture into a fresh directory, returning (dir, path).
fn copy_fixture(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("parallax-notes.toml");
    std::fs::copy(fixture(name), &path).expect("copied");
    (dir, path)
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("readable dir")
        .map(|entry| entry.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn missing_file_opens_empty_and_writable() {
    let dir = tempfile::tempdir().expect("temp dir");
    let opened = store::open::<Notes>(&dir.path().join("parallax-notes.toml"));
    assert_eq!(opened.document, Notes::default());
    writable(&opened);
}

#[test]
fn save_replaces_atomically_and_leaves_no_temp_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("parallax-notes.toml");
    let opened = store::open::<Notes>(&path);
    let store = writable(&opened);
    for round in 0..3 {
        let notes = notes_with_a_note(&format!("round {round}\nwith \"quotes\" and عربي"));
        store.save(&notes).expect("saves");
        assert_eq!(store::load::<Notes>(&path).expect("loads"), notes);
    }
    assert_eq!(
        files_in(dir.path()),
        ["parallax-notes.toml", "parallax-notes.toml.lock"]
    );
}

#[test]
fn second_open_is_read_only_and_names_the_holder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("parallax-notes.toml");
    let first = store::open::<Notes>(&path);
    writable(&first);
    let second = store::open::<Notes>(&path);
    match read_only_reason(&second) {
        ReadOnlyReason::Locked(LockError::HeldBy { pid }) => assert_eq!(*pid, Some(std::process::id())),
        other => panic!("expected locked, got {other:?}"),
    }
    let OpenedStore::ReadOnly(read_only) = &second.store else {
        unreachable!()
    };
    let message = read_only.to_string();
    assert!(
        message.contains("read-only") && message.contains("another Parallax (pid"),
        "{message}"
    );
    drop(first);
    writable(&store::open::<Notes>(&path));
}

#[test]
fn corrupt_file_is_refused_with_position_and_left_byte_for_byte() {
    let (_dir, path) = copy_fixture("corrupt.toml");
    let before = std::fs::read(&path).expect("readable");
    let opened = store::open::<Notes>(&path);
    match read_only_reason(&opened) {
        ReadOnlyReason::Unreadable(LoadError::Syntax { line, column, .. }) => {
            assert_eq!((*line, *column), (10, 13), "points into the broken string");
        }
        other => panic!("expected a syntax error, got {other:?}"),
    }
    let OpenedStore::ReadOnly(read_only) = &opened.store else {
        unreachable!()
    };
    assert!(
        read_only.to_string().contains("parallax-notes.toml:10:13"),
        "{read_only}"
    );
    drop(opened);
    assert_eq!(std::fs::read(&path).expect("readable"), before);
}

#[test]
fn newer_schema_is_refused_clearly() {
    let (_dir, path) = copy_fixture("newer_schema.toml");
    let opened = store::open::<Notes>(&path);
    let ReadOnlyReason::Unreadable(error @ LoadError::NewerSchema { found: 2, .. }) =
        read_only_reason(&opened)
    else {
        panic!("expected newer schema");
    };
    assert!(error.to_string().contains("newer Parallax"), "{error}");
}

#[test]
fn unknown_field_is_refused_with_position() {
    let (_dir, path) = copy_fixture("unknown_field.toml");
    let error = store::load::<Notes>(&path).expect_err("refused");
    let LoadError::Syntax {
        line: 6,
        column: 1,
        message,
        ..
    } = &error
    else {
        panic!("expected an error at 6:1, got {error:?}");
    };
    assert!(message.contains("colour"), "{message}");
}

#[test]
fn a_file_with_an_unknown_field_opens_read_only_with_the_work_in_it_and_stays_untouched() {
    let (_dir, path) = copy_fixture("unknown_field.toml");
    let before = std::fs::read(&path).expect("read");
    let opened = store::open::<Notes>(&path);
    assert!(matches!(
        read_only_reason(&opened),
        ReadOnlyReason::Unreadable(LoadError::Syntax {
            line: 6,
            column: 1,
            ..
        })
    ));
    // The analyst's work is there to see, without the unknown field.
    assert!(
        opened.document.article("bbc.txt").is_some(),
        "{:?}",
        opened.document
    );
    drop(opened);
    assert_eq!(std::fs::read(&path).expect("read"), before);
}

#[test]
fn a_file_broken_otherwise_opens_empty() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("parallax-notes.toml");
    std::fs::write(&path, "schema_version = 1\n[[article]]\npath = oops\n").expect("write");
    let opened = store::open::<Notes>(&path);
    assert!(opened.document.articles.is_empty());
}

#[test]
fn out_of_range_reliability_is_refused() {
    let (_dir, path) = copy_fixture("bad_reliability.toml");
    let error = store::load::<Notes>(&path).expect_err("refused");
    assert!(matches!(error, LoadError::Syntax { line: 8, .. }), "{error:?}");
    assert!(error.to_string().contains("1 to 5"), "{error}");
}

#[test]
fn notes_path_that_is_a_directory_is_an_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("parallax-notes.toml");
    std::fs::create_dir(&path).expect("dir created");
    let opened = store::open::<Notes>(&path);
    assert!(matches!(
        read_only_reason(&opened),
        ReadOnlyReason::Unreadable(LoadError::Io { .. })
    ));

    // A path that turns into a directory after opening: the save fails, nothing is lost.
    let other = dir.path().join("other.toml");
    let opened = store::open::<Notes>(&other);
    std::fs::create_dir(&other).expect("dir created");
    let error = writable(&opened)
        .save(&notes_with_a_note("x"))
        .expect_err("cannot save over a dir");
    assert!(error.to_string().contains("could not save"), "{error}");
    assert!(other.is_dir());
}

/// Writes `limit` bytes, then fails like a full disk.
struct DiskFullAfter(usize);

impl ContentWriter for DiskFullAfter {
    fn write_content(&self, file: &mut File, bytes: &[u8]) -> io::Result<()> {
        file.write_all(&bytes[..self.0.min(bytes.len())])?;
        Err(io::Error::new(
            io::ErrorKind::StorageFull,
            "no space left on device",
        ))
    }
}

#[test]
fn failed_write_midway_keeps_the_old_file_and_cleans_up() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("parallax-notes.toml");
    let opened = store::open::<Notes>(&path);
    let store = writable(&opened);
    let saved = notes_with_a_note("the saved version");
    store.save(&saved).expect("saves");
    let before = std::fs::read(&path).expect("readable");

    let newer = notes_with_a_note("a newer version that does not fit on the disk");
    let error = store
        .save_with(&newer, &DiskFullAfter(100))
        .expect_err("disk full");
    assert!(error.to_string().contains("no space left"), "{error}");
    assert_eq!(std::fs::read(&path).expect("readable"), before);
    assert_eq!(
        files_in(dir.path()),
        ["parallax-notes.toml", "parallax-notes.toml.lock"]
    );
    // The caller kept `newer` and retries once there is room.
    store.save(&newer).expect("saves on retry");
    assert_eq!(store::load::<Notes>(&path).expect("loads"), newer);
}

#[cfg(unix)]
#[test]
fn read_only_directory_save_fails_and_keeps_the_old_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("parallax-notes.toml");
    let opened = store::open::<Notes>(&path);
    let store = writable(&opened);
    store.save(&notes_with_a_note("old")).expect("saves");
    let before = std::fs::read(&path).expect("readable");

    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).expect("chmod");
    // Root ignores directory permissions, so there is nothing to observe there.
    let permissions_enforced = File::create(dir.path().join("probe")).is_err();
    let result = store.save(&notes_with_a_note("new"));
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod back");
    if permissions_enforced {
        let error = result.expect_err("read-only directory");
        assert!(error.to_string().contains("could not save"), "{error}");
        assert_eq!(std::fs::read(&path).expect("readable"), before);
    } else {
        eprintln!("running as root: directory permissions are not enforced; skipped that assertion");
    }
}

#[test]
fn outlet_defaults_use_the_same_store() {
    use parallax::annotation::bias::{Bias, Reliability};
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("outlet-bias.toml");
    let opened = store::open::<OutletBias>(&path);
    let OpenedStore::Writable(store) = &opened.store else {
        panic!("writable")
    };
    let mut defaults = opened.document.clone();
    defaults.set(
        "BBC News",
        Bias {
            reliability: Some(Reliability::try_from(4).expect("in range")),
            ..Bias::default()
        },
    );
    store.save(&defaults).expect("saves");
    let text = std::fs::read_to_string(&path).expect("readable");
    assert!(text.contains("[outlet.\"BBC News\"]"), "{text}");
    assert_eq!(store::load::<OutletBias>(&path).expect("loads"), defaults);
}
