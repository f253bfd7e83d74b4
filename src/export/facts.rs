//! The facts of an alignment as people read them, in the reader's comparison view and in the
//! report's "Coverage of facts": each source's sentence of a fact (the one the others share most
//! of), the fact's title (its clearest sentence), and the strongest suggested groups — those
//! the alignment found in two or more sources that no claim group of the analyst covers yet.
//! What the machine found is only ever a suggestion here: "not found in", never "omitted by".

use std::ops::Range;

use crate::annotation::Notes;
use crate::compare::{Alignment, Group};

/// The most suggested groups a report lists.
pub const MAX_SUGGESTED: usize = 10;

/// How much of each sentence the other articles' sentences share: distinct words of four
/// letters or more found in another article's sentence, over the square root of its length
/// (a long sentence carries other facts; a short one that shares little says little of this).
fn shared_scores(sentences: &[(usize, &str)]) -> Vec<f64> {
    let words = |text: &str| -> Vec<String> {
        let mut w: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 4)
            .map(str::to_lowercase)
            .collect();
        w.sort();
        w.dedup();
        w
    };
    let bags: Vec<(usize, Vec<String>)> = sentences.iter().map(|&(doc, text)| (doc, words(text))).collect();
    sentences
        .iter()
        .zip(&bags)
        .map(|(&(_, text), (doc, own))| {
            let shared = own
                .iter()
                .filter(|w| {
                    bags.iter()
                        .any(|(other, theirs)| other != doc && theirs.binary_search(w).is_ok())
                })
                .count();
            shared as f64 / (text.split_whitespace().count().max(1) as f64).sqrt()
        })
        .collect()
}

/// One sentence per article of `group` (an article may state a fact twice, or have a sentence
/// in the group for a second fact it reports): the one the other articles share most of.
pub fn representatives<'a>(
    group: &Group,
    text_of: impl Fn(usize) -> Option<&'a str>,
) -> Vec<(usize, Range<usize>)> {
    let members: Vec<(usize, &Range<usize>, &str)> = group
        .members
        .iter()
        .filter_map(|m| Some((m.doc, &m.range, text_of(m.doc)?.get(m.range.clone())?)))
        .collect();
    let scores = shared_scores(&members.iter().map(|&(d, _, t)| (d, t)).collect::<Vec<_>>());
    let mut out: Vec<(usize, Range<usize>)> = Vec::new();
    for doc in group.docs() {
        let best = (0..members.len())
            .filter(|&i| members[i].0 == doc)
            .max_by(|&a, &b| scores[a].total_cmp(&scores[b]).then(b.cmp(&a)));
        if let Some(i) = best {
            out.push((doc, members[i].1.clone()));
        }
    }
    out
}

/// The sentence that states the fact most plainly: the one the others share most of, for its
/// length; the shorter, then the first, when equal.
pub fn clearest<'a>(sentences: &[(usize, &'a str)]) -> Option<&'a str> {
    by_clarity(sentences).into_iter().next()
}

/// The sentences from the plainest statement of the fact to the least plain (see [`clearest`]):
/// where the plainest already titles another fact, the next one can.
pub fn by_clarity<'a>(sentences: &[(usize, &'a str)]) -> Vec<&'a str> {
    let scores = shared_scores(sentences);
    let length = |i: usize| sentences[i].1.split_whitespace().count();
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    order.sort_by(|&a, &b| {
        scores[b]
            .total_cmp(&scores[a])
            .then(length(a).cmp(&length(b)))
            .then(a.cmp(&b))
    });
    order.into_iter().map(|i| sentences[i].1).collect()
}

/// A group the alignment found in two or more sources, as the report lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggested<'a> {
    pub group: &'a Group,
    /// One sentence per source that reports it: (doc, range).
    pub sentences: Vec<(usize, Range<usize>)>,
}

/// The strongest groups of `alignment` (most sources, then the engine's confidence) that no
/// claim group of `notes` covers, at most [`MAX_SUGGESTED`], and how many there were in all.
/// `texts[doc]` is an article's text and `keys[doc]` its key in the notes. A claim group covers a
/// group when annotations of it lie on two or more of the group's sentences; groups with the
/// same sentences are listed once.
pub fn strongest<'a>(
    alignment: &'a Alignment,
    texts: &[&str],
    keys: &[String],
    notes: &Notes,
) -> (Vec<Suggested<'a>>, usize) {
    let mut all: Vec<Suggested<'a>> = alignment
        .groups
        .iter()
        .filter(|g| g.docs().len() >= 2)
        .map(|group| Suggested {
            group,
            sentences: representatives(group, |doc| texts.get(doc).copied()),
        })
        .filter(|s| !covered(&s.sentences, keys, notes))
        .collect();
    let key = |s: &Suggested<'_>| -> Vec<(usize, usize, usize)> {
        s.sentences.iter().map(|(d, r)| (*d, r.start, r.end)).collect()
    };
    all.sort_by(|a, b| {
        b.sentences
            .len()
            .cmp(&a.sentences.len())
            .then(b.group.confidence.total_cmp(&a.group.confidence))
            .then_with(|| key(a).cmp(&key(b)))
    });
    let mut seen = std::collections::BTreeSet::new();
    all.retain(|s| seen.insert(key(s)));
    let total = all.len();
    all.truncate(MAX_SUGGESTED);
    (all, total)
}

/// Whether annotations of one claim group lie on two or more of `sentences`.
fn covered(sentences: &[(usize, Range<usize>)], keys: &[String], notes: &Notes) -> bool {
    let mut groups: Vec<usize> = sentences
        .iter()
        .filter_map(|(doc, range)| {
            let article = notes.article(keys.get(*doc)?)?;
            article
                .annotations
                .iter()
                .filter(|a| !a.orphan && a.anchor.start < range.end && range.start < a.anchor.end)
                .find_map(|a| notes.claim_group_of(&a.id))
        })
        .collect();
    groups.sort_unstable();
    groups.windows(2).any(|w| w[0] == w[1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clearest_sentence_is_the_one_the_others_share_most_of() {
        let sentences = [
            (
                0,
                "Talks resumed in Oslo on Monday between the two delegations, after a week in which the \
                 ceasefire collapsed twice and shelling reached the capital's suburbs.",
            ),
            (1, "The delegations resumed talks in Oslo on Monday."),
            (2, "Talks resumed Monday."),
        ];
        assert_eq!(
            clearest(&sentences),
            Some("The delegations resumed talks in Oslo on Monday.")
        );
        assert_eq!(clearest(&[]), None);
    }
}
