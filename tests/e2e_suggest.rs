//! End-to-end: accepting a suggested claim group on a copy of the seeds, in the real binary in
//! tmux. The suggestion is written to the notes only when accepted, marked as suggested, and is
//! still the analyst's claim group after a restart.

mod common;

use common::Tmux;
use common::cases::{copy_seeds, notes_in as notes};

/// Waits until the alignment has arrived: with the sentence cursor shown, the status bar says
/// who reports its fact only once it has.
fn wait_aligned(tmux: &Tmux) {
    tmux.wait_until(
        |s| s.contains("NORMAL") && !s.contains("finding entities"),
        "the entity pass",
    );
    tmux.keys(&["c"]);
    tmux.wait_until(
        |s| s.contains("reported by") || s.contains("only this outlet"),
        "the alignment (the status bar on the cursor sentence's fact)",
    );
    tmux.keys(&["Escape"]);
    tmux.wait_until(|s| s.contains("NORMAL"), "the cursor hidden");
}

#[test]
fn an_accepted_suggestion_is_a_claim_group_after_a_restart() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_seeds(dir.path());
    let case = dir.path().to_str().expect("utf-8");
    let tmux = Tmux::start("suggest", 200, 50, &[case]);
    wait_aligned(&tmux);
    // Looking at suggestions writes nothing.
    tmux.keys(&["C"]);
    let view = tmux.wait_for("Compare: ");
    assert!(view.contains("most widely reported first"), "{view}");
    assert!(!view.contains('✓'), "nothing confirmed yet:\n{view}");
    assert!(
        notes(dir.path()).is_empty(),
        "a suggestion reached the notes file"
    );
    // S on the first row: the fact most outlets report becomes claim group c1.
    tmux.keys(&["S"]);
    let accepted = tmux.wait_for("claim group c1 made from the suggestion");
    let count: usize = accepted
        .split("made from the suggestion (")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .expect("the number of sentences linked");
    assert!(count >= 2, "{accepted}");
    tmux.wait_until(|s| s.contains(" ✓"), "the row marked as the analyst's");
    tmux.keys(&["Escape"]);
    tmux.wait_until(|s| s.contains("NORMAL"), "the view closed");
    tmux.keys(&["q"]);
    tmux.wait_for("EXIT=0");
    let saved = notes(dir.path());
    // The file's data, without the comment block at its top.
    let data: String = saved
        .lines()
        .filter(|l| !l.starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n");
    assert_eq!(
        data.matches("origin = \"suggested\"").count(),
        count,
        "every link made marked as suggested:\n{saved}"
    );
    assert_eq!(data.matches("[[claim]]").count(), 1, "{saved}");

    // Restart: the annotations panel lists the claim group, the view marks its row.
    drop(tmux);
    let tmux = Tmux::start("suggest-reopen", 200, 50, &[case]);
    wait_aligned(&tmux);
    tmux.keys(&["m"]);
    let panel = tmux.wait_for(&format!("Annotations ({count})"));
    assert!(
        panel.contains(&format!("Claim c1 · reported by {count} of 5")),
        "{panel}"
    );
    assert!(panel.contains("linked from a suggestion"), "{panel}");
    tmux.keys(&["Escape"]);
    tmux.wait_until(|s| s.contains("NORMAL"), "the panel closed");
    tmux.keys(&["C"]);
    let view = tmux.wait_for("Compare: ");
    assert!(view.contains(&format!("{count}/5 ✓")), "{view}");
    tmux.keys(&["Escape", "q"]);
    tmux.wait_for("EXIT=0");
}
