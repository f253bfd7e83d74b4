//! End-to-end: sync by content on the seeds. Pane 1 goes to a fact (a search for the words of
//! one of its sentences) and the other panes come to their sentences of the same fact, as the
//! engine (`parallax align --format json`, run here) groups them.

mod common;

use std::collections::BTreeMap;

use common::Tmux;

const WIDTH: u16 = 200;
const HEIGHT: u16 = 50;

/// The first words of a text, single-spaced.
fn words(text: &str, n: usize) -> String {
    text.split_whitespace().take(n).collect::<Vec<_>>().join(" ")
}

/// The sentences of article 0 to search for (the first words of one, typable ASCII and found
/// first at it), each with, for each other article that reports its fact, the starts of the
/// sentences the engine groups with it (any of which sync may bring that pane to).
fn facts(texts: &[String]) -> Vec<(String, BTreeMap<usize, Vec<usize>>)> {
    let groups = common::seed_groups();
    let first = parallax::article::load::from_bytes(std::path::Path::new("0.txt"), texts[0].as_bytes())
        .expect("the first seed loads");
    let mut sentences: Vec<(usize, usize)> = groups
        .iter()
        .flatten()
        .filter(|m| m.0 == 0)
        .map(|m| (m.1, m.2))
        .collect();
    sentences.sort_unstable();
    sentences.dedup();
    let mut facts = Vec::new();
    for (start, end) in sentences {
        let phrase = words(&texts[0][start..end], 5);
        // ASCII that types as itself in a search (`;` would end a tmux command, quotes are
        // curly in these texts).
        let plain = phrase
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | ',' | '-' | '.'));
        // A headline the pane header shows (hidden from the text) is not searchable.
        if !plain
            || phrase.split(' ').count() < 5
            || texts[0].find(&phrase) != Some(start)
            || first.is_hidden(start)
        {
            continue;
        }
        let mut matches: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for group in groups
            .iter()
            .filter(|g| g.iter().any(|m| m.0 == 0 && m.1 <= start && start < m.2))
        {
            for m in group.iter().filter(|m| m.0 != 0) {
                matches.entry(m.0).or_default().push(m.1);
            }
        }
        if matches.len() >= 2 {
            facts.push((phrase, matches));
        }
    }
    facts
}

/// What pane `pane` (0-based) shows: its column of the screen, borders dropped, single-spaced.
fn column(screen: &str, pane: usize) -> String {
    let width = usize::from(WIDTH) / 5;
    let text: Vec<String> = screen
        .lines()
        .skip(1)
        .take(usize::from(HEIGHT) - 3)
        .map(|l| {
            l.chars()
                .skip(pane * width)
                .take(width)
                .filter(|c| !"│┃╭╮╰╯┏┓┗┛─━".contains(*c))
                .collect()
        })
        .collect();
    words(&text.join(" "), usize::MAX)
}

#[test]
fn a_fact_found_in_pane_one_brings_every_pane_to_its_sentence_of_it() {
    let seeds = common::cases::seeds_copy();
    let texts = common::cases::seeds();
    let facts = facts(&texts);
    let tmux = Tmux::start(
        "sync",
        WIDTH,
        HEIGHT,
        &[seeds.path().to_str().expect("utf-8 path")],
    );
    tmux.wait_for("NORMAL");
    tmux.keys(&["s"]);
    let before = tmux.wait_for("sync on");
    let shows = |screen: &str, doc: usize, matches: &BTreeMap<usize, Vec<usize>>| {
        let col = column(screen, doc);
        matches[&doc]
            .iter()
            .any(|&start| col.contains(&words(&texts[doc][start..], 3)))
    };
    // A fact some other pane does not show at first, so that a pane left where it was fails.
    let (phrase, matches) = facts
        .iter()
        .find(|(_, matches)| matches.keys().any(|&doc| !shows(&before, doc, matches)))
        .expect("the engine groups a sentence of the first seed with sentences of two others");
    tmux.keys(&["/", phrase, "Enter"]);
    // The alignment may arrive after the search: the panes follow when it does. The search
    // moves as it is typed, so the panes may be there while the prompt is still open; the wait
    // is for the prompt closed (the status bar back, with its pane count) as well.
    let screen = tmux.wait_until(
        |s| {
            s.contains("[1/5]")
                && column(s, 0).contains(phrase.as_str())
                && matches.keys().all(|&doc| shows(s, doc, matches))
        },
        "every pane on its sentence of the fact, the search closed and pane 1 focused",
    );
    assert!(
        !screen.lines().last().unwrap_or_default().starts_with('/'),
        "the search prompt is closed:\n{screen}"
    );
}
