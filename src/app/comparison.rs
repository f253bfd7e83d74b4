//! The comparison view: the facts of the alignment as rows, the open outlets as columns, each
//! cell the outlet's sentence of the fact (shortened) or nothing. Rows sort by how many outlets
//! report the fact; a filter keeps the facts not found in one outlet, or those only it reports
//! (the outlet is the focused pane: `focus-next` / `focus-prev` change it here too). `confirm`
//! brings every pane to the highlighted fact.
//!
//! The rows are built when the view opens and again when a new alignment arrives, never while
//! drawing; a change of filter or outlet only re-picks which rows show. Facts that come out with
//! the same sentence in every column show as one row, and no two rows share a title while a
//! row has another sentence to be titled by.

use std::ops::Range;

use super::{App, Mode};
use crate::article::sanitize::sanitize_line;
use crate::compare::Group;
use crate::export::facts;

/// The most characters a row's title keeps.
pub const TITLE_CHARS: usize = 80;
/// The most characters a cell keeps (the renderer cuts it further to the column's width).
const CELL_CHARS: usize = 160;

/// One outlet's sentence of a fact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// The sentence's byte range in the pane's article.
    pub range: Range<usize>,
    /// The sentence on one line, shortened, terminal-safe.
    pub text: String,
}

/// One fact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The fact's clearest sentence, shortened.
    pub title: String,
    /// One per pane, in pane order: the pane's first sentence of the fact, if it reports it.
    pub cells: Vec<Option<Cell>>,
    /// How many outlets report it.
    pub outlets: usize,
    /// The analyst's claim group that links two or more of its sentences, when there is one:
    /// the fact is confirmed, not only suggested.
    pub claim: Option<String>,
    /// The group's index in the alignment it was built from.
    pub group: usize,
}

/// Which facts show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Filter {
    #[default]
    All,
    /// Facts other outlets report that were not found in the outlet: candidate omissions.
    NotFoundIn,
    /// Facts only the outlet reports.
    OnlyIn,
}

impl Filter {
    /// The next filter in the cycle `compare-filter` steps through.
    #[must_use]
    pub fn next(self) -> Self {
        match self {
            Self::All => Self::NotFoundIn,
            Self::NotFoundIn => Self::OnlyIn,
            Self::OnlyIn => Self::All,
        }
    }
}

/// The view as it is open.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct View {
    /// Every fact, sorted: most outlets first, then the engine's confidence.
    pub rows: Vec<Row>,
    /// The outlets' names, in pane order.
    pub outlets: Vec<String>,
    pub filter: Filter,
    /// The outlet (pane) the filter is about.
    pub outlet: usize,
    /// Indexes into `rows` of the rows the filter keeps, in order.
    pub shown: Vec<usize>,
    /// The highlighted row, an index into `shown`.
    pub cursor: usize,
}

impl View {
    /// The highlighted row.
    pub fn current(&self) -> Option<&Row> {
        self.shown.get(self.cursor).and_then(|&i| self.rows.get(i))
    }

    /// Re-picks the rows the filter keeps for `self.outlet`, keeping the highlighted fact when it
    /// still shows.
    pub fn refilter(&mut self) {
        let current = self.current().map(|r| r.group);
        let panes = self.outlets.len();
        // "Not found in" lists facts several outlets report (one other when only two are open):
        // another outlet's unique claim is not something this one left out.
        let several = 2.min(panes.saturating_sub(1)).max(1);
        let (filter, outlet) = (self.filter, self.outlet);
        self.shown = (0..self.rows.len())
            .filter(|&i| {
                let row = &self.rows[i];
                let here = row.cells.get(outlet).is_some_and(Option::is_some);
                match filter {
                    Filter::All => true,
                    Filter::NotFoundIn => !here && row.outlets >= several,
                    Filter::OnlyIn => here && row.outlets == 1,
                }
            })
            .collect();
        self.cursor = current
            .and_then(|g| self.shown.iter().position(|&i| self.rows[i].group == g))
            .unwrap_or(0);
    }

    /// What the view shows, for its title: `12 of 140 facts: not found in BBC`.
    pub fn heading(&self) -> String {
        let outlet = self.outlets.get(self.outlet).map_or("", String::as_str);
        let what = match self.filter {
            Filter::All => "all facts, most widely reported first".to_owned(),
            Filter::NotFoundIn => format!("facts others report, not found in {outlet}"),
            Filter::OnlyIn => format!("facts only {outlet} reports"),
        };
        format!("{} of {} · {what}", self.shown.len(), self.rows.len())
    }
}

/// `compare`: opens the view over the alignment of the open panes.
pub fn open(app: &mut App) {
    if app.panes.len() < 2 {
        app.info("open two or more articles to compare them");
        return;
    }
    let Some(view) = build(app) else {
        app.info("the facts are still being aligned…");
        return;
    };
    app.mode = Mode::Compare(Box::new(view));
}

/// Rebuilds the open view's rows from the alignment that just arrived, keeping its filter,
/// outlet and highlighted fact where it can.
pub fn refresh(app: &mut App) {
    let Mode::Compare(old) = &app.mode else {
        return;
    };
    let (filter, outlet, current) = (old.filter, old.outlet, old.current().map(|r| r.cells.clone()));
    let Some(mut view) = build(app) else {
        return;
    };
    view.filter = filter;
    view.outlet = outlet.min(view.outlets.len().saturating_sub(1));
    view.refilter();
    if let Some(cells) = current
        && let Some(at) = view.shown.iter().position(|&i| view.rows[i].cells == cells)
    {
        view.cursor = at;
    }
    app.mode = Mode::Compare(Box::new(view));
}

/// After an action in the view: the filter follows the focused pane.
pub fn follow_focus(app: &mut App) {
    let focus = app.focus;
    if let Mode::Compare(view) = &mut app.mode
        && view.outlet != focus
    {
        view.outlet = focus;
        view.refilter();
    }
}

/// `compare-filter`: all facts, those not found in the focused outlet, those only it reports.
pub fn cycle_filter(app: &mut App) {
    if let Mode::Compare(view) = &mut app.mode {
        view.filter = view.filter.next();
        view.refilter();
    } else {
        app.info("compare-filter works in the comparison view (compare)");
    }
}

/// A row before the rows are sorted and titled.
struct Drafted {
    row: Row,
    /// The titles it could take, plainest first.
    titles: Vec<String>,
    confidence: f32,
    /// Its first member (article, start): the last tie-break, for a stable order.
    first: (usize, usize),
}

/// The view of the open panes' alignment; None until the alignment of exactly these panes
/// has arrived.
pub fn build(app: &App) -> Option<View> {
    let docs: Vec<_> = app.panes.iter().map(|p| p.article.clone()).collect();
    let alignment = app.alignment.of(&docs)?;
    let mut rows: Vec<Drafted> = alignment
        .groups
        .iter()
        .enumerate()
        .filter_map(|(index, group)| {
            let first = group.members.first()?;
            let (row, titles) = row(app, index, group);
            Some(Drafted {
                row,
                titles,
                confidence: group.confidence,
                first: (first.doc, first.range.start),
            })
        })
        .collect();
    rows.sort_by(|a, b| {
        b.row
            .outlets
            .cmp(&a.row.outlets)
            .then(b.confidence.total_cmp(&a.confidence))
            .then(a.first.cmp(&b.first))
    });
    // Two facts that overlap (a sentence may report two) can come out with the same sentence in
    // every column: one row shows them. Each row is titled by its plainest sentence that no row
    // above already uses, so that rows read apart.
    let mut seen_cells: Vec<Vec<Option<Range<usize>>>> = Vec::new();
    let mut used_titles: Vec<String> = Vec::new();
    let mut kept = Vec::new();
    for Drafted { mut row, titles, .. } in rows {
        let cells: Vec<Option<Range<usize>>> = row
            .cells
            .iter()
            .map(|c| c.as_ref().map(|c| c.range.clone()))
            .collect();
        if row.outlets > 1 && seen_cells.contains(&cells) {
            continue;
        }
        seen_cells.push(cells);
        row.title = titles
            .iter()
            .find(|t| !used_titles.contains(t))
            .or(titles.first())
            .cloned()
            .unwrap_or_default();
        used_titles.push(row.title.clone());
        kept.push(row);
    }
    let mut view = View {
        rows: kept,
        outlets: app.panes.iter().map(super::Pane::outlet).collect(),
        filter: Filter::All,
        outlet: app.focus,
        shown: Vec::new(),
        cursor: 0,
    };
    view.refilter();
    Some(view)
}

/// The row of one group, each pane's sentence of it, and the titles it could take (its
/// sentences, plainest first, shortened); the title is chosen once all rows are known.
fn row(app: &App, index: usize, group: &Group) -> (Row, Vec<String>) {
    let text_of = |doc: usize| app.panes.get(doc).map(|p| p.article.text.as_str());
    let chosen = facts::representatives(group, text_of);
    let cells: Vec<Option<Cell>> = (0..app.panes.len())
        .map(|doc| {
            let (_, range) = chosen.iter().find(|(d, _)| *d == doc)?;
            let text = text_of(doc)?.get(range.clone())?;
            Some(Cell {
                range: range.clone(),
                text: sanitize_line(&crate::export::shorten(text, CELL_CHARS)),
            })
        })
        .collect();
    let sentences: Vec<(usize, &str)> = chosen
        .iter()
        .filter_map(|(doc, range)| Some((*doc, text_of(*doc)?.get(range.clone())?)))
        .collect();
    let titles: Vec<String> = facts::by_clarity(&sentences)
        .into_iter()
        .map(|text| sanitize_line(&crate::export::shorten(text, TITLE_CHARS)))
        .collect();
    let row = Row {
        title: titles.first().cloned().unwrap_or_default(),
        outlets: cells.iter().filter(|c| c.is_some()).count(),
        claim: claim_of(app, &cells),
        cells,
        group: index,
    };
    (row, titles)
}

/// The claim group that holds annotations on two or more of `cells`' sentences.
fn claim_of(app: &App, cells: &[Option<Cell>]) -> Option<String> {
    let mut groups: Vec<usize> = cells
        .iter()
        .enumerate()
        .filter_map(|(pane, cell)| super::suggestion::annotation_in(app, pane, &cell.as_ref()?.range)?.1)
        .collect();
    groups.sort_unstable();
    let linked = groups.windows(2).find(|w| w[0] == w[1]).map(|w| w[0])?;
    Some(app.notes.notes.claims.get(linked)?.id.clone())
}

/// `confirm` in the view: every pane that reports the highlighted fact shows its sentence of
/// it; the focused pane (or, when it does not report it, the first that does) takes the focus
/// with its cursor on the sentence, so the status bar says who reports it and who does not.
pub fn confirm(app: &mut App, view: &View) {
    let Some(row) = view.current() else {
        app.mode = Mode::Normal;
        return;
    };
    for (pane, cell) in app.panes.iter_mut().zip(&row.cells) {
        if let Some(cell) = cell {
            pane.show_offset(cell.range.start);
        }
    }
    let focus = if row.cells.get(app.focus).is_some_and(Option::is_some) {
        Some(app.focus)
    } else {
        row.cells.iter().position(Option::is_some)
    };
    if let Some((focus, Some(cell))) = focus.map(|f| (f, &row.cells[f])) {
        app.focus = focus;
        let start = cell.range.start;
        app.panes[focus].put_cursor_at(start);
    }
    app.mode = Mode::Normal;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_keep_what_they_say_and_the_highlighted_fact_stays() {
        let cell = |text: &str| {
            Some(Cell {
                range: 0..1,
                text: text.into(),
            })
        };
        let row = |group: usize, cells: Vec<Option<Cell>>| Row {
            title: String::new(),
            claim: None,
            outlets: cells.iter().filter(|c| c.is_some()).count(),
            cells,
            group,
        };
        let mut view = View {
            rows: vec![
                row(0, vec![cell("a"), cell("b"), cell("c")]),
                row(1, vec![None, cell("b"), cell("c")]),
                row(2, vec![None, None, cell("c")]),
                row(3, vec![cell("a"), None, None]),
            ],
            outlets: vec!["A".into(), "B".into(), "C".into()],
            ..View::default()
        };
        view.refilter();
        assert_eq!(view.shown, [0, 1, 2, 3]);
        view.cursor = 1;
        view.filter = Filter::NotFoundIn;
        view.refilter();
        // Only C reports fact 2: a unique claim of C is not one A left out.
        assert_eq!(view.shown, [1]);
        assert_eq!(
            view.current().map(|r| r.group),
            Some(1),
            "the highlighted fact stays"
        );
        assert!(view.heading().contains("not found in A"), "{}", view.heading());
        view.filter = Filter::OnlyIn;
        view.refilter();
        assert_eq!(view.shown, [3]);
        assert_eq!(view.cursor, 0);
        view.outlet = 2;
        view.refilter();
        assert_eq!(view.shown, [2]);
    }
}
