//! Configuration: `config.example.toml` compiled in as the defaults, the user's file merged over it.
//!
//! The user's file is checked against the example before merging, so every mistake (syntax,
//! unknown key, wrong type, bad key name, bad colour, unknown action) is reported with
//! `file:line:col` in the user's own file. Reading the file is `paths`' job; this module is pure.

pub mod keymap;
pub mod paths;
pub mod theme;

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;

use serde::Deserialize;
use toml::de::{DeTable, DeValue};

use crate::action::Action;
pub use keymap::{Key, KeySeq, Keymap};
pub use theme::Theme;

/// The documented defaults, compiled in.
pub const EXAMPLE: &str = include_str!("../config.example.toml");

/// Every setting Parallax reads.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub reader: ReaderConfig,
    pub tags: Vec<TagConfig>,
    pub bias_axes: Vec<BiasAxis>,
    pub entities: EntitiesConfig,
    pub theme: theme::ThemeConfig,
    /// Mode name → key → action.
    pub keys: BTreeMap<String, BTreeMap<String, Binding>>,
}

/// `[reader]`: how panes behave.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReaderConfig {
    pub min_column_width: u16,
    pub sync: bool,
    pub mouse: bool,
    pub max_file_size: u64,
    pub reveal_hidden: bool,
}

/// `[[tags]]`: one claim tag of the vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TagConfig {
    pub name: String,
    pub key: String,
    pub colour: String,
}

/// `[[bias_axes]]`: a scale sources are placed on.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BiasAxis {
    pub name: String,
    pub steps: Vec<String>,
}

/// `[entities]`: the entity engine.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntitiesConfig {
    /// An extra gazetteer file; empty for none.
    pub gazetteer: String,
}

/// What a key is bound to: an action, or `none` to unbind a default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Binding {
    Action(Action),
    Unbound,
}

impl<'de> Deserialize<'de> for Binding {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse_binding(&text).map_err(serde::de::Error::custom)
    }
}

fn parse_binding(text: &str) -> Result<Binding, String> {
    if text.trim() == "none" {
        return Ok(Binding::Unbound);
    }
    text.parse().map(Binding::Action).map_err(|e| e.to_string())
}

/// A config problem, located in the file it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: {}", self.file, self.line, self.column, self.message)
    }
}

impl std::error::Error for ConfigError {}

impl ConfigError {
    fn at(file: &str, text: &str, span: Option<Range<usize>>, message: impl Into<String>) -> Self {
        let (line, column) = line_column(text, span.map_or(0, |s| s.start));
        Self {
            file: crate::article::sanitize::sanitize_line(file),
            line,
            column,
            message: crate::article::sanitize::sanitize_line(&message.into()),
        }
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

impl Default for Config {
    fn default() -> Self {
        toml::from_str(EXAMPLE).expect("config.example.toml parses (tested)")
    }
}

impl Config {
    /// The defaults merged with a user's config text. `file` names it in error messages.
    pub fn from_user_toml(file: &str, text: &str) -> Result<Self, ConfigError> {
        let user = DeTable::parse(text).map_err(|e| ConfigError::at(file, text, e.span(), e.message()))?;
        let mut merged: toml::Table = toml::from_str(EXAMPLE).expect("config.example.toml parses (tested)");
        check_and_merge(file, text, user.get_ref(), &mut merged, &[])?;
        toml::Value::Table(merged)
            .try_into()
            .map_err(|e: toml::de::Error| ConfigError::at(file, text, None, e.message()))
    }

    /// The keymap of the config's bindings.
    pub fn keymap(&self) -> Keymap {
        Keymap::from_config(&self.keys)
    }
}

/// Walks the user's table beside the defaults: rejects what the defaults do not know, checks
/// types and values, and merges what passes. Tables under `keys` take any key name.
fn check_and_merge(
    file: &str,
    text: &str,
    user: &DeTable<'_>,
    merged: &mut toml::Table,
    path: &[&str],
) -> Result<(), ConfigError> {
    for (key, value) in user {
        let name = key.get_ref().as_ref();
        let span = Some(key.span());
        let open_table = path.len() == 1 && path[0] == "keys";
        let free_keys = path.len() == 2 && path[0] == "keys";
        let mut here: Vec<&str> = path.to_vec();
        here.push(name);
        let dotted = here.join(".");
        if free_keys {
            KeySeq::parse(name)
                .map_err(|e| ConfigError::at(file, text, span.clone(), format!("{dotted}: {e}")))?;
            let Some(action) = value.get_ref().as_str() else {
                return Err(ConfigError::at(
                    file,
                    text,
                    Some(value.span()),
                    format!("{dotted}: expected an action name (a string)"),
                ));
            };
            parse_binding(action)
                .map_err(|e| ConfigError::at(file, text, Some(value.span()), format!("{dotted}: {e}")))?;
            merged.insert(name.to_owned(), toml::Value::String(action.to_owned()));
            continue;
        }
        let default = merged.get(name).cloned();
        let default = match (default, open_table) {
            (Some(d), _) => d,
            (None, true) => toml::Value::Table(toml::Table::new()),
            (None, false) => {
                return Err(ConfigError::at(
                    file,
                    text,
                    span,
                    format!("unknown key `{dotted}`"),
                ));
            }
        };
        match (value.get_ref(), default) {
            (DeValue::Table(table), toml::Value::Table(mut inner)) => {
                check_and_merge(file, text, table, &mut inner, &here)?;
                merged.insert(name.to_owned(), toml::Value::Table(inner));
            }
            (user_value, default) => {
                let converted = to_value(user_value);
                let vspan = Some(value.span());
                if converted.as_ref().map(toml::Value::type_str) != Some(default.type_str()) {
                    return Err(ConfigError::at(
                        file,
                        text,
                        vspan,
                        format!(
                            "{dotted}: expected {}, found {}",
                            default.type_str(),
                            user_value.type_str()
                        ),
                    ));
                }
                let converted = converted.unwrap_or(default);
                if path.is_empty() && name == "tags" {
                    check_tags(&converted)
                        .map_err(|e| ConfigError::at(file, text, vspan.clone(), format!("tags: {e}")))?;
                }
                if path.first() == Some(&"theme") {
                    theme::check_colour(&converted)
                        .map_err(|e| ConfigError::at(file, text, vspan, format!("{dotted}: {e}")))?;
                }
                merged.insert(name.to_owned(), converted);
            }
        }
    }
    if path.len() == 2 && path[0] == "keys" {
        check_sequences(file, text, user, merged, path)?;
    }
    Ok(())
}

/// A key bound alone that also starts a sequence (`]` and `] a`) would make the sequence
/// impossible to type: refused, at the user's binding that causes it.
fn check_sequences(
    file: &str,
    text: &str,
    user: &DeTable<'_>,
    merged: &toml::Table,
    path: &[&str],
) -> Result<(), ConfigError> {
    let bound = merged
        .iter()
        .filter(|(_, action)| action.as_str() != Some("none"))
        .map(|(name, _)| name.as_str());
    for (short, long) in keymap::conflicts(bound) {
        let culprit = user
            .iter()
            .find(|(key, _)| [short, long].contains(&key.get_ref().as_ref()));
        if let Some((key, _)) = culprit {
            return Err(ConfigError::at(
                file,
                text,
                Some(key.span()),
                format!(
                    "{}: `{short}` is bound, so the sequence `{long}` that starts with it could \
                     never be typed; bind one of them to \"none\"",
                    path.join(".")
                ),
            ));
        }
    }
    Ok(())
}

/// Each tag needs a name, a one-character key and a colour.
fn check_tags(value: &toml::Value) -> Result<(), String> {
    let Some(tags) = value.as_array() else {
        return Err("expected an array of tables".into());
    };
    for tag in tags {
        let field = |name: &str| {
            tag.get(name)
                .and_then(toml::Value::as_str)
                .ok_or(format!("each tag needs `{name}`"))
        };
        let name = field("name")?;
        if field("key")?.chars().count() != 1 {
            return Err(format!("tag `{name}`: key must be one character"));
        }
        theme::check_colour(&toml::Value::String(field("colour")?.to_owned()))?;
        if let Some(unknown) = tag.as_table().and_then(|t| {
            t.keys()
                .find(|k| !["name", "key", "colour"].contains(&k.as_str()))
        }) {
            return Err(format!("tag `{name}`: unknown key `{unknown}`"));
        }
    }
    Ok(())
}

/// A spanned user value as a plain TOML value (no datetimes or nested tables are configurable).
fn to_value(value: &DeValue<'_>) -> Option<toml::Value> {
    Some(match value {
        DeValue::String(s) => toml::Value::String(s.to_string()),
        DeValue::Integer(i) => toml::Value::Integer(i64::from_str_radix(i.as_str(), i.radix()).ok()?),
        DeValue::Float(f) => toml::Value::Float(f.as_str().parse().ok()?),
        DeValue::Boolean(b) => toml::Value::Boolean(*b),
        DeValue::Array(items) => toml::Value::Array(
            items
                .iter()
                .map(|v| to_value(v.get_ref()))
                .collect::<Option<_>>()?,
        ),
        DeValue::Table(table) => toml::Value::Table(
            table
                .iter()
                .map(|(k, v)| Some((k.get_ref().to_string(), to_value(v.get_ref())?)))
                .collect::<Option<_>>()?,
        ),
        DeValue::Datetime(_) => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_parses_and_is_the_default() {
        let config: Config = toml::from_str(EXAMPLE).expect("example parses");
        assert_eq!(config, Config::default());
        assert_eq!(config.reader.min_column_width, 40);
        assert!(!config.reader.sync);
        assert_eq!(config.reader.max_file_size, 50_000_000);
        // An empty user file is exactly the defaults.
        assert_eq!(Config::from_user_toml("c.toml", "").expect("empty"), config);
    }

    #[test]
    fn every_binding_in_the_example_is_valid() {
        let config = Config::default();
        for (mode, bindings) in &config.keys {
            for (key, binding) in bindings {
                KeySeq::parse(key).expect(key);
                assert!(matches!(binding, Binding::Action(_)), "{key}");
            }
            let names = bindings.keys().map(String::as_str);
            assert!(keymap::conflicts(names).is_empty(), "[keys.{mode}]");
        }
    }

    #[test]
    fn a_binding_that_hides_a_sequence_is_refused_where_it_is_written() {
        let e = error("[keys.normal]\n\"x\" = \"quit\"\n\"]\" = \"undo\"\n");
        assert_eq!((e.line, e.column), (3, 1), "{e}");
        assert!(e.message.contains("`] a`"), "{e}");
        // Unbinding the sequence first makes room for the single key.
        let config = Config::from_user_toml(
            "c.toml",
            "[keys.normal]\n\"]\" = \"undo\"\n\"] a\" = \"none\"\n\"[ a\" = \"none\"\n",
        )
        .expect("valid");
        assert_eq!(config.keys["normal"]["]"], Binding::Action(Action::Undo));
    }

    #[test]
    fn user_values_merge_over_defaults() {
        let config = Config::from_user_toml(
            "c.toml",
            "[reader]\nsync = true\n[keys.normal]\n\"J\" = \"page-down\"\n\"x\" = \"none\"\n",
        )
        .expect("valid");
        assert!(config.reader.sync);
        assert_eq!(config.reader.min_column_width, 40);
        assert_eq!(config.keys["normal"]["J"], Binding::Action(Action::PageDown));
        assert_eq!(config.keys["normal"]["x"], Binding::Unbound);
        assert_eq!(config.keys["normal"]["q"], Binding::Action(Action::Quit));
    }

    fn error(text: &str) -> ConfigError {
        Config::from_user_toml("c.toml", text).expect_err("should fail")
    }

    #[test]
    fn unknown_key_is_located() {
        let e = error("[reader]\nsync = true\nsinc = false\n");
        assert_eq!((e.line, e.column), (3, 1));
        assert!(e.message.contains("unknown key `reader.sinc`"), "{e}");
        assert!(e.to_string().starts_with("c.toml:3:1: "));
        let e = error("[readr]\n");
        assert_eq!((e.line, e.column), (1, 2));
    }

    #[test]
    fn syntax_error_is_located() {
        let e = error("[reader]\nsync = \n");
        assert_eq!(e.line, 2, "{e}");
    }

    #[test]
    fn wrong_type_bad_colour_bad_key_and_bad_action_are_located() {
        let e = error("[reader]\nmin_column_width = \"wide\"\n");
        assert_eq!((e.line, e.column), (2, 20));
        assert!(e.message.contains("expected integer"), "{e}");
        let e = error("[theme]\nborder = \"blurple\"\n");
        assert_eq!((e.line, e.column), (2, 10));
        let e = error("[keys.normal]\n\"ctrl-\" = \"quit\"\n");
        assert_eq!(e.line, 2);
        let e = error("[keys.normal]\n\"q\" = \"quiet\"\n");
        assert_eq!((e.line, e.column), (2, 7));
        assert!(e.message.contains("unknown command `quiet`"), "{e}");
    }

    #[test]
    fn tags_are_replaced_as_a_whole_and_checked() {
        let config = Config::from_user_toml(
            "c.toml",
            "[[tags]]\nname = \"spin\"\nkey = \"s\"\ncolour = \"cyan\"\n",
        )
        .expect("valid");
        assert_eq!(config.tags.len(), 1);
        assert_eq!(Config::default().tags.len(), 8);
        let e = error("[[tags]]\nname = \"spin\"\nkey = \"s\"\ncolour = \"nope\"\n");
        assert!(e.message.contains("not a colour"), "{e}");
        let e = error("[[tags]]\nname = \"spin\"\nkey = \"sx\"\ncolour = \"red\"\n");
        assert!(e.message.contains("one character"), "{e}");
    }

    #[test]
    fn line_column_counts_characters() {
        assert_eq!(line_column("ab\nçd", 5), (2, 2));
        assert_eq!(line_column("", 0), (1, 1));
    }
}
