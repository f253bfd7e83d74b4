//! From candidates to forms: drops capitalised common words at sentence starts, then groups the
//! remaining mentions by their folded key, so every later step works on the few distinct names
//! rather than on every mention.

use std::collections::HashMap;

use rustc_hash::{FxHashMap, FxHashSet};

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
    /// The kind is person only because the name is two or three plain words: no title, cue or
    /// gazetteer entry says so, so it yields to an organisation ("Allied Bearing Systems").
    pub shape_person: bool,
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
    let known = Known::gather(texts, detection);
    // Folded keys of surfaces `keep` looks up, computed once per distinct surface.
    let mut keys: FxHashMap<&str, String> = FxHashMap::default();
    for (index, candidate) in detection.candidates.iter().enumerate() {
        if candidate.headline.is_some() {
            continue;
        }
        let text = texts[candidate.doc];
        let Some((range, title)) = keep(text, candidate, detection, gazetteer, &known, &mut keys) else {
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
                    shape_person: false,
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
            titles: usize::from(candidate.evidence.title || title),
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
        form.shape_person = form.kind == Kind::Person
            && form.votes.titles == 0
            && form.known.is_none()
            && kind::from_words(&form.words).is_none();
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
                        shape_person: false,
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

/// What the case itself writes mid-sentence, where capitals are evidence: the keys of whole
/// names, and the last words of names of two words or more (surnames, mostly).
struct Known {
    names: FxHashSet<String>,
    surnames: FxHashSet<String>,
}

impl Known {
    fn gather(texts: &[&str], detection: &Detection<'_>) -> Self {
        let mut surfaces: FxHashSet<&str> = FxHashSet::default();
        for c in &detection.candidates {
            if !c.sentence_initial && c.headline.is_none() && !c.optional_title {
                surfaces.insert(&texts[c.doc][c.range.clone()]);
            }
        }
        let mut known = Known {
            names: FxHashSet::with_capacity_and_hasher(surfaces.len(), rustc_hash::FxBuildHasher),
            surnames: FxHashSet::default(),
        };
        for surface in surfaces {
            let words = fold_words(surface);
            if words.len() >= 2
                && let Some(last) = words.last()
            {
                known.surnames.insert(last.clone());
            }
            known.names.insert(exact_key(&words));
        }
        known
    }
}

/// The range to keep of a candidate, and whether a title was taken off it.
///
/// - A title word that also begins names ("General Motors") is a title only when the case uses
///   the rest as a surname elsewhere ("General Petraeus" beside "David Petraeus").
/// - At the start of a sentence the capital proves nothing. The whole name stays when the case
///   writes it mid-sentence or the gazetteer knows it ("New Mexico", "South Korea"); otherwise
///   the first word goes when it is a common word, or when the case writes it in lower case
///   more often than capitalised mid-sentence ("Currently", but not "Brown" beside "Gordon
///   Brown"; words in web addresses are not counted).
fn keep<'t>(
    text: &'t str,
    candidate: &Candidate,
    detection: &Detection<'_>,
    gazetteer: &Gazetteer,
    known: &Known,
    keys: &mut FxHashMap<&'t str, String>,
) -> Option<(std::ops::Range<usize>, bool)> {
    let whole = candidate.range.clone();
    let rest = candidate.second_word.map(|start| start..whole.end);
    let mut key_of = |r: &std::ops::Range<usize>| {
        let surface = &text[r.clone()];
        keys.entry(surface)
            .or_insert_with(|| exact_key(&fold_words(surface)))
            .clone()
    };
    if candidate.optional_title {
        return match rest {
            Some(rest) if known.surnames.contains(&key_of(&rest)) => Some((rest, true)),
            _ => Some((whole, false)),
        };
    }
    if !candidate.sentence_initial {
        return Some((whole, false));
    }
    if candidate.second_word.is_some() {
        let key = key_of(&whole);
        if known.names.contains(&key) || gazetteer.entry_for(&key).is_some() {
            return Some((whole, false));
        }
    }
    let first_end = candidate.second_word.unwrap_or(whole.end);
    let lower = text[whole.start..first_end].trim_end().to_lowercase();
    let lowercase = detection.lowercase.get(lower.as_str()).copied().unwrap_or(0);
    let capitalised = detection.capitalised.get(&lower).copied().unwrap_or(0);
    if !candidate.lead_common && lowercase <= capitalised {
        return Some((whole, false));
    }
    let rest = rest?;
    // "Millions of Iranians": what remains may be a demonym alone.
    (!gazetteer.is_demonym(&key_of(&rest))).then_some((rest, false))
}

/// "IRGC", "PIJ", "U.S.": two to six capitals, maybe dotted.
pub fn is_acronym(surface: &str) -> bool {
    let letters = surface.chars().filter(|c| c.is_alphabetic()).count();
    (2..=6).contains(&letters)
        && surface
            .chars()
            .all(|c| c.is_uppercase() || c == '.' || c.is_ascii_digit())
}
