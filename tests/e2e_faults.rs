//! End-to-end faults: the real binary in tmux (private socket, killed on drop) under signals,
//! resize storms, odd terminals, a notes file that turns into a directory, a second instance,
//! broken inputs and large cases.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::cases::copy_seeds;
use common::terminal::colour_sequences;
use common::{Tmux, seeds_dir};

fn notes_path(dir: &Path) -> PathBuf {
    dir.join("parallax-notes.toml")
}

fn notes(dir: &Path) -> String {
    std::fs::read_to_string(notes_path(dir)).unwrap_or_default()
}

/// Sends one key (or text) and waits until the screen, styles included, shows its effect:
/// every key these tests press changes what is drawn (the sentence cursor only by style).
fn key(tmux: &Tmux, k: &str) {
    let before = tmux.capture_escapes();
    tmux.keys(&[k]);
    tmux.wait_for_styled_change(&before, &format!("the effect of {k:?}"));
}

fn signal(tmux: &Tmux, name: &str) {
    let pid = tmux.child_pid("parallax").expect("parallax is running");
    let status = Command::new("kill")
        .args([&format!("-{name}"), &pid.to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
}

/// Shows the sentence cursor, moves it to the next sentence and tags that with the tag on
/// `tag_key`; waits for the message.
fn tag(tmux: &Tmux, tag_key: &str) {
    key(tmux, "c");
    tag_next(tmux, tag_key);
}

/// With the cursor shown: tags the next sentence.
fn tag_next(tmux: &Tmux, tag_key: &str) {
    for k in ["j", "t", tag_key] {
        key(tmux, k);
    }
    tmux.wait_for("add annotation");
}

fn case() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_seeds(dir.path());
    dir
}

fn arg(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

#[test]
fn sighup_saves_restores_the_terminal_and_exits_129() {
    let dir = case();
    let tmux = Tmux::start("sighup", 160, 40, &[arg(dir.path())]);
    tmux.wait_for("NORMAL");
    assert_eq!(tmux.pane_format("#{alternate_on}"), "1");
    tag(&tmux, "f");
    signal(&tmux, "HUP");
    tmux.wait_for("EXIT=129");
    tmux.assert_terminal_restored();
    assert!(
        notes(dir.path()).contains("tags = [\"fact\"]"),
        "{}",
        notes(dir.path())
    );
}

#[test]
fn sigint_with_a_dialog_open_exits_130_restored_with_notes_saved() {
    // The note editor (its unsaved draft is not a change yet), the `:` line, the help overlay.
    let dialogs: [(&str, &[&str], &str); 3] = [
        ("editor", &["a", "a draft note"], "Ctrl-s save"),
        ("prompt", &[":", "tag cl"], ":tag cl"),
        ("help", &["?"], "HELP"),
    ];
    for (name, keys, shown) in dialogs {
        let dir = case();
        let tmux = Tmux::start(&format!("sigint-{name}"), 160, 40, &[arg(dir.path())]);
        tmux.wait_for("NORMAL");
        tag(&tmux, "c");
        for k in keys {
            key(&tmux, k);
        }
        tmux.wait_for(shown);
        signal(&tmux, "INT");
        tmux.wait_for("EXIT=130");
        tmux.assert_terminal_restored();
        let saved = notes(dir.path());
        assert!(saved.contains("tags = [\"claim\"]"), "{name}: {saved}");
        assert!(toml::from_str::<toml::Table>(&saved).is_ok(), "{name}");
    }
}

#[test]
fn a_storm_of_resizes_leaves_a_correct_responsive_screen() {
    // Each on a copy of its own: a reader elsewhere on the seeds would make either read-only.
    let (reference_case, storm_case) = (case(), case());
    let reference = Tmux::start("resize-ref", 120, 30, &[arg(reference_case.path())]);
    let idle = |s: &str| s.contains("NORMAL") && !s.contains("finding entities");
    let expected = reference.wait_until(idle, "the reference to settle");
    drop(reference);

    let tmux = Tmux::start("resize", 120, 30, &[arg(storm_case.path())]);
    tmux.wait_until(idle, "the reader to settle");
    let sizes = [
        (200, 50),
        (20, 5),
        (1, 1),
        (81, 24),
        (300, 80),
        (40, 3),
        (121, 31),
        (2, 60),
    ];
    for i in 0..150 {
        let (w, h) = sizes[i % sizes.len()];
        tmux.resize(w, h);
    }
    assert!(
        tmux.child_pid("parallax").is_some(),
        "the reader died in the storm"
    );
    tmux.resize(120, 30);
    tmux.wait_until(|s| s == expected, "the screen to match a fresh reader at 120x30");
    // Still answering keys.
    tmux.keys(&["Tab"]);
    tmux.wait_for("[2/5]");
    tmux.keys(&["q"]);
    tmux.wait_for("EXIT=0");
    tmux.assert_terminal_restored();
}

#[test]
fn term_dumb_is_refused_before_touching_the_terminal() {
    let tmux = Tmux::start_with_env("dumb", 120, 30, &[arg(&seeds_dir())], &[("TERM", "dumb")]);
    let screen = tmux.wait_for("EXIT=2");
    assert!(screen.contains("TERM=dumb"), "{screen}");
    assert!(screen.contains("parallax entities"), "{screen}");
    tmux.assert_terminal_restored();
}

#[test]
fn no_color_means_no_colour_sequences_on_screen() {
    let dir = case();
    let run = |name: &str, env: &[(&str, &str)]| -> Vec<String> {
        let tmux = Tmux::start_with_env(name, 160, 40, &[arg(dir.path())], env);
        tmux.wait_until(
            |s| s.contains("NORMAL") && !s.contains("finding entities"),
            "analysis",
        );
        // An annotation, the sentence cursor and the entity colours all on screen.
        tag(&tmux, "c");
        let colours = colour_sequences(tmux.capture_escapes().as_bytes());
        key(&tmux, "q");
        tmux.wait_for("EXIT=0");
        std::fs::remove_file(notes_path(dir.path())).expect("fresh notes for the next run");
        colours
    };
    let coloured = run("colour", &[]);
    assert!(!coloured.is_empty(), "the check sees colours when they are there");
    let plain = run("no-color", &[("NO_COLOR", "1")]);
    assert_eq!(plain, Vec::<String>::new());
}

#[test]
fn stdout_redirected_to_a_file_is_refused_like_a_pipe() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out.txt");
    let output = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .arg(seeds_dir())
        .stdout(std::fs::File::create(&out).expect("create"))
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(std::fs::read(&out).expect("read"), b"", "wrote into the file");
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("needs a terminal"), "{err}");
}

#[test]
fn notes_file_replaced_by_a_directory_keeps_changes_and_saves_when_it_can() {
    let dir = case();
    let path = notes_path(dir.path());
    let tmux = Tmux::start("notes-dir", 200, 50, &[arg(dir.path())]);
    tmux.wait_for("NORMAL");
    tag(&tmux, "f");
    assert!(notes(dir.path()).contains("\"fact\""));

    // The file becomes a directory: the next change cannot be saved, and says so.
    std::fs::remove_file(&path).expect("rm");
    std::fs::create_dir(&path).expect("mkdir");
    for k in ["j", "t", "o"] {
        key(&tmux, k);
    }
    tmux.wait_for("NOT saved");
    // The directory goes away: the reader retries on its own and saves both changes.
    std::fs::remove_dir(&path).expect("rmdir");
    tmux.wait_for("notes saved to");
    let saved = notes(dir.path());
    assert!(
        saved.contains("\"fact\"") && saved.contains("\"opinion\""),
        "{saved}"
    );

    // A directory again, and the user quits before it goes: the notes are written beside it.
    std::fs::remove_file(&path).expect("rm");
    std::fs::create_dir(&path).expect("mkdir");
    for k in ["j", "t", "d"] {
        key(&tmux, k);
    }
    tmux.wait_for("NOT saved");
    let pid = tmux.child_pid("parallax").expect("pid");
    key(&tmux, "q");
    let screen = tmux.wait_for("EXIT=1");
    assert!(screen.contains("a copy of them is in"), "{screen}");
    tmux.assert_terminal_restored();
    let copy = dir.path().join(format!("parallax-notes.toml.unsaved-{pid}"));
    let rescued = std::fs::read_to_string(&copy).expect("the copy is beside the notes");
    for tag in ["\"fact\"", "\"opinion\"", "\"disputed\""] {
        assert!(rescued.contains(tag), "{tag} missing from the copy:\n{rescued}");
    }
}

#[test]
fn a_second_instance_is_read_only_and_a_killed_first_leaves_no_stale_lock() {
    let dir = case();
    let first = Tmux::start("first", 160, 40, &[arg(dir.path())]);
    first.wait_for("NORMAL");
    let second = Tmux::start("second", 160, 40, &[arg(dir.path())]);
    let screen = second.wait_for("read-only");
    let pid = first.child_pid("parallax").expect("pid");
    assert!(screen.contains(&format!("(pid {pid})")), "{screen}");
    for k in ["c", "t", "c"] {
        key(&second, k);
    }
    second.wait_for("nothing was changed");
    // Nor does it let a note be typed that could only be refused on save.
    key(&second, "a");
    let screen = second.wait_for("editor does not open");
    assert!(!screen.contains("Ctrl-s save"), "{screen}");
    tag(&first, "f");
    key(&second, "q");
    second.wait_for("EXIT=0");
    assert!(notes(dir.path()).contains("\"fact\""));

    // kill -9 the first: its lock dies with it, so the next reader can write.
    signal(&first, "KILL");
    first.wait_for("EXIT=137");
    let third = Tmux::start("third", 160, 40, &[arg(dir.path())]);
    let screen = third.wait_for("NORMAL");
    assert!(!screen.contains("read-only"), "{screen}");
    // The sentence after the one the first tagged.
    key(&third, "c");
    key(&third, "j");
    tag_next(&third, "o");
    let saved = notes(dir.path());
    assert!(
        saved.contains("\"fact\"") && saved.contains("\"opinion\""),
        "{saved}"
    );
}

#[test]
fn broken_inputs_are_named_and_the_other_articles_open() {
    let dir = tempfile::tempdir().expect("tempdir");
    let case = dir.path().join("case");
    std::fs::create_dir(&case).expect("mkdir");
    let seed = std::fs::read_dir(seeds_dir())
        .expect("seeds")
        .map(|e| e.expect("entry").path())
        .min()
        .expect("a seed");
    std::fs::copy(&seed, case.join("good.txt")).expect("copy");
    std::fs::write(case.join("empty.txt"), "").expect("write");
    std::fs::write(case.join("bin.txt"), b"PK\x03\x04\0\0binary").expect("write");
    std::os::unix::fs::symlink(case.join("b.txt"), case.join("a.txt")).expect("symlink");
    std::os::unix::fs::symlink(case.join("a.txt"), case.join("b.txt")).expect("symlink");
    let nothing = dir.path().join("nothing");
    std::fs::create_dir(&nothing).expect("mkdir");
    std::fs::write(nothing.join("scan.pdf"), "%PDF").expect("write");

    let tmux = Tmux::start("broken", 200, 40, &[arg(&case), arg(&nothing)]);
    let screen = tmux.wait_for("NORMAL");
    // good.txt and empty.txt open; the empty folder, a.txt and b.txt (a loop), bin.txt and the
    // empty file's warning are the problems, the first one shown with the count of the others.
    assert!(screen.contains("[1/2]") && screen.contains("msn"), "{screen}");
    assert!(
        screen.contains("nothing: no supported files") && screen.contains("(and 4 more problems)"),
        "{screen}"
    );
    key(&tmux, "q");
    tmux.wait_for("EXIT=0");

    // Only the empty folder: nothing to open, exit 2, and why.
    drop(tmux);
    let tmux = Tmux::start("nothing", 200, 40, &[arg(&nothing)]);
    let screen = tmux.wait_for("EXIT=2");
    assert!(
        screen.contains("nothing to open") && screen.contains("no supported files"),
        "{screen}"
    );
}

/// A note being typed when the terminal goes away (SIGHUP) or the process is told to end
/// (SIGTERM) is not lost: it is written, never over another file, to a draft beside the notes
/// that only the user can read, and the way out says where.
#[test]
fn a_note_being_typed_survives_sighup_and_sigterm_as_a_draft() {
    use std::os::unix::fs::PermissionsExt;
    for (signal_name, status) in [("HUP", 129), ("TERM", 143)] {
        let dir = case();
        let tmux = Tmux::start(&format!("draft-{signal_name}"), 160, 40, &[arg(dir.path())]);
        tmux.wait_for("NORMAL");
        let pid = tmux.child_pid("parallax").expect("pid");
        // Something already at the draft's name is left alone.
        let draft = dir.path().join(format!("parallax-notes.toml.draft-{pid}.txt"));
        let taken = signal_name == "TERM";
        if taken {
            std::fs::write(&draft, "someone else's").expect("write");
        }
        key(&tmux, "c");
        key(&tmux, "a");
        tmux.keys(&["hours of careful", "Enter", "thought"]);
        tmux.wait_for("thought");
        signal(&tmux, signal_name);
        let screen = tmux.wait_for(&format!("EXIT={status}"));
        tmux.assert_terminal_restored();
        assert!(screen.contains("was not saved"), "{screen}");
        let shown = screen
            .lines()
            .find_map(|l| l.split("draft is in ").nth(1))
            .and_then(|rest| rest.split_whitespace().next())
            .expect("the message names the draft");
        let written = if taken {
            assert_eq!(std::fs::read_to_string(&draft).expect("read"), "someone else's");
            std::env::temp_dir().join(format!("parallax-notes.toml.draft-{pid}.txt"))
        } else {
            draft
        };
        assert_eq!(Path::new(shown), written, "{screen}");
        let text = std::fs::read_to_string(&written).expect("the draft was written");
        assert_eq!(text, "hours of careful\nthought");
        let mode = std::fs::metadata(&written).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{mode:o}");
        if taken {
            std::fs::remove_file(&written).expect("rm the draft in the temp dir");
        }
    }
}
