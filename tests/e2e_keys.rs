//! End to end in tmux (issue #11): every mode's keys are in the keymap. A config naming a layer
//! that does not exist is refused at its `file:line:col`; help lists every layer (the sentence
//! cursor's `j`/`k` among them); the status bar names the cursor mode; an entity decision goes
//! through the one undo path, so `:merge` then `u` restores the entities.

mod common;

use std::path::Path;

use common::cases::copy_seeds;
use common::{Tmux, seeds_dir};

fn arg(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

#[test]
fn a_config_with_an_unknown_key_layer_is_refused_at_its_place() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        "[reader]\nsync = true\n\n[keys.normall]\n\"x\" = \"quit\"\n",
    )
    .expect("config");
    let tmux = Tmux::start(
        "bad-layer",
        160,
        30,
        &["--config", arg(&config), arg(&seeds_dir())],
    );
    let screen = tmux.wait_for("EXIT=2");
    let located = format!("{}:4:7: unknown key layer `keys.normall`", config.display());
    assert!(screen.replace('\n', "").contains(&located), "{screen}");
}

#[test]
fn help_lists_every_layer_the_status_bar_names_the_mode_and_merge_undoes() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_seeds(dir.path());
    let tmux = Tmux::start("layers", 200, 50, &[arg(dir.path())]);
    tmux.wait_until(
        |s| s.contains("NORMAL") && !s.contains("finding entities"),
        "the entity pass",
    );

    // Help: page down until the cursor layer's heading shows with its lines, then read j/k.
    tmux.keys(&["?"]);
    tmux.wait_for("HELP");
    let heading = "cursor — while the sentence cursor shows";
    // The cursor layer's lines: those after its heading, up to the next blank line.
    let cursor_layer = |screen: &str| -> Vec<String> {
        screen
            .lines()
            .skip_while(|l| !l.contains(heading))
            .skip(1)
            .take_while(|l| l.chars().any(char::is_alphanumeric) && !l.contains(" — "))
            .map(str::to_owned)
            .collect()
    };
    let mut screen = tmux.capture();
    for _ in 0..30 {
        let layer = cursor_layer(&screen);
        let shown = |name: &str| layer.iter().any(|l| l.contains(name));
        if ["link", "sentence-next", "sentence-prev"].into_iter().all(shown) {
            break;
        }
        tmux.keys(&["Space"]);
        screen = tmux.wait_for_change(&screen);
    }
    let layer = cursor_layer(&screen);
    let line = |name: &str| {
        layer
            .iter()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("no {name} line in the cursor layer:\n{screen}"))
            .clone()
    };
    assert!(line("sentence-next").contains("j, "), "{}", line("sentence-next"));
    assert!(line("sentence-prev").contains("k, "), "{}", line("sentence-prev"));
    assert!(line("link").contains(" L "), "{}", line("link"));
    tmux.keys(&["Escape"]);
    tmux.wait_for("NORMAL");

    // The sentence cursor is a mode of its own in the status bar.
    tmux.keys(&["c"]);
    tmux.wait_for(" CURSOR ");
    tmux.keys(&["c"]);
    tmux.wait_for(" NORMAL ");

    // :merge is an edit like any other: saved, and undone by u.
    let notes = dir.path().join("parallax-notes.toml");
    tmux.keys(&[":", "select Hamas", "Enter"]);
    tmux.wait_for("Hamas");
    tmux.keys(&[":", "merge Hezbollah", "Enter"]);
    tmux.wait_for("merged Hamas and Hezbollah");
    tmux.wait_until(
        |_| {
            std::fs::read_to_string(&notes)
                .unwrap_or_default()
                .contains("Hezbollah")
        },
        "the merge saved",
    );
    tmux.keys(&["u"]);
    tmux.wait_for("undid: merge entities");
    tmux.wait_until(
        |_| {
            !std::fs::read_to_string(&notes)
                .unwrap_or_default()
                .contains("Hezbollah")
        },
        "the undo saved",
    );
    // Esc, seen taken (it clears the selection), then q: sent together they can read as Alt-q.
    tmux.keys(&["Escape"]);
    tmux.wait_until(|s| !s.contains("◆ Hamas"), "Esc to clear the selection");
    tmux.keys(&["q"]);
    tmux.wait_for("EXIT=0");
}
