//! Kind rules: what a name's own words, the words around its mentions and the gazetteer say
//! about whether it is a person, an organisation, a place or an event.

use super::Kind;
use super::lexicon;

/// Evidence gathered over the mentions of one spelling.
#[derive(Debug, Clone, Copy, Default)]
pub struct Votes {
    pub mentions: usize,
    pub titles: usize,
    pub place_prepositions: usize,
    /// Of those, prepositions of an area ("in", "near").
    pub areas: usize,
    pub events: usize,
}

impl Votes {
    pub fn add(&mut self, other: Votes) {
        self.mentions += other.mentions;
        self.titles += other.titles;
        self.place_prepositions += other.place_prepositions;
        self.areas += other.areas;
        self.events += other.events;
    }
}

/// What a name's words say by themselves: its last word ("Corps", "Strip", "Summit").
pub fn from_words(words: &[String]) -> Option<Kind> {
    let last = words.last()?;
    if lexicon::is_event_cue(last) || words.first().is_some_and(|w| w == "operation") {
        Some(Kind::Event)
    } else if lexicon::is_organisation_cue(last) {
        Some(Kind::Organisation)
    } else if lexicon::is_place_cue(last) {
        Some(Kind::Place)
    } else {
        None
    }
}

/// The kind of one spelling: gazetteer first, then the words around it, then its own words,
/// then its shape (two or three plain words are most often a person's name).
pub fn decide(words: &[String], votes: Votes, known: Option<Kind>) -> Kind {
    if let Some(kind) = known {
        return kind;
    }
    if votes.events > 0 {
        return Kind::Event;
    }
    if votes.titles > 0 {
        return Kind::Person;
    }
    if let Some(kind) = from_words(words) {
        return kind;
    }
    if votes.place_prepositions * 2 >= votes.mentions {
        return Kind::Place;
    }
    let plain = words
        .iter()
        .all(|w| !lexicon::is_connector(w) && w.chars().all(char::is_alphabetic));
    if (2..=3).contains(&words.len()) && plain {
        Kind::Person
    } else {
        Kind::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        s.split(' ').map(str::to_string).collect()
    }

    #[test]
    fn cues_decide_kinds() {
        let none = Votes {
            mentions: 1,
            ..Votes::default()
        };
        assert_eq!(
            decide(&words("islamic revolutionary guard corps"), none, None),
            Kind::Organisation
        );
        assert_eq!(decide(&words("gaza strip"), none, None), Kind::Place);
        assert_eq!(decide(&words("ismail haniyeh"), none, None), Kind::Person);
        assert_eq!(
            decide(&words("aqsa flood"), Votes { events: 1, ..none }, None),
            Kind::Event
        );
        assert_eq!(
            decide(&words("qaani"), Votes { titles: 1, ..none }, None),
            Kind::Person
        );
        assert_eq!(
            decide(
                &words("aleppo"),
                Votes {
                    place_prepositions: 1,
                    ..none
                },
                None
            ),
            Kind::Place
        );
        assert_eq!(decide(&words("tehran"), none, Some(Kind::Place)), Kind::Place);
    }
}
