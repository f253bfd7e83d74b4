//! `parallax framing` as a script sees it: the JSON contract of `../shared/framing/README.md`
//! (offsets on character boundaries, `text` equal to the bytes it points at) on the bundled
//! samples and the seeds, and the acceptance of issue #15 on the seeds: the three most mentioned
//! organisations are labelled differently by at least three outlets.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

const SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/samples");
/// The project's shared folder sits beside the repository.
const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds");

fn framing(format: &str, paths: &[PathBuf]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(["framing", "--format", format])
        .args(paths)
        .env("XDG_CONFIG_HOME", "/nonexistent")
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// The seed articles; panics when the shared folder is missing: these tests must fail then,
/// never pass without looking.
fn seeds() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(SEEDS)
        .unwrap_or_else(|e| panic!("{SEEDS}: {e}: the tests need the shared/ folder beside the repository"))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no seed articles in {SEEDS}");
    paths
}

/// Checks every span of the JSON against the files; returns it.
fn checked_json(paths: &[PathBuf]) -> Value {
    let json: Value = serde_json::from_str(&framing("json", paths)).expect("JSON");
    let docs = json["documents"].as_array().expect("documents");
    let texts: Vec<String> = docs
        .iter()
        .map(|d| std::fs::read_to_string(d["path"].as_str().expect("path")).expect("readable"))
        .collect();
    for entity in json["entities"].as_array().expect("entities") {
        for key in ["mentions", "descriptors", "titles", "loaded"] {
            for span in entity[key].as_array().expect(key) {
                let doc = usize::try_from(span["doc"].as_u64().expect("doc")).expect("fits");
                let start = usize::try_from(span["start"].as_u64().expect("start")).expect("fits");
                let end = usize::try_from(span["end"].as_u64().expect("end")).expect("fits");
                let text = &texts[doc];
                assert!(start < end && end <= text.len(), "{span}");
                assert!(
                    text.is_char_boundary(start) && text.is_char_boundary(end),
                    "{span}"
                );
                if let Some(shown) = span["text"].as_str() {
                    assert_eq!(&text[start..end], shown);
                }
            }
        }
    }
    json
}

#[test]
fn json_follows_the_contract_on_the_samples() {
    let json = checked_json(&[PathBuf::from(SAMPLES)]);
    assert!(
        json["entities"]
            .as_array()
            .expect("entities")
            .iter()
            .any(|e| !e["descriptors"].as_array().expect("descriptors").is_empty()),
        "some entity is described"
    );
}

/// Per article, the set of an entity's descriptors (folded to lower case).
fn by_outlet(entity: &Value) -> BTreeMap<u64, BTreeSet<String>> {
    let mut by_doc: BTreeMap<u64, BTreeSet<String>> = BTreeMap::new();
    for d in entity["descriptors"].as_array().expect("descriptors") {
        by_doc
            .entry(d["doc"].as_u64().expect("doc"))
            .or_default()
            .insert(d["text"].as_str().expect("text").to_lowercase());
    }
    by_doc
}

#[test]
fn seeds_organisations_are_labelled_differently_by_three_outlets() {
    let paths = seeds();
    let json = checked_json(&paths);
    let entities = json["entities"].as_array().expect("entities");
    let find = |label: &str| {
        entities
            .iter()
            .find(|e| e["label"] == label && e["kind"] == "organisation")
            .unwrap_or_else(|| panic!("no organisation {label}"))
    };
    // Hezbollah and the Houthis: a different label in each of at least three outlets.
    for label in ["Hezbollah", "Ansar Allah"] {
        let by_doc = by_outlet(find(label));
        let distinct: BTreeSet<&BTreeSet<String>> = by_doc.values().collect();
        assert!(by_doc.len() >= 3 && distinct.len() >= 3, "{label}: {by_doc:?}");
    }
    // The three most mentioned organisations: described in at least three outlets each, each
    // outlet its own way (the sets of descriptors differ).
    let mut organisations: Vec<&Value> = entities.iter().filter(|e| e["kind"] == "organisation").collect();
    organisations.sort_by_key(|e| std::cmp::Reverse(e["mentions"].as_array().map_or(0, Vec::len)));
    assert!(organisations.len() >= 3, "{organisations:?}");
    for organisation in &organisations[..3] {
        let by_doc = by_outlet(organisation);
        let distinct: BTreeSet<&BTreeSet<String>> = by_doc.values().collect();
        assert!(
            by_doc.len() >= 3 && distinct.len() >= 3,
            "{}: {by_doc:?}",
            organisation["label"]
        );
    }
    let hamas = by_outlet(find("Hamas"));
    assert!(
        hamas.values().flatten().any(|d| d.contains("terrorists")),
        "{hamas:?}"
    );
    assert!(
        hamas.values().flatten().any(|d| d.contains("resistance")),
        "{hamas:?}"
    );
    // No fragment: a description ends in its noun, never in a bare adjective or a participle
    // whose complement was cut ("a separate", "the group based").
    for organisation in &organisations {
        for descriptors in by_outlet(organisation).values() {
            for d in descriptors {
                let last = d.rsplit(' ').next().unwrap_or_default();
                assert!(!matches!(last, "separate" | "based"), "{d:?}");
            }
        }
    }
}

#[test]
fn the_table_lists_each_outlets_descriptors() {
    let paths = seeds();
    let table = framing("table", &paths);
    assert!(table.starts_with("Documents:\n  [0] "), "{table}");
    let hezbollah = table
        .split("\n\n")
        .find(|block| block.starts_with("Hezbollah ("))
        .expect("a Hezbollah block");
    assert!(
        hezbollah.lines().filter(|l| l.starts_with("  [")).count() >= 3,
        "{hezbollah}"
    );
    assert!(hezbollah.contains("Iran-backed"), "{hezbollah}");
}

#[test]
fn csv_has_one_row_per_occurrence_pointing_at_its_text() {
    let paths = seeds();
    let text = framing("csv", &paths);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        reader.headers().expect("header").iter().collect::<Vec<_>>(),
        [
            "entity", "kind", "doc", "outlet", "role", "pattern", "start", "end", "text", "loaded"
        ]
    );
    let files: Vec<String> = paths
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("readable"))
        .collect();
    let mut roles = BTreeSet::new();
    let mut hezbollah = Vec::new();
    for record in reader.records() {
        let record = record.expect("valid CSV");
        let doc: usize = record[2].parse().expect("doc");
        let (start, end): (usize, usize) =
            (record[6].parse().expect("start"), record[7].parse().expect("end"));
        let shown = files[doc][start..end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(record[8].trim_start_matches('\''), shown);
        roles.insert(record[4].to_owned());
        if &record[0] == "Hezbollah" && &record[4] == "descriptor" {
            hezbollah.push(record[8].to_owned());
        }
    }
    assert_eq!(
        roles.into_iter().collect::<Vec<_>>(),
        ["descriptor", "loaded", "name", "title"]
    );
    assert!(
        hezbollah.iter().any(|d| d.contains("Iran-backed")),
        "{hezbollah:?}"
    );
}
