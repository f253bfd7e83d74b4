//! The help overlay: every action with its keys and description, generated from the keymap and
//! the action docs, never from a hand-kept list.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

use crate::action::ACTIONS;
use crate::app::App;
use crate::config::Theme;

/// The help text: one line per action (keys, `:` command, description).
pub fn lines(app: &App, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![
        Line::from(Span::styled(
            "Keys and commands",
            Style::new().add_modifier(Modifier::BOLD),
        )),
        Line::from("Every action is also a `:` command. Mouse: click focuses, wheel scrolls, drag selects."),
        Line::from("c shows the sentence cursor (its keys: \"in cursor\"); v selects (\"in select\")."),
        Line::from(""),
    ];
    for info in ACTIONS {
        let bindings = app.keymap.keys_for("normal", info.name);
        let keys: Vec<String> = bindings
            .iter()
            .map(|(key, action)| {
                if action.to_string() == info.name {
                    key.to_string()
                } else {
                    format!("{key} ({action})")
                }
            })
            .collect();
        let keys = if keys.len() > 3 && info.name == "focus-pane" {
            format!("{}–{}", bindings[0].0, bindings[bindings.len() - 1].0)
        } else {
            keys.join(", ")
        };
        let command = match info.argument_hint() {
            Some(hint) => format!(":{} {hint}", info.name),
            None => format!(":{}", info.name),
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{keys:>18}  "), theme.help_key),
            Span::raw(format!("{command:<20} ")),
            Span::raw(info.description),
        ]));
    }
    lines
}

/// Draws the overlay centred over `area`, scrolled by `scroll` lines.
pub fn render(app: &App, scroll: usize, area: Rect, theme: &Theme, buf: &mut Buffer) {
    let lines = lines(app, theme);
    let width = area.width.saturating_sub(4).min(120);
    let height = area.height.saturating_sub(2).min(lines.len() as u16 + 2);
    let rect = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height.saturating_sub(height)) / 2,
        width,
        height,
    };
    Clear.render(rect, buf);
    let max_scroll = lines.len().saturating_sub(usize::from(height.saturating_sub(2)));
    let scroll = scroll.min(max_scroll) as u16;
    Paragraph::new(lines)
        .block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(theme.focused_border)
                .title(" Help ")
                .title_bottom(Line::from(" j/k scroll · Esc closes ").right_aligned()),
        )
        .scroll((scroll, 0))
        .render(rect, buf);
}
