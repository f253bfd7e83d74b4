//! Search in the reader: `/` types a pattern, found incrementally in every pane's visible text
//! ([`crate::search`]: case- and diacritic-insensitive); every hit is marked; `n`/`N` (the
//! `matches` key layer, on while a search is shown) step through the hits across panes, in pane
//! order; Esc ends the search. Each pane folds its text once, on its first search.

use std::ops::Range;
use std::sync::Arc;

use super::{App, Mode, Pane, Prompt};
use crate::layout::RowPos;
use crate::search::Folded;

/// The search being typed or shown.
#[derive(Debug, Clone, Default)]
pub struct SearchState {
    /// The pattern of the search shown (empty: none).
    pub pattern: String,
    /// The hit stepped to last: (pane, index into its hits).
    pub current: Option<(usize, usize)>,
    /// Where the panes were when `/` was pressed, to go back to on Esc.
    origin: Option<(usize, Vec<RowPos>)>,
}

impl SearchState {
    /// Whether a search is shown (its hits marked, `n`/`N` stepping through them).
    pub fn active(&self) -> bool {
        !self.pattern.is_empty()
    }
}

impl Pane {
    /// Finds `pattern` in the pane's text as shown (hidden text only when revealed).
    fn find(&mut self, pattern: &str) {
        let folded = self
            .folded
            .get_or_insert_with(|| Arc::new(Folded::new(&self.article.text)))
            .clone();
        let reveal = self.layout.reveal();
        let article = &self.article;
        self.search_hits = folded
            .find(pattern)
            .into_iter()
            .filter(|hit| reveal || !article.is_hidden(hit.start))
            .collect();
    }
}

/// `/`: opens the search line.
pub fn open(app: &mut App) {
    let tops = app.panes.iter().map(|p| p.top).collect();
    app.search.origin = Some((app.focus, tops));
    app.mode = Mode::Search(Prompt::default());
}

/// After the pattern changed as it is typed: finds it everywhere and shows the first hit at or
/// after where the search started.
pub fn refresh(app: &mut App) {
    let Mode::Search(prompt) = &app.mode else {
        return;
    };
    let pattern = prompt.input.clone();
    if let Some((focus, tops)) = app.search.origin.clone() {
        app.focus = focus.min(app.panes.len().saturating_sub(1));
        for (pane, top) in app.panes.iter_mut().zip(tops) {
            pane.top = top;
        }
    }
    find_everywhere(app, &pattern);
    let focus = app.focus;
    let from = app.panes.get_mut(focus).map_or(0, Pane::top_offset);
    step_from(app, app.focus, from, true, false);
}

/// Finds `pattern` in every pane.
fn find_everywhere(app: &mut App, pattern: &str) {
    pattern.clone_into(&mut app.search.pattern);
    app.search.current = None;
    // On all cores: the first letter also folds every text (50 articles of 100 kB: 33 ms on one
    // core), and each keystroke rescans them all.
    let panes: Vec<&mut Pane> = app.panes.iter_mut().collect();
    crate::par::map(panes, |p| p.article.text.len(), |p| p.find(pattern));
}

/// Enter on the search line: keeps the search shown.
pub fn confirm(app: &mut App) {
    app.mode = Mode::Normal;
    app.search.origin = None;
    if app.search.active() && total(app) == 0 {
        let pattern = app.search.pattern.clone();
        clear(app);
        app.error(format!("/{pattern}: not found"));
    }
}

/// Esc on the search line: back to where the panes were, no search shown.
pub fn cancel(app: &mut App) {
    if let Some((focus, tops)) = app.search.origin.take() {
        app.focus = focus.min(app.panes.len().saturating_sub(1));
        for (pane, top) in app.panes.iter_mut().zip(tops) {
            pane.top = top;
        }
    }
    app.mode = Mode::Normal;
    clear(app);
}

/// Ends the search shown.
pub fn clear(app: &mut App) {
    app.search = SearchState::default();
    for pane in &mut app.panes {
        pane.search_hits.clear();
    }
}

/// `n` / `N`: the next (previous) hit after the current one, across panes in order.
pub fn step(app: &mut App, forward: bool) {
    if !app.search.active() {
        app.info("no search: / starts one");
        return;
    }
    // Panes opened since the search have not been searched yet.
    let pattern = app.search.pattern.clone();
    for pane in app.panes.iter_mut().filter(|p| p.folded.is_none()) {
        pane.find(&pattern);
    }
    let (pane, from) = match app.search.current {
        Some((pane, hit)) => {
            let at = app
                .panes
                .get(pane)
                .and_then(|p| p.search_hits.get(hit))
                .map_or(0, |h| h.start);
            (pane, at)
        }
        None => {
            let focus = app.focus;
            (focus, app.panes.get_mut(focus).map_or(0, Pane::top_offset))
        }
    };
    step_from(app, pane, from, forward, app.search.current.is_some());
}

/// Goes to the first hit at (or, when `strictly`, after) `offset` of pane `pane`, going on into
/// the following panes (the preceding ones when going back) and wrapping around.
fn step_from(app: &mut App, pane: usize, offset: usize, forward: bool, strictly: bool) {
    let count = app.panes.len();
    if count == 0 || !app.search.active() {
        return;
    }
    let found = (0..=count).find_map(|turn| {
        let index = if forward {
            (pane + turn) % count
        } else {
            (pane + count * 2 - turn) % count
        };
        let hits = &app.panes[index].search_hits;
        let hit = match (turn, forward) {
            (0, true) => hits
                .iter()
                .position(|h| h.start > offset || (!strictly && h.start == offset)),
            (0, false) => hits.iter().rposition(|h| h.start < offset),
            (_, true) if turn == count => hits.iter().position(|h| h.start <= offset),
            (_, false) if turn == count => hits.iter().rposition(|h| h.start >= offset),
            (_, true) => (!hits.is_empty()).then_some(0),
            (_, false) => hits.len().checked_sub(1),
        }?;
        Some((index, hit))
    });
    let Some((index, hit)) = found else {
        let pattern = app.search.pattern.clone();
        app.error(format!("/{pattern}: not found"));
        return;
    };
    app.search.current = Some((index, hit));
    app.focus = index;
    let range: Range<usize> = app.panes[index].search_hits[hit].clone();
    app.panes[index].reveal_offset(range.start, range.end);
    let (number, total, panes) = position(app, index, hit);
    let pattern = app.search.pattern.clone();
    app.info(format!(
        "/{pattern}: {number} of {total} in {panes} {}",
        plural(panes, "pane", "panes")
    ));
}

/// The hit's number counting across panes in order, the number of hits, and of panes with hits.
fn position(app: &App, pane: usize, hit: usize) -> (usize, usize, usize) {
    let before: usize = app.panes[..pane].iter().map(|p| p.search_hits.len()).sum();
    let panes = app.panes.iter().filter(|p| !p.search_hits.is_empty()).count();
    (before + hit + 1, total(app), panes)
}

/// How many hits there are in every pane.
pub fn total(app: &App) -> usize {
    app.panes.iter().map(|p| p.search_hits.len()).sum()
}

/// "N hits in K panes", for the search line.
pub fn summary(app: &App) -> String {
    let total = total(app);
    let panes = app.panes.iter().filter(|p| !p.search_hits.is_empty()).count();
    if total == 0 {
        return if app.search.active() {
            "not found".into()
        } else {
            String::new()
        };
    }
    format!(
        "{total} {} in {panes} {}",
        plural(total, "hit", "hits"),
        plural(panes, "pane", "panes")
    )
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::update::handle_key;
    use crate::app::view::prepare;
    use crate::article::Article;
    use crate::config::Config;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use ratatui::layout::Rect;

    fn app() -> App {
        let texts = [
            "Esmail Qaani met the delegates. Filler text follows here.",
            "No mention of the commander in this one.",
            "Brigadier General Ismail Qāānī attended. Later, QAANI spoke.",
        ];
        let articles = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Article::plain(format!("a{i}.txt"), *t))
            .collect();
        let mut app = App::new(articles, &Config::default());
        prepare(&mut app, Rect::new(0, 0, 150, 30));
        app
    }

    fn press(app: &mut App, code: KeyCode) {
        handle_key(app, KeyEvent::new(code, KeyModifiers::NONE));
        prepare(app, app.view.area);
    }

    fn type_text(app: &mut App, text: &str) {
        for c in text.chars() {
            press(app, KeyCode::Char(c));
        }
    }

    #[test]
    fn slash_finds_across_panes_ignoring_case_and_accents_and_n_steps_through() {
        let mut app = app();
        press(&mut app, KeyCode::Char('/'));
        assert!(matches!(app.mode, Mode::Search(_)));
        type_text(&mut app, "qaani");
        assert_eq!(total(&app), 3);
        assert_eq!(summary(&app), "3 hits in 2 panes");
        assert_eq!(
            app.search.current,
            Some((0, 0)),
            "the first hit shows as you type"
        );
        press(&mut app, KeyCode::Enter);
        assert_eq!(app.mode, Mode::Normal);
        assert_eq!(app.mode_label(), "NORMAL");
        press(&mut app, KeyCode::Char('n'));
        assert_eq!(
            (app.focus, app.search.current),
            (2, Some((2, 0))),
            "skips the pane without"
        );
        let message = app.message.clone().expect("a message");
        assert_eq!(message.text, "/qaani: 2 of 3 in 2 panes");
        press(&mut app, KeyCode::Char('n'));
        assert_eq!(app.search.current, Some((2, 1)));
        press(&mut app, KeyCode::Char('n'));
        assert_eq!(app.search.current, Some((0, 0)), "wraps around");
        press(&mut app, KeyCode::Char('N'));
        assert_eq!(app.search.current, Some((2, 1)));
        press(&mut app, KeyCode::Esc);
        assert!(!app.search.active());
        assert!(app.panes.iter().all(|p| p.search_hits.is_empty()));
    }

    #[test]
    fn n_jumps_to_entity_mentions_again_once_the_search_ends() {
        let mut app = app();
        press(&mut app, KeyCode::Char('/'));
        type_text(&mut app, "mention");
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Char('n'));
        let message = app.message.clone().expect("a message");
        assert!(!message.text.starts_with('/'), "{message:?}");
    }

    #[test]
    fn escape_while_typing_puts_the_panes_back_and_a_miss_says_so() {
        let mut app = app();
        press(&mut app, KeyCode::Char('2'));
        press(&mut app, KeyCode::Char('/'));
        type_text(&mut app, "qaani");
        assert_eq!(app.focus, 2, "the first hit after pane 2 is in pane 3");
        press(&mut app, KeyCode::Esc);
        assert_eq!((app.focus, app.mode.clone()), (1, Mode::Normal));
        press(&mut app, KeyCode::Char('/'));
        type_text(&mut app, "zzz");
        assert_eq!(summary(&app), "not found");
        press(&mut app, KeyCode::Enter);
        assert!(!app.search.active());
        assert!(
            app.message
                .as_ref()
                .is_some_and(|m| m.error && m.text == "/zzz: not found")
        );
    }
}
