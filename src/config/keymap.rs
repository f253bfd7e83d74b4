//! Key names (`ctrl-d`, `shift-tab`, `G`) and the map from keys to actions.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::Binding;
use crate::app::action::Action;

/// A key with its modifiers, normalised so that a config name and a terminal event compare equal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    code: KeyCodeOrd,
    ctrl: bool,
    alt: bool,
    shift: bool,
}

/// `KeyCode` has no ordering; this keeps the few codes Parallax binds, ordered for stable help.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum KeyCodeOrd {
    Char(char),
    F(u8),
    Named(u8),
}

const NAMED: &[(&str, KeyCode)] = &[
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("delete", KeyCode::Delete),
    ("insert", KeyCode::Insert),
];

impl Key {
    /// Parses a key name as written in the config.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut key = Key {
            code: KeyCodeOrd::Char(' '),
            ctrl: false,
            alt: false,
            shift: false,
        };
        let mut rest = text;
        loop {
            let lower = rest.to_ascii_lowercase();
            if rest.len() > 1 && lower.starts_with("ctrl-") {
                key.ctrl = true;
                rest = &rest[5..];
            } else if rest.len() > 1 && lower.starts_with("alt-") {
                key.alt = true;
                rest = &rest[4..];
            } else if rest.len() > 1 && lower.starts_with("shift-") {
                key.shift = true;
                rest = &rest[6..];
            } else {
                break;
            }
        }
        let lower = rest.to_ascii_lowercase();
        let mut chars = rest.chars();
        key.code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCodeOrd::Char(c),
            _ if lower == "space" => KeyCodeOrd::Char(' '),
            _ if lower.starts_with('f') && lower[1..].parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)) => {
                KeyCodeOrd::F(lower[1..].parse().unwrap_or(1))
            }
            _ => match NAMED.iter().position(|(name, _)| *name == lower) {
                Some(i) => KeyCodeOrd::Named(i as u8),
                None => {
                    return Err(format!(
                        "unknown key name `{text}` (see the list at the top of [keys])"
                    ));
                }
            },
        };
        Ok(key.normalised())
    }

    /// The key a terminal event stands for.
    pub fn from_event(event: KeyEvent) -> Option<Self> {
        let code = match event.code {
            KeyCode::Char(c) => KeyCodeOrd::Char(c),
            KeyCode::F(n) => KeyCodeOrd::F(n),
            other => KeyCodeOrd::Named(NAMED.iter().position(|(_, code)| *code == other)? as u8),
        };
        let m = event.modifiers;
        Some(
            Key {
                code,
                ctrl: m.contains(KeyModifiers::CONTROL),
                alt: m.contains(KeyModifiers::ALT),
                shift: m.contains(KeyModifiers::SHIFT),
            }
            .normalised(),
        )
    }

    /// Shift is part of a printable character ("G" is shift-g): drop it so both spellings match.
    fn normalised(mut self) -> Self {
        if let KeyCodeOrd::Char(c) = self.code {
            if self.shift && c.is_ascii_lowercase() {
                self.code = KeyCodeOrd::Char(c.to_ascii_uppercase());
            }
            if c != ' ' {
                self.shift = false;
            }
        }
        if self.code == KeyCodeOrd::Named(3) {
            // backtab is what terminals send for shift-tab
            self.shift = false;
        }
        if self.shift && self.code == KeyCodeOrd::Named(2) {
            self.code = KeyCodeOrd::Named(3);
            self.shift = false;
        }
        self
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        if self.shift {
            f.write_str("Shift-")?;
        }
        match self.code {
            KeyCodeOrd::Char(' ') => f.write_str("Space"),
            KeyCodeOrd::Char(c) => write!(f, "{c}"),
            KeyCodeOrd::F(n) => write!(f, "F{n}"),
            KeyCodeOrd::Named(i) => {
                let name = NAMED.get(usize::from(i)).map_or("?", |(n, _)| n);
                let display = match name {
                    "backtab" => "Shift-Tab",
                    "pageup" => "PgUp",
                    "pagedown" => "PgDn",
                    other => return write!(f, "{}{}", other[..1].to_ascii_uppercase(), &other[1..]),
                };
                f.write_str(display)
            }
        }
    }
}

/// Keys to actions, per mode.
#[derive(Debug, Clone, Default)]
pub struct Keymap {
    modes: HashMap<String, HashMap<Key, Action>>,
}

impl Keymap {
    /// Builds the map from the config's `[keys.MODE]` tables (already validated).
    pub fn from_config(keys: &BTreeMap<String, BTreeMap<String, Binding>>) -> Self {
        let mut modes = HashMap::new();
        for (mode, bindings) in keys {
            let map: HashMap<Key, Action> = bindings
                .iter()
                .filter_map(|(name, binding)| match binding {
                    Binding::Action(action) => Some((Key::parse(name).ok()?, action.clone())),
                    Binding::Unbound => None,
                })
                .collect();
            modes.insert(mode.clone(), map);
        }
        Self { modes }
    }

    /// The action bound to `key` in `mode`.
    pub fn lookup(&self, mode: &str, key: Key) -> Option<&Action> {
        self.modes.get(mode)?.get(&key)
    }

    /// Keys bound to the action named `name` (any argument) in `mode`, sorted, for help.
    pub fn keys_for(&self, mode: &str, name: &str) -> Vec<(Key, Action)> {
        let mut keys: Vec<(Key, Action)> = self
            .modes
            .get(mode)
            .into_iter()
            .flatten()
            .filter(|(_, action)| action.name() == name)
            .map(|(k, a)| (*k, a.clone()))
            .collect();
        keys.sort_by_key(|(k, _)| *k);
        keys
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(code: KeyCode, modifiers: KeyModifiers) -> Key {
        Key::from_event(KeyEvent::new(code, modifiers)).expect("known key")
    }

    #[test]
    fn config_names_match_terminal_events() {
        assert_eq!(
            Key::parse("ctrl-d"),
            Ok(event(KeyCode::Char('d'), KeyModifiers::CONTROL))
        );
        assert_eq!(
            Key::parse("G"),
            Ok(event(KeyCode::Char('G'), KeyModifiers::SHIFT))
        );
        assert_eq!(Key::parse("shift-g"), Key::parse("G"));
        assert_eq!(
            Key::parse("shift-tab"),
            Ok(event(KeyCode::BackTab, KeyModifiers::SHIFT))
        );
        assert_eq!(Key::parse("backtab"), Key::parse("shift-tab"));
        assert_eq!(
            Key::parse("space"),
            Ok(event(KeyCode::Char(' '), KeyModifiers::NONE))
        );
        assert_eq!(
            Key::parse("pagedown"),
            Ok(event(KeyCode::PageDown, KeyModifiers::NONE))
        );
        assert_eq!(
            Key::parse("<"),
            Ok(event(KeyCode::Char('<'), KeyModifiers::SHIFT))
        );
        assert_eq!(Key::parse("f5"), Ok(event(KeyCode::F(5), KeyModifiers::NONE)));
    }

    #[test]
    fn bad_names_are_refused() {
        for bad in ["", "ctrl-", "hyper-x", "f13", "pagedwn"] {
            assert!(Key::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn keys_display_for_help() {
        let show = |s: &str| Key::parse(s).expect(s).to_string();
        assert_eq!(show("ctrl-d"), "Ctrl-d");
        assert_eq!(show("backtab"), "Shift-Tab");
        assert_eq!(show("pagedown"), "PgDn");
        assert_eq!(show("space"), "Space");
        assert_eq!(show("esc"), "Esc");
    }
}
