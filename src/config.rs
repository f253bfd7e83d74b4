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
    pub cleaning: CleaningConfig,
    pub entities: EntitiesConfig,
    pub framing: FramingConfig,
    pub theme: theme::ThemeConfig,
    /// Mode name → key → action.
    pub keys: BTreeMap<String, BTreeMap<String, Binding>>,
}

/// `[reader]`: how panes behave.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
// Each is one documented on/off switch of the config file, not a state machine in disguise.
#[allow(clippy::struct_excessive_bools)]
pub struct ReaderConfig {
    pub min_column_width: u16,
    pub sync: bool,
    /// What synchronised scrolling keeps aligned: the same fact, or the same fraction.
    pub sync_by: SyncBy,
    pub mouse: bool,
    pub max_file_size: u64,
    pub reveal_hidden: bool,
    /// `y` copies to the system clipboard through the terminal (OSC 52).
    pub clipboard: bool,
}

/// `[reader] sync_by`: how the other panes follow the scrolled one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SyncBy {
    /// To their sentence of the same fact, once the panes are aligned (proportionally until then).
    Content,
    /// To the same fraction of their text.
    Proportional,
}

/// `[[tags]]`: one claim tag of the vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TagConfig {
    pub name: String,
    pub key: String,
    pub colour: String,
    /// What the tag means, for the report's tag legend.
    #[serde(default)]
    pub description: Option<String>,
}

/// `[[bias_axes]]`: a scale sources are placed on.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BiasAxis {
    pub name: String,
    pub steps: Vec<String>,
}

/// `[cleaning]`: how scraped pages are cleaned.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CleaningConfig {
    /// An extra word-list file (entries added to `assets/cleaning/en.toml`); empty for none.
    pub lexicon: String,
}

/// `[entities]`: the entity engine.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntitiesConfig {
    /// An extra gazetteer file; empty for none.
    pub gazetteer: String,
    /// An extra lexicon file (words added to `assets/lexicon/en.toml`); empty for none.
    pub lexicon: String,
}

/// `[framing]`: the framing lens.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FramingConfig {
    /// An extra loaded-language lexicon file; empty for none.
    pub lexicon: String,
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

pub use crate::location::line_column;

impl Default for Config {
    fn default() -> Self {
        toml::from_str(EXAMPLE).expect("config.example.toml parses (tested)")
    }
}

impl Config {
    /// The defaults merged with a user's config text. `file` names it in error messages.
    pub fn from_user_toml(file: &str, text: &str) -> Result<Self, ConfigError> {
        let user = DeTable::parse(text).map_err(|e| ConfigError::at(file, text, e.span(), e.message()))?;
        let defaults: toml::Table = toml::from_str(EXAMPLE).expect("config.example.toml parses (tested)");
        let mut merged = defaults.clone();
        check_and_merge(file, text, user.get_ref(), &mut merged, &[])?;
        toml::Value::Table(merged.clone())
            .try_into()
            .map_err(|e: toml::de::Error| {
                // The walk checks every value it knows how to; should one still be refused here,
                // find which of the user's values it is, so that the message points at it.
                let (span, dotted) = culprit(user.get_ref(), &defaults, &merged).unzip();
                let message = match dotted {
                    Some(dotted) => format!("{dotted}: {}", e.message()),
                    None => e.message().to_owned(),
                };
                ConfigError::at(file, text, span, message)
            })
    }

    /// The keymap of the config's bindings.
    pub fn keymap(&self) -> Keymap {
        Keymap::from_config(&self.keys, &self.tags)
    }
}

/// Walks the user's table beside the defaults: rejects what the defaults do not know, checks
/// types and values, and merges what passes. Tables under `keys` must name a [`keymap::Layer`];
/// theirs take any key name.
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
        let layer_table = path.len() == 1 && path[0] == "keys";
        let free_keys = path.len() == 2 && path[0] == "keys";
        // A layer must be one the reader has: a typo would otherwise bind nothing, silently.
        if layer_table && keymap::Layer::from_name(name).is_none() {
            let known: Vec<&str> = keymap::Layer::ALL.iter().map(|l| l.name()).collect();
            return Err(ConfigError::at(
                file,
                text,
                span,
                format!(
                    "unknown key layer `keys.{name}`: the layers are {}",
                    known.join(", ")
                ),
            ));
        }
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
        let default = match (default, layer_table) {
            (Some(d), _) => d,
            (None, true) => toml::Value::Table(toml::Table::new()),
            (None, false) => {
                let hint = did_you_mean(name, merged.keys().map(String::as_str))
                    .map(|known| format!("; did you mean `{known}`?"))
                    .unwrap_or_default();
                return Err(ConfigError::at(
                    file,
                    text,
                    span,
                    format!("unknown key `{dotted}`{hint}"),
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
                if let (DeValue::Integer(raw), None, true) = (user_value, &converted, default.is_integer()) {
                    let sign = if raw.as_str().starts_with('-') {
                        "small"
                    } else {
                        "large"
                    };
                    return Err(ConfigError::at(
                        file,
                        text,
                        vspan,
                        format!(
                            "{dotted}: {} is too {sign} ({})",
                            raw.as_str(),
                            expected_integer(&dotted)
                        ),
                    ));
                }
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
                if let Some(n) = converted.as_integer()
                    && !integer_range(&dotted).contains(&n)
                {
                    return Err(ConfigError::at(
                        file,
                        text,
                        vspan,
                        format!("{dotted}: {n} is out of range ({})", expected_integer(&dotted)),
                    ));
                }
                if path.is_empty() && name == "tags" {
                    check_tags(user_value, text).map_err(|(span, e)| {
                        ConfigError::at(
                            file,
                            text,
                            Some(span.unwrap_or(value.span())),
                            format!("tags: {e}"),
                        )
                    })?;
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

/// The known name closest to a mistyped `name`, when it is close: at most one edit in four
/// letters (`sinc` → `sync`, `min_colum_width` → `min_column_width`).
fn did_you_mean<'a>(name: &str, known: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    known
        .map(|k| (edit_distance(name, k), k))
        .filter(|(distance, k)| *distance > 0 && *distance * 4 <= k.chars().count().max(4))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, k)| k)
}

/// Levenshtein distance in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitute = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substitute.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[b.len()]
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

/// The values an integer setting takes: what its field holds (TOML integers are `i64`, the
/// fields may be narrower). Every integer in the example is listed (tested).
fn integer_range(dotted: &str) -> std::ops::RangeInclusive<i64> {
    match dotted {
        "reader.min_column_width" => 0..=i64::from(u16::MAX),
        _ => 0..=i64::MAX,
    }
}

fn expected_integer(dotted: &str) -> String {
    let range = integer_range(dotted);
    format!("expected an integer from {} to {}", range.start(), range.end())
}

/// Each tag needs a name, a one-character key and a colour; no two tags share a name or a key;
/// names and keys are drawn in the tag picker, so nothing in them may act on the terminal.
/// An error carries the span of the value at fault (None: the whole `tags` value).
fn check_tags(value: &DeValue<'_>, text: &str) -> Result<(), (Option<Range<usize>>, String)> {
    let Some(tags) = value.as_array() else {
        return Err((None, "expected an array of tables".into()));
    };
    // Name, key and the span of the name of each tag so far.
    let mut seen: Vec<(&str, &str, Range<usize>)> = Vec::new();
    for tag in &**tags {
        let Some(table) = tag.get_ref().as_table() else {
            return Err((Some(tag.span()), "each tag must be a table".into()));
        };
        let field = |name: &str| {
            let value = table
                .get(name)
                .ok_or((Some(tag.span()), format!("each tag needs `{name}`")))?;
            let text = value
                .get_ref()
                .as_str()
                .ok_or((Some(value.span()), format!("`{name}` must be a string")))?;
            if crate::article::sanitize::sanitize_line(text) != text || text.contains('\t') {
                return Err((
                    Some(value.span()),
                    format!("tag {name} `{text}` has a control, bidi or invisible character"),
                ));
            }
            Ok((text, value.span()))
        };
        let (name, name_span) = field("name")?;
        let (key, key_span) = field("key")?;
        if key.chars().count() != 1 {
            return Err((Some(key_span), format!("tag `{name}`: key must be one character")));
        }
        let (colour, colour_span) = field("colour")?;
        theme::check_colour(&toml::Value::String(colour.to_owned())).map_err(|e| (Some(colour_span), e))?;
        if let Some((unknown, _)) = table
            .iter()
            .find(|(k, _)| !["name", "key", "colour", "description"].contains(&k.get_ref().as_ref()))
        {
            return Err((
                Some(unknown.span()),
                format!("tag `{name}`: unknown key `{}`", unknown.get_ref()),
            ));
        }
        if let Some((_, _, first)) = seen.iter().find(|(n, _, _)| *n == name) {
            let line = line_column(text, first.start).0;
            return Err((
                Some(name_span),
                format!("two tags are named `{name}` (the first on line {line})"),
            ));
        }
        if let Some((other, _, _)) = seen.iter().find(|(_, k, _)| *k == key) {
            return Err((
                Some(key_span),
                format!("tag `{name}`: key `{key}` is already the key of `{other}`"),
            ));
        }
        seen.push((name, key, name_span));
    }
    Ok(())
}

/// The user's value that makes `merged` fail to deserialise: the first whose default in its
/// place makes it pass. Its span and dotted name.
fn culprit(
    user: &DeTable<'_>,
    defaults: &toml::Table,
    merged: &toml::Table,
) -> Option<(Range<usize>, String)> {
    let mut leaves = Vec::new();
    collect_leaves(user, &mut Vec::new(), &mut leaves);
    leaves.into_iter().find_map(|(path, span)| {
        let mut probe = merged.clone();
        let (last, parents) = path.split_last()?;
        let mut table = &mut probe;
        let mut default = Some(defaults);
        for part in parents {
            default = default.and_then(|d| d.get(part)?.as_table());
            table = table.get_mut(part)?.as_table_mut()?;
        }
        match default.and_then(|d| d.get(last)) {
            Some(value) => table.insert(last.clone(), value.clone()),
            None => table.remove(last),
        };
        let passes = toml::Value::Table(probe).try_into::<Config>().is_ok();
        passes.then(|| (span, path.join(".")))
    })
}

/// Every non-table value of `table`, with its path and span.
fn collect_leaves(table: &DeTable<'_>, path: &mut Vec<String>, out: &mut Vec<(Vec<String>, Range<usize>)>) {
    for (key, value) in table {
        path.push(key.get_ref().to_string());
        match value.get_ref() {
            DeValue::Table(inner) => collect_leaves(inner, path, out),
            _ => out.push((path.clone(), value.span())),
        }
        path.pop();
    }
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
            "[keys.normal]\n\"]\" = \"undo\"\n\"] a\" = \"none\"\n\"] m\" = \"none\"\n",
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
    fn an_unknown_key_layer_is_refused_where_it_is_named() {
        let e = error("[reader]\nsync = true\n\n[keys.normall]\n\"x\" = \"quit\"\n");
        assert_eq!((e.line, e.column), (4, 7), "{e}");
        assert!(e.message.contains("unknown key layer `keys.normall`"), "{e}");
        assert!(
            e.message.contains("cursor") && e.message.contains("notes-changed"),
            "{e}"
        );
        let config = Config::from_user_toml("c.toml", "[keys.stance]\n\"x\" = \"link-as same\"\n")
            .expect("a known layer");
        assert_eq!(
            config.keys["stance"]["x"],
            Binding::Action(Action::LinkAs("same".into()))
        );
    }

    #[test]
    fn unknown_key_is_located() {
        let e = error("[reader]\nsync = true\nsinc = false\n");
        assert_eq!((e.line, e.column), (3, 1));
        assert!(e.message.contains("unknown key `reader.sinc`"), "{e}");
        assert!(e.message.contains("did you mean `sync`?"), "{e}");
        assert!(e.to_string().starts_with("c.toml:3:1: "));
        let e = error("[reader]\nzzzzzz = 1\n");
        assert!(!e.message.contains("did you mean"), "nothing close: {e}");
        let e = error("[readr]\n");
        assert_eq!((e.line, e.column), (1, 2));
        assert!(e.message.contains("did you mean `reader`?"), "{e}");
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
    fn out_of_range_integers_are_located_and_explained() {
        let e = error("[reader]\nsync = true\nmin_column_width = 70000\n");
        assert_eq!((e.line, e.column), (3, 20), "{e}");
        assert!(e.message.contains("reader.min_column_width"), "{e}");
        assert!(
            e.message.contains("out of range") && e.message.contains("65535"),
            "{e}"
        );
        let e = error("[reader]\nmax_file_size = -1\n");
        assert_eq!((e.line, e.column), (2, 17), "{e}");
        assert!(e.message.contains("out of range"), "{e}");
    }

    #[test]
    fn every_integer_setting_takes_its_whole_range_and_no_more() {
        let example: toml::Table = toml::from_str(EXAMPLE).expect("example");
        for (section, table) in example.iter().filter_map(|(k, v)| Some((k, v.as_table()?))) {
            for (key, _) in table.iter().filter(|(_, v)| v.is_integer()) {
                let dotted = format!("{section}.{key}");
                let range = integer_range(&dotted);
                let top = format!("[{section}]\n{key} = {}\n", range.end());
                Config::from_user_toml("c.toml", &top).unwrap_or_else(|e| panic!("{dotted}: {e}"));
                if let Some(over) = range.end().checked_add(1) {
                    let e = error(&format!("[{section}]\n{key} = {over}\n"));
                    assert_eq!(e.line, 2, "{e}");
                }
            }
        }
    }

    #[test]
    fn a_value_only_deserialising_refuses_is_still_located() {
        let e = error("[reader]\nsync = true\n\n[[bias_axes]]\nname = 3\nsteps = []\n");
        assert!(e.line > 1, "{e}");
        assert!(e.message.starts_with("bias_axes: "), "{e}");
    }

    #[test]
    fn an_integer_too_large_for_toml_is_located_and_explained() {
        let e = error("[reader]\n\nmax_file_size = 99999999999999999999\n");
        assert_eq!((e.line, e.column), (3, 17), "{e}");
        assert!(!e.message.contains("found integer"), "{e}");
        assert!(e.message.contains("too large"), "{e}");
    }

    #[test]
    fn tag_errors_point_at_the_offending_value() {
        let e = error("[[tags]]\nname = \"spin\"\nkey = \"s\"\ncolour = \"nope\"\n");
        assert_eq!((e.line, e.column), (4, 10), "{e}");
        let e = error("[[tags]]\nname = \"spin\"\nkey = \"sx\"\ncolour = \"red\"\n");
        assert_eq!((e.line, e.column), (3, 7), "{e}");
    }

    #[test]
    fn duplicate_tags_are_refused_where_the_second_is_written() {
        let tag = |name: &str, key: &str| {
            format!("[[tags]]\nname = \"{name}\"\nkey = \"{key}\"\ncolour = \"red\"\n")
        };
        let e = error(&format!("{}{}", tag("spin", "s"), tag("spin", "p")));
        assert_eq!((e.line, e.column), (6, 8), "{e}");
        assert!(
            e.message.contains("`spin`") && e.message.contains("line 2"),
            "{e}"
        );
        let e = error(&format!("{}{}", tag("spin", "s"), tag("slant", "s")));
        assert_eq!((e.line, e.column), (7, 7), "{e}");
        assert!(
            e.message.contains("key `s`") && e.message.contains("`spin`"),
            "{e}"
        );
    }

    #[test]
    fn tag_names_and_keys_that_would_act_on_the_terminal_are_refused() {
        let e = error("[[tags]]\nname = \"cl\\u202Eaim\"\nkey = \"c\"\ncolour = \"red\"\n");
        assert_eq!((e.line, e.column), (2, 8), "{e}");
        assert!(e.message.contains("control"), "{e}");
        let e = error("[[tags]]\nname = \"claim\"\nkey = \"\\u001b\"\ncolour = \"red\"\n");
        assert_eq!((e.line, e.column), (3, 7), "{e}");
    }
}
