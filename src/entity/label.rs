//! Turning a group of forms into an [`Entity`]: its mentions in order, its display label (the
//! fullest common spelling) and its kind.

use std::collections::BTreeMap;

use super::forms::Form;
use super::{Entity, Kind, Mention, Reason};

/// Builds the entity for the forms `members` of one group: their mentions in the articles
/// `keep(form, doc)` allows, and the `extra` mentions other groups' forms gave it.
pub fn entity(
    texts: &[&str],
    forms: &[Form],
    members: &[usize],
    reason: Reason,
    keep: impl Fn(usize, usize) -> bool,
    extra: &[Mention],
) -> Entity {
    let keep = &keep;
    let mut mentions: Vec<Mention> = members
        .iter()
        .flat_map(|&id| {
            forms[id]
                .mentions
                .iter()
                .filter(move |(doc, _)| keep(id, *doc))
                .map(|(doc, range)| Mention {
                    doc: *doc,
                    range: range.clone(),
                })
        })
        .chain(extra.iter().cloned())
        .collect();
    mentions.sort_by_key(|m| (m.doc, m.range.start, m.range.end));
    mentions.dedup();
    let mut spellings: BTreeMap<&str, usize> = BTreeMap::new();
    for m in &mentions {
        *spellings.entry(&texts[m.doc][m.range.clone()]).or_default() += 1;
    }
    Entity {
        label: choose_label(&spellings),
        kind: choose_kind(forms, members),
        reason: if members.len() == 1 { Reason::Exact } else { reason },
        mentions,
    }
}

/// The fullest common spelling: among spellings seen twice or at least a fifth as often as the
/// most frequent one, the one with most words, then the most frequent, preferring capitalised over all-capitals forms.
pub fn choose_label(spellings: &BTreeMap<&str, usize>) -> String {
    let most = spellings.values().copied().max().unwrap_or(0);
    let rank = |(s, n): (&&str, &usize)| {
        let words = s.split([' ', '-']).count();
        let capitalised =
            s.chars().any(char::is_lowercase) && s.chars().next().is_some_and(char::is_uppercase);
        // Common enough: seen twice, or at least a fifth as often as the most frequent.
        let common = *n >= 2 || n * 5 >= most;
        (
            usize::from(common),
            usize::from(!run_on(s, spellings)),
            usize::from(capitalised),
            words,
            *n,
        )
    };
    let mut best: Option<(&&str, &usize)> = None;
    for entry in spellings {
        // BTreeMap order makes ties go to the alphabetically first spelling.
        if best.is_none_or(|b| rank(entry) > rank(b)) {
            best = Some(entry);
        }
    }
    best.map(|(s, _)| (*s).to_string()).unwrap_or_default()
}

/// A spelling that runs on from other words into another spelling of the same entity, over a
/// lower-case word: "Protection for Leila Haddad" beside "Leila Haddad", "Ines Valcourt of the
/// Open Rivers Alliance" beside "Open Rivers Alliance". Not a good label. ("Bank of England" is
/// not one: "England" is not a spelling of the bank.)
fn run_on(spelling: &str, spellings: &BTreeMap<&str, usize>) -> bool {
    let has_lower_word = spelling
        .split(' ')
        .skip(1)
        .any(|w| w.chars().next().is_some_and(char::is_lowercase));
    has_lower_word
        && spellings.keys().any(|other| {
            other.len() < spelling.len()
                && spelling.ends_with(other)
                && spelling[..spelling.len() - other.len()].ends_with(' ')
        })
}

/// The kind of the form with the strongest evidence: a gazetteer kind, else a vote weighted by
/// mentions, where a decided kind beats `Other`.
fn choose_kind(forms: &[Form], members: &[usize]) -> Kind {
    if let Some(form) = members.iter().map(|&id| &forms[id]).find(|f| f.known.is_some()) {
        return form.kind;
    }
    let mut votes: BTreeMap<Kind, usize> = BTreeMap::new();
    for &id in members {
        let form = &forms[id];
        // A person only by the shape of the name is weak evidence.
        let weight = if form.shape_person {
            form.mentions.len()
        } else {
            form.mentions.len() + 4 * form.votes.titles + 2 * form.words.len()
        };
        *votes.entry(form.kind).or_default() += weight;
    }
    votes.remove(&Kind::Other);
    votes
        .into_iter()
        .max_by_key(|&(kind, n)| (n, std::cmp::Reverse(kind)))
        .map_or(Kind::Other, |(kind, _)| kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_is_the_fullest_common_spelling() {
        let spellings = BTreeMap::from([
            ("IRGC", 10),
            ("Islamic Revolutionary Guard Corps", 4),
            ("Islamic Revolution Guard Corps", 1),
        ]);
        assert_eq!(choose_label(&spellings), "Islamic Revolutionary Guard Corps");
        let spellings = BTreeMap::from([("Haniyeh", 10), ("Ismail Haniyeh", 4)]);
        assert_eq!(choose_label(&spellings), "Ismail Haniyeh");
        let spellings = BTreeMap::from([("Qaani", 1), ("Esmail Qaani", 1)]);
        assert_eq!(choose_label(&spellings), "Esmail Qaani");
        let spellings = BTreeMap::from([("Protection for Leila Haddad", 1), ("Leila Haddad", 2)]);
        assert_eq!(choose_label(&spellings), "Leila Haddad");
        let spellings = BTreeMap::from([("Bank of England", 2), ("BoE", 3)]);
        assert_eq!(choose_label(&spellings), "Bank of England");
    }
}
