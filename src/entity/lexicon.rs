//! Word lists the detector and the kind rules read: English function words, calendar words,
//! titles, name particles and the cue words that tell organisations, places and events apart.
//!
//! The lists are data, `assets/lexicon/en.toml`, compiled in and parsed once into hash sets on
//! first use; [`install`] adds a user's words (config `[entities] lexicon`) before that. All
//! entries are lower case; look-ups take a lower-cased word.

use rustc_hash::FxHashSet as HashSet;
use std::sync::OnceLock;

use serde::Deserialize;

/// The bundled English lexicon.
pub const ENGLISH: &str = include_str!("../../assets/lexicon/en.toml");

/// The word lists, one per role (see the comments in `assets/lexicon/en.toml`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Lexicon {
    common: HashSet<String>,
    calendar: HashSet<String>,
    titles: HashSet<String>,
    connectors: HashSet<String>,
    particles: HashSet<String>,
    organisation_cues: HashSet<String>,
    place_cues: HashSet<String>,
    event_cues: HashSet<String>,
    place_prepositions: HashSet<String>,
    /// Place prepositions that go with areas rather than buildings ("in Wasilla").
    area_prepositions: HashSet<String>,
    generic: HashSet<String>,
    /// Words written capitalised that describe rather than name ("Zionist", "Sunni"): never an
    /// entity alone.
    adjectives: HashSet<String>,
    /// Title words that also begin names of places and companies ("General Motors",
    /// "St Petersburg", "Grand Rapids"): a title only before a person's name.
    name_starting_titles: HashSet<String>,
    /// Lower-case words of English that are frequent in news: evidence that a text is English.
    english_markers: HashSet<String>,
    /// Trailing words of a byline that are not part of the outlet's name ("Staff").
    byline_tails: HashSet<String>,
    /// Frequent news nouns ("Officials", "Hundreds", "Videos"): never a name alone.
    common_nouns: HashSet<String>,
    /// Company suffixes, not counted in initials ("Inc", "Ltd").
    company_suffixes: HashSet<String>,
    /// Words that head a name continued by "for" ("Center for Disease Control"), besides the
    /// organisation cues and generic words.
    purpose_heads: HashSet<String>,
    /// Administrative divisions: "Khorasan Province" is the place Khorasan.
    divisions: HashSet<String>,
    /// Words after a hyphen that make the word before it a language ("Arabic-language").
    language_tails: HashSet<String>,
    /// Adjectives that begin names of places ("New Mexico", "Great Britain").
    name_adjectives: HashSet<String>,
    /// Verbs that follow a sentence's subject ("will", "has", "said").
    auxiliaries: HashSet<String>,
}

impl Lexicon {
    /// Parses a lexicon file. Words are lower-cased.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut lexicon: Self = toml::from_str(text).map_err(|e| crate::location::located(text, &e))?;
        for set in lexicon.sets_mut() {
            *set = set.drain().map(|w| w.to_lowercase()).collect();
        }
        Ok(lexicon)
    }

    fn sets_mut(&mut self) -> [&mut HashSet<String>; 22] {
        [
            &mut self.common,
            &mut self.calendar,
            &mut self.titles,
            &mut self.connectors,
            &mut self.particles,
            &mut self.organisation_cues,
            &mut self.place_cues,
            &mut self.event_cues,
            &mut self.place_prepositions,
            &mut self.area_prepositions,
            &mut self.generic,
            &mut self.adjectives,
            &mut self.name_starting_titles,
            &mut self.english_markers,
            &mut self.byline_tails,
            &mut self.common_nouns,
            &mut self.company_suffixes,
            &mut self.purpose_heads,
            &mut self.divisions,
            &mut self.language_tails,
            &mut self.name_adjectives,
            &mut self.auxiliaries,
        ]
    }

    /// Adds every word of `other` to the lists.
    pub fn extend(&mut self, mut other: Lexicon) {
        for (mine, theirs) in self.sets_mut().into_iter().zip(other.sets_mut()) {
            mine.extend(theirs.drain());
        }
    }
}

static LEXICON: OnceLock<Lexicon> = OnceLock::new();

fn builtin() -> Lexicon {
    // Tested to parse (`the_bundled_lexicon_parses`).
    Lexicon::parse(ENGLISH).unwrap_or_default()
}

/// Adds the words of a user lexicon file to the bundled lists. Call it once, before the first
/// entity pass; it fails (`line:column: message`) if the file does not parse or the lists are
/// already in use.
pub fn install(user: &str) -> Result<(), String> {
    let mut lexicon = builtin();
    lexicon.extend(Lexicon::parse(user)?);
    LEXICON
        .set(lexicon)
        .map_err(|_| "1:1: the entity lists are already in use".to_string())
}

fn get() -> &'static Lexicon {
    LEXICON.get_or_init(builtin)
}

pub fn is_common(word: &str) -> bool {
    get().common.contains(word) || is_calendar(word)
}

pub fn is_calendar(word: &str) -> bool {
    use crate::article::meta::date::{MONTHS, WEEKDAYS};
    get().calendar.contains(word) || MONTHS.contains(&word) || WEEKDAYS.contains(&word)
}

pub fn is_title(word: &str) -> bool {
    get().titles.contains(word.trim_end_matches('.'))
}

pub fn is_name_starting_title(word: &str) -> bool {
    get().name_starting_titles.contains(word.trim_end_matches('.'))
}

pub fn is_connector(word: &str) -> bool {
    get().connectors.contains(word)
}

pub fn is_particle(word: &str) -> bool {
    get().particles.contains(word)
}

pub fn is_organisation_cue(word: &str) -> bool {
    get().organisation_cues.contains(word)
}

pub fn is_place_cue(word: &str) -> bool {
    get().place_cues.contains(word)
}

pub fn is_event_cue(word: &str) -> bool {
    get().event_cues.contains(word)
}

pub fn is_place_preposition(word: &str) -> bool {
    get().place_prepositions.contains(word)
}

pub fn is_area_preposition(word: &str) -> bool {
    get().area_prepositions.contains(word)
}

pub fn is_adjective(word: &str) -> bool {
    get().adjectives.contains(word)
}

pub fn is_english_marker(word: &str) -> bool {
    get().english_markers.contains(word)
}

pub fn is_common_noun(word: &str) -> bool {
    get().common_nouns.contains(word)
}

pub fn is_company_suffix(word: &str) -> bool {
    get().company_suffixes.contains(word.trim_end_matches('.'))
}

pub fn is_name_adjective(word: &str) -> bool {
    get().name_adjectives.contains(word)
}

pub fn is_auxiliary(word: &str) -> bool {
    get().auxiliaries.contains(word)
}

pub fn is_language_tail(word: &str) -> bool {
    get().language_tails.contains(word)
}

pub fn is_division(word: &str) -> bool {
    get().divisions.contains(word)
}

pub fn is_byline_tail(word: &str) -> bool {
    get().byline_tails.contains(word)
}

/// Words that name no one thing when they stand alone ("the Ministry", "the Strip").
/// Whether a name ending in `word` may go on with "for": "Center for Disease Control",
/// "Committee for the Protection of Journalists", but not "the Red Sox for Teixeira" nor
/// "paid Brennan Foods for Kelso Dairy" (company words are organisation cues, not heads).
pub fn heads_purpose(word: &str) -> bool {
    get().purpose_heads.contains(word) || is_generic(word)
}

pub fn is_generic(word: &str) -> bool {
    get().generic.contains(word) || get().titles.contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_lexicon_parses_in_lower_case() {
        let lexicon = Lexicon::parse(ENGLISH).expect("parses");
        for set in [
            &lexicon.common,
            &lexicon.titles,
            &lexicon.organisation_cues,
            &lexicon.adjectives,
        ] {
            assert!(set.len() > 10);
            assert!(set.iter().all(|w| *w == w.to_lowercase()));
        }
        assert!(is_title("gen."));
        assert!(is_common("however"));
    }

    #[test]
    fn a_user_file_adds_words_and_unknown_lists_are_refused() {
        let mut lexicon = builtin();
        lexicon.extend(Lexicon::parse("titles = [\"Alderman\"]").expect("parses"));
        assert!(lexicon.titles.contains("alderman") && lexicon.titles.contains("president"));
        assert!(Lexicon::parse("colours = [\"red\"]").is_err());
    }
}
