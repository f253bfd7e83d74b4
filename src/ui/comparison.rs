//! The comparison view: one row per fact (how many outlets report it, its clearest sentence),
//! one column per outlet with its sentence of the fact or "—". Reads the rows built when the
//! view opened or the alignment arrived; no work on the articles here.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Widget};

use super::framing::fit;
use crate::app::App;
use crate::app::comparison::View;
use crate::config::Theme;
use crate::config::keymap::Layer;

/// The narrowest outlet column drawn; with more outlets than fit, those around the focused one
/// show.
const MIN_COLUMN: u16 = 16;
/// Width of the count column (`4/5 ✓`).
const COUNT: u16 = 7;

/// The first key bound to `action` in the view, for the hint line.
fn key(app: &App, action: &str) -> String {
    app.keymap
        .keys_for(Layer::Compare, action)
        .first()
        .map_or_else(|| format!(":{action}"), |(keys, _)| keys.to_string())
}

/// Draws the view over the panes (the status bar stays).
pub fn render(app: &App, view: &View, area: Rect, theme: &Theme, buf: &mut Buffer) {
    let rect = Rect {
        height: area.height.saturating_sub(1),
        ..area
    };
    if rect.width < 30 || rect.height < 5 {
        return;
    }
    Clear.render(rect, buf);
    let hint = format!(
        " {} go to the fact · {} filter · {} outlet · {} make it a claim group · {} close ",
        key(app, "confirm"),
        key(app, "compare-filter"),
        key(app, "focus-next"),
        key(app, "accept-suggestion"),
        key(app, "cancel"),
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focused_border)
        .title(format!(" Compare: {} ", view.heading()))
        .title_bottom(Line::from(hint).right_aligned());
    let inner = block.inner(rect);
    block.render(rect, buf);
    if view.shown.is_empty() {
        Line::from("No fact matches the filter.").render(inner, buf);
        return;
    }
    // Title column: a third of the width, at least 20; the outlets share the rest.
    let title_width = (inner.width / 3)
        .max(20)
        .min(inner.width.saturating_sub(COUNT + MIN_COLUMN));
    let rest = inner.width.saturating_sub(COUNT + title_width);
    let outlets = view.outlets.len().max(1);
    let fits = usize::from((rest / MIN_COLUMN).max(1)).min(outlets);
    let first = view.outlet.saturating_sub(fits - 1).min(outlets - fits);
    let column = rest / fits as u16;
    let dim = theme.hidden_text.add_modifier(Modifier::DIM);
    let bold = Style::new().add_modifier(Modifier::BOLD);
    // Header: the focused outlet (the one the filter is about) is underlined.
    let mut header = vec![
        Span::styled(format!("{:<width$}", "Found", width = usize::from(COUNT)), bold),
        Span::styled(
            format!("{:<width$}", "Fact", width = usize::from(title_width)),
            bold,
        ),
    ];
    for o in first..first + fits {
        let name = fit(
            &format!("[{}] {}", o + 1, view.outlets[o]),
            usize::from(column.saturating_sub(1)),
        );
        let style = if o == view.outlet {
            bold.add_modifier(Modifier::UNDERLINED)
        } else {
            bold
        };
        header.push(Span::styled(name, style));
        header.push(Span::raw(" ".repeat(
            usize::from(column).saturating_sub(header.last().map_or(0, Span::width)),
        )));
    }
    Line::from(header).render(Rect { height: 1, ..inner }, buf);
    let rows = usize::from(inner.height.saturating_sub(1));
    let top = view.cursor.saturating_sub(rows.saturating_sub(1));
    for (line, (at, &index)) in view.shown.iter().enumerate().skip(top).take(rows).enumerate() {
        let row = &view.rows[index];
        let mut spans = vec![
            Span::styled(
                format!(
                    "{:<width$}",
                    fit(
                        &format!(
                            "{}/{}{}",
                            row.outlets,
                            view.outlets.len(),
                            if row.claim.is_some() { " ✓" } else { "" }
                        ),
                        usize::from(COUNT - 1),
                    ),
                    width = usize::from(COUNT)
                ),
                theme.help_key,
            ),
            Span::styled(fit(&row.title, usize::from(title_width - 1)), theme.text),
        ];
        let mut x = 0;
        let mut cells = Vec::new();
        for o in first..first + fits {
            let (text, style) = match row.cells.get(o).and_then(Option::as_ref) {
                Some(cell) => (fit(&cell.text, usize::from(column.saturating_sub(1))), theme.text),
                None => ("—".to_owned(), dim),
            };
            cells.push((x, text, style));
            x += column;
        }
        let y = inner.y + 1 + line as u16;
        let highlighted = at == view.cursor;
        if highlighted {
            buf.set_style(
                Rect {
                    x: inner.x,
                    y,
                    width: inner.width,
                    height: 1,
                },
                Style::new().add_modifier(Modifier::REVERSED),
            );
        }
        let line_style = |style: Style| {
            if highlighted {
                style.add_modifier(Modifier::REVERSED)
            } else {
                style
            }
        };
        for span in &mut spans {
            span.style = line_style(span.style);
        }
        let left = Rect {
            x: inner.x,
            y,
            width: COUNT + title_width,
            height: 1,
        };
        Line::from(spans).render(left, buf);
        for (dx, text, style) in cells {
            Span::styled(text, line_style(style)).render(
                Rect {
                    x: inner.x + COUNT + title_width + dx,
                    y,
                    width: column.saturating_sub(1).max(1),
                    height: 1,
                },
                buf,
            );
        }
    }
}
