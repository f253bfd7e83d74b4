//! The gazetteer: widely reported entities, their kinds and the other names they go by.
//! `assets/gazetteer.toml` is compiled in; a user file in the same format can be added over it.

use std::collections::HashMap;

use serde::Deserialize;

use super::Kind;
use super::normalize::{exact_key, fold_words};

/// The bundled gazetteer (documented in the file itself).
pub const BUNDLED: &str = include_str!("../../assets/gazetteer.toml");

/// One known entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Known {
    pub name: String,
    pub kind: Kind,
}

/// Names, aliases and demonyms, looked up by their folded key.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    entries: Vec<Known>,
    by_key: HashMap<String, usize>,
    demonyms: HashMap<String, usize>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    person: Vec<Entry>,
    #[serde(default)]
    organisation: Vec<Entry>,
    #[serde(default)]
    place: Vec<Entry>,
    #[serde(default)]
    event: Vec<Entry>,
    #[serde(default)]
    other: Vec<Entry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    demonyms: Vec<String>,
}

/// The folded key a name is looked up by.
pub fn key_of(name: &str) -> String {
    exact_key(&fold_words(name))
}

impl Gazetteer {
    /// The bundled gazetteer.
    pub fn builtin() -> Self {
        let mut gazetteer = Self::default();
        gazetteer
            .add_toml(BUNDLED)
            .expect("assets/gazetteer.toml parses (tested)");
        gazetteer
    }

    /// The bundled gazetteer with a user file added over it.
    pub fn with_user_file(text: &str) -> Result<Self, String> {
        let mut gazetteer = Self::builtin();
        gazetteer.add_toml(text)?;
        Ok(gazetteer)
    }

    /// Adds the entries of a gazetteer file. A name it shares with an earlier entry moves to
    /// the new entry, so a user file can correct the bundled one.
    pub fn add_toml(&mut self, text: &str) -> Result<(), String> {
        let file: File = toml::from_str(text).map_err(|e| e.to_string())?;
        let groups = [
            (Kind::Person, file.person),
            (Kind::Organisation, file.organisation),
            (Kind::Place, file.place),
            (Kind::Event, file.event),
            (Kind::Other, file.other),
        ];
        for (kind, entries) in groups {
            for entry in entries {
                let id = self.entries.len();
                for name in std::iter::once(&entry.name).chain(&entry.aliases) {
                    self.by_key.insert(key_of(name), id);
                }
                for demonym in &entry.demonyms {
                    self.demonyms.insert(key_of(demonym), id);
                }
                self.entries.push(Known {
                    name: entry.name,
                    kind,
                });
            }
        }
        Ok(())
    }

    /// The entry a folded name belongs to.
    pub fn entry_for(&self, key: &str) -> Option<usize> {
        self.by_key.get(key).copied()
    }

    /// The entry a folded demonym belongs to ("japanese" → Japan).
    pub fn demonym_entry(&self, key: &str) -> Option<usize> {
        self.demonyms.get(key).copied()
    }

    /// Whether a folded word is a demonym ("iranian", "lebanese").
    pub fn is_demonym(&self, key: &str) -> bool {
        self.demonyms.contains_key(key)
    }

    pub fn entry(&self, id: usize) -> &Known {
        &self.entries[id]
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_gazetteer_parses_and_is_large() {
        let gazetteer = Gazetteer::builtin();
        assert!(gazetteer.len() > 300, "{} entries", gazetteer.len());
        let houthis = gazetteer.entry_for(&key_of("Ansar Allah"));
        assert!(houthis.is_some());
        assert_eq!(houthis, gazetteer.entry_for(&key_of("Ansarallah")));
        assert_eq!(houthis, gazetteer.entry_for(&key_of("Houthis")));
        assert_ne!(
            gazetteer.entry_for(&key_of("Hezbollah")),
            gazetteer.entry_for(&key_of("Kataib Hezbollah"))
        );
        assert!(gazetteer.is_demonym("lebanese"));
    }

    #[test]
    fn no_name_is_claimed_by_two_entries() {
        let file: File = toml::from_str(BUNDLED).expect("parses");
        let mut owner: HashMap<String, String> = HashMap::new();
        let all = file
            .person
            .iter()
            .chain(&file.organisation)
            .chain(&file.place)
            .chain(&file.event)
            .chain(&file.other);
        let mut clashes = Vec::new();
        for entry in all {
            let names = std::iter::once(&entry.name)
                .chain(&entry.aliases)
                .chain(&entry.demonyms);
            let mut keys: Vec<String> = names.map(|n| key_of(n)).collect();
            keys.sort();
            keys.dedup();
            for key in keys {
                if let Some(previous) = owner.insert(key.clone(), entry.name.clone()) {
                    clashes.push(format!("{key}: {previous} and {}", entry.name));
                }
            }
        }
        assert!(clashes.is_empty(), "{clashes:#?}");
    }

    #[test]
    fn user_file_adds_and_overrides() {
        let gazetteer = Gazetteer::with_user_file(
            "person = [{ name = \"Ismail Qaani\", aliases = [\"Esmail Ghaani\"] }]",
        )
        .expect("parses");
        let id = gazetteer.entry_for(&key_of("Esmail Ghaani")).expect("added");
        assert_eq!(gazetteer.entry(id).kind, Kind::Person);
        assert!(Gazetteer::with_user_file("place = [{ nme = \"x\" }]").is_err());
    }
}
