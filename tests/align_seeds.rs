//! The five seed articles (one meeting in Tehran, held beside a state funeral, five outlets of
//! different slant): the facts several outlets report come out as groups a reader can use, and
//! no group mixes unrelated facts. Runs the built binary, as a user would. The seeds are part of
//! the project's shared folder: without them this test fails, it does not skip.

mod common;

use std::collections::{BTreeSet, HashMap};

/// Every group as its members' (doc, sentence text).
fn groups() -> Vec<Vec<(usize, String)>> {
    let paths = common::cases::seed_paths();
    assert_eq!(paths.len(), 5, "five seed articles");
    let texts: Vec<Vec<u8>> = paths
        .iter()
        .map(|p| std::fs::read(p).expect("readable"))
        .collect();
    common::seed_groups()
        .into_iter()
        .map(|group| {
            group
                .into_iter()
                .map(|(doc, start, end)| {
                    let text = String::from_utf8(texts[doc][start..end].to_vec()).expect("UTF-8 span");
                    (doc, text)
                })
                .collect()
        })
        .collect()
}

/// The outlets whose sentences in `group` satisfy `says`.
fn outlets(group: &[(usize, String)], says: impl Fn(&str) -> bool) -> BTreeSet<usize> {
    group.iter().filter(|(_, t)| says(t)).map(|(d, _)| *d).collect()
}

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

fn reports_a_meeting(text: &str) -> bool {
    words(text).any(|w| matches!(w.as_str(), "meet" | "meets" | "met" | "meeting"))
}

/// The October 7 attack and its toll: background some outlets give, not the meeting or the
/// funeral.
fn recalls_october_7(text: &str) -> bool {
    text.contains("October 7") || text.contains("Oct. 7")
}

#[test]
fn the_meeting_is_one_fact_reported_by_several_outlets() {
    let groups = groups();
    let best = groups
        .iter()
        .map(|g| outlets(g, reports_a_meeting).len())
        .max()
        .unwrap_or(0);
    assert!(
        best >= 3,
        "a group holds the meeting as told by at least three outlets (best: {best})"
    );
    // Who attended: the Hamas leader, named by several outlets in one group.
    let haniyeh = groups
        .iter()
        .map(|g| outlets(g, |t| t.contains("Haniyeh")).len())
        .max()
        .unwrap_or(0);
    assert!(haniyeh >= 3, "Haniyeh's presence, by {haniyeh} outlets at best");
}

#[test]
fn no_group_mixes_the_funeral_with_unrelated_background() {
    for group in groups() {
        let funeral = outlets(&group, |t| t.to_lowercase().contains("funeral"));
        let attack = outlets(&group, recalls_october_7);
        assert!(
            funeral.is_empty() || attack.is_empty(),
            "the funeral and the October 7 attack in one group: {group:#?}"
        );
    }
}

#[test]
fn a_group_takes_at_most_two_sentences_of_an_outlet() {
    for group in groups() {
        let mut per_doc: HashMap<usize, usize> = HashMap::new();
        for (doc, _) in &group {
            *per_doc.entry(*doc).or_default() += 1;
        }
        assert!(
            per_doc.values().all(|&n| n <= 2),
            "a headline and its lead at most, not every sentence on the subject: {group:#?}"
        );
    }
}
