//! `parallax align` as a script sees it: the JSON contract of `../shared/align/README.md` on the
//! bundled sample case (valid offsets on character boundaries, every doc known) and the table.

use std::process::Command;

const SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/samples");

fn align(format: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(["align", "--format", format, SAMPLES])
        .env("XDG_CONFIG_HOME", "/nonexistent")
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn json_follows_the_contract() {
    let json: serde_json::Value = serde_json::from_str(&align("json")).expect("JSON");
    let docs = json["documents"].as_array().expect("documents");
    assert!(docs.len() >= 2);
    let texts: Vec<Vec<u8>> = docs
        .iter()
        .map(|d| std::fs::read(d["path"].as_str().expect("path")).expect("readable"))
        .collect();
    let groups = json["groups"].as_array().expect("groups");
    assert!(
        groups
            .iter()
            .any(|g| g["members"].as_array().is_some_and(|m| m.len() >= 2))
    );
    for group in groups {
        for m in group["members"].as_array().expect("members") {
            let doc = usize::try_from(m["doc"].as_u64().expect("doc")).expect("small");
            let (start, end) = (
                m["start"].as_u64().expect("start"),
                m["end"].as_u64().expect("end"),
            );
            let (start, end) = (
                usize::try_from(start).expect("small"),
                usize::try_from(end).expect("small"),
            );
            let text = std::str::from_utf8(&texts[doc]).expect("sample is UTF-8");
            assert!(start < end && end <= text.len());
            assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
        }
    }
}

#[test]
fn the_table_says_who_reports_each_fact_and_who_does_not() {
    let table = align("table");
    assert!(table.contains("reported by"), "{table}");
    assert!(table.contains("not found in:"), "{table}");
    assert!(table.contains("unique claims"), "{table}");
}
