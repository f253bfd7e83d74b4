//! The five seed articles (one event, five outlets): the clusters the issue names must form,
//! and the look-alikes it names must stay apart. Runs the built binary, as a user would.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// The project's shared folder sits beside the repository (in CI too).
const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds");

fn seed_paths() -> Option<Vec<PathBuf>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(SEEDS)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    Some(paths)
}

/// The spellings of each entity, as sets.
fn clusters(paths: &[PathBuf]) -> Vec<HashSet<String>> {
    let output = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(["entities", "--format", "json"])
        .args(paths)
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    let texts: Vec<Vec<u8>> = paths
        .iter()
        .map(|p| std::fs::read(p).expect("readable"))
        .collect();
    json["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .map(|e| {
            e["mentions"]
                .as_array()
                .expect("mentions")
                .iter()
                .map(|m| {
                    let (doc, start, end) = (
                        m["doc"].as_u64().expect("doc") as usize,
                        m["start"].as_u64().expect("start") as usize,
                        m["end"].as_u64().expect("end") as usize,
                    );
                    let text = String::from_utf8(texts[doc][start..end].to_vec())
                        .expect("offsets on char boundaries");
                    assert_eq!(
                        m["text"].as_str(),
                        Some(text.as_str()),
                        "offsets point at the text"
                    );
                    text
                })
                .collect()
        })
        .collect()
}

fn cluster_of<'a>(clusters: &'a [HashSet<String>], name: &str) -> &'a HashSet<String> {
    clusters
        .iter()
        .find(|c| c.contains(name))
        .unwrap_or_else(|| panic!("{name} not found"))
}

#[test]
fn seed_clusters() {
    let Some(paths) = seed_paths().filter(|p| !p.is_empty()) else {
        panic!("no seeds at {SEEDS}: the test needs the project's shared/ folder beside the repository");
    };
    assert!(Path::new(SEEDS).is_dir());
    let clusters = clusters(&paths);
    let together: &[&[&str]] = &[
        &["Ismail Qaani", "Esmayeel Qaani", "Esmail Qaani", "Qaani"],
        &["Hossein Amirabdollahian", "Amir-Abdollahian"],
        &[
            "IRGC",
            "Islamic Revolutionary Guard Corps",
            "Islamic Revolution Guard Corps",
        ],
        &["Palestinian Islamic Jihad", "PIJ", "Islamic Jihad Movement"],
        &["Houthis", "Ansarallah", "Ansar Allah"],
        &["Popular Front for the Liberation of Palestine", "PFLP"],
    ];
    for group in together {
        let cluster = cluster_of(&clusters, group[0]);
        for name in *group {
            assert!(
                cluster.contains(*name),
                "{name} should be with {}: {cluster:?}",
                group[0]
            );
        }
    }
    let apart = [
        ("Hezbollah", "Kataib Hezbollah"),
        ("Ismail Haniyeh", "Ismail Qaani"),
        ("Quds Force", "Al-Quds Brigades"),
    ];
    for (a, b) in apart {
        assert!(
            !cluster_of(&clusters, a).contains(b),
            "{a} and {b} must stay apart"
        );
    }
}

#[test]
fn unreadable_input_exits_2() {
    let output = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(["entities", "/nonexistent/parallax-test.txt"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
}
