//! From candidates to forms: drops capitalised common words at sentence starts, then groups the
//! remaining mentions by their folded key, so every later step works on the few distinct names
//! rather than on every mention.

use std::collections::HashMap;

use super::Kind;
use super::detect::{Candidate, Detection};
use super::gazetteer::Gazetteer;
use super::kind::{self, Votes};
use super::normalize::{exact_key, fold_words};

/// The mentions whose names fold to one key ("Amir-Abdollahian", "Amirabdollahian").
#[derive(Debug, Clone)]
pub struct Form {
    pub key: String,
    pub words: Vec<String>,
    /// Mentions as (doc, byte range), in text order.
    pub mentions: Vec<(usize, std::ops::Range<usize>)>,
    pub votes: Votes,
    /// The gazetteer entry this name belongs to.
    pub known: Option<usize>,
    /// Written in capitals, short: may stand for a longer name.
    pub acronym: bool,
    pub kind: Kind,
}

/// Groups the kept candidates into forms. Returns the forms and, for each candidate, its form.
pub fn build(
    texts: &[&str],
    detection: &Detection<'_>,
    gazetteer: &Gazetteer,
) -> (Vec<Form>, Vec<Option<usize>>) {
    let mut forms: Vec<Form> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut by_surface: HashMap<&str, usize> = HashMap::new();
    let mut form_of = vec![None; detection.candidates.len()];
    for (index, candidate) in detection.candidates.iter().enumerate() {
        let text = texts[candidate.doc];
        let Some(range) = keep(text, candidate, detection, gazetteer) else {
            continue;
        };
        let surface = &text[range.clone()];
        let id = if let Some(&id) = by_surface.get(surface) {
            id
        } else {
            let words = fold_words(surface);
            let key = exact_key(&words);
            let id = *by_key.entry(key.clone()).or_insert_with(|| {
                forms.push(Form {
                    known: gazetteer.entry_for(&key),
                    key,
                    words,
                    mentions: Vec::new(),
                    votes: Votes::default(),
                    acronym: false,
                    kind: Kind::Other,
                });
                forms.len() - 1
            });
            by_surface.insert(surface, id);
            id
        };
        let form = &mut forms[id];
        form.acronym |= is_acronym(surface);
        form.mentions.push((candidate.doc, range));
        form.votes.add(Votes {
            mentions: 1,
            titles: usize::from(candidate.evidence.title),
            place_prepositions: usize::from(candidate.evidence.place_preposition),
            events: usize::from(candidate.evidence.event),
        });
        form_of[index] = Some(id);
    }
    for form in &mut forms {
        form.kind = kind::decide(
            &form.words,
            form.votes,
            form.known.map(|id| gazetteer.entry(id).kind),
        );
    }
    (forms, form_of)
}

/// The range to keep of a candidate: a sentence-initial word that the case also writes in
/// lower case is a common word ("Currently", "Highlighting"), not a name.
fn keep(
    text: &str,
    candidate: &Candidate,
    detection: &Detection<'_>,
    gazetteer: &Gazetteer,
) -> Option<std::ops::Range<usize>> {
    if !candidate.sentence_initial {
        return Some(candidate.range.clone());
    }
    let first_end = candidate.second_word.unwrap_or(candidate.range.end);
    let first = text[candidate.range.start..first_end].trim_end();
    let lower = first.to_lowercase();
    if !detection.lowercase.contains(lower.as_str()) {
        return Some(candidate.range.clone());
    }
    let rest = candidate.second_word.map(|start| start..candidate.range.end)?;
    // "Millions of Iranians": what remains may be a demonym alone.
    let rest_key = exact_key(&fold_words(&text[rest.clone()]));
    (!gazetteer.is_demonym(&rest_key)).then_some(rest)
}

/// "IRGC", "PIJ", "U.S.": two to six capitals, maybe dotted.
pub fn is_acronym(surface: &str) -> bool {
    let letters = surface.chars().filter(|c| c.is_alphabetic()).count();
    (2..=6).contains(&letters)
        && surface
            .chars()
            .all(|c| c.is_uppercase() || c == '.' || c.is_ascii_digit())
}
