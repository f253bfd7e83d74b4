//! End-to-end annotation and export: the real binary in tmux on copies of the seeds.

mod common;

use common::cases::{copy_seeds, notes_in as notes};
use common::{Tmux, seeds_dir};

/// Sends one key and waits until the screen, styles included, shows that the reader took it.
/// Waiting, not sleeping: the next key must not arrive while this one is unread (an `Escape`
/// followed at once by `Tab` reads as Alt-Tab), and a slow machine must not make it flaky.
/// Every key these tests send changes the screen; one that does not fails with the screen.
fn key(tmux: &Tmux, k: &str) {
    let before = tmux.capture_escapes();
    tmux.keys(&[k]);
    tmux.wait_for_styled_change(&before, &format!("the screen to change after `{k}`"));
}

/// Waits until the reader is ready for keys: drawn, and the first entity pass arrived, so that
/// no change but a key's own can satisfy [`key`].
fn wait_ready(tmux: &Tmux) -> String {
    tmux.wait_until(
        |s| s.contains("NORMAL") && !s.contains("finding entities"),
        "the reader with its entities",
    )
}

#[test]
fn tag_note_bias_and_link_survive_a_restart_and_export_matches_the_cli() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_seeds(dir.path());
    let case = dir.path().to_str().expect("utf-8");
    let tmux = Tmux::start("annotate", 200, 50, &[case]);
    wait_ready(&tmux);
    // Sentence cursor, next sentence, tag it `claim`, write a note.
    for k in ["c", "j", "t", "c"] {
        key(&tmux, k);
    }
    tmux.wait_for("add annotation");
    key(&tmux, "a");
    tmux.wait_for("Ctrl-s save");
    tmux.keys(&["Officials killed: check the count"]);
    key(&tmux, "C-s");
    tmux.wait_for("annotation note");
    // Bias of this outlet: step 6 of left-right ("right"), reliability 2.
    for k in ["b", "6"] {
        key(&tmux, k);
    }
    for k in ["b", "r", "2"] {
        key(&tmux, k);
    }
    tmux.wait_for("right · rel 2/5");
    // Link the claim to a claim in pane 2: start with L, tag there, L, stance "contradicts".
    key(&tmux, "L");
    tmux.wait_for("linking a1");
    for k in ["Escape", "Tab", "c", "t", "c"] {
        key(&tmux, k);
    }
    key(&tmux, "L");
    key(&tmux, "c");
    // Export from inside the reader.
    // Outside the case folder, or the CLI would read the report as an article.
    let out = tempfile::tempdir().expect("tempdir");
    let inside = out.path().join("inside.md");
    tmux.keys(&[&format!(":export md {}", inside.display()), "Enter"]);
    tmux.wait_for("exported to");
    key(&tmux, "q");
    tmux.wait_for("EXIT=0");

    let saved = notes(dir.path());
    assert!(saved.contains("tags = [\"claim\"]"), "{saved}");
    assert!(saved.contains("Officials killed: check the count"), "{saved}");
    assert!(
        saved.contains("left-right = \"right\"") && saved.contains("reliability = 2"),
        "{saved}"
    );
    assert!(saved.contains("stance = \"contradicts\""), "{saved}");

    // The same report from the command line, byte for byte.
    let cli = std::process::Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(["export", "--format", "md"])
        .arg(dir.path())
        .output()
        .expect("export runs");
    assert!(cli.status.success(), "{}", String::from_utf8_lossy(&cli.stderr));
    let from_reader = std::fs::read(&inside).expect("reader wrote the export");
    assert_eq!(
        String::from_utf8_lossy(&from_reader),
        String::from_utf8_lossy(&cli.stdout)
    );
    let report = String::from_utf8_lossy(&cli.stdout);
    assert!(
        report.contains("Officials killed: check the count") && report.contains("contradicts"),
        "{report}"
    );

    // Reopen: the annotations panel lists both under their claim group, the header shows the bias.
    drop(tmux);
    let tmux = Tmux::start("annotate-reopen", 200, 50, &[case]);
    tmux.wait_for("right · rel 2/5");
    wait_ready(&tmux);
    key(&tmux, "m");
    let panel = tmux.wait_for("Annotations (2)");
    assert!(
        panel.contains("Officials killed") && panel.contains("Claim c1 · reported by 2 of 5"),
        "{panel}"
    );
}

#[test]
fn kill_9_after_a_tag_keeps_the_tag() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_seeds(dir.path());
    let tmux = Tmux::start("kill9", 160, 40, &[dir.path().to_str().expect("utf-8")]);
    wait_ready(&tmux);
    for k in ["c", "t", "f"] {
        key(&tmux, k);
    }
    tmux.wait_for("add annotation");
    let pid = tmux.child_pid("parallax").expect("pid");
    std::process::Command::new("kill")
        .args(["-9", &pid.to_string()])
        .status()
        .expect("kill");
    tmux.wait_for("EXIT=137");
    let saved = notes(dir.path());
    assert!(
        saved.contains("tags = [\"fact\"]"),
        "the tag was not on disk after kill -9:\n{saved}"
    );
    assert!(
        toml::from_str::<toml::Table>(&saved).is_ok(),
        "the notes file does not parse"
    );
}

#[test]
fn a_corrupt_notes_file_opens_read_only_with_its_line_and_is_left_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_seeds(dir.path());
    let corrupt =
        "schema_version = 1\n\n[[article]]\npath = \"000_5b8a859aa158a433.txt\"\ntext_hash = oops\n";
    let path = dir.path().join("parallax-notes.toml");
    std::fs::write(&path, corrupt).expect("write");
    let tmux = Tmux::start("corrupt", 200, 50, &[dir.path().to_str().expect("utf-8")]);
    let screen = tmux.wait_for("read-only");
    assert!(screen.contains(":5:"), "no line number in:\n{screen}");
    wait_ready(&tmux);
    // Try to change something: refused, and the file is byte-for-byte the same.
    for k in ["c", "t", "c"] {
        key(&tmux, k);
    }
    tmux.wait_for("nothing was changed");
    key(&tmux, "q");
    tmux.wait_for("EXIT=0");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), corrupt);
}

#[test]
fn an_outlet_bias_default_carries_over_to_the_next_case() {
    let home = tempfile::tempdir().expect("tempdir");
    let first_case = tempfile::tempdir().expect("tempdir");
    let next_case = tempfile::tempdir().expect("tempdir");
    // Seed 002 is from The Algemeiner, 003 from the Palestine Chronicle.
    for (name, dir) in [
        ("002_7f28ae3cf18b3830.txt", &first_case),
        ("003_dd875831dc3b93f6.txt", &first_case),
        ("002_7f28ae3cf18b3830.txt", &next_case),
    ] {
        std::fs::copy(seeds_dir().join(name), dir.path().join(name)).expect("copy");
    }
    let home_path = home.path().to_str().expect("utf-8");
    let env = [("XDG_DATA_HOME", home_path), ("XDG_CONFIG_HOME", home_path)];
    let case = first_case.path().to_str().expect("utf-8");
    let tmux = Tmux::start_with_env("outlet-default", 200, 50, &[case], &env);
    tmux.wait_for("The Algemeiner");
    wait_ready(&tmux);
    // Bias picker, `o` for the outlet's default, step 6 ("right"); then its reliability, 3.
    for k in ["b", "o", "6"] {
        key(&tmux, k);
    }
    tmux.wait_for("default for every article from The Algemeiner");
    for k in ["b", "o", "r", "3"] {
        key(&tmux, k);
    }
    tmux.wait_for("right · rel 3/5");
    key(&tmux, "q");
    tmux.wait_for("EXIT=0");
    let defaults =
        std::fs::read_to_string(home.path().join("parallax/outlet-bias.toml")).expect("defaults saved");
    assert!(defaults.contains("[outlet.\"The Algemeiner\"]"), "{defaults}");
    assert!(defaults.contains("left-right = \"right\""), "{defaults}");
    assert!(
        !notes(first_case.path()).contains("right"),
        "an outlet default is not an article tag"
    );
    drop(tmux);

    // A new case with another article of the same outlet shows the default.
    let case = next_case.path().to_str().expect("utf-8");
    let tmux = Tmux::start_with_env("outlet-default-next", 200, 50, &[case], &env);
    tmux.wait_for("right · rel 3/5");
    wait_ready(&tmux);
    // The article's own tag wins over the default.
    for k in ["b", "2"] {
        key(&tmux, k);
    }
    tmux.wait_for("left · rel 3/5");
    key(&tmux, "q");
    tmux.wait_for("EXIT=0");
    let defaults =
        std::fs::read_to_string(home.path().join("parallax/outlet-bias.toml")).expect("defaults kept");
    assert!(defaults.contains("left-right = \"right\""), "{defaults}");
}
