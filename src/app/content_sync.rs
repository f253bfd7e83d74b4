//! Sync by content: with sync on and an alignment of the panes, the other panes go to their
//! sentence of the fact the scrolled pane's top line reports, and between matched facts to the
//! point interpolated between the nearest matches before and after. A pane with no match within
//! `NEAR` bytes of the top line follows proportionally and says so in its border.

use std::ops::Range;

use super::App;
use crate::compare::Alignment;
use crate::config::SyncBy;

/// A match further than this from the top line (in the scrolled pane's text) is not "nearby".
const NEAR: usize = 1200;

/// Where pane `to` should be when pane `from` shows byte `top`, by the alignment: the matched
/// sentence's start, an interpolated offset between two matches, or `None` (no match nearby).
pub fn target(alignment: &Alignment, from: usize, to: usize, top: usize) -> Option<usize> {
    // Anchors: (start in `from`, range in `from`, start in `to`) of every fact both report.
    let mut anchors: Vec<(Range<usize>, usize)> = Vec::new();
    for group in &alignment.groups {
        let first = |doc: usize| {
            group
                .members
                .iter()
                .find(|m| m.doc == doc)
                .map(|m| m.range.clone())
        };
        if let (Some(a), Some(b)) = (first(from), first(to)) {
            anchors.push((a, b.start));
        }
    }
    if anchors.is_empty() {
        return None;
    }
    // The fact whose sentence holds the top line: its match, exactly.
    if let Some((_, at)) = anchors
        .iter()
        .filter(|(r, _)| r.start <= top && top < r.end)
        .min_by_key(|(r, _)| r.len())
    {
        return Some(*at);
    }
    let before = anchors
        .iter()
        .filter(|(r, _)| r.start <= top)
        .max_by_key(|(r, _)| r.start);
    let after = anchors
        .iter()
        .filter(|(r, _)| r.start > top)
        .min_by_key(|(r, _)| r.start);
    match (before, after) {
        (Some((prev, at_prev)), Some((next, at_next)))
            if top - prev.start <= NEAR || next.start - top <= NEAR =>
        {
            let share = (top - prev.start) as f64 / (next.start - prev.start).max(1) as f64;
            let (from_at, to_at) = (*at_prev as f64, *at_next as f64);
            Some((from_at + share * (to_at - from_at)).max(0.0) as usize)
        }
        (Some((a, at_a)), None) if top - a.start <= NEAR => Some(*at_a + (top - a.start)),
        (None, Some((b, at_b))) if b.start - top <= NEAR => Some(at_b.saturating_sub(b.start - top)),
        _ => None,
    }
}

/// Brings every other pane to the content of pane `from`'s top line. Returns false, changing
/// nothing, when there is no alignment of the open panes or the analyst chose proportional sync
/// (the caller syncs proportionally).
pub fn follow(app: &mut App, from: usize) -> bool {
    follow_at(app, from, None)
}

/// Like [`follow`], but for the content at byte `anchor` of pane `from` (a search hit, the cursor
/// sentence) rather than its top line: each other pane shows its match on the row `anchor` shows
/// on in `from`, so the fact a jump went to is side by side in every pane.
pub fn follow_at(app: &mut App, from: usize, anchor: Option<usize>) -> bool {
    if app.settings.sync_by == SyncBy::Proportional {
        return false;
    }
    let docs: Vec<_> = app.panes.iter().map(|p| p.article.clone()).collect();
    let Some(alignment) = app.alignment.of(&docs).cloned() else {
        return false;
    };
    let Some(pane) = app.panes.get_mut(from) else {
        return false;
    };
    let top = pane.top_offset();
    let (at, rows_down) = match anchor {
        Some(at) if at >= top => (at, pane.rows_between(top, at)),
        _ => (top, 0),
    };
    let fraction = pane.fraction();
    for (i, other) in app.panes.iter_mut().enumerate() {
        if i == from {
            other.sync_note = None;
            continue;
        }
        if let Some(offset) = target(&alignment, from, i, at) {
            other.scroll_to_offset_at_row(offset, rows_down);
            other.sync_note = None;
        } else {
            other.scroll_to_fraction(fraction);
            other.sync_note = Some("no match nearby");
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::{Group, Member};

    fn group(members: &[(usize, Range<usize>)]) -> Group {
        Group {
            members: members
                .iter()
                .map(|(doc, range)| Member {
                    doc: *doc,
                    range: range.clone(),
                })
                .collect(),
            confidence: 0.5,
        }
    }

    fn alignment() -> Alignment {
        Alignment {
            docs: 3,
            groups: vec![
                // Outlets order facts differently: the second fact of 0 is the first of 1.
                group(&[(0, 0..100), (1, 500..600)]),
                group(&[(0, 300..400), (1, 0..80)]),
                group(&[(0, 5000..5100), (1, 900..950)]),
                group(&[(2, 0..50)]),
            ],
        }
    }

    #[test]
    fn a_top_line_in_a_matched_sentence_goes_to_its_match() {
        let a = alignment();
        assert_eq!(target(&a, 0, 1, 50), Some(500));
        assert_eq!(target(&a, 0, 1, 350), Some(0));
        assert_eq!(target(&a, 1, 0, 20), Some(300), "either pane can lead");
    }

    #[test]
    fn between_matches_the_offset_is_interpolated() {
        let a = alignment();
        // Halfway from the fact at 0 (→ 500) to the fact at 300 (→ 0).
        assert_eq!(target(&a, 0, 1, 150), Some(250));
    }

    #[test]
    fn far_from_any_match_or_with_no_match_there_is_no_target() {
        let a = alignment();
        assert_eq!(
            target(&a, 0, 1, 2600),
            None,
            "1,600+ bytes from the nearest match"
        );
        assert_eq!(target(&a, 0, 2, 10), None, "pane 2 shares no fact with pane 0");
    }

    /// Two outlets that order the same facts differently, padded so proportional sync would
    /// put the other pane elsewhere.
    fn reader() -> App {
        use crate::config::Config;
        use ratatui::layout::Rect;
        use std::fmt::Write as _;
        // Lines that share no word with the other article's (no numbers either: "line 3" in
        // both would be a match).
        let filler = |tag: &str, n: usize| -> String {
            let words: &[&str] = match tag {
                "alpha" => &["tram", "depot", "paint"],
                "beta" => &["choir", "rehearsal", "organ"],
                "gamma" => &["orchard", "harvest", "cider"],
                _ => &["glacier", "survey", "drill"],
            };
            (0..n).fold(String::new(), |mut out, i| {
                let mark: String = [b'a' + (i % 26) as u8, b'a' + (i / 26) as u8]
                    .iter()
                    .map(|&c| c as char)
                    .collect();
                let _ = writeln!(out, "The {tag}{mark} {} {} {}.", words[0], words[1], words[2]);
                out
            })
        };
        let a = format!(
            "The dam at Orsk broke on Friday, flooding the old town.\n{}\
             Mayor Ilse Brandt ordered the evacuation of 3,000 residents.\n{}",
            filler("alpha", 40),
            filler("beta", 90)
        );
        let b = format!(
            "{}Some 3,000 residents were evacuated on the orders of Mayor Ilse Brandt.\n{}\
             Floodwater poured into the old town of Orsk after the dam broke on Friday.\n",
            filler("gamma", 5),
            filler("delta", 70)
        );
        let articles = vec![
            crate::article::Article::plain("a.txt", a),
            crate::article::Article::plain("b.txt", b),
        ];
        let mut app = App::new(articles, &Config::default());
        prepare(&mut app, Rect::new(0, 0, 160, 30));
        let docs: Vec<_> = app.panes.iter().map(|p| p.article.clone()).collect();
        let refs: Vec<&crate::article::Article> = docs.iter().map(AsRef::as_ref).collect();
        let index = crate::entity::analyze(
            &refs,
            &crate::entity::Gazetteer::builtin(),
            &crate::entity::Decisions::default(),
        );
        let alignment = crate::app::alignment::compute(&docs, &index);
        app.alignment.set(docs, alignment);
        app
    }

    use crate::app::view::prepare;

    fn row_of(app: &mut App, pane: usize, needle: &str) -> crate::layout::RowPos {
        let p = &mut app.panes[pane];
        let article = p.article.clone();
        let at = article.text.find(needle).expect("the needle is in the text");
        p.layout.pos_of_offset(&article.text, at)
    }

    /// Scrolls pane 0 a row at a time (as `j` does) until its top row reaches `line`, or stops.
    fn scroll_to(app: &mut App, line: crate::layout::RowPos) {
        for _ in 0..500 {
            if app.panes[0].top >= line {
                return;
            }
            crate::app::update::scroll_pane(app, 0, 1);
        }
        panic!("pane 0 never reached {line:?}");
    }

    fn top_line(app: &mut App, pane: usize) -> String {
        let p = &mut app.panes[pane];
        let at = p.top_offset();
        p.article.text[at..]
            .lines()
            .next()
            .unwrap_or_default()
            .to_string()
    }

    #[test]
    fn scrolling_one_pane_brings_the_other_to_the_same_fact() {
        let mut app = reader();
        app.sync = true;
        let line = row_of(&mut app, 0, "Mayor Ilse Brandt");
        // Scroll pane 0 down row by row to the evacuation sentence, as `j` does.
        scroll_to(&mut app, line);
        assert!(top_line(&mut app, 0).starts_with("Mayor Ilse Brandt"));
        assert!(
            top_line(&mut app, 1).starts_with("Some 3,000 residents"),
            "{}",
            top_line(&mut app, 1)
        );
        assert_eq!(app.panes[1].sync_note, None);
        // Back to the top: the dam fact, which pane 1 reports last.
        crate::app::update::scroll_pane(&mut app, 0, -1000);
        assert!(top_line(&mut app, 0).starts_with("The dam at Orsk"));
        let dam = row_of(&mut app, 1, "Floodwater");
        let pane = &mut app.panes[1];
        let article = pane.article.clone();
        let want = pane.layout.clamp_top(&article.text, dam, pane.body_height);
        assert_eq!(pane.top, want, "as far as the end of pane 1 allows");
    }

    #[test]
    fn far_from_every_match_the_pane_says_so() {
        let mut app = reader();
        app.sync = true;
        let line = row_of(&mut app, 0, "The betaob");
        scroll_to(&mut app, line);
        assert_eq!(app.panes[1].sync_note, Some("no match nearby"));
    }

    fn press(app: &mut App, code: crossterm::event::KeyCode) {
        let key = crossterm::event::KeyEvent::new(code, crossterm::event::KeyModifiers::NONE);
        crate::app::update::handle_key(app, key);
        prepare(app, app.view.area);
    }

    /// The row of pane `pane` (from its top) that shows byte `at`, when it is on screen.
    fn row_showing(app: &mut App, pane: usize, needle: &str) -> Option<usize> {
        let p = &mut app.panes[pane];
        let at = p.article.text.find(needle)?;
        let top = p.top_offset();
        let row = (at >= top).then(|| p.rows_between(top, at));
        row.filter(|&r| r < p.body_height)
    }

    #[test]
    fn a_search_jump_keeps_the_panes_on_the_same_fact() {
        use crossterm::event::KeyCode;
        let mut app = reader();
        app.sync = true;
        press(&mut app, KeyCode::Char('/'));
        // Found in pane 1 only, near its top: pane 0 reports the fact some 80 rows down.
        for c in "were evacuated on the".chars() {
            press(&mut app, KeyCode::Char(c));
        }
        press(&mut app, KeyCode::Enter);
        assert_eq!(app.focus, 1, "the hit is in pane 1");
        let hit = row_showing(&mut app, 1, "Some 3,000 residents").expect("the hit is shown");
        assert!(hit > 0, "below pane 1's top line, not on it");
        assert_eq!(
            row_showing(&mut app, 0, "Mayor Ilse Brandt"),
            Some(hit),
            "pane 0 shows its sentence of the fact on the hit's row"
        );
        // `g` in pane 0 takes it to its top, the dam, and pane 1 to its end; `n` goes back to
        // the single hit in pane 1 and syncs pane 0 again.
        app.focus = 0;
        press(&mut app, KeyCode::Char('g'));
        assert_eq!(row_showing(&mut app, 0, "Mayor Ilse Brandt"), None);
        press(&mut app, KeyCode::Char('n'));
        let hit = row_showing(&mut app, 1, "Some 3,000 residents").expect("the hit is shown");
        assert_eq!(row_showing(&mut app, 0, "Mayor Ilse Brandt"), Some(hit));
    }

    #[test]
    fn proportional_sync_stays_an_option() {
        let mut app = reader();
        app.sync = true;
        app.settings.sync_by = SyncBy::Proportional;
        let line = row_of(&mut app, 0, "Mayor Ilse Brandt");
        scroll_to(&mut app, line);
        let (a, b) = (app.panes[0].fraction(), app.panes[1].fraction());
        assert!((a - b).abs() < 0.05, "same fraction: {a} vs {b}");
        assert!(!top_line(&mut app, 1).starts_with("Some 3,000 residents"));
        assert_eq!(app.panes[1].sync_note, None);
    }

    #[test]
    fn the_sync_by_key_switches_between_content_and_proportional() {
        let mut app = reader();
        app.sync = true;
        let line = row_of(&mut app, 0, "Mayor Ilse Brandt");
        scroll_to(&mut app, line);
        assert!(
            top_line(&mut app, 1).starts_with("Some 3,000 residents"),
            "by content"
        );
        // `P`: the same place; pane 1 goes back to pane 0's fraction of its text.
        press(&mut app, crossterm::event::KeyCode::Char('P'));
        assert_eq!(app.settings.sync_by, SyncBy::Proportional);
        let (a, b) = (app.panes[0].fraction(), app.panes[1].fraction());
        assert!((a - b).abs() < 0.05, "same fraction: {a} vs {b}");
        assert!(!top_line(&mut app, 1).starts_with("Some 3,000 residents"));
        // And back: pane 1 on its sentence of the fact again.
        press(&mut app, crossterm::event::KeyCode::Char('P'));
        assert_eq!(app.settings.sync_by, SyncBy::Content);
        assert!(top_line(&mut app, 1).starts_with("Some 3,000 residents"));
    }
}
