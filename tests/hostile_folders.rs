//! Hostile folders and files around the articles (issue #12): planted lock symlinks, exports
//! aimed at the case's own files or at FIFOs and links, permissions, links around the notes
//! file, FIFOs and devices where files are expected, and notes changed by another program.
//! Fixtures are made by the tests; the reader's own paths are driven through the library or
//! the built binary (the tmux side is in `e2e_hostile.rs`).

#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use parallax::annotation::store::{self, SaveError};
use parallax::annotation::{ArticleKey, Edit, Notes, OpenedStore, ReadOnlyReason};

const NOTE: &str = "A confidential note.";

fn case_with_article() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("story.txt"),
        "Officials met in the capital on Tuesday.\n",
    )
    .expect("article");
    dir
}

fn notes_with(note: &str) -> Notes {
    let mut notes = Notes::default();
    notes
        .apply(
            &Edit::SetArticleNote {
                article: ArticleKey::new("story.txt", "text"),
                note: note.into(),
            },
            "2024-01-01T00:00:00Z",
        )
        .expect("edit");
    notes
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(status.success(), "mkfifo {}", path.display());
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).expect("stat").permissions().mode() & 0o777
}

/// Runs the binary with a private config and data directory; kills it if it has not ended
/// after a generous while, so that a hang fails the test instead of stalling the suite.
fn parallax(args: &[&str], cwd: Option<&Path>) -> Output {
    let home = tempfile::tempdir().expect("home");
    let mut command = Command::new(env!("CARGO_BIN_EXE_parallax"));
    command
        .args(args)
        .env("XDG_CONFIG_HOME", home.path())
        .env("XDG_DATA_HOME", home.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(cwd) = cwd {
        command.current_dir(cwd);
    }
    let mut child = command.spawn().expect("runs");
    let start = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("parallax {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn arg(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

// 1. A planted lock symlink must not truncate the file it points to.
#[test]
fn a_lock_file_symlink_truncates_nothing() {
    let dir = case_with_article();
    let victim_dir = tempfile::tempdir().expect("tempdir");
    let victim = victim_dir.path().join("thesis.txt");
    std::fs::write(&victim, "years of work").expect("victim");
    let notes = dir.path().join("parallax-notes.toml");
    std::os::unix::fs::symlink(&victim, dir.path().join("parallax-notes.toml.lock")).expect("symlink");

    let opened = store::open::<Notes>(&notes);
    assert_eq!(std::fs::read_to_string(&victim).expect("victim"), "years of work");
    let OpenedStore::ReadOnly(read_only) = &opened.store else {
        panic!("a planted lock symlink must leave the notes read-only");
    };
    assert!(read_only.to_string().contains("symbolic link"), "{read_only}");
}

// 5. An export never replaces a FIFO or a symlink (or a device: see files::destination's tests).
#[test]
fn an_export_does_not_replace_a_fifo_or_a_symlink() {
    let dir = case_with_article();
    let article = dir.path().join("story.txt");
    let fifo = dir.path().join("report.fifo");
    mkfifo(&fifo);
    let output = parallax(&["export", "--out", arg(&fifo), arg(&article)], None);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("FIFO"), "{}", stderr(&output));
    assert!(
        !std::fs::symlink_metadata(&fifo).expect("stat").is_file(),
        "still a FIFO"
    );

    let elsewhere = dir.path().join("elsewhere.md");
    std::fs::write(&elsewhere, "keep me").expect("write");
    let link = dir.path().join("report.md");
    std::os::unix::fs::symlink(&elsewhere, &link).expect("symlink");
    let output = parallax(&["export", "--out", arg(&link), arg(&article)], None);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        std::fs::symlink_metadata(&link)
            .expect("stat")
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read_to_string(&elsewhere).expect("read"), "keep me");
}

// 2 (CLI side; the reader's `:export` is in e2e_hostile.rs). An article by another name.
#[test]
fn an_export_over_an_article_by_another_name_is_refused() {
    let dir = case_with_article();
    let article = dir.path().join("story.txt");
    let before = std::fs::read(&article).expect("article");
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).expect("mkdir");
    let sneaky = sub.join("../story.txt");
    let output = parallax(&["export", "--out", arg(&sneaky), arg(&article)], None);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("inputs"), "{}", stderr(&output));
    assert_eq!(std::fs::read(&article).expect("article"), before);
}

// 4 (see also case_identity.rs). The same case exported from inside its folder and by its
// absolute path names its sources the same way, so it finds the same notes.
#[test]
fn a_case_is_the_same_case_however_its_path_is_typed() {
    let case = case_with_article();
    let export_json = |args: &[&str], cwd: Option<&Path>| {
        let output = parallax(args, cwd);
        assert!(output.status.success(), "{}", stderr(&output));
        let value: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
        value["sources"].clone()
    };
    let from_inside = export_json(&["export", "--format", "json", "story.txt"], Some(case.path()));
    let absolute = case.path().join("story.txt");
    let from_outside = export_json(&["export", "--format", "json", arg(&absolute)], None);
    assert_eq!(from_inside, from_outside);
}

// 7. Saving keeps the notes file's permissions; a rescue copy is private; 0444 is respected.
#[test]
fn saving_keeps_permissions_and_copies_are_private() {
    let dir = case_with_article();
    let path = dir.path().join("parallax-notes.toml");
    std::fs::write(&path, "schema_version = 1\n").expect("notes");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    let opened = store::open::<Notes>(&path);
    let writable = opened.store.writable().expect("writable");
    writable.save(&notes_with(NOTE)).expect("saved");
    assert_eq!(mode(&path), 0o600, "a private notes file stays private");

    let copy = store::rescue(&path, &notes_with(NOTE)).expect("copy");
    assert_eq!(mode(&copy), 0o600, "the rescue copy holds the notes: private");
    drop(opened);

    let locked_down = dir.path().join("frozen.toml");
    std::fs::write(&locked_down, "schema_version = 1\n").expect("notes");
    std::fs::set_permissions(&locked_down, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let opened = store::open::<Notes>(&locked_down);
    let OpenedStore::ReadOnly(read_only) = &opened.store else {
        panic!("a file its owner made read-only must open read-only");
    };
    assert!(read_only.to_string().contains("read-only"), "{read_only}");
    assert_eq!(
        std::fs::read_to_string(&locked_down).expect("read"),
        "schema_version = 1\n"
    );
}

// 9. A change made by another program is never overwritten silently.
#[test]
fn a_notes_file_changed_outside_is_not_overwritten() {
    let dir = case_with_article();
    let path = dir.path().join("parallax-notes.toml");
    let opened = store::open::<Notes>(&path);
    let writable = opened.store.writable().expect("writable");
    writable.save(&notes_with("first")).expect("saved");

    let outside = "schema_version = 1\n# edited by hand\n";
    std::fs::write(&path, outside).expect("outside edit");
    let error = writable.save(&notes_with("second")).expect_err("refused");
    assert!(matches!(error, SaveError::ChangedOutside { .. }), "{error}");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), outside);

    // Reloading takes the outside version as the base: the next save goes through.
    let theirs = writable.reload().expect("reloads");
    writable.save(&theirs).expect("saved after reload");
}

// 10. Links around the notes file: a symlink keeps pointing at its updated target, hard links
// are not split, and one file reached by two names has one writer.
#[test]
fn links_around_the_notes_file_are_kept() {
    let dir = case_with_article();
    let elsewhere = tempfile::tempdir().expect("tempdir");
    let target = elsewhere.path().join("shared-notes.toml");
    std::fs::write(&target, "schema_version = 1\n").expect("target");
    let link = dir.path().join("parallax-notes.toml");
    std::os::unix::fs::symlink(&target, &link).expect("symlink");

    let opened = store::open::<Notes>(&link);
    opened
        .store
        .writable()
        .expect("writable")
        .save(&notes_with(NOTE))
        .expect("saved");
    assert!(
        std::fs::symlink_metadata(&link)
            .expect("stat")
            .file_type()
            .is_symlink()
    );
    assert!(std::fs::read_to_string(&target).expect("target").contains(NOTE));

    // The same file by its other name: locked by the first.
    let second = store::open::<Notes>(&target);
    assert!(
        matches!(&second.store, OpenedStore::ReadOnly(r) if matches!(r.reason, ReadOnlyReason::Locked(_))),
        "{:?}",
        second.store
    );
    drop((opened, second));

    let hard = dir.path().join("hard.toml");
    std::fs::hard_link(&target, &hard).expect("hard link");
    let opened = store::open::<Notes>(&hard);
    let OpenedStore::ReadOnly(read_only) = &opened.store else {
        panic!("saving would split the hard links");
    };
    assert!(read_only.to_string().contains("hard links"), "{read_only}");
}

// 11. FIFOs and devices where files are expected: refused at once, never read forever.
#[test]
fn fifos_and_devices_in_place_of_files_are_refused() {
    let dir = case_with_article();
    let article = dir.path().join("story.txt");
    mkfifo(&dir.path().join("parallax-notes.toml"));
    let output = parallax(&["export", arg(&article)], None);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("FIFO"), "{}", stderr(&output));

    let output = parallax(&["export", "--notes", "/dev/zero", arg(&article)], None);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("character device"),
        "{}",
        stderr(&output)
    );

    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[entities]\ngazetteer = \"/dev/zero\"\n").expect("config");
    let output = parallax(&["--config", arg(&config), "entities", arg(&article)], None);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("character device"),
        "{}",
        stderr(&output)
    );

    let fifo_config = dir.path().join("fifo-config.toml");
    mkfifo(&fifo_config);
    let output = parallax(&["--config", arg(&fifo_config), "entities", arg(&article)], None);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));

    let fifo_article: PathBuf = dir.path().join("live.txt");
    mkfifo(&fifo_article);
    let output = parallax(&["export", arg(&fifo_article)], None);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
}

// 8. Formula injection: cells from article text, notes and file names that a spreadsheet
// would run are written with a leading quote.
#[test]
fn csv_cells_that_a_spreadsheet_would_run_are_defused() {
    use parallax::annotation::Anchor;
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "=HYPERLINK(\"http://evil.example\",\"click\") was in the page.\n";
    let article = dir.path().join("@story.txt");
    std::fs::write(&article, text).expect("article");
    let mut notes = Notes::default();
    let quote_end = text.find(" was").expect("quote");
    notes
        .apply(
            &Edit::AddAnnotation {
                article: ArticleKey::new("@story.txt", text),
                id: "a1".into(),
                anchor: Anchor::new(text, 0..quote_end).expect("anchor"),
                tags: vec!["fact".into()],
                note: "+cmd|' /C calc'!A0".into(),
            },
            "2024-01-01T00:00:00Z",
        )
        .expect("edit");
    let notes_path = dir.path().join("parallax-notes.toml");
    let opened = store::open::<Notes>(&notes_path);
    opened
        .store
        .writable()
        .expect("writable")
        .save(&notes)
        .expect("saved");
    drop(opened);

    let output = parallax(&["export", "--format", "csv", arg(&article)], None);
    assert!(output.status.success(), "{}", stderr(&output));
    let csv = String::from_utf8(output.stdout).expect("UTF-8");
    let mut reader = csv::ReaderBuilder::new().from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("record")).collect();
    assert_eq!(rows.len(), 1, "{csv}");
    for cell in &rows[0] {
        assert!(
            !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "{cell:?} in {csv}"
        );
    }
    assert!(rows[0].iter().any(|c| c.starts_with("'=HYPERLINK")), "{csv}");
    assert!(rows[0].iter().any(|c| c == "'+cmd|' /C calc'!A0"), "{csv}");
}

// 3 and 6. A page nested 100,000 pairs deep exports (it overflowed the stack, exit 134); the
// reader's side is in e2e_hostile.rs, the speed in `cargo bench --bench load_hardening`.
#[test]
fn a_deeply_nested_page_exports_instead_of_crashing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let page = dir.path().join("deep.html");
    let mut html = String::from("<html><body><article>");
    html.push_str(&"<b><i>".repeat(100_000));
    html.push_str("<p>The bottom of a very deep page holds this sentence.</p>");
    html.push_str(&"</i></b>".repeat(100_000));
    html.push_str("</article></body></html>");
    std::fs::write(&page, html).expect("page");
    let output = parallax(&["export", "--format", "json", arg(&page)], None);
    assert!(
        output.status.success(),
        "exit {:?}: {}",
        output.status,
        stderr(&output)
    );
    let output = parallax(&["entities", "--format", "json", arg(&page)], None);
    assert!(
        output.status.success(),
        "exit {:?}: {}",
        output.status,
        stderr(&output)
    );
}
