//! End to end in tmux (issue #12): the reader's `:export` never replaces the case's own files,
//! and a notes file changed by another program while the reader is open is never overwritten:
//! the analyst chooses between reloading it with their changes reapplied and saving a copy.
//! Every step waits for the screen to show its result; nothing sleeps a fixed time.

mod common;

use std::path::Path;

use common::Tmux;

const FIRST: &str = "Officials met in the capital on Tuesday. They discussed the ceasefire. \
                     The talks ended late.\n";
const SECOND: &str = "A meeting took place in the capital. Delegates spoke about a truce. \
                      Reporters waited outside.\n";

fn small_case() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("a.txt"), FIRST).expect("article");
    std::fs::write(dir.path().join("b.txt"), SECOND).expect("article");
    dir
}

fn arg(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

fn notes_path(dir: &Path) -> std::path::PathBuf {
    dir.join("parallax-notes.toml")
}

fn notes(dir: &Path) -> String {
    std::fs::read_to_string(notes_path(dir)).unwrap_or_default()
}

/// Types a `:` command and Enter, then waits for `shown`.
fn command(tmux: &Tmux, line: &str, shown: &str) -> String {
    tmux.keys(&[":", line, "Enter"]);
    tmux.wait_for(shown)
}

/// Waits until the screen, styles included, differs from `before` (the sentence cursor is
/// drawn with a style only).
fn wait_for_style_change(tmux: &Tmux, before: &str) {
    tmux.wait_until(|_| tmux.capture_escapes() != before, "the cursor to move");
}

/// Tags the sentence under the cursor (showing the cursor first when `show_cursor`) with the
/// tag on `tag_key`, and waits until the notes file has it (or the reader says why not).
fn tag(tmux: &Tmux, show_cursor: bool, tag_key: &str) {
    if show_cursor {
        let before = tmux.capture_escapes();
        tmux.keys(&["c"]);
        wait_for_style_change(tmux, &before);
    }
    tmux.keys(&["t"]);
    tmux.wait_for("TAG");
    tmux.keys(&[tag_key]);
    tmux.wait_until(|s| !s.contains(" Tag "), "the tag picker to close");
}

#[test]
fn export_in_the_reader_never_replaces_the_notes_or_an_article() {
    let dir = small_case();
    let tmux = Tmux::start("export-inputs", 160, 30, &[arg(dir.path())]);
    tmux.wait_for("NORMAL");
    tag(&tmux, true, "f");
    tmux.wait_until(|_| notes(dir.path()).contains("\"fact\""), "the tag saved");
    let notes_before = notes(dir.path());
    let article = dir.path().join("a.txt");

    command(
        &tmux,
        &format!("export csv {}", arg(&notes_path(dir.path()))),
        "inputs",
    );
    assert_eq!(notes(dir.path()), notes_before, "the notes file is untouched");

    // Wait for this refusal itself: "a.txt" is on screen already (the pane's title), and
    // "inputs" may still be (the refusal before).
    let screen = command(&tmux, &format!("export md {}", arg(&article)), "a.txt: is one");
    assert!(screen.contains("inputs"), "{screen}");
    assert_eq!(std::fs::read_to_string(&article).expect("article"), FIRST);

    let report = dir.path().join("report.md");
    command(&tmux, &format!("export md {}", arg(&report)), "exported to");
    assert!(std::fs::read_to_string(&report).expect("report").contains("fact"));
    tmux.keys(&["q"]);
    tmux.wait_for("EXIT=0");
}

#[test]
fn a_notes_file_changed_outside_is_reloaded_with_the_changes_reapplied_or_kept_beside_a_copy() {
    let dir = small_case();
    let tmux = Tmux::start("changed-outside", 160, 30, &[arg(dir.path())]);
    tmux.wait_for("NORMAL");
    tag(&tmux, true, "f");
    tmux.wait_until(|_| notes(dir.path()).contains("\"fact\""), "the first tag saved");

    // Another program adds an article note while the reader is open.
    let outside =
        "\n[[article]]\npath = \"zz-other.txt\"\ntext_hash = \"fnv1a64:0\"\nnote = \"Edited outside.\"\n";
    let edited = format!("{}{outside}", notes(dir.path()));
    std::fs::write(notes_path(dir.path()), &edited).expect("outside edit");

    // The next change is not saved over it: the reader asks.
    let before = tmux.capture_escapes();
    tmux.keys(&["j"]);
    wait_for_style_change(&tmux, &before);
    tag(&tmux, false, "o");
    let screen = tmux.wait_for("Notes file changed outside");
    assert!(
        screen.contains("CHANGED"),
        "the status bar names the mode:\n{screen}"
    );
    assert_eq!(notes(dir.path()), edited, "nothing written before the choice");

    // r: reload and reapply. Both the outside note and the new tag are in the file.
    tmux.keys(&["r"]);
    tmux.wait_for("reapplied");
    let merged = notes(dir.path());
    for part in ["Edited outside.", "\"fact\"", "\"opinion\""] {
        assert!(merged.contains(part), "{part} missing:\n{merged}");
    }

    // Changed outside again; this time keep theirs and save ours as a copy.
    let theirs = merged.replace("Edited outside.", "Edited outside, twice.");
    std::fs::write(notes_path(dir.path()), &theirs).expect("outside edit");
    let before = tmux.capture_escapes();
    tmux.keys(&["j"]);
    wait_for_style_change(&tmux, &before);
    tag(&tmux, false, "d");
    tmux.wait_for("Notes file changed outside");
    tmux.keys(&["c"]);
    let screen = tmux.wait_for("your notes are in");
    assert_eq!(notes(dir.path()), theirs, "the other program's version stays");
    let copy = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").path())
        .find(|p| p.to_string_lossy().contains(".unsaved-"))
        .unwrap_or_else(|| panic!("no copy beside the notes:\n{screen}"));
    let copied = std::fs::read_to_string(&copy).expect("copy");
    assert!(copied.contains("\"disputed\""), "{copied}");
    tmux.keys(&["q"]);
    tmux.wait_for("EXIT=0");
}

/// 100,000 nested `<b><i>` around a paragraph: enough to overflow the stack of a release build
/// before the depth limit (50,000 of a debug build).
fn deep_page() -> String {
    let mut page = String::from("<html><head><title>Deep page</title></head><body><article>");
    page.push_str(&"<b><i>".repeat(100_000));
    page.push_str("<p>The bottom of a very deep page holds this sentence about the talks.</p>");
    page.push_str(&"</i></b>".repeat(100_000));
    page.push_str("</article></body></html>");
    page
}

#[test]
fn opening_a_deeply_nested_page_in_the_reader_shows_it_and_keeps_the_terminal() {
    let dir = small_case();
    let deep = dir.path().join("deep.html");
    std::fs::write(&deep, deep_page()).expect("page");
    let tmux = Tmux::start("deep-open", 160, 30, &[arg(&dir.path().join("a.txt"))]);
    tmux.wait_for("NORMAL");
    command(&tmux, &format!("open {}", arg(&deep)), "2 deep.html");
    tmux.wait_for("very deep page");
    tmux.keys(&["q"]);
    tmux.wait_for("EXIT=0");
    tmux.assert_terminal_restored();
}

#[test]
fn export_without_a_file_name_goes_to_the_data_directory_not_into_the_case() {
    let dir = small_case();
    let data = tempfile::tempdir().expect("data dir");
    let data_path = arg(data.path());
    let env = [("XDG_DATA_HOME", data_path), ("XDG_CONFIG_HOME", data_path)];
    let tmux = Tmux::start_with_env("export-default", 160, 30, &[arg(dir.path())], &env);
    tmux.wait_for("[1/2]");
    command(&tmux, "export md", "exported to");
    let reports = data.path().join("parallax/reports");
    let written: Vec<_> = std::fs::read_dir(&reports)
        .expect("the reports folder")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(written.len(), 1, "{written:?}");
    assert!(
        std::fs::read_to_string(&written[0])
            .expect("report")
            .contains("a.txt")
    );
    tmux.keys(&["q"]);
    tmux.wait_for("EXIT=0");
    // The case folder holds the articles and the notes, nothing that opens as a third source.
    drop(tmux);
    let tmux = Tmux::start_with_env("export-reopen", 160, 30, &[arg(dir.path())], &env);
    tmux.wait_for("[1/2]");
    tmux.keys(&["q"]);
    tmux.wait_for("EXIT=0");
}
