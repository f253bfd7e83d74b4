//! End to end in tmux (issue #13): the entities panel as a new user meets it, then a merge and
//! its undo. A filter with no match and Enter keep the panel open and the selection; the panel
//! reopens empty; a spelling finds its entity; `:merge` names both sides, `u` undoes it, and the
//! merged spellings show in the panel and go again after the undo.

mod common;

use common::Tmux;
use common::cases::copy_seeds;

#[test]
fn the_panel_keeps_a_choice_safe_and_a_merge_undoes() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_seeds(dir.path());
    let tmux = Tmux::start("entities13", 200, 50, &[dir.path().to_str().expect("UTF-8")]);
    tmux.wait_until(
        |s| s.contains("NORMAL") && !s.contains("finding entities"),
        "the entity pass",
    );

    // Choose Tehran, then try a filter that matches nothing: Enter stays in the panel.
    tmux.keys(&[":", "select Tehran", "Enter"]);
    tmux.wait_for("Tehran: mention ");
    tmux.keys(&["e"]);
    tmux.wait_for(" Entities (");
    tmux.keys(&["zzqxw"]);
    tmux.wait_for("Entities (0 of");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("no entity matches the filter");
    assert!(
        screen.contains("Entities (0 of"),
        "the panel stays open:\n{screen}"
    );
    // Esc clears the filter, a second Esc closes the panel.
    tmux.keys(&["Escape"]);
    tmux.wait_until(|s| !s.contains("Entities (0 of"), "the filter cleared");
    tmux.keys(&["Escape"]);
    tmux.wait_for(" NORMAL ");

    // Reopened, the panel has no filter: every entity is listed.
    tmux.keys(&["e"]);
    let screen = tmux.wait_for(" Entities (");
    let title = screen
        .lines()
        .find(|l| l.contains(" Entities ("))
        .expect("the panel's title")
        .to_string();
    let counts: Vec<&str> = title
        .split(" Entities (")
        .nth(1)
        .and_then(|t| t.split(')').next())
        .expect("n of m")
        .split(" of ")
        .collect();
    assert_eq!(counts.len(), 2, "{title}");
    assert_eq!(counts[0], counts[1], "no filter left over: {title}");

    // A spelling that is not the label finds the entity.
    tmux.keys(&["Esmayeel"]);
    tmux.wait_for("Entities (1 of");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Ismail Qaani: mention ");

    // :merge names both sides; u undoes it.
    let notes = dir.path().join("parallax-notes.toml");
    tmux.keys(&[":", "merge Quds Force", "Enter"]);
    tmux.wait_for("merged Ismail Qaani and Quds Force");
    tmux.wait_until(
        |_| {
            std::fs::read_to_string(&notes)
                .unwrap_or_default()
                .contains("Quds Force")
        },
        "the merge saved",
    );
    // The panel shows what was merged: one row lists both names, one as a merged spelling.
    let merged_row = |s: &str| {
        s.lines()
            .any(|l| l.contains(" = ") && l.contains("Ismail Qaani") && l.contains("Quds Force"))
    };
    tmux.wait_until(|s| !s.contains("finding entities"), "the entities found again");
    tmux.keys(&["e", "Qaani"]);
    let screen = tmux.wait_until(merged_row, "the merged spelling in the panel");
    assert!(screen.contains("Entities ("), "{screen}");
    tmux.keys(&["Escape"]);
    tmux.wait_until(|s| s.contains("Filter: ▏"), "the filter cleared");
    tmux.keys(&["Escape"]);
    tmux.wait_for(" NORMAL ");
    tmux.keys(&["u"]);
    tmux.wait_for("undid: merge entities");
    tmux.wait_until(
        |_| {
            !std::fs::read_to_string(&notes)
                .unwrap_or_default()
                .contains("Quds Force")
        },
        "the undo saved",
    );
    tmux.wait_until(|s| !s.contains("finding entities"), "the entities found again");
    tmux.keys(&["e", "Qaani"]);
    tmux.wait_until(
        |s| s.contains("Entities (") && s.lines().any(|l| l.contains("Ismail Qaani")) && !merged_row(s),
        "Quds Force apart again",
    );
    tmux.keys(&["Escape"]);
    tmux.wait_until(|s| s.contains("Filter: ▏"), "the filter cleared");
    tmux.keys(&["Escape"]);
    tmux.wait_for(" NORMAL ");
    tmux.keys(&["q"]);
    tmux.wait_for("EXIT=0");
}
