//! Colours and styles, from `[theme]`; `NO_COLOR` turns colours off and keeps the modifiers.

use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;

/// `[theme]` as written in the config: colour names.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeConfig {
    pub border: String,
    pub focused_border: String,
    pub header: String,
    pub outlet: String,
    pub date: String,
    pub text: String,
    pub hidden_text: String,
    pub placeholder: String,
    pub status_bar_fg: String,
    pub status_bar_bg: String,
    pub status_error: String,
    pub help_key: String,
    pub entity_palette: Vec<String>,
}

/// Checks that a config value is a colour Parallax understands.
pub fn check_colour(value: &toml::Value) -> Result<(), String> {
    match value {
        toml::Value::String(s) => parse_colour(s).map(|_| ()),
        toml::Value::Array(items) => items.iter().try_for_each(check_colour),
        _ => Err("expected a colour name".into()),
    }
}

fn parse_colour(text: &str) -> Result<Color, String> {
    Color::from_str(text)
        .map_err(|_| format!("`{text}` is not a colour (a name such as \"cyan\", or \"#rrggbb\")"))
}

/// Ready-to-use styles. Built once at startup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub border: Style,
    pub focused_border: Style,
    pub header: Style,
    pub outlet: Style,
    pub date: Style,
    pub text: Style,
    pub hidden_text: Style,
    pub placeholder: Style,
    pub status_bar: Style,
    pub status_error: Style,
    pub help_key: Style,
    /// One colour per entity, chosen by a hash of its label.
    pub entity_palette: Vec<Style>,
    /// False under `NO_COLOR`: highlights use modifiers only.
    pub colour: bool,
}

impl Theme {
    /// Styles from the config; `no_color` is whether `NO_COLOR` is set.
    pub fn new(config: &ThemeConfig, no_color: bool) -> Self {
        let fg = |name: &str| {
            if no_color {
                Style::new()
            } else {
                Style::new().fg(parse_colour(name).unwrap_or(Color::Reset))
            }
        };
        let bg = |name: &str| {
            if no_color {
                Color::Reset
            } else {
                parse_colour(name).unwrap_or(Color::Reset)
            }
        };
        let status_bar = if no_color {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            fg(&config.status_bar_fg).bg(bg(&config.status_bar_bg))
        };
        Self {
            border: fg(&config.border),
            focused_border: fg(&config.focused_border).add_modifier(Modifier::BOLD),
            header: fg(&config.header).add_modifier(Modifier::BOLD),
            outlet: fg(&config.outlet).add_modifier(Modifier::BOLD),
            date: fg(&config.date),
            text: fg(&config.text),
            hidden_text: fg(&config.hidden_text).add_modifier(Modifier::DIM | Modifier::ITALIC),
            placeholder: fg(&config.placeholder).add_modifier(Modifier::REVERSED),
            status_bar,
            status_error: fg(&config.status_error).add_modifier(Modifier::BOLD),
            help_key: fg(&config.help_key).add_modifier(Modifier::BOLD),
            entity_palette: if no_color {
                vec![Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)]
            } else {
                config
                    .entity_palette
                    .iter()
                    .map(|c| fg(c).add_modifier(Modifier::BOLD))
                    .collect()
            },
            colour: !no_color,
        }
    }
}

impl Theme {
    /// The style of an entity's mentions: its palette colour when several articles mention it,
    /// a quiet underline when only one does, reversed when it is the selected entity.
    pub fn entity(&self, label: &str, sources: usize, selected: bool) -> Style {
        let colour = if self.entity_palette.is_empty() {
            Style::new()
        } else {
            self.entity_palette[(stable_hash(label) % self.entity_palette.len() as u64) as usize]
        };
        let style = if sources > 1 {
            colour
        } else {
            Style::new().add_modifier(Modifier::UNDERLINED)
        };
        if selected {
            colour.add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            style
        }
    }
}

/// FNV-1a over the lower-cased label: the same colour for the same name in every run.
fn stable_hash(label: &str) -> u64 {
    label.to_lowercase().bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

impl Default for Theme {
    fn default() -> Self {
        Self::new(&crate::config::Config::default().theme, false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_drops_colours_but_keeps_modifiers() {
        let theme = Theme::new(&crate::config::Config::default().theme, true);
        assert_eq!(theme.border.fg, None);
        assert!(theme.header.add_modifier.contains(Modifier::BOLD));
        assert!(theme.status_bar.add_modifier.contains(Modifier::REVERSED));
        assert!(!theme.colour);
    }

    #[test]
    fn entity_colours_are_stable_and_quiet_for_single_sources() {
        let theme = Theme::default();
        assert_eq!(
            theme.entity("Ismail Qaani", 3, false),
            theme.entity("ismail qaani", 2, false)
        );
        assert!(theme.entity("Ismail Qaani", 3, false).fg.is_some());
        let quiet = theme.entity("Ismail Qaani", 1, false);
        assert!(quiet.fg.is_none() && quiet.add_modifier.contains(Modifier::UNDERLINED));
        assert!(
            theme
                .entity("X", 1, true)
                .add_modifier
                .contains(Modifier::REVERSED)
        );
    }

    #[test]
    fn colours_parse_names_and_hex() {
        assert!(check_colour(&toml::Value::String("#12ab9f".into())).is_ok());
        assert!(check_colour(&toml::Value::String("lightcyan".into())).is_ok());
        assert!(check_colour(&toml::Value::String("nope".into())).is_err());
    }
}
