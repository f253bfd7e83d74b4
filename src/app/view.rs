//! The screen layout as data: which panes show where, computed before drawing.
//!
//! `prepare` runs on every resize and after every update: it pages the panes so the focused one
//! shows, gives each shown pane its rectangle, rewraps a pane whose width changed (keeping its
//! top line), and wraps the rows about to show. The renderer then only reads.

use ratatui::layout::{Constraint, Layout, Rect};

use super::App;

/// Below this size the reader shows a notice instead of panes.
pub const MIN_WIDTH: u16 = 24;
/// Below this size the reader shows a notice instead of panes.
pub const MIN_HEIGHT: u16 = 7;

/// Rows a pane uses above its body (top border and title) and below it (bottom border).
const HEADER_ROWS: u16 = 2;
const FOOTER_ROWS: u16 = 1;

/// A shown pane and where.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PaneSlot {
    /// Index into `App::panes`.
    pub index: usize,
    pub rect: Rect,
}

/// Where everything goes on screen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ViewLayout {
    pub area: Rect,
    pub panes: Vec<PaneSlot>,
    pub status: Rect,
    /// The terminal is below `MIN_WIDTH` × `MIN_HEIGHT`.
    pub too_small: bool,
}

impl ViewLayout {
    /// The shown pane under a screen cell.
    pub fn pane_at(&self, column: u16, row: u16) -> Option<usize> {
        self.panes
            .iter()
            .find(|slot| {
                slot.rect
                    .contains(ratatui::layout::Position { x: column, y: row })
            })
            .map(|slot| slot.index)
    }
}

/// The body (wrapped text) of a pane drawn in `rect`: inside the border, below the title, with a
/// column of padding on each side.
pub fn body_rect(rect: Rect) -> Rect {
    Rect {
        x: rect.x.saturating_add(2),
        y: rect.y.saturating_add(HEADER_ROWS),
        width: rect.width.saturating_sub(4),
        height: rect.height.saturating_sub(HEADER_ROWS + FOOTER_ROWS),
    }
}

/// How many panes fit side by side at the minimum column width.
pub fn panes_per_page(app: &App, width: u16) -> usize {
    if app.zoom {
        return 1;
    }
    let min = app.settings.min_column_width.max(MIN_WIDTH / 2);
    usize::from((width / min).max(1))
}

/// Computes the layout for `area`, pages to the focus, and wraps what will show.
pub fn prepare(app: &mut App, area: Rect) {
    app.focus = app.focus.min(app.panes.len().saturating_sub(1));
    let too_small = area.width < MIN_WIDTH || area.height < MIN_HEIGHT;
    let status = Rect {
        y: area.bottom().saturating_sub(1),
        height: area.height.min(1),
        ..area
    };
    let mut view = ViewLayout {
        area,
        panes: Vec::new(),
        status,
        too_small,
    };
    if !too_small && !app.panes.is_empty() {
        let per_page = panes_per_page(app, area.width).min(app.panes.len());
        if app.zoom {
            app.first_shown = app.focus;
        } else {
            if app.focus < app.first_shown {
                app.first_shown = app.focus;
            } else if app.focus >= app.first_shown + per_page {
                app.first_shown = app.focus + 1 - per_page;
            }
            app.first_shown = app.first_shown.min(app.panes.len() - per_page);
        }
        let shown: Vec<usize> = (app.first_shown..app.first_shown + per_page).collect();
        let panes_area = Rect {
            height: area.height - 1,
            ..area
        };
        let constraints = shown.iter().map(|&i| Constraint::Fill(app.panes[i].weight));
        let rects = Layout::horizontal(constraints).split(panes_area);
        for (&index, &rect) in shown.iter().zip(rects.iter()) {
            view.panes.push(PaneSlot { index, rect });
            let body = body_rect(rect);
            let pane = &mut app.panes[index];
            let text = &pane.article.text;
            if pane.layout.width() != usize::from(body.width.max(1)) {
                let offset = pane.layout.offset_of(text, pane.top);
                pane.layout.set_width(usize::from(body.width));
                pane.top = pane.layout.pos_of_offset(text, offset);
            }
            pane.body_height = usize::from(body.height);
            pane.top = pane.layout.clamp_top(text, pane.top, pane.body_height.max(1));
            pane.layout.prepare(text, pane.top, pane.body_height);
        }
    }
    app.view = view;
}

/// "3–5 of 12" when not all panes show.
pub fn page_label(app: &App) -> Option<String> {
    let first = app.view.panes.first()?.index;
    let last = app.view.panes.last()?.index;
    let total = app.panes.len();
    if app.view.panes.len() >= total {
        return None;
    }
    Some(if first == last {
        format!("{} of {total}", first + 1)
    } else {
        format!("{}–{} of {total}", first + 1, last + 1)
    })
}
