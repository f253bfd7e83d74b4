//! `parallax entities` applies the case's decisions from its notes file, as `parallax export`
//! does: a merge made in the reader shows in the command's output too.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

/// The labels of `parallax entities --format json` on the folder's articles, with the notes
/// file `notes` (global `--notes`) if given; an empty config and data directory.
fn labels(dir: &Path, notes: Option<&Path>) -> Vec<Vec<String>> {
    let home = tempfile::tempdir().expect("temp dir");
    let mut command = Command::new(env!("CARGO_BIN_EXE_parallax"));
    command
        .env("XDG_CONFIG_HOME", home.path())
        .env("XDG_DATA_HOME", home.path());
    if let Some(notes) = notes {
        command.arg("--notes").arg(notes);
    }
    let output = command
        .args(["entities", "--format", "json"])
        .arg(dir.join("a.txt"))
        .arg(dir.join("b.txt"))
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let texts: Vec<String> = ["a.txt", "b.txt"]
        .iter()
        .map(|n| std::fs::read_to_string(dir.join(n)).expect("article"))
        .collect();
    json["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .map(|e| {
            let mut spellings: Vec<String> = e["mentions"]
                .as_array()
                .expect("mentions")
                .iter()
                .map(|m| {
                    let doc = usize::try_from(m["doc"].as_u64().expect("doc")).expect("doc");
                    let start = usize::try_from(m["start"].as_u64().expect("start")).expect("start");
                    let end = usize::try_from(m["end"].as_u64().expect("end")).expect("end");
                    texts[doc][start..end].to_string()
                })
                .collect();
            spellings.sort();
            spellings.dedup();
            spellings
        })
        .collect()
}

fn case() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("a.txt"),
        "Mayor Carla Benitez opened the bridge in Tarnow.\n",
    )
    .expect("a");
    std::fs::write(
        dir.path().join("b.txt"),
        "The city leader, Ms Benitez-Ruiz, spoke in Tarnow.\n",
    )
    .expect("b");
    dir
}

const MERGE: &str =
    "schema_version = 1\n\n[[entities.merges]]\nlabels = [\"Carla Benitez\", \"Benitez-Ruiz\"]\n";

#[test]
fn the_notes_beside_the_articles_apply_their_merges() {
    let dir = case();
    let apart = labels(dir.path(), None);
    assert!(
        !apart
            .iter()
            .any(|e| e.contains(&"Carla Benitez".to_string()) && e.contains(&"Benitez-Ruiz".to_string())),
        "two entities without a decision: {apart:?}"
    );
    std::fs::write(dir.path().join("parallax-notes.toml"), MERGE).expect("notes");
    let merged = labels(dir.path(), None);
    assert!(
        merged
            .iter()
            .any(|e| e.contains(&"Carla Benitez".to_string()) && e.contains(&"Benitez-Ruiz".to_string())),
        "one entity after the merge: {merged:?}"
    );
}

#[test]
fn the_global_notes_option_names_the_file() {
    let dir = case();
    let notes_dir = tempfile::tempdir().expect("temp dir");
    let notes = notes_dir.path().join("elsewhere.toml");
    std::fs::write(&notes, MERGE).expect("notes");
    let merged = labels(dir.path(), Some(&notes));
    assert!(
        merged
            .iter()
            .any(|e| e.contains(&"Carla Benitez".to_string()) && e.contains(&"Benitez-Ruiz".to_string())),
        "{merged:?}"
    );
}

#[test]
fn a_user_lexicon_from_the_config_adds_words() {
    let dir = tempfile::tempdir().expect("temp dir");
    let article = dir.path().join("a.txt");
    std::fs::write(&article, "Reeve Jo Pike spoke. Jo Pike left.\n").expect("article");
    let lexicon = dir.path().join("lexicon.toml");
    std::fs::write(&lexicon, "titles = [\"Reeve\"]\n").expect("lexicon");
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!("[entities]\nlexicon = {:?}\n", lexicon.display().to_string()),
    )
    .expect("config");
    let run = |with_config: bool| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_parallax"));
        command
            .env("XDG_CONFIG_HOME", dir.path())
            .env("XDG_DATA_HOME", dir.path());
        if with_config {
            command.arg("--config").arg(&config);
        }
        let output = command.args(["entities"]).arg(&article).output().expect("runs");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("UTF-8")
    };
    assert!(run(false).contains("Reeve Jo Pike"), "not a title by default");
    let with = run(true);
    assert!(with.contains("Jo Pike") && !with.contains("Reeve"), "{with}");
    std::fs::write(&lexicon, "colours = [\"red\"]\n").expect("lexicon");
    let mut command = Command::new(env!("CARGO_BIN_EXE_parallax"));
    let output = command
        .arg("--config")
        .arg(&config)
        .args(["entities"])
        .arg(&article)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2), "an unknown list is refused");
}

/// A plain-text article whose headline stands above a standfirst and a dateline block:
/// cleaning hides the headline (it is more than three lines above the body), but its names are
/// mentions, shown in the JSON like any other.
#[test]
fn a_headline_above_a_dateline_block_is_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = "Vorland Mining fined over river spill at Keswick plant\n\
         A court ordered the mining company to pay for the clean-up of the river on Thursday.\n\
         PUBLISHED: THURSDAY, MAY 2, 2013, 1:32 PM\n\
         UPDATED: FRIDAY, MAY 3, 2013, 9:56 AM\n\
         A court in Keswick ordered the company to pay for the clean-up of the river, which runs \
         past two villages and a school.\n\
         The judge said the company had ignored three warnings from inspectors over two years.\n";
    std::fs::write(dir.path().join("a.txt"), text).expect("article");
    let home = tempfile::tempdir().expect("temp dir");
    let output = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .env("XDG_CONFIG_HOME", home.path())
        .env("XDG_DATA_HOME", home.path())
        .args(["entities", "--format", "json"])
        .arg(dir.path().join("a.txt"))
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let starts: Vec<(u64, String)> = json["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .flat_map(|e| e["mentions"].as_array().expect("mentions").iter())
        .map(|m| {
            (
                m["start"].as_u64().expect("start"),
                m["text"].as_str().expect("text").to_string(),
            )
        })
        .collect();
    assert!(starts.contains(&(0, "Vorland Mining".to_string())), "{starts:?}");
    assert!(starts.contains(&(41, "Keswick".to_string())), "{starts:?}");
}

/// A surname refers back to a full name its article gave before it. An outlet that writes
/// "Mayor Lee" and only later "his wife, Ann Lee" means the mayor, Tom Lee, whom another
/// outlet names in full: every "Lee" is his, none is hers.
#[test]
fn a_surname_before_a_relatives_full_name_stays_with_the_person_named_elsewhere() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("a.txt"),
        "Tom Lee won the mayoral vote in Harwick on Sunday. Lee thanked the volunteers.\n",
    )
    .expect("article");
    std::fs::write(
        dir.path().join("b.txt"),
        "Mayor Lee arrived at the gala with his wife, Ann Lee, on Monday. Lee gave a short speech.\n",
    )
    .expect("article");
    let entities = labels(dir.path(), None);
    let with = |name: &str| {
        entities
            .iter()
            .find(|spellings| spellings.iter().any(|s| s == name))
            .unwrap_or_else(|| panic!("{name} in {entities:?}"))
    };
    assert!(with("Tom Lee").iter().any(|s| s == "Lee"), "{entities:?}");
    assert!(
        !with("Ann Lee").iter().any(|s| s == "Lee"),
        "no Lee is Ann's: {entities:?}"
    );
}
