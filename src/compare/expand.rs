//! Repeats of a fact within one article, and articles the one-to-one step left out: outlets
//! state a fact in the headline, again in the lead, and once more further down. The pairwise
//! step keeps one sentence per article in a group; here every other sentence that agrees with the
//! group's members in the *other* articles joins it, up to a few per article, so the reader and
//! the scorer see each outlet's every sentence of the fact.

use super::candidates::Pair;
use super::groups::Draft;

/// Adds to each group the sentences whose mean similarity to the group's members in other
/// articles reaches `min` (an unscored pair counts 0), at most `per_article` sentences of an
/// article in a group. A sentence may so join several groups: it reports several facts. A
/// sentence that already shares a group with a member does not join (that member reports two
/// facts; this sentence is its other one).
pub fn repeats(
    drafts: Vec<Draft>,
    doc_of: &[usize],
    pairs: &[Pair],
    min: f32,
    per_article: usize,
    max_groups: usize,
) -> Vec<Draft> {
    let mut adjacent: Vec<Vec<(u32, f32)>> = vec![Vec::new(); doc_of.len()];
    for p in pairs {
        adjacent[p.a].push((p.b as u32, p.score));
        adjacent[p.b].push((p.a as u32, p.score));
    }
    let mut groups_of: Vec<Vec<u32>> = vec![Vec::new(); doc_of.len()];
    for (g, d) in drafts.iter().enumerate() {
        for &s in &d.sentences {
            groups_of[s].push(g as u32);
        }
    }
    let docs = doc_of.iter().map(|d| d + 1).max().unwrap_or(0);
    // Scratch tables, reset after each group: similarity sums, membership, per-article counts,
    // and the groups a member of this one is in.
    let mut sum = vec![0.0f32; doc_of.len()];
    let mut touched: Vec<usize> = Vec::new();
    let mut member = vec![false; doc_of.len()];
    let mut per_doc = vec![0usize; docs];
    let mut near = vec![false; drafts.len()];
    let mut near_list: Vec<usize> = Vec::new();
    let mut all: Vec<(f32, usize, usize)> = Vec::new();
    let mut drafts = drafts;
    for (g, draft) in drafts.iter().enumerate() {
        if draft.sentences.len() < 2 {
            continue;
        }
        for &m in &draft.sentences {
            member[m] = true;
            for &h in &groups_of[m] {
                if !near[h as usize] {
                    near[h as usize] = true;
                    near_list.push(h as usize);
                }
            }
            for &(t, score) in &adjacent[m] {
                let t = t as usize;
                if sum[t] == 0.0 {
                    touched.push(t);
                }
                sum[t] += score;
            }
        }
        for &d in &draft.docs {
            per_doc[d] += 1;
        }
        let mut joins: Vec<(f32, usize)> = Vec::new();
        for &t in &touched {
            let others = draft.sentences.len() - per_doc[doc_of[t]];
            if others == 0 || member[t] || groups_of[t].iter().any(|&h| h as usize != g && near[h as usize]) {
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
        for &m in &draft.sentences {
            member[m] = false;
        }
        for &h in &near_list {
            near[h] = false;
        }
        near_list.clear();
        for &d in &draft.docs {
            per_doc[d] = 0;
        }
        all.extend(joins.into_iter().map(|(mean, t)| (mean, g, t)));
    }
    // Best joins first, across groups: a sentence near several broad groups joins the ones it
    // agrees with most, up to `max_groups` memberships in all.
    all.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    let mut memberships: Vec<usize> = groups_of.iter().map(Vec::len).collect();
    for (mean, g, t) in all {
        let doc = doc_of[t];
        let draft = &mut drafts[g];
        if memberships[t] >= max_groups || draft.docs.iter().filter(|&&d| d == doc).count() >= per_article {
            continue;
        }
        memberships[t] += 1;
        draft.sentences.push(t);
        draft.docs.push(doc);
        draft.scores.push(mean);
    }
    drafts
}
