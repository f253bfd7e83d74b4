//! One-to-one matches per pair of articles: an outlet usually states a fact once, so each
//! sentence is matched to at most one sentence of each other article, best pairs first (greedy
//! by score, in any order of the text: outlets order facts differently). A sentence that
//! reports two facts may still take a second partner in an article when what it shares with that
//! one is different evidence from what it shares with its first partner. Which pairs are
//! candidates for links is decided before: above the threshold, or mutually best a little below
//! it ([`mutual_best`]).

use super::candidates::{Pair, shared};
use super::features::Sentence;

/// A kept pair, and whether it is the first partner of both sentences in each other's article
/// (`primary`) or a second fact of one of them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Link {
    pub pair: Pair,
    pub primary: bool,
}

/// At most this share of a second partner's shared evidence may repeat the first partner's.
const SECOND_FACT_OVERLAP: f32 = 0.25;

/// The links among `pairs`, best first.
pub fn one_to_one(mut pairs: Vec<Pair>, sentences: &[Sentence], weight: &[f32]) -> Vec<Link> {
    // Pairs are unique, so the order is total and an unstable sort gives the same result.
    pairs.sort_unstable_by(|x, y| y.score.total_cmp(&x.score).then((x.a, x.b).cmp(&(y.a, y.b))));
    // (sentence, other article) → the partner taken there.
    let docs = sentences.iter().map(|s| s.doc + 1).max().unwrap_or(0);
    let mut partner = Partners {
        docs,
        of: vec![usize::MAX; sentences.len() * docs],
    };
    let mut links = Vec::new();
    let mut rest = Vec::new();
    for pair in pairs {
        let (da, db) = (sentences[pair.a].doc, sentences[pair.b].doc);
        if partner.get(pair.a, db).is_some() || partner.get(pair.b, da).is_some() {
            rest.push(pair);
            continue;
        }
        partner.set(pair.a, db, pair.b);
        partner.set(pair.b, da, pair.a);
        links.push(Link { pair, primary: true });
    }
    // Second facts: one side is free in the other's article, the other side already has a
    // partner there, and the evidence this pair shares is mostly not the first pair's.
    for pair in rest {
        let (da, db) = (sentences[pair.a].doc, sentences[pair.b].doc);
        let (busy, free, busy_doc, free_doc) = match (partner.get(pair.a, db), partner.get(pair.b, da)) {
            (Some(_), None) => (pair.a, pair.b, da, db),
            (None, Some(_)) => (pair.b, pair.a, db, da),
            _ => continue,
        };
        let Some(first) = partner.get(busy, free_doc) else {
            continue;
        };
        let this = common(&sentences[busy].features, &sentences[free].features);
        let before = common(&sentences[busy].features, &sentences[first].features);
        let (total, _) = shared(&this, &this, weight);
        let (repeated, _) = shared(&this, &before, weight);
        if total > 0.0 && repeated / total <= SECOND_FACT_OVERLAP {
            partner.set(free, busy_doc, busy);
            links.push(Link { pair, primary: false });
        }
    }
    links
}

/// Whether each pair is mutually best: each sentence is the other's most similar in its
/// article. Such a pair is a link at a lower bar (`Scoring::mutual`): a paraphrase shares few
/// words, but when nothing else in either article comes closer, the two sentences are each
/// other's report of the fact.
pub fn mutual_best(pairs: &[Pair], sentences: &[Sentence], docs: usize) -> Vec<bool> {
    let mut best = vec![(0.0f32, usize::MAX); sentences.len() * docs];
    for (i, p) in pairs.iter().enumerate() {
        for (from, to) in [(p.a, p.b), (p.b, p.a)] {
            let slot = &mut best[from * docs + sentences[to].doc];
            if p.score > slot.0 {
                *slot = (p.score, i);
            }
        }
    }
    pairs
        .iter()
        .enumerate()
        .map(|(i, p)| {
            best[p.a * docs + sentences[p.b].doc].1 == i && best[p.b * docs + sentences[p.a].doc].1 == i
        })
        .collect()
}

/// Each sentence's partner in each article, in a flat table (a hash map was most of the time
/// on large cases).
struct Partners {
    docs: usize,
    of: Vec<usize>,
}

impl Partners {
    fn get(&self, sentence: usize, doc: usize) -> Option<usize> {
        Some(self.of[sentence * self.docs + doc]).filter(|&p| p != usize::MAX)
    }

    fn set(&mut self, sentence: usize, doc: usize, partner: usize) {
        self.of[sentence * self.docs + doc] = partner;
    }
}

/// The features two sorted lists share.
fn common(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}
