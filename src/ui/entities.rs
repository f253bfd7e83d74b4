//! The entities panel: one row per entity, sorted by how many sources mention it, with a small
//! matrix of mention counts per pane so coverage gaps show at a glance.

use std::fmt::Write as _;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Widget};

use crate::app::App;
use crate::article::sanitize::sanitize_line;
use crate::config::Theme;
use crate::entity::Kind;

const LABEL_WIDTH: usize = 30;
const CELL_WIDTH: usize = 4;

fn kind_label(kind: Kind) -> &'static str {
    match kind {
        Kind::Person => "person",
        Kind::Organisation => "org",
        Kind::Place => "place",
        Kind::Event => "event",
        Kind::Other => "other",
    }
}

/// Columns kept for the other spellings merged into an entity ("= Esmail Qaani, Qaani").
const SPELLINGS_WIDTH: usize = 40;

/// Cuts `text` to `width` characters, marking the cut with an ellipsis.
fn fit(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        format!("{text:<width$}")
    } else {
        let cut: String = text.chars().take(width.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

/// Draws the panel over most of `area`.
pub fn render(app: &App, area: Rect, theme: &Theme, buf: &mut Buffer) {
    let Some(index) = &app.entities.index else { return };
    let panes = app.panes.len();
    // Room for the columns and for the other spellings of each entity after them.
    let wanted = (LABEL_WIDTH + 9 + CELL_WIDTH * panes + 8 + SPELLINGS_WIDTH) as u16;
    let width = wanted.min(area.width.saturating_sub(2));
    let height = area.height.saturating_sub(4);
    let rect = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + 1,
        width,
        height,
    };
    Clear.render(rect, buf);
    let rows = app.entities.panel_rows();
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focused_border)
        .title(format!(" Entities ({} of {}) ", rows.len(), index.entities.len()))
        .title_bottom(Line::from(" type to filter · ↑↓ move · Enter select · Esc close ").right_aligned());
    let inner = block.inner(rect);
    block.render(rect, buf);
    if inner.height < 3 {
        return;
    }
    let filter = sanitize_line(&app.entities.panel.filter);
    Line::from(vec![
        Span::styled("Filter: ", theme.help_key),
        Span::raw(filter),
        Span::raw("▏"),
    ])
    .render(Rect { height: 1, ..inner }, buf);
    let cells = (1..=panes).fold(String::new(), |mut cells, p| {
        let _ = write!(cells, "{p:>CELL_WIDTH$}");
        cells
    });
    let header = format!("{:<LABEL_WIDTH$} {:<7}{cells}  all", "Entity", "Kind");
    Line::from(Span::styled(header, Style::new().add_modifier(Modifier::BOLD))).render(
        Rect {
            y: inner.y + 1,
            height: 1,
            ..inner
        },
        buf,
    );

    let docs: Vec<Option<usize>> = app
        .panes
        .iter()
        .map(|p| app.entities.doc_of(&p.article))
        .collect();
    let list_height = usize::from(inner.height - 2);
    let cursor = app.entities.panel.cursor.min(rows.len().saturating_sub(1));
    let first = cursor.saturating_sub(list_height.saturating_sub(1));
    for (line, &entity) in rows.iter().enumerate().skip(first).take(list_height) {
        let e = &index.entities[entity];
        let style = theme.entity(
            app.entities.colour(entity),
            app.entities.source_count(entity),
            false,
        );
        let mut spans = vec![
            Span::styled(fit(&sanitize_line(&e.label), LABEL_WIDTH), style),
            Span::raw(format!(" {:<7}", kind_label(e.kind))),
        ];
        for doc in &docs {
            let count = doc.map_or(0, |d| e.mentions.iter().filter(|m| m.doc == d).count());
            let cell = if count == 0 {
                format!("{:>CELL_WIDTH$}", "·")
            } else {
                format!("{count:>CELL_WIDTH$}")
            };
            spans.push(Span::raw(cell));
        }
        spans.push(Span::raw(format!("{:>5}", e.mentions.len())));
        // The other spellings merged into it, so a wrong merge shows.
        let spellings = app.entities.spellings(entity);
        if !spellings.is_empty() {
            spans.push(Span::styled(
                format!("  = {}", sanitize_line(&spellings.join(", "))),
                Style::new().add_modifier(Modifier::DIM),
            ));
        }
        let mut row = Line::from(spans);
        if line == cursor {
            row = row.style(Style::new().add_modifier(Modifier::REVERSED));
        }
        let y = inner.y + 2 + (line - first) as u16;
        row.render(
            Rect {
                y,
                height: 1,
                ..inner
            },
            buf,
        );
    }
}
