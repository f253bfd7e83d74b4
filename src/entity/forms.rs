//! From candidates to forms: drops capitalised common words at sentence starts, then groups the
//! remaining mentions by their folded key, so every later step works on the few distinct names
//! rather than on every mention.

use std::collections::HashMap;

use rustc_hash::{FxHashMap, FxHashSet};

use super::Kind;
use super::detect::{Candidate, Detection, Preposition};
use super::gazetteer::Gazetteer;
use super::kind::{self, Votes};
use super::lexicon;
use super::normalize::{exact_key, fold_words};

/// The mentions whose names fold to one key ("Amir-Abdollahian", "Amirabdollahian").
#[derive(Debug, Clone)]
#[allow(clippy::struct_excessive_bools)] // Independent facts about one spelling, not states.
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
    /// Written with a leading "The", which `words` and `key` leave out ("The Hollywood
    /// Reporter"): its acronym may count it (THR).
    pub article: bool,
    /// Its first word is written in capitals before other words ("INS Sukanya", "USS Cole"):
    /// that word may be the initials of words another spelling writes out.
    pub acronym_head: bool,
}

impl Form {
    /// An empty form for a surface: its words without a leading "The", its key and gazetteer
    /// entry (the gazetteer may list the name with its article: "The Hague").
    pub fn new(surface: &str, gazetteer: &Gazetteer) -> Self {
        let (words, article) = name_words(surface);
        let key = exact_key(&words);
        let known = gazetteer.entry_for(&key).or_else(|| {
            article
                .then(|| gazetteer.entry_for(&format!("the{key}")))
                .flatten()
        });
        let head = surface.split(' ').nth(usize::from(article)).unwrap_or("");
        let letters = head.chars().filter(|c| c.is_alphabetic()).count();
        let acronym_head = words.len() >= 2
            && (2..=5).contains(&letters)
            && head.chars().all(|c| c.is_uppercase() || c == '.');
        Form {
            known,
            key,
            words,
            mentions: Vec::new(),
            votes: Votes::default(),
            acronym: false,
            kind: Kind::Other,
            shape_person: false,
            article,
            acronym_head,
        }
    }
}

/// The folded words of a name without a leading "The" when more words follow, and whether it
/// had one: "The Associated Press" and "Associated Press" are one name.
pub fn name_words(surface: &str) -> (Vec<String>, bool) {
    let mut words = fold_words(surface);
    let article = words.len() > 1 && words[0] == "the";
    if article {
        words.remove(0);
    }
    (words, article)
}

/// The key a name is grouped by (see [`name_words`]).
pub fn name_key(surface: &str) -> String {
    exact_key(&name_words(surface).0)
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
    let known = Known::gather(texts, detection, gazetteer);
    // Folded keys of surfaces `keep` looks up, computed once per distinct surface.
    let mut keys: FxHashMap<&str, String> = FxHashMap::default();
    for (index, candidate) in detection.candidates.iter().enumerate() {
        if candidate.headline.is_some() {
            continue;
        }
        let text = texts[candidate.doc];
        // "Moviemaker Gary Ross", "Angels GM Tony Reagins": a known person's name with words
        // glued before it is that name; a known name at the start of those words is one too.
        let (kept, before) = match glued_to_known_person(text, candidate, &known) {
            Some((person, before)) => (Some((person, true)), before),
            None => (
                keep(text, candidate, detection, gazetteer, &known, &mut keys),
                None,
            ),
        };
        let Some((range, title)) = kept else {
            continue;
        };
        if let Some(before) = before {
            let surface = &text[before.clone()];
            let id = form_for(&mut forms, &mut by_key, gazetteer, surface);
            forms[id].acronym |= is_acronym(surface);
            forms[id].mentions.push((candidate.doc, before));
            forms[id].votes.mentions += 1;
        }
        let surface = &text[range.clone()];
        let id = if let Some(&id) = by_surface.get(surface) {
            id
        } else {
            let id = form_for(&mut forms, &mut by_key, gazetteer, surface);
            by_surface.insert(surface, id);
            id
        };
        let form = &mut forms[id];
        form.acronym |= is_acronym(surface);
        form.mentions.push((candidate.doc, range));
        form.votes.add(Votes {
            mentions: 1,
            titles: usize::from(candidate.evidence.title || title),
            place_prepositions: usize::from(candidate.evidence.place.is_some()),
            areas: usize::from(candidate.evidence.place == Some(Preposition::Area)),
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

/// The form of a surface, added if its key is new.
fn form_for(
    forms: &mut Vec<Form>,
    by_key: &mut HashMap<String, usize>,
    gazetteer: &Gazetteer,
    surface: &str,
) -> usize {
    let form = Form::new(surface, gazetteer);
    *by_key.entry(form.key.clone()).or_insert_with(|| {
        forms.push(form);
        forms.len() - 1
    })
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
            let form = Form::new(&texts[candidate.doc][candidate.range.clone()], gazetteer);
            let id = match (by_key.get(&form.key), form.known) {
                (Some(&id), _) => id,
                (None, Some(_)) => {
                    by_key.insert(form.key.clone(), forms.len());
                    forms.push(form);
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
    /// Names of two or three plain words ("Gary Ross"): most likely persons.
    persons: FxHashSet<String>,
    /// Single words known as names, and the first words of `persons`: a word glued before a
    /// person's name that is one of these may be part of a longer name ("Boston Red Sox", "Ann
    /// Mary Lee").
    name_words: FxHashSet<String>,
    /// The words of person-shaped names of two or three words anywhere, the start of a sentence
    /// included ("Mark Davies said…"), and the last words of other names of several words
    /// ("J.K. Rowling"): a word alone that is one of them is part of that name.
    person_parts: FxHashSet<String>,
}

impl Known {
    fn gather(texts: &[&str], detection: &Detection<'_>, gazetteer: &Gazetteer) -> Self {
        let mut surfaces: FxHashSet<&str> = FxHashSet::default();
        let mut longer: FxHashSet<&str> = FxHashSet::default();
        for c in &detection.candidates {
            let surface = &texts[c.doc][c.range.clone()];
            if !c.sentence_initial && c.headline.is_none() && !c.optional_title {
                surfaces.insert(surface);
            }
            if c.headline.is_none() && surface.contains(' ') {
                longer.insert(surface);
            }
        }
        // Once per distinct spelling: a case repeats its names many times.
        let mut person_parts = FxHashSet::default();
        for surface in longer {
            let (mut words, _) = name_words(surface);
            if is_person_shaped(surface, gazetteer) {
                person_parts.extend(words);
            } else if let Some(last) = words.pop() {
                // "J.K. Rowling": initials make no person shape, but the surname is one.
                person_parts.insert(last);
            }
        }
        let mut known = Known {
            names: FxHashSet::with_capacity_and_hasher(surfaces.len(), rustc_hash::FxBuildHasher),
            surnames: FxHashSet::default(),
            persons: FxHashSet::default(),
            name_words: FxHashSet::default(),
            person_parts,
        };
        for surface in surfaces {
            let (words, _) = name_words(surface);
            if words.len() >= 2
                && let Some(last) = words.last()
            {
                known.surnames.insert(last.clone());
            }
            let key = exact_key(&words);
            if is_person_shaped(surface, gazetteer) {
                if let Some(first) = surface.split(' ').next() {
                    known.name_words.insert(exact_key(&fold_words(first)));
                }
                known.persons.insert(key.clone());
            } else if !surface.contains(' ') {
                known.name_words.insert(key.clone());
            }
            known.names.insert(key);
        }
        known
    }
}

/// Two or three words, each capitalised and none a title, common word, cue word, demonym or
/// adjective: the shape of a person's name ("Gary Ross", "Bashar al-Assad").
fn is_person_shaped(surface: &str, gazetteer: &Gazetteer) -> bool {
    let words: Vec<&str> = surface.split(' ').collect();
    (2..=3).contains(&words.len())
        && words.iter().all(|word| {
            let name = word.rsplit('-').next().unwrap_or(word);
            let mut chars = name.chars();
            let lower = word.to_lowercase();
            let key = exact_key(&fold_words(word));
            chars.next().is_some_and(char::is_uppercase)
                && chars.any(char::is_lowercase)
                && !lexicon::is_common(&lower)
                && !lexicon::is_title(&lower)
                && !lexicon::is_generic(&lower)
                && !lexicon::is_organisation_cue(&lower)
                && !lexicon::is_place_cue(&lower)
                && !lexicon::is_event_cue(&lower)
                && !lexicon::is_adjective(&lower)
                && !gazetteer.is_demonym(&key)
                && gazetteer.entry_for(&key).is_none()
        })
}

/// A run that ends in a person's name the case writes on its own, glued to words before it
/// that are not part of a name ("Moviemaker Gary Ross", "COO Larry Lucchino", "Angels GM Tony
/// Reagins", "American Hasim Rahman"): the person's range, and the range of a known name the
/// words before begin with ("Los Angeles Angels"), if any.
fn glued_to_known_person(
    text: &str,
    candidate: &Candidate,
    known: &Known,
) -> Option<(std::ops::Range<usize>, Option<std::ops::Range<usize>>)> {
    let whole = candidate.range.clone();
    let surface = &text[whole.clone()];
    // Kimani 'Kiki' Gray: a quoted nickname is part of the name.
    if surface
        .split(' ')
        .any(|w| w.starts_with(['"', '“', '\'', '‘', '(']))
    {
        return None;
    }
    let mut starts: Vec<usize> = vec![0];
    starts.extend(surface.match_indices(' ').map(|(i, _)| i + 1));
    let n = starts.len();
    if n < 3 {
        return None;
    }
    let key_of = |from: usize, to: usize| {
        let end = if to == n { surface.len() } else { starts[to] - 1 };
        name_key(&surface[starts[from]..end])
    };
    // "Mark Jay Heller" beside "Jay Heller": a whole person's name the case knows stays whole.
    if known.persons.contains(&key_of(0, n)) {
        return None;
    }
    let split = (n.saturating_sub(3).max(1)..=n - 2)
        .find(|&i| known.persons.contains(&key_of(i, n)) && !known.name_words.contains(&key_of(i - 1, i)))?;
    let person = whole.start + starts[split]..whole.end;
    let before = (1..split)
        .rev()
        .find(|&k| known.names.contains(&key_of(0, k)))
        .map(|k| {
            let end = starts[k] - 1;
            whole.start..whole.start + end
        });
    Some((person, before))
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
        keys.entry(surface).or_insert_with(|| name_key(surface)).clone()
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
    // "The Boston Red Sox won": the article of a sentence's first name is not part of it.
    if let Some(rest) = rest.clone()
        && text[whole.start..rest.start].trim_end() == "The"
    {
        return name_alone(text, rest, gazetteer);
    }
    if let Some(second) = candidate.second_word {
        let key = key_of(&whole);
        if known.names.contains(&key) || gazetteer.entry_for(&key).is_some() {
            return Some((whole, false));
        }
        // "New Mexico will vote": a name-forming adjective and one name, as the whole subject
        // of a verb, are one name ("New rules for Iraq" and "New Iraq sanctions" are not).
        let lead = text[whole.start..second].trim_end().to_lowercase();
        let next = text[whole.end..]
            .trim_start()
            .split(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        if lexicon::is_name_adjective(&lead)
            && !text[second..whole.end].contains(' ')
            && lexicon::is_auxiliary(next)
        {
            return Some((whole, false));
        }
    }
    let first_end = candidate.second_word.unwrap_or(whole.end);
    let lower = text[whole.start..first_end].trim_end().to_lowercase();
    let lowercase = detection.lowercase.get(lower.as_str()).copied().unwrap_or(0);
    let capitalised = detection.capitalised.get(&lower).copied().unwrap_or(0);
    // A word alone at the start of a sentence, that the case never writes as a name of its own
    // mid-sentence, nor in lower case, is unproven either way ("Depending on…", "Immigration
    // advocates…", "Asylum seekers…", "I'm"): kept only when it is an acronym, a word of a
    // person's name the case writes in full, a known name, or the gazetteer knows it. On the
    // ECB+ development set this dropped about 320 such mentions, nearly all junk, for 0.002 of
    // mention recall (lone first names, a film title).
    if !candidate.lead_common && lowercase <= capitalised {
        let mut unproven = || {
            let word = &text[whole.clone()];
            let key = key_of(&whole);
            candidate.second_word.is_none()
                && lowercase == 0
                && !word.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
                && detection.alone.get(&lower).copied().unwrap_or(0) == 0
                && name_words(word)
                    .0
                    .last()
                    .is_none_or(|w| !known.surnames.contains(w) && !known.person_parts.contains(w))
                && !known.name_words.contains(&key)
                && gazetteer.entry_for(&key).is_none()
        };
        if !unproven() {
            return Some((whole, false));
        }
    }
    name_alone(text, rest?, gazetteer)
}

/// What remains of a run after its first word, unless it is a demonym or a generic word alone
/// ("Millions of Iranians", "The Resistance factions").
fn name_alone(
    text: &str,
    rest: std::ops::Range<usize>,
    gazetteer: &Gazetteer,
) -> Option<(std::ops::Range<usize>, bool)> {
    let surface = &text[rest.clone()];
    let lower = surface.to_lowercase();
    let generic = !surface.contains(' ')
        && (lexicon::is_generic(&lower)
            || lexicon::is_common_noun(&lower)
            || lexicon::is_adjective(&lower)
            || lexicon::is_common(&lower));
    (!generic && !gazetteer.is_demonym(&name_key(surface))).then_some((rest, false))
}

/// "IRGC", "PIJ", "U.S.": two to six capitals, maybe dotted.
pub fn is_acronym(surface: &str) -> bool {
    let letters = surface.chars().filter(|c| c.is_alphabetic()).count();
    (2..=6).contains(&letters)
        && surface
            .chars()
            .all(|c| c.is_uppercase() || c == '.' || c.is_ascii_digit())
}
