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
        "  sync {}",
        if app.sync { "on" } else { "off" }
    )));
    if app.zoom {
        left.push(Span::raw("  zoom"));
    }
    if let Some(page) = page_label(app) {
        left.push(Span::raw(format!("  {page}")));
    }
    if app.entities.pending {
        left.push(Span::raw("  finding entities…"));
    } else if let Some(label) = crate::app::entities::selected_label(app) {
        left.push(Span::styled(
            format!("  ◆ {}", crate::article::sanitize::sanitize_line(&label)),
            Style::new().add_modifier(Modifier::BOLD),
        ));
    }
    let right = match &app.message {
        _ if !app.pending_keys.is_empty() => Span::styled(sequence_hint(app), theme.help_key),
        Some(message) if message.error => Span::styled(format!("{} ", message.text), theme.status_error),
        Some(message) => Span::raw(format!("{} ", message.text)),
        None => Span::raw("? help  : command  q quit "),
    };
    let left = Line::from(left);
    let left_width = left.width() as u16;
    left.render(area, buf);
    let right_width = (text_width(&right.content) as u16).min(area.width.saturating_sub(left_width + 1));
    let right_area = Rect {
        x: area.right() - right_width,
        width: right_width,
        ..area
    };
    Line::from(right).render(right_area, buf);
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
