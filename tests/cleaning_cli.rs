//! The cleaner's word lists extended from the config (`[cleaning] lexicon`), as a user would:
//! a republishing site of their own is read as one, and a broken list file is refused with its
//! place (`file:line:column`), nothing loaded.

use std::path::Path;
use std::process::{Command, Output};

const ARTICLE: &str = "Source \u{bb} Newsgrid\n\n\
    The council approved the new budget on Monday after a long debate.\n\
    The mayor said the vote was a victory for the town.\n";

fn align(dir: &Path, config: Option<&Path>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_parallax"));
    command.env("XDG_CONFIG_HOME", dir).env("XDG_DATA_HOME", dir);
    if let Some(config) = config {
        command.arg("--config").arg(config);
    }
    command
        .arg("align")
        .arg(dir.join("a.txt"))
        .output()
        .expect("runs")
}

#[test]
fn a_user_aggregator_is_read_as_one_and_a_broken_list_is_located() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("a.txt"), ARTICLE).expect("article");
    let words = dir.path().join("words.toml");
    std::fs::write(&words, "aggregators = [\"Newsgrid\"]\n").expect("words");
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!("[cleaning]\nlexicon = {:?}\n", words.display().to_string()),
    )
    .expect("config");

    let plain = align(dir.path(), None);
    let stdout = String::from_utf8_lossy(&plain.stdout);
    assert!(
        plain.status.success() && stdout.contains("[0] Newsgrid"),
        "{stdout}"
    );

    let extended = align(dir.path(), Some(&config));
    let stdout = String::from_utf8_lossy(&extended.stdout);
    assert!(
        extended.status.success() && stdout.contains("unknown outlet (via Newsgrid)"),
        "the site named in the user's list is an aggregator: {stdout}"
    );

    std::fs::write(&words, "# mine\naggregators = 3\n").expect("words");
    let broken = align(dir.path(), Some(&config));
    let stderr = String::from_utf8_lossy(&broken.stderr);
    assert_eq!(broken.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!("{}:2:15: ", words.display())),
        "the file, line and column of the problem: {stderr}"
    );
    assert!(broken.stdout.is_empty(), "nothing printed from half-loaded lists");
}
