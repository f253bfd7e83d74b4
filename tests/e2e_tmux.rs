//! End-to-end: the real binary in a real terminal (tmux on a private socket), driven by keys.

mod common;

use common::{Tmux, seeds_dir};

#[test]
fn reader_on_the_seeds_scrolls_focuses_syncs_zooms_and_quits_cleanly() {
    let seeds = common::cases::seeds_copy();
    // Proportional sync, so that every pane must move with the focused one whenever the
    // alignment arrives (sync by content, which may leave a pane on the fact it shows already,
    // has its own test in e2e_sync.rs).
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[reader]\nsync_by = \"proportional\"\n").expect("write");
    let tmux = Tmux::start(
        "reader",
        200,
        50,
        &[
            "--config",
            config.to_str().expect("utf-8 path"),
            seeds.path().to_str().expect("utf-8 path"),
        ],
    );
    let screen = tmux.wait_for("NORMAL");
    // All five headers are visible.
    for n in 1..=5 {
        assert!(
            screen.contains(&format!("┃ {n} "))
                || screen.contains(&format!("╭ {n} "))
                || screen.contains(&format!("┏ {n} ")),
            "header {n} missing:\n{screen}"
        );
    }
    assert!(screen.contains("[1/5]"), "{screen}");
    // The entity pass starts after the first frame and changes the status bar when it ends:
    // let it finish, so that the changes below are the keys' doing.
    let before = tmux.wait_until(|s| !s.contains("finding entities"), "the entity pass");

    // j scrolls the focused pane only.
    tmux.keys(&["j", "j", "j"]);
    let after = tmux.wait_for_change(&before);
    let col = |s: &str, pane: usize| -> Vec<String> {
        s.lines()
            .skip(2)
            .take(10)
            .map(|l| l.chars().skip(pane * 40).take(40).collect())
            .collect()
    };
    assert_ne!(col(&before, 0), col(&after, 0), "focused pane did not scroll");
    assert_eq!(
        col(&before, 1),
        col(&after, 1),
        "an unfocused pane scrolled without sync"
    );

    // Tab moves the focus; the status bar says so.
    tmux.keys(&["Tab"]);
    tmux.wait_for("[2/5]");

    // s turns sync on: now scrolling moves every pane.
    tmux.keys(&["s"]);
    tmux.wait_for("sync on");
    let before = tmux.capture();
    tmux.keys(&["C-d"]);
    let after = tmux.wait_for_change(&before);
    assert_ne!(col(&before, 0), col(&after, 0), "pane 1 did not follow in sync");
    assert_ne!(col(&before, 3), col(&after, 3), "pane 4 did not follow in sync");

    // z zooms the focused pane to the full width.
    tmux.keys(&["z"]);
    let zoomed = tmux.wait_for("zoom");
    let first = zoomed.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("┏ 2 ") && first.ends_with('┓') && first.chars().count() == 200,
        "{first}"
    );

    // q quits; the terminal is restored and the shell is usable.
    tmux.keys(&["q"]);
    let done = tmux.wait_for("EXIT=0");
    assert!(!done.contains("NORMAL"), "the reader is still on screen:\n{done}");
    tmux.keys(&["echo shell-ok", "Enter"]);
    tmux.wait_for("shell-ok\n");
}

#[test]
fn entities_panel_selects_an_entity_and_n_jumps_across_panes() {
    let seeds = common::cases::seeds_copy();
    let tmux = Tmux::start("entities", 200, 50, &[seeds.path().to_str().expect("utf-8 path")]);
    // The analysis runs off the UI thread; the panel opens once it has arrived, which the
    // status bar shows by no longer saying it is finding entities.
    tmux.wait_until(
        |s| s.contains("NORMAL") && !s.contains("finding entities"),
        "the entity pass",
    );
    tmux.keys(&["e"]);
    let panel = tmux.wait_for("Entities (");
    // Variants across outlets are one row: Qaani is found in four sources.
    assert!(panel.contains("Ismail Qaani"), "{panel}");
    tmux.keys(&["Qaani"]);
    let filtered = tmux.wait_for("Filter: Qaani");
    assert!(filtered.contains("Ismail Qaani"), "{filtered}");
    tmux.keys(&["Enter"]);
    let first = tmux.wait_for("Ismail Qaani: mention 1 of");
    assert!(first.contains("◆ Ismail Qaani"), "{first}");
    tmux.keys(&["n"]);
    let second = tmux.wait_for("Ismail Qaani: mention 2 of");
    // The jump moved the focus to the pane holding the next mention.
    let focus = |s: &str| {
        s.lines()
            .last()
            .and_then(|l| l.split('[').nth(1))
            .map(|r| r[..1].to_owned())
    };
    assert_ne!(
        focus(&first),
        focus(&second),
        "n did not move to another pane:\n{second}"
    );
    tmux.keys(&["q"]);
    tmux.wait_for("EXIT=0");
}

#[test]
fn stdout_not_a_terminal_is_refused_with_a_pointer_to_scripting() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_parallax"))
        .arg(seeds_dir())
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty(), "wrote to a non-terminal stdout");
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(
        err.contains("needs a terminal") && err.contains("parallax entities"),
        "{err}"
    );
}

#[test]
fn bad_config_is_reported_with_file_line_column_and_exit_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[reader]\nsync = true\nsinc = 1\n").expect("write");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_parallax"))
        .arg("--config")
        .arg(&config)
        .arg(seeds_dir())
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(
        err.contains(&format!("{}:3:1: unknown key `reader.sinc`", config.display())),
        "{err}"
    );
    assert!(output.stdout.is_empty());
}

#[test]
fn sigterm_restores_the_terminal_and_exits_143() {
    let seeds = common::cases::seeds_copy();
    let tmux = Tmux::start("sigterm", 100, 30, &[seeds.path().to_str().expect("utf-8 path")]);
    tmux.wait_for("NORMAL");
    let pid = tmux.child_pid("parallax").expect("parallax pid");
    std::process::Command::new("kill")
        .arg("-TERM")
        .arg(pid.to_string())
        .status()
        .expect("kill");
    let done = tmux.wait_for("EXIT=143");
    assert!(!done.contains("NORMAL"), "{done}");
}

#[test]
fn help_flag_documents_paths_and_options() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_parallax"))
        .arg("--help")
        .output()
        .expect("runs");
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    for word in ["--config", "--notes", "entities", "PATH", "Exit codes"] {
        assert!(text.contains(word), "--help lacks {word}:\n{text}");
    }
}

#[test]
fn slash_searches_every_pane_as_you_type_and_n_steps_across_panes() {
    let seeds = common::cases::seeds_copy();
    let tmux = Tmux::start("search", 200, 50, &[seeds.path().to_str().expect("utf-8 path")]);
    tmux.wait_for("NORMAL");
    tmux.keys(&["/"]);
    tmux.wait_until(
        |s| s.lines().last().is_some_and(|l| l.starts_with('/')),
        "the search line",
    );
    // Case and accents do not matter; the outlets spell the name three ways.
    tmux.keys(&["QAANI"]);
    let typed = tmux.wait_until(|s| s.contains("/QAANI") && s.contains(" in "), "hits counted");
    let status = typed.lines().last().unwrap_or_default().to_owned();
    let panes: usize = status
        .split(" in ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no pane count in {status:?}"));
    assert!(panes >= 3, "Qaani is in several outlets: {status:?}");
    tmux.keys(&["Enter"]);
    tmux.wait_for(" NORMAL ");
    tmux.keys(&["n"]);
    let stepped = tmux.wait_for("/QAANI: 2 of");
    assert!(stepped.contains(&format!("in {panes} panes")), "{stepped}");
    tmux.keys(&["Escape"]);
    tmux.wait_until(|s| !s.contains("/QAANI"), "the search to end");
    tmux.keys(&["q"]);
    tmux.wait_for("EXIT=0");
}

#[test]
fn at_the_bottom_of_an_article_the_border_says_end() {
    let seeds = common::cases::seeds_copy();
    let tmux = Tmux::start(
        "end-label",
        200,
        50,
        &[seeds.path().to_str().expect("utf-8 path")],
    );
    tmux.wait_for("NORMAL");
    // Every seed ends in boilerplate that cleaning hid; the border once said "37%" there.
    tmux.keys(&["1", "G", "3", "G", "5", "G"]);
    let border = |s: &str| s.lines().rev().nth(1).unwrap_or_default().to_owned();
    let screen = tmux.wait_until(|s| border(s).matches(" End ").count() == 3, "three panes at End");
    assert!(!border(&screen).contains('%'), "{screen}");
    tmux.keys(&["q"]);
    tmux.wait_for("EXIT=0");
}
