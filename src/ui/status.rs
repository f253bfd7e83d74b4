//! The status bar: mode, focused article, sync, which panes show, key hints, messages; and the
//! `:` command line when it is open.

use std::fmt::Write as _;

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::app::view::page_label;
use crate::app::{App, Mode};
use crate::config::Theme;
use crate::layout::text_width;

/// Draws the bottom line.
pub fn render(app: &App, area: Rect, theme: &Theme, buf: &mut Buffer) {
    buf.set_style(area, theme.status_bar);
    if let Mode::Command(prompt) = &app.mode {
        let mut spans = vec![
            Span::raw(":"),
            Span::raw(crate::article::sanitize::sanitize_line(&prompt.input)),
        ];
        if !prompt.candidates.is_empty() {
            spans.push(Span::styled(
                format!("   {}", prompt.candidates.join(" ")),
                Style::new().add_modifier(Modifier::DIM),
            ));
        }
        Line::from(spans).render(area, buf);
        return;
    }
    if let Mode::Search(prompt) = &app.mode {
        Line::from(vec![
            Span::raw("/"),
            Span::raw(crate::article::sanitize::sanitize_line(&prompt.input)),
            Span::styled(
                format!("   {}", crate::app::search::summary(app)),
                Style::new().add_modifier(Modifier::DIM),
            ),
        ])
        .render(area, buf);
        return;
    }
    let left = left_line(app);
    let left_width = left.width() as u16;
    let room = usize::from(area.width.saturating_sub(left_width + 1));
    let right = match &app.message {
        _ if !app.pending_keys.is_empty() => Span::styled(sequence_hint(app), theme.help_key),
        // Too long for the bar: drawn whole, wrapped, above it (`render_long_message`).
        Some(message) if text_width(&message.text) + 1 > room => Span::styled(
            "message above ",
            if message.error {
                theme.status_error
            } else {
                Style::new()
            },
        ),
        Some(message) if message.error => Span::styled(format!("{} ", message.text), theme.status_error),
        Some(message) => Span::raw(format!("{} ", message.text)),
        None => Span::raw("? help  : command  q quit "),
    };
    left.render(area, buf);
    let right_width = (text_width(&right.content) as u16).min(area.width.saturating_sub(left_width + 1));
    let right_area = Rect {
        x: area.right() - right_width,
        width: right_width,
        ..area
    };
    Line::from(right).render(right_area, buf);
}

/// The message, when it does not fit in the status bar: wrapped over as many rows as it needs
/// just above the bar (up to a third of the screen, its end kept), so nothing is cut.
pub fn render_long_message(app: &App, area: Rect, theme: &Theme, buf: &mut Buffer) {
    let Some(message) = &app.message else {
        return;
    };
    if !app.pending_keys.is_empty() || matches!(app.mode, Mode::Command(_) | Mode::Search(_)) {
        return;
    }
    let status = app.view.status;
    let left_width = status_left_width(app);
    let room = usize::from(status.width.saturating_sub(left_width + 1));
    if text_width(&message.text) < room || status.width < 4 {
        return;
    }
    let width = usize::from(status.width - 2);
    let lines = textwrap::wrap(&message.text, width);
    let max_rows = usize::from(area.height / 3).max(1);
    let shown = &lines[lines.len().saturating_sub(max_rows)..];
    let rows = u16::try_from(shown.len()).unwrap_or(u16::MAX);
    let rect = Rect {
        x: status.x,
        y: status.y.saturating_sub(rows),
        width: status.width,
        height: rows.min(status.y),
    };
    let style = if message.error {
        theme.status_error
    } else {
        theme.status_bar
    };
    ratatui::widgets::Clear.render(rect, buf);
    buf.set_style(rect, style);
    for (i, line) in shown.iter().enumerate() {
        let y = rect.y + u16::try_from(i).unwrap_or(u16::MAX);
        if y >= status.y {
            break;
        }
        Line::from(Span::styled(format!(" {line}"), style)).render(Rect { y, height: 1, ..rect }, buf);
    }
}

/// The width of the bar's left part (mode, article, sync, ...), as `render` draws it.
fn status_left_width(app: &App) -> u16 {
    u16::try_from(left_line(app).width()).unwrap_or(u16::MAX)
}

/// The bar's left part: mode, focused article, sync, zoom, page, entities.
fn left_line(app: &App) -> Line<'static> {
    let badge = Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED);
    let mut left = vec![
        Span::styled(format!(" {} ", app.mode_label()), badge),
        Span::raw(" "),
    ];
    if let Some(pane) = app.focused() {
        left.push(Span::styled(
            format!("[{}/{}] {}", app.focus + 1, app.panes.len(), pane.outlet()),
            Style::new().add_modifier(Modifier::BOLD),
        ));
    }
    left.push(Span::raw(format!(
        "  sync {}{}",
        if app.sync { "on" } else { "off" },
        // Content is the default; the other mode says so.
        if app.settings.sync_by == crate::config::SyncBy::Proportional {
            " (proportional)"
        } else {
            ""
        }
    )));
    if app.zoom {
        left.push(Span::raw("  zoom"));
    }
    if let Some(page) = page_label(app) {
        left.push(Span::raw(format!("  {page}")));
    }
    if let Some(fact) = &app.cursor_fact {
        left.push(Span::styled(
            format!("  {fact}"),
            Style::new().add_modifier(Modifier::ITALIC),
        ));
    }
    if app.entities.pending {
        left.push(Span::raw("  finding entities…"));
    } else if let Some(label) = crate::app::entities::selected_label(app) {
        left.push(Span::styled(
            format!("  ◆ {}", crate::article::sanitize::sanitize_line(&label)),
            Style::new().add_modifier(Modifier::BOLD),
        ));
    }
    Line::from(left)
}

/// While a key sequence is half typed: the keys so far and what may follow (`]… a next-annotation`).
fn sequence_hint(app: &App) -> String {
    let typed = crate::config::KeySeq::from(app.pending_keys.as_slice());
    let mut hint = format!("{typed}…");
    for layer in crate::app::update::key_layers(app) {
        let next = app.keymap.continuations(layer, &app.pending_keys);
        if next.is_empty() {
            continue;
        }
        for (keys, action) in next {
            let _ = write!(hint, "  {keys} {action}");
        }
        break;
    }
    hint.push_str("  Esc cancels ");
    hint
}

/// Where the terminal cursor goes: after the typed text, when the command or search line is open.
pub fn cursor(app: &App) -> Option<Position> {
    let (Mode::Command(prompt) | Mode::Search(prompt)) = &app.mode else {
        return None;
    };
    let before: String = prompt.input.chars().take(prompt.cursor).collect();
    let x = app.view.status.x + 1 + text_width(&before) as u16;
    Some(Position {
        x: x.min(app.view.status.right().saturating_sub(1)),
        y: app.view.status.y,
    })
}
