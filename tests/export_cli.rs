//! `parallax export` end to end, through the built binary: the same bytes as the golden file on
//! stdout and with `--out`, the notes-file rules (missing → empty case, corrupt → exit 2 with
//! `file:line:col`) and exit codes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/export")
}

fn article_args() -> Vec<PathBuf> {
    ["01-wire.txt", "02-gazette.txt", "03-mina.txt"]
        .iter()
        .map(|name| fixture_dir().join("articles").join(name))
        .collect()
}

/// Runs `parallax export ARGS... PATHS...` with an empty config directory, so the user's own
/// config cannot change the result, and the fixture's outlet defaults in the data directory.
fn export(args: &[&str], paths: &[PathBuf]) -> Output {
    let home = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(home.path().join("parallax")).expect("data dir");
    std::fs::copy(
        fixture_dir().join("outlet-bias.toml"),
        home.path().join("parallax/outlet-bias.toml"),
    )
    .expect("outlet defaults");
    Command::new(env!("CARGO_BIN_EXE_parallax"))
        .arg("export")
        .args(args)
        .args(paths)
        .env("XDG_CONFIG_HOME", home.path())
        .env("XDG_DATA_HOME", home.path())
        .env("HOME", home.path())
        .output()
        .expect("runs the binary")
}

fn notes_fixture() -> String {
    fixture_dir().join("notes.toml").display().to_string()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn markdown_on_stdout_equals_the_golden_file() {
    let output = export(&["--format", "md", "--notes", &notes_fixture()], &article_args());
    assert!(output.status.success(), "{}", stderr(&output));
    let golden = std::fs::read_to_string(fixture_dir().join("expected.md")).expect("golden file");
    let stdout = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(
        with_golden_date(&stdout) == golden,
        "stdout differs from expected.md:\n{stdout}"
    );
}

/// The report says the day it was made; the golden file was made on 2025-03-07.
fn with_golden_date(report: &str) -> String {
    let at = report.find("Exported ").expect("the report gives its date") + "Exported ".len();
    format!("{}2025-03-07{}", &report[..at], &report[at + 10..])
}

#[test]
fn out_file_gets_the_same_bytes_and_is_replaced() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("report.csv");
    std::fs::write(&out, "old content that is longer than nothing").expect("old file");
    let out_arg = out.display().to_string();
    let output = export(
        &["--format", "csv", "--out", &out_arg, "--notes", &notes_fixture()],
        &article_args(),
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(output.stdout.is_empty(), "nothing on stdout with --out");
    let golden = std::fs::read(fixture_dir().join("expected.csv")).expect("golden file");
    assert!(std::fs::read(&out).expect("written") == golden);
}

#[test]
fn missing_notes_file_gives_a_report_without_annotations() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("no-such-notes.toml").display().to_string();
    let output = export(&["--format", "json", "--notes", &missing], &article_args());
    assert!(output.status.success(), "{}", stderr(&output));
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(value["annotations"].as_array().map(Vec::len), Some(0));
    assert_eq!(value["sources"].as_array().map(Vec::len), Some(3));
}

#[test]
fn corrupt_notes_file_exits_2_with_its_position() {
    let corrupt = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/notes/corrupt.toml");
    let output = export(&["--notes", &corrupt.display().to_string()], &article_args());
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.contains("corrupt.toml:10:13:"), "{message}");
    assert!(output.stdout.is_empty());
}

#[test]
fn unwritable_out_exits_1_and_missing_article_exits_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("no-such-dir/report.md").display().to_string();
    let output = export(&["--out", &out, "--notes", &notes_fixture()], &article_args());
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));

    let output = export(&[], &[dir.path().join("missing.txt")]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
}

#[test]
fn notes_beside_the_first_article_are_found_without_notes_option() {
    let dir = tempfile::tempdir().expect("temp dir");
    let article = dir.path().join("story.txt");
    std::fs::write(&article, "The mayor resigned on Friday.\n").expect("article");
    std::fs::write(
        dir.path().join("parallax-notes.toml"),
        "schema_version = 1\n\n[[article]]\npath = \"story.txt\"\ntext_hash = \"fnv1a64:0\"\nnote = \"Found beside the article.\"\n",
    )
    .expect("notes");
    let output = export(&[], &[article]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(text.contains("Found beside the article."), "{text}");
}

#[test]
fn out_naming_the_notes_file_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let notes = dir.path().join("notes.toml");
    std::fs::copy(fixture_dir().join("notes.toml"), &notes).expect("copy");
    let before = std::fs::read(&notes).expect("notes");
    let notes_arg = notes.display().to_string();
    let output = export(&["--notes", &notes_arg, "--out", &notes_arg], &article_args());
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("inputs"), "{}", stderr(&output));
    assert_eq!(std::fs::read(&notes).expect("notes"), before, "notes untouched");
}
