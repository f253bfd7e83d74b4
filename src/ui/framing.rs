//! The framing panel: one column per outlet with how it names the entity (its spellings) and
//! how it labels it (descriptors), each with its count; the highlighted line jumps to its first
//! occurrence with Enter. Reads the panel built when it opened; no work on the articles here.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Widget};

use crate::app::framing::{LineKind, Panel};
use crate::article::sanitize::sanitize_line;
use crate::config::Theme;

/// The narrowest column drawn; with more outlets than fit, the columns around the cursor show.
const MIN_COLUMN: u16 = 18;

/// Cuts `text` to `width` characters, marking the cut with an ellipsis.
pub(super) fn fit(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(width.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

/// Draws the panel over most of `area`.
pub fn render(panel: &Panel, cursor: usize, area: Rect, theme: &Theme, buf: &mut Buffer) {
    // As tall as the longest column (plus header and borders), at most the screen.
    let longest = panel.columns.iter().map(|c| c.lines.len()).max().unwrap_or(1);
    let wanted = u16::try_from(longest + 3).unwrap_or(u16::MAX).max(5);
    let rect = Rect {
        x: area.x + 1,
        y: area.y + 1,
        width: area.width.saturating_sub(2),
        height: wanted.min(area.height.saturating_sub(3)),
    };
    if rect.width < 10 || rect.height < 4 {
        return;
    }
    Clear.render(rect, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focused_border)
        .title(format!(" Framing: {} ", sanitize_line(&panel.label)))
        .title_bottom(
            Line::from(" = name · descriptor ×count · ↑↓ move · Enter jump · Esc close ").right_aligned(),
        );
    let inner = block.inner(rect);
    block.render(rect, buf);
    if panel.columns.is_empty() {
        Line::from("No open article names it.").render(inner, buf);
        return;
    }
    let items = panel.items();
    let (current_column, current_line) = items.get(cursor).copied().unwrap_or((0, 0));
    let fits = usize::from((inner.width / MIN_COLUMN).max(1));
    let shown = panel.columns.len().min(fits);
    let first_column = current_column.saturating_sub(shown - 1);
    let width = inner.width / shown as u16;
    let rows = usize::from(inner.height.saturating_sub(1));
    for (slot, c) in (first_column..first_column + shown).enumerate() {
        let column = &panel.columns[c];
        let x = inner.x + slot as u16 * width;
        let w = usize::from(width.saturating_sub(1));
        let header = format!("[{}] {}", column.pane + 1, sanitize_line(&column.outlet));
        Line::from(Span::styled(
            fit(&header, w),
            Style::new().add_modifier(Modifier::BOLD),
        ))
        .render(
            Rect {
                x,
                y: inner.y,
                width,
                height: 1,
            },
            buf,
        );
        let first = if c == current_column {
            current_line.saturating_sub(rows.saturating_sub(1))
        } else {
            0
        };
        for (row, (l, line)) in column.lines.iter().enumerate().skip(first).take(rows).enumerate() {
            let mark = match line.kind {
                LineKind::Name => "= ",
                LineKind::Descriptor => "· ",
            };
            let count = if line.count > 1 {
                format!(" ×{}", line.count)
            } else {
                String::new()
            };
            let text = fit(
                &format!("{mark}{}", sanitize_line(&line.text)),
                w.saturating_sub(count.chars().count()),
            );
            let mut style = match line.kind {
                LineKind::Name => theme.help_key,
                LineKind::Descriptor => theme.text,
            };
            if line.loaded {
                style = style.add_modifier(Modifier::UNDERLINED);
            }
            if c == current_column && l == current_line {
                style = style.add_modifier(Modifier::REVERSED);
            }
            Line::from(vec![Span::styled(text, style), Span::raw(count)]).render(
                Rect {
                    x,
                    y: inner.y + 1 + row as u16,
                    width,
                    height: 1,
                },
                buf,
            );
        }
    }
}
