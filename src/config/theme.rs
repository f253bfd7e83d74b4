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
    /// The entity colours on a 16-colour terminal (`[theme] entity_palette`), by slot.
    pub entity_palette: Vec<Style>,
    /// The entity colours in use, by slot: the `OKLab` palette
    /// ([`crate::entity::colour::palette`]) in true or 256 colours, else `entity_palette`.
    pub entity_colours: Vec<Style>,
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
            entity_colours: Vec::new(),
            colour: !no_color,
        }
        .with_depth(ColourDepth::TrueColour)
    }

    /// The entity colours for a terminal of this colour depth: the `OKLab` palette as RGB in true
    /// colour, its nearest xterm-256 colours in 256, the configured 16-colour list otherwise.
    /// Under `NO_COLOR` entities stay bold and underlined whatever the depth.
    #[must_use]
    pub fn with_depth(mut self, depth: ColourDepth) -> Self {
        let palette = crate::entity::colour::palette();
        self.entity_colours = if !self.colour || depth == ColourDepth::Basic {
            self.entity_palette.clone()
        } else {
            palette
                .iter()
                .map(|lab| {
                    let (r, g, b) = lab.to_rgb();
                    let colour = if depth == ColourDepth::TrueColour {
                        Color::Rgb(r, g, b)
                    } else {
                        Color::Indexed(xterm_256(r, g, b))
                    };
                    Style::new().fg(colour).add_modifier(Modifier::BOLD)
                })
                .collect()
        };
        self
    }
}

/// What colours the terminal shows (from `COLORTERM` and `TERM`, read in `config::paths`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColourDepth {
    /// 24-bit colour.
    TrueColour,
    /// The xterm 256-colour palette.
    Indexed,
    /// The 16 ANSI colours.
    Basic,
}

/// The xterm-256 colour nearest to an RGB colour, from the 6×6×6 cube or the grey ramp.
fn xterm_256(r: u8, g: u8, b: u8) -> u8 {
    const LEVELS: [u8; 6] = [0, 95, 135, 175, 215, 255];
    let nearest = |v: u8| {
        (0..6u8)
            .min_by_key(|&i| (i32::from(LEVELS[usize::from(i)]) - i32::from(v)).abs())
            .unwrap_or(0)
    };
    let (ri, gi, bi) = (nearest(r), nearest(g), nearest(b));
    let cube = 16 + 36 * ri + 6 * gi + bi;
    let dist = |x: (u8, u8, u8)| {
        let d = |p: u8, q: u8| (i32::from(p) - i32::from(q)).pow(2);
        d(x.0, r) + d(x.1, g) + d(x.2, b)
    };
    let cube_rgb = (
        LEVELS[usize::from(ri)],
        LEVELS[usize::from(gi)],
        LEVELS[usize::from(bi)],
    );
    let avg = u8::try_from((u16::from(r) + u16::from(g) + u16::from(b)) / 3).unwrap_or(255);
    let grey = ((avg.saturating_sub(3)) / 10).min(23);
    let grey_level = 8 + 10 * grey;
    if dist((grey_level, grey_level, grey_level)) < dist(cube_rgb) {
        232 + grey
    } else {
        cube
    }
}

impl Theme {
    /// The style of an entity's mentions: the colour of its slot (assigned once per analysis,
    /// [`crate::entity::colour::assign`]) when several articles mention it, a quiet underline
    /// when only one does, reversed when it is the selected entity.
    pub fn entity(&self, slot: usize, sources: usize, selected: bool) -> Style {
        let colour = if self.entity_colours.is_empty() {
            Style::new()
        } else {
            self.entity_colours[slot % self.entity_colours.len()]
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
    fn entity_colours_come_from_slots_and_single_sources_are_quiet() {
        let theme = Theme::default();
        assert_eq!(theme.entity(3, 3, false), theme.entity(3, 2, false));
        assert_ne!(theme.entity(0, 2, false), theme.entity(1, 2, false));
        assert!(matches!(theme.entity(0, 3, false).fg, Some(Color::Rgb(..))));
        let quiet = theme.entity(0, 1, false);
        assert!(quiet.fg.is_none() && quiet.add_modifier.contains(Modifier::UNDERLINED));
        assert!(theme.entity(0, 1, true).add_modifier.contains(Modifier::REVERSED));
    }

    #[test]
    fn fewer_colours_fall_back_to_the_256_cube_and_the_16_colour_list() {
        let indexed = Theme::default().with_depth(ColourDepth::Indexed);
        assert!(matches!(
            indexed.entity(0, 2, false).fg,
            Some(Color::Indexed(16..=255))
        ));
        let basic = Theme::default().with_depth(ColourDepth::Basic);
        assert_eq!(basic.entity(0, 2, false), basic.entity_palette[0]);
        let none =
            Theme::new(&crate::config::Config::default().theme, true).with_depth(ColourDepth::TrueColour);
        let style = none.entity(5, 2, false);
        assert!(style.fg.is_none() && style.add_modifier.contains(Modifier::UNDERLINED | Modifier::BOLD));
        assert_eq!(xterm_256(255, 0, 0), 196);
        assert_eq!(xterm_256(128, 128, 128), 244);
    }

    #[test]
    fn colours_parse_names_and_hex() {
        assert!(check_colour(&toml::Value::String("#12ab9f".into())).is_ok());
        assert!(check_colour(&toml::Value::String("lightcyan".into())).is_ok());
        assert!(check_colour(&toml::Value::String("nope".into())).is_err());
    }
}
