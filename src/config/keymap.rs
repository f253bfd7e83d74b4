//! Key names (`ctrl-d`, `shift-tab`, `G`), key sequences (`] a`) and the map from keys to
//! actions.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::Binding;
use crate::action::Action;

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

/// Keys pressed one after the other, written with spaces between them in the config (`"] a"`,
/// `"ctrl-w l"`). Most bindings are a single key.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeySeq(Vec<Key>);

/// The longest sequence accepted: longer ones are hard to remember and to discover.
pub const MAX_SEQUENCE: usize = 3;

impl KeySeq {
    /// Parses a binding's name: one key name, or several separated by spaces.
    pub fn parse(text: &str) -> Result<Self, String> {
        if text.trim().is_empty() {
            return Key::parse(text).map(|k| Self(vec![k]));
        }
        let keys = text
            .split_whitespace()
            .map(Key::parse)
            .collect::<Result<Vec<Key>, String>>()?;
        if keys.len() > MAX_SEQUENCE {
            return Err(format!(
                "`{text}` is {} keys long; a sequence has at most {MAX_SEQUENCE}",
                keys.len()
            ));
        }
        Ok(Self(keys))
    }

    pub fn keys(&self) -> &[Key] {
        &self.0
    }

    /// Whether `self` is `other`, or the start of it.
    pub fn is_prefix_of(&self, other: &KeySeq) -> bool {
        other.0.starts_with(&self.0)
    }
}

impl From<&[Key]> for KeySeq {
    fn from(keys: &[Key]) -> Self {
        Self(keys.to_vec())
    }
}

impl fmt::Display for KeySeq {
    /// `]a` when every key shows as one character, else `Ctrl-w l`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown: Vec<String> = self.0.iter().map(ToString::to_string).collect();
        let compact = shown.iter().all(|k| k.chars().count() == 1);
        f.write_str(&shown.join(if compact { "" } else { " " }))
    }
}

/// A set of bindings that applies in one mode of the reader: `[keys.LAYER]` in the config. Every
/// mode has one, so every key the reader answers to is in the keymap and in help.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Layer {
    Normal,
    Cursor,
    Select,
    Help,
    Annotations,
    Entities,
    Command,
    Search,
    Matches,
    Editor,
    Tag,
    Stance,
    Bias,
    Reliability,
    NotesChanged,
    Framing,
    Compare,
}

impl Layer {
    /// Every layer, in the order help lists them.
    pub const ALL: [Layer; 17] = [
        Layer::Normal,
        Layer::Cursor,
        Layer::Select,
        Layer::Matches,
        Layer::Help,
        Layer::Annotations,
        Layer::Entities,
        Layer::Command,
        Layer::Search,
        Layer::Editor,
        Layer::Tag,
        Layer::Stance,
        Layer::Bias,
        Layer::Reliability,
        Layer::NotesChanged,
        Layer::Framing,
        Layer::Compare,
    ];

    /// The name in the config (`[keys.cursor]`).
    pub fn name(self) -> &'static str {
        match self {
            Layer::Normal => "normal",
            Layer::Cursor => "cursor",
            Layer::Select => "select",
            Layer::Help => "help",
            Layer::Annotations => "annotations",
            Layer::Entities => "entities",
            Layer::Command => "command",
            Layer::Search => "search",
            Layer::Matches => "matches",
            Layer::Editor => "editor",
            Layer::Tag => "tag",
            Layer::Stance => "stance",
            Layer::Bias => "bias",
            Layer::Reliability => "reliability",
            Layer::NotesChanged => "notes-changed",
            Layer::Framing => "framing",
            Layer::Compare => "compare",
        }
    }

    /// When the layer applies, for help.
    pub fn description(self) -> &'static str {
        match self {
            Layer::Normal => "reading",
            Layer::Cursor => "while the sentence cursor shows (c); other keys fall through to normal",
            Layer::Select => "while a selection is open (v); other keys fall through to cursor and normal",
            Layer::Help => "in this help",
            Layer::Annotations => "in the annotations panel (m)",
            Layer::Entities => "in the entities panel (e); other keys type into its filter",
            Layer::Command => "on the : command line; other keys type",
            Layer::Search => "on the / search line; other keys type the pattern",
            Layer::Matches => "while a search's hits are shown; other keys fall through to normal",
            Layer::Editor => "in the note editor; other keys edit the text",
            Layer::Tag => "picking a tag (t); the keys of the tags in [[tags]] pick them",
            Layer::Stance => "picking the stance of a linked claim (L … L)",
            Layer::Bias => "picking a bias (b)",
            Layer::Reliability => "picking a reliability (b then r)",
            Layer::NotesChanged => "after the notes file changed outside Parallax",
            Layer::Framing => "in the framing panel (f)",
            Layer::Compare => "in the comparison view (C): facts as rows, outlets as columns",
        }
    }

    /// The layer named `name` in the config.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|layer| layer.name() == name)
    }

    /// Whether keys the layer does not bind are typed as text (the command line, the editor,
    /// the entities filter) rather than refused.
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Layer::Command | Layer::Search | Layer::Editor | Layer::Entities
        )
    }
}

impl fmt::Display for Layer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What the keys pressed so far mean in one mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookup<'a> {
    Action(&'a Action),
    /// They start one or more sequences: wait for the next key.
    Prefix,
    Unbound,
}

/// Keys to actions, per layer.
#[derive(Debug, Clone, Default)]
pub struct Keymap {
    modes: HashMap<Layer, HashMap<KeySeq, Action>>,
}

impl Keymap {
    /// Builds the map from the config's `[keys.LAYER]` tables (already validated, so every
    /// layer name is known) and the tag vocabulary: each tag's key picks it in the tag layer,
    /// unless `[keys.tag]` binds that key to something else.
    pub fn from_config(
        keys: &BTreeMap<String, BTreeMap<String, Binding>>,
        tags: &[super::TagConfig],
    ) -> Self {
        let mut modes: HashMap<Layer, HashMap<KeySeq, Action>> = HashMap::new();
        for tag in tags {
            if let Ok(seq) = KeySeq::parse(&tag.key) {
                modes
                    .entry(Layer::Tag)
                    .or_default()
                    .insert(seq, Action::Tag(tag.name.clone()));
            }
        }
        for (mode, bindings) in keys {
            let Some(layer) = Layer::from_name(mode) else {
                continue;
            };
            let map = modes.entry(layer).or_default();
            for (name, binding) in bindings {
                let Ok(seq) = KeySeq::parse(name) else {
                    continue;
                };
                match binding {
                    Binding::Action(action) => {
                        map.insert(seq, action.clone());
                    }
                    Binding::Unbound => {
                        map.remove(&seq);
                    }
                }
            }
        }
        Self { modes }
    }

    /// What `keys` (pressed in this order) mean in `mode`.
    pub fn lookup(&self, mode: Layer, keys: &[Key]) -> Lookup<'_> {
        let Some(map) = self.modes.get(&mode) else {
            return Lookup::Unbound;
        };
        if let Some(action) = map.get(&KeySeq::from(keys)) {
            return Lookup::Action(action);
        }
        if map
            .keys()
            .any(|seq| seq.0.len() > keys.len() && seq.0.starts_with(keys))
        {
            Lookup::Prefix
        } else {
            Lookup::Unbound
        }
    }

    /// The keys that may follow `prefix` in `mode`, with what they complete, sorted: the hint
    /// shown while a sequence is half typed.
    pub fn continuations(&self, mode: Layer, prefix: &[Key]) -> Vec<(KeySeq, &Action)> {
        let mut next: Vec<(KeySeq, &Action)> = self
            .modes
            .get(&mode)
            .into_iter()
            .flatten()
            .filter(|(seq, _)| seq.0.len() > prefix.len() && seq.0.starts_with(prefix))
            .map(|(seq, action)| (KeySeq::from(&seq.0[prefix.len()..]), action))
            .collect();
        next.sort_by(|a, b| a.0.cmp(&b.0));
        next
    }

    /// Keys bound to the action named `name` (any argument) in `mode`, sorted, for help.
    pub fn keys_for(&self, mode: Layer, name: &str) -> Vec<(KeySeq, Action)> {
        let mut keys: Vec<(KeySeq, Action)> = self
            .modes
            .get(&mode)
            .into_iter()
            .flatten()
            .filter(|(_, action)| action.name() == name)
            .map(|(k, a)| (k.clone(), a.clone()))
            .collect();
        keys.sort_by(|a, b| a.0.cmp(&b.0));
        keys
    }

    /// Every binding of `layer`, sorted by action then key, for help.
    pub fn bindings(&self, layer: Layer) -> Vec<(KeySeq, Action)> {
        let mut all: Vec<(KeySeq, Action)> = self
            .modes
            .get(&layer)
            .into_iter()
            .flatten()
            .map(|(k, a)| (k.clone(), a.clone()))
            .collect();
        all.sort_by(|a, b| (a.1.name(), a.1.to_string(), &a.0).cmp(&(b.1.name(), b.1.to_string(), &b.0)));
        all
    }
}

/// Bindings of one mode that cannot both work: one is the start of the other (`]` and `] a`),
/// so the longer could never be typed. Names as written; unbound entries are ignored.
pub fn conflicts<'a>(bindings: impl IntoIterator<Item = &'a str>) -> Vec<(&'a str, &'a str)> {
    let parsed: Vec<(&str, KeySeq)> = bindings
        .into_iter()
        .filter_map(|name| Some((name, KeySeq::parse(name).ok()?)))
        .collect();
    let mut found = Vec::new();
    for (short_name, short) in &parsed {
        for (long_name, long) in &parsed {
            if short.0.len() < long.0.len() && short.is_prefix_of(long) {
                found.push((*short_name, *long_name));
            }
        }
    }
    found
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
    fn sequences_parse_display_and_look_up() {
        let seq = KeySeq::parse("] a").expect("a sequence");
        assert_eq!(seq.keys().len(), 2);
        assert_eq!(seq.to_string(), "]a");
        assert_eq!(KeySeq::parse("ctrl-w l").expect("valid").to_string(), "Ctrl-w l");
        assert_eq!(KeySeq::parse(" ").expect("a space").to_string(), "Space");
        assert!(KeySeq::parse("a b c d").is_err());
        assert!(KeySeq::parse("] nokey").is_err());

        let bindings = BTreeMap::from([(
            "normal".to_owned(),
            BTreeMap::from([
                ("] a".to_owned(), Binding::Action(Action::NextAnnotation)),
                ("[ a".to_owned(), Binding::Action(Action::PrevAnnotation)),
                ("q".to_owned(), Binding::Action(Action::Quit)),
            ]),
        )]);
        let map = Keymap::from_config(&bindings, &[]);
        let key = |s: &str| Key::parse(s).expect(s);
        let normal = Layer::Normal;
        assert_eq!(map.lookup(normal, &[key("]")]), Lookup::Prefix);
        assert_eq!(
            map.lookup(normal, &[key("]"), key("a")]),
            Lookup::Action(&Action::NextAnnotation)
        );
        assert_eq!(map.lookup(normal, &[key("]"), key("b")]), Lookup::Unbound);
        assert_eq!(map.lookup(normal, &[key("q")]), Lookup::Action(&Action::Quit));
        let hint = map.continuations(normal, &[key("[")]);
        assert_eq!(hint.len(), 1);
        assert_eq!(hint[0].0.to_string(), "a");
    }

    #[test]
    fn tags_pick_in_the_tag_layer_unless_the_config_binds_their_key() {
        let tags = [
            super::super::TagConfig {
                name: "fact".into(),
                key: "f".into(),
                colour: "green".into(),
                description: None,
            },
            super::super::TagConfig {
                name: "claim".into(),
                key: "c".into(),
                colour: "yellow".into(),
                description: None,
            },
        ];
        let bindings = BTreeMap::from([(
            "tag".to_owned(),
            BTreeMap::from([
                ("esc".to_owned(), Binding::Action(Action::Cancel)),
                ("c".to_owned(), Binding::Unbound),
            ]),
        )]);
        let map = Keymap::from_config(&bindings, &tags);
        let key = |s: &str| Key::parse(s).expect(s);
        assert_eq!(
            map.lookup(Layer::Tag, &[key("f")]),
            Lookup::Action(&Action::Tag("fact".into()))
        );
        assert_eq!(
            map.lookup(Layer::Tag, &[key("c")]),
            Lookup::Unbound,
            "unbound by the config"
        );
        assert_eq!(
            map.lookup(Layer::Tag, &[key("esc")]),
            Lookup::Action(&Action::Cancel)
        );
        assert_eq!(map.lookup(Layer::Normal, &[key("f")]), Lookup::Unbound);
    }

    #[test]
    fn every_layer_has_a_name_that_parses_back() {
        for layer in Layer::ALL {
            assert_eq!(Layer::from_name(layer.name()), Some(layer));
        }
        assert_eq!(Layer::from_name("normall"), None);
    }

    #[test]
    fn a_key_that_starts_a_sequence_cannot_also_be_bound_alone() {
        assert_eq!(conflicts(["]", "] a", "[ a", "q"]), vec![("]", "] a")]);
        assert!(conflicts(["] a", "] b", "a"]).is_empty());
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
