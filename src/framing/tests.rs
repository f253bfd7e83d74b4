//! Unit tests of the framing core: merging split persons, tidying overlaps, folding for display,
//! the analysis on a small case. Fixtures of other domains are in `tests/framing_patterns.rs`.

use super::*;
use crate::entity::{Decisions, Entity, Reason, analyze as entities};

fn entity(label: &str, kind: Kind, mentions: &[(usize, usize, usize)]) -> Entity {
    Entity {
        label: label.to_owned(),
        kind,
        reason: Reason::Exact,
        mentions: mentions
            .iter()
            .map(|&(doc, start, end)| Mention {
                doc,
                range: start..end,
            })
            .collect(),
    }
}

#[test]
fn a_surname_cluster_merges_into_the_full_name_and_nothing_else_does() {
    let index = EntityIndex {
        entities: vec![
            entity("Kim Jong Un", Kind::Person, &[(0, 0, 11)]),
            entity("Kim", Kind::Person, &[(0, 20, 23), (1, 0, 3)]),
            entity("Kim Jong", Kind::Person, &[(1, 10, 18)]),
            entity("Seoul", Kind::Place, &[(0, 30, 35)]),
            entity("Moon", Kind::Place, &[(0, 40, 44)]),
        ],
    };
    let (frames, of_entity) = merge::frames(&index);
    assert_eq!(frames.len(), 3);
    assert_eq!(of_entity[..3], [0, 0, 0]);
    assert_eq!(frames[0].mentions.len(), 4);
    assert_eq!(frames[0].mentions[1].range, 20..23, "sorted by (doc, start)");
    assert_eq!(frames[2].label, "Moon", "a place never merges into a person");
}

#[test]
fn tidy_keeps_the_first_and_longest_of_overlapping_descriptors() {
    let d = |doc, range: Range<usize>| Descriptor {
        doc,
        range,
        pattern: Pattern::Standalone,
        loaded: false,
    };
    let mut list = vec![d(0, 5..9), d(0, 0..10), d(1, 0..3), d(0, 0..10), d(0, 12..15)];
    tidy(&mut list);
    let ranges: Vec<(usize, Range<usize>)> = list.into_iter().map(|d| (d.doc, d.range)).collect();
    assert_eq!(ranges, [(0, 0..10), (0, 12..15), (1, 0..3)]);
}

#[test]
fn summary_folds_case_and_a_leading_article() {
    let text = "The president met. the President left. a president. President";
    let frame = Frame {
        label: "X".into(),
        kind: Kind::Person,
        mentions: Vec::new(),
        descriptors: [0..13, 19..32, 39..50, 52..61]
            .into_iter()
            .map(|range| Descriptor {
                doc: 0,
                range,
                pattern: Pattern::Standalone,
                loaded: false,
            })
            .collect(),
    };
    let counts = summary::counts(&frame, 0, text);
    assert_eq!(counts, [("The president".to_owned(), 4)]);
    assert!(summary::counts(&frame, 1, text).is_empty());
}

#[test]
fn a_small_case_links_standalone_roles_and_learns_countries() {
    let texts = [
        "Ruritanian Prime Minister Anna Weiss arrived.\nThe prime minister smiled.\nRuritania's government agreed.\n",
        "Weiss, the Ruritanian leader, spoke.\n",
    ];
    let articles: Vec<Article> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| Article::plain(format!("{i}.txt"), *t))
        .collect();
    let refs: Vec<&Article> = articles.iter().collect();
    let mut gazetteer = Gazetteer::builtin();
    gazetteer
        .add_toml("place = [{ name = \"Ruritania\", demonyms = [\"Ruritanian\"] }]\n")
        .expect("parses");
    let index = entities(&refs, &gazetteer, &Decisions::default());
    let framing = analyze(&refs, &index, &gazetteer, &Lexicon::builtin());
    let shown = |label: &str| -> Vec<&str> {
        framing
            .entities
            .iter()
            .find(|f| f.label.contains(label))
            .map(|f| {
                f.descriptors
                    .iter()
                    .map(|d| &articles[d.doc].text[d.range.clone()])
                    .collect()
            })
            .unwrap_or_default()
    };
    assert_eq!(
        shown("Weiss"),
        [
            "Ruritanian Prime Minister",
            "The prime minister",
            "the Ruritanian leader"
        ]
    );
    assert_eq!(shown("Ruritania"), ["Ruritania's government"]);
}
