//! The generalisation set: short cases from domains the ECB+ development set does not cover,
//! read from `tests/entities_general/cases.txt` (its header explains the format). Every case
//! must pass except those listed in `PENDING`, which must still fail (so the list stays honest).

use parallax::article::Article;
use parallax::entity::{Decisions, EntityIndex, Gazetteer, Kind, analyze};

const CASES: &str = include_str!("entities_general/cases.txt");

/// Cases the engine does not handle yet, by title: known limitations, reported by the test.
const PENDING: &[&str] = &[];

struct Case {
    title: String,
    docs: Vec<String>,
    checks: Vec<(String, String)>,
}

fn parse() -> Vec<Case> {
    let mut cases: Vec<Case> = Vec::new();
    for line in CASES.lines() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(title) = line.strip_prefix("== ") {
            cases.push(Case {
                title: title.to_string(),
                docs: Vec::new(),
                checks: Vec::new(),
            });
            continue;
        }
        let case = cases.last_mut().expect("a check after a case title");
        let (key, value) = line.split_once(": ").expect("key: value");
        if key == "doc" {
            case.docs.push(value.replace("\\n", "\n"));
        } else {
            case.checks.push((key.to_string(), value.to_string()));
        }
    }
    cases
}

/// Each entity as the list of its mention texts.
fn spellings(case: &Case) -> (EntityIndex, Vec<Vec<String>>) {
    let articles: Vec<Article> = case
        .docs
        .iter()
        .enumerate()
        .map(|(i, text)| Article::plain(format!("{i}.txt"), text.clone()))
        .collect();
    let refs: Vec<&Article> = articles.iter().collect();
    let index = analyze(&refs, &Gazetteer::builtin(), &Decisions::default());
    let names = index
        .entities
        .iter()
        .map(|e| {
            e.mentions
                .iter()
                .map(|m| case.docs[m.doc][m.range.clone()].to_string())
                .collect()
        })
        .collect();
    (index, names)
}

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Person => "person",
        Kind::Organisation => "org",
        Kind::Place => "place",
        Kind::Event => "event",
        Kind::Other => "other",
    }
}

/// The failed checks of one case, described.
fn failures(case: &Case) -> Vec<String> {
    let (index, entities) = spellings(case);
    let has = |e: &Vec<String>, s: &str| e.iter().any(|m| m == s);
    let found = |s: &str| entities.iter().any(|e| has(e, s));
    let mut out = Vec::new();
    for (key, value) in &case.checks {
        let pair = value.split_once(" | ");
        let ok = match (key.as_str(), pair) {
            ("found", _) => found(value),
            ("absent", _) => !found(value),
            ("same", Some((a, b))) => entities.iter().any(|e| has(e, a) && has(e, b)),
            ("apart", Some((a, b))) => {
                found(a) && found(b) && !entities.iter().any(|e| has(e, a) && has(e, b))
            }
            ("kind", Some((a, kind))) => entities
                .iter()
                .zip(&index.entities)
                .any(|(e, entity)| has(e, a) && kind_name(entity.kind) == kind),
            _ => panic!("unknown check {key}: {value}"),
        };
        if !ok {
            out.push(format!("{key}: {value}"));
        }
    }
    if !out.is_empty() {
        out.push(format!("got {entities:?}"));
    }
    out
}

#[test]
fn the_set_has_enough_cases_with_negatives() {
    let cases = parse();
    assert!(cases.len() >= 100, "{} cases", cases.len());
    let negatives = cases
        .iter()
        .flat_map(|c| &c.checks)
        .filter(|(k, _)| k == "absent" || k == "apart")
        .count();
    assert!(negatives >= 50, "{negatives} negative checks");
}

#[test]
fn generalisation_cases() {
    let cases = parse();
    let mut failed = Vec::new();
    let mut passed = 0;
    for case in &cases {
        let problems = failures(case);
        let pending = PENDING.contains(&case.title.as_str());
        match (problems.is_empty(), pending) {
            (true, false) => passed += 1,
            (false, true) => {}
            (true, true) => failed.push(format!("{}: passes now, take it off PENDING", case.title)),
            (false, false) => failed.push(format!("{}:\n    {}", case.title, problems.join("\n    "))),
        }
    }
    eprintln!(
        "generalisation set: {passed} of {} cases pass ({} pending)",
        cases.len(),
        PENDING.len()
    );
    assert!(
        failed.is_empty(),
        "{} cases:\n{}",
        failed.len(),
        failed.join("\n")
    );
}
