//! Repeats of a fact within one article: outlets state a fact in the headline, again in the
//! lead, and once more further down. The pairwise step keeps one sentence per article in a
//! group (an outlet states a fact once, as far as matching is concerned); here every other
//! sentence that agrees with the group's members in the *other* articles joins it, up to a few
//! per article, so the reader and the scorer see each outlet's every sentence of the fact.

use super::candidates::Pair;
use super::groups::Draft;

/// Adds to each group the sentences whose mean similarity to the group's members in other
/// articles reaches `min` (an unscored pair counts 0), at most `per_article` sentences of an
/// article in a group. A sentence may so join several groups: it reports several facts.
pub fn repeats(
    drafts: Vec<Draft>,
    doc_of: &[usize],
    pairs: &[Pair],
    min: f32,
    per_article: usize,
) -> Vec<Draft> {
    let mut adjacent: Vec<Vec<(u32, f32)>> = vec![Vec::new(); doc_of.len()];
    for p in pairs {
        adjacent[p.a].push((p.b as u32, p.score));
        adjacent[p.b].push((p.a as u32, p.score));
    }
    // The groups of each sentence before any joins: a sentence that already shares a group with
    // a member (that member reports two facts, this is its other one) does not join.
    let mut groups_of: Vec<Vec<u32>> = vec![Vec::new(); doc_of.len()];
    for (g, d) in drafts.iter().enumerate() {
        for &s in &d.sentences {
            groups_of[s].push(g as u32);
        }
    }
    let mut sum = vec![0.0f32; doc_of.len()];
    let mut touched: Vec<usize> = Vec::new();
    let mut drafts = drafts;
    for (g, draft) in drafts.iter_mut().enumerate() {
        if draft.sentences.len() < 2 {
            continue;
        }
        for &m in &draft.sentences {
            for &(t, score) in &adjacent[m] {
                let t = t as usize;
                if sum[t] == 0.0 {
                    touched.push(t);
                }
                sum[t] += score;
            }
        }
        let mut joins: Vec<(f32, usize)> = Vec::new();
        for &t in &touched {
            let doc = doc_of[t];
            let others = draft.docs.iter().filter(|&&d| d != doc).count();
            if others == 0 || draft.sentences.contains(&t) {
                continue;
            }
            let elsewhere_with_a_member = groups_of[t]
                .iter()
                .any(|&h| h as usize != g && draft.sentences.iter().any(|m| groups_of[*m].contains(&h)));
            if elsewhere_with_a_member {
                continue;
            }
            let mean = sum[t] / others as f32;
            if mean >= min {
                joins.push((mean, t));
            }
        }
        for &t in &touched {
            sum[t] = 0.0;
        }
        touched.clear();
        joins.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        for (mean, t) in joins {
            let doc = doc_of[t];
            if draft.docs.iter().filter(|&&d| d == doc).count() >= per_article {
                continue;
            }
            draft.sentences.push(t);
            draft.docs.push(doc);
            draft.scores.push(mean);
        }
    }
    drafts
}
