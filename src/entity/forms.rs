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
        if candidate.headline.is_some() {
            continue;
        }
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
    add_headline_mentions(texts, detection, gazetteer, &mut forms, &mut by_key, &mut form_of);
    for form in &mut forms {
        form.kind = kind::decide(
            &form.words,
            form.votes,
            form.known.map(|id| gazetteer.entry(id).kind),
        );
    }
    (forms, form_of)
}

/// Keeps, in each headline group, the longest options that name something the body text or
/// the gazetteer knows, without overlaps.
fn add_headline_mentions(
    texts: &[&str],
    detection: &Detection<'_>,
    gazetteer: &Gazetteer,
    forms: &mut Vec<Form>,
    by_key: &mut HashMap<String, usize>,
    form_of: &mut [Option<usize>],
) {
    let mut groups: Vec<Vec<usize>> = vec![Vec::new(); detection.headline_groups];
    for (index, candidate) in detection.candidates.iter().enumerate() {
        if let Some(group) = candidate.headline {
            groups[group].push(index);
        }
    }
    for mut options in groups {
        options.sort_by_key(|&i| {
            let range = &detection.candidates[i].range;
            (std::cmp::Reverse(range.len()), range.start)
        });
        let mut taken: Vec<std::ops::Range<usize>> = Vec::new();
        for index in options {
            let candidate = &detection.candidates[index];
            if taken
                .iter()
                .any(|t| t.start < candidate.range.end && candidate.range.start < t.end)
            {
                continue;
            }
            let words = fold_words(&texts[candidate.doc][candidate.range.clone()]);
            let key = exact_key(&words);
            let id = match (by_key.get(&key), gazetteer.entry_for(&key)) {
                (Some(&id), _) => id,
                (None, Some(entry)) => {
                    forms.push(Form {
                        known: Some(entry),
                        key: key.clone(),
                        words,
                        mentions: Vec::new(),
                        votes: Votes::default(),
                        acronym: false,
                        kind: Kind::Other,
                    });
                    by_key.insert(key, forms.len() - 1);
                    forms.len() - 1
                }
                (None, None) => continue,
            };
            taken.push(candidate.range.clone());
            forms[id].mentions.push((candidate.doc, candidate.range.clone()));
            forms[id].votes.mentions += 1;
            form_of[index] = Some(id);
        }
    }
    for form in forms.iter_mut() {
        form.mentions.sort_by_key(|(doc, range)| (*doc, range.start));
    }
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
