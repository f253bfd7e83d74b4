//! Golden files of the three export formats on the fixture case in `tests/fixtures/export/`,
//! plus checks that hold whatever the golden files say: the JSON re-parses, the CSV parses to one
//! record per annotation, and no terminal control character survives in any format.
//!
//! Regenerate with `UPDATE_GOLDEN=1 cargo test --test export_golden`, then read the diff.

use std::path::{Path, PathBuf};

use parallax::commands::export::run_to_string_at;
use parallax::config::Config;
use parallax::export::Format;

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/export")
}

fn article_paths() -> Vec<PathBuf> {
    ["01-wire.txt", "02-gazette.txt", "03-mina.txt"]
        .iter()
        .map(|name| fixture_dir().join("articles").join(name))
        .collect()
}

fn exported(format: Format) -> String {
    let notes = fixture_dir().join("notes.toml");
    let outlets = fixture_dir().join("outlet-bias.toml");
    run_to_string_at(
        format,
        &article_paths(),
        Some(&notes),
        Some(&outlets),
        &Config::default(),
        "2025-03-07T10:00:00Z",
    )
    .expect("exports")
}

fn check_golden(format: Format, extension: &str) {
    let actual = exported(format);
    let golden = fixture_dir().join(format!("expected.{extension}"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden, &actual).expect("writes golden file");
        return;
    }
    let expected = std::fs::read_to_string(&golden).expect("golden file exists (UPDATE_GOLDEN=1 creates it)");
    assert!(
        actual == expected,
        "{} differs from the export; run with UPDATE_GOLDEN=1 and review the diff.\n--- actual ---\n{actual}",
        golden.display()
    );
}

#[test]
fn markdown_matches_golden_file() {
    check_golden(Format::Markdown, "md");
}

#[test]
fn json_matches_golden_file() {
    check_golden(Format::Json, "json");
}

#[test]
fn csv_matches_golden_file() {
    check_golden(Format::Csv, "csv");
}

#[test]
fn exports_are_deterministic() {
    for format in [Format::Markdown, Format::Json, Format::Csv] {
        assert_eq!(exported(format), exported(format), "{format:?}");
    }
}

/// Annotations on the exported articles in the fixture notes (a1–a10; none on the fourth
/// article, which is not exported).
const ANNOTATIONS: usize = 10;

#[test]
fn json_reparses_with_schema_version_and_every_annotation() {
    let value: serde_json::Value = serde_json::from_str(&exported(Format::Json)).expect("valid JSON");
    assert_eq!(value["schema_version"], 3);
    assert_eq!(value["sources"].as_array().map(Vec::len), Some(3));
    assert_eq!(value["annotations"].as_array().map(Vec::len), Some(ANNOTATIONS));
    assert_eq!(value["claims"][0]["members"][1]["stance"], "contradicts");
    let orphan = value["annotations"]
        .as_array()
        .and_then(|all| all.iter().find(|a| a["orphan"] == true))
        .expect("an orphan");
    assert_eq!(orphan["id"], "a9");
}

#[test]
fn csv_parses_back_with_one_record_per_annotation() {
    let text = exported(Format::Csv);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().expect("header row").clone();
    assert_eq!(&headers[5], "quote");
    let records: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().expect("valid CSV");
    assert_eq!(records.len(), ANNOTATIONS);
    let with_pipe = records.iter().find(|r| &r[0] == "a1").expect("a1");
    assert_eq!(
        &with_pipe[5],
        "a spokesman said: \"It is a fair offer | and we accept it.\""
    );
    let with_break = records.iter().find(|r| &r[0] == "a4").expect("a4");
    assert_eq!(&with_break[5], "a 5% raise,\nspread over two years");
    assert_eq!(&with_break[6], "claim;figure");
}

/// Every string (keys and values) in a JSON value.
fn json_strings(value: &serde_json::Value) -> Vec<String> {
    match value {
        serde_json::Value::String(s) => vec![s.clone()],
        serde_json::Value::Array(items) => items.iter().flat_map(json_strings).collect(),
        serde_json::Value::Object(map) => map
            .iter()
            .flat_map(|(key, item)| std::iter::once(key.clone()).chain(json_strings(item)))
            .collect(),
        _ => Vec::new(),
    }
}

fn is_terminal_control(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{B}'..='\u{1F}' | '\u{7F}'..='\u{9F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[test]
fn no_terminal_control_characters_reach_any_format() {
    // The fixture has ESC/OSC/BEL, C1 (CSI, NEL), bidi overrides and isolates in an article quote
    // and in notes; this guards that the fixture keeps them.
    let raw = std::fs::read_to_string(fixture_dir().join("notes.toml")).expect("fixture");
    assert!(raw.contains(r"\u001b]0;pwned\u0007") && raw.contains(r"\u009b") && raw.contains(r"\u2066"));
    for format in [Format::Markdown, Format::Json, Format::Csv] {
        let text = exported(format);
        // JSON may spell a control character as an escape; decode it to check what it carries.
        let decoded = match format {
            Format::Json => json_strings(&serde_json::from_str(&text).expect("JSON")).join("\n"),
            _ => text.clone(),
        };
        for shown in [&text, &decoded] {
            let bad: Vec<String> = shown
                .chars()
                .filter(|&c| is_terminal_control(c) || c == '\t')
                .map(|c| format!("U+{:04X}", c as u32))
                .collect();
            assert!(bad.is_empty(), "{format:?} contains {bad:?}");
        }
        assert!(
            text.contains("pwned"),
            "{format:?} keeps the text around the escape"
        );
    }
}

#[test]
fn machine_found_facts_are_marked_unconfirmed_and_never_called_omissions() {
    let md = exported(Format::Markdown);
    let start = md.find("## Coverage of facts").expect("the section");
    let end = md.find("## Annotations by article").expect("the next section");
    let section = &md[start..end];
    let machine: Vec<&str> = section
        .lines()
        .filter(|l| l.contains("machine-found, unconfirmed |"))
        .collect();
    assert!(
        !machine.is_empty(),
        "the fixture has a fact two sources report:\n{section}"
    );
    for line in &machine {
        assert!(!line.contains("omitted"), "{line}");
        assert!(line.contains("not found"), "{line}");
    }
    // "Omitted" is the analyst's word: only in the row of the claim they marked.
    let omitted: Vec<&str> = section.lines().filter(|l| l.contains(" omitted |")).collect();
    assert_eq!(omitted.len(), 1, "{section}");
    assert!(omitted[0].contains("| analyst |"), "{}", omitted[0]);
    assert!(section.contains("not found in: 3."), "{section}");

    let value: serde_json::Value = serde_json::from_str(&exported(Format::Json)).expect("valid JSON");
    let suggested = value["coverage_of_facts"]["suggested"]
        .as_array()
        .expect("suggested");
    assert_eq!(suggested.len(), machine.len());
    for fact in suggested {
        assert_eq!(fact["found_by"], "machine");
        assert_eq!(fact["confirmed"], false);
        assert!(fact.get("omitted_by").is_none(), "{fact}");
    }
}
