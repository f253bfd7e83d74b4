//! The help overlay: every layer of the keymap with its keys, and every action with its
//! description, generated from the keymap and the action docs, never from a hand-kept list.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

use crate::action::ACTIONS;
use crate::app::App;
use crate::config::Theme;
use crate::config::keymap::Layer;

/// The help text: every layer of the keymap under its own heading. The normal layer lists
/// every action (with its keys, or none); the other layers list what they bind.
pub fn lines(app: &App, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![
        Line::from(Span::styled(
            "Keys and commands",
            Style::new().add_modifier(Modifier::BOLD),
        )),
        Line::from("Every action is also a `:` command. Mouse: click focuses, wheel scrolls, drag selects."),
        Line::from(
            "Each heading is a [keys.LAYER] table of the config; the status bar names the layer in use.",
        ),
    ];
    for layer in Layer::ALL {
        lines.push(Line::from(""));
        lines.push(Line::from(vec![
            Span::styled(layer.name(), Style::new().add_modifier(Modifier::BOLD)),
            Span::raw(format!(" — {}", layer.description())),
        ]));
        if layer == Layer::Normal {
            lines.extend(normal_lines(app, theme));
        } else {
            lines.extend(layer_lines(app, layer, theme));
        }
    }
    lines
}

/// One line per action, bound or not, with its keys in the normal layer.
fn normal_lines(app: &App, theme: &Theme) -> Vec<Line<'static>> {
    ACTIONS
        .iter()
        .map(|info| {
            let bindings = app.keymap.keys_for(Layer::Normal, info.name);
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
            help_line(&keys, &command, info.description, theme)
        })
        .collect()
}

/// One line per action the layer binds (an action with its argument, like `link-as same`,
/// is one line), with its keys.
fn layer_lines(app: &App, layer: Layer, theme: &Theme) -> Vec<Line<'static>> {
    let mut grouped: Vec<(String, Vec<String>, &'static str)> = Vec::new();
    for (key, action) in app.keymap.bindings(layer) {
        let shown = action.to_string();
        match grouped.iter_mut().find(|(name, _, _)| *name == shown) {
            Some((_, keys, _)) => keys.push(crate::article::sanitize::sanitize_line(&key.to_string())),
            None => {
                let description = crate::action::info(action.name()).map_or("", |i| i.description);
                grouped.push((
                    shown,
                    vec![crate::article::sanitize::sanitize_line(&key.to_string())],
                    description,
                ));
            }
        }
    }
    if grouped.is_empty() {
        return vec![Line::from("   (no keys bound)")];
    }
    grouped
        .into_iter()
        .map(|(action, keys, description)| {
            help_line(
                &keys.join(", "),
                &crate::article::sanitize::sanitize_line(&action),
                description,
                theme,
            )
        })
        .collect()
}

fn help_line(keys: &str, command: &str, description: &'static str, theme: &Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{keys:>18}  "), theme.help_key),
        Span::raw(format!("{command:<20} ")),
        Span::raw(description),
    ])
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
