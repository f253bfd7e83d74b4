//! From pairwise links to facts across all articles. Primary links merge, best first, two
//! groups only when no article is in both (a fact is one sentence per outlet), so a chain of
//! loose links cannot sweep a whole case into one group. A second-fact link then adds its
//! sentence to its partner's group, where that sentence's article is absent: the sentence is a
//! member of two groups, as a sentence reporting two facts should be.

use super::candidates::Pair;
use super::matching::Link;

/// A group under construction: sentence indexes, the articles they come from, its link scores.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    pub sentences: Vec<usize>,
    pub docs: Vec<usize>,
    pub scores: Vec<f32>,
    /// `docs`, sorted, refreshed by `merge_similar` each round.
    pub docs_sorted: Vec<usize>,
}

/// Groups the sentences (`doc_of[i]` is sentence i's article); every sentence ends in at
/// least one group, alone when it matched nothing.
pub fn build(doc_of: &[usize], links: &[Link]) -> Vec<Draft> {
    let mut group_of: Vec<usize> = (0..doc_of.len()).collect();
    let mut drafts: Vec<Draft> = doc_of
        .iter()
        .enumerate()
        .map(|(i, &doc)| Draft {
            sentences: vec![i],
            docs: vec![doc],
            scores: Vec::new(),
            docs_sorted: Vec::new(),
        })
        .collect();
    for link in links.iter().filter(|l| l.primary) {
        let (ga, gb) = (group_of[link.pair.a], group_of[link.pair.b]);
        if ga == gb {
            drafts[ga].scores.push(link.pair.score);
            continue;
        }
        if drafts[ga].docs.iter().any(|d| drafts[gb].docs.contains(d)) {
            continue;
        }
        // Merge the smaller into the larger, so relabelling costs little.
        let (keep, gone) = if drafts[ga].sentences.len() >= drafts[gb].sentences.len() {
            (ga, gb)
        } else {
            (gb, ga)
        };
        let moved = std::mem::take(&mut drafts[gone]);
        for &s in &moved.sentences {
            group_of[s] = keep;
        }
        let target = &mut drafts[keep];
        target.sentences.extend(moved.sentences);
        target.docs.extend(moved.docs);
        target.scores.extend(moved.scores);
        target.scores.push(link.pair.score);
    }
    for link in links.iter().filter(|l| !l.primary) {
        for (from, to) in [(link.pair.a, link.pair.b), (link.pair.b, link.pair.a)] {
            let g = group_of[to];
            let doc = doc_of[from];
            if group_of[from] != g && !drafts[g].docs.contains(&doc) {
                drafts[g].sentences.push(from);
                drafts[g].docs.push(doc);
                drafts[g].scores.push(link.pair.score);
                break;
            }
        }
    }
    drafts.retain(|d| !d.sentences.is_empty());
    drafts
}

/// Merges groups whose sentences are, on average, similar enough: an article often states one
/// fact twice (headline and lead), which the one-sentence-per-article groups above keep apart.
/// Average linkage over every cross-article pair of sentences of the two groups (an unscored
/// pair counts 0), so one strong pair cannot glue two large groups together. The pairs of a
/// sentence in both groups (it reports two facts) do not count, and a group keeps at most
/// `PER_ARTICLE` sentences of an article. Rounds of
/// best-first merges, each group merging at most once a round, until nothing reaches `min`.
pub fn merge_similar(drafts: Vec<Draft>, doc_of: &[usize], pairs: &[Pair], min: f32) -> Vec<Draft> {
    let mut adjacent: Vec<Vec<(u32, f32)>> = vec![Vec::new(); doc_of.len()];
    for p in pairs {
        adjacent[p.a].push((p.b as u32, p.score));
        adjacent[p.b].push((p.a as u32, p.score));
    }
    let mut drafts = drafts;
    for _round in 0..8 {
        let mut group_of = vec![Vec::new(); doc_of.len()];
        for (g, d) in drafts.iter().enumerate() {
            for &s in &d.sentences {
                group_of[s].push(g);
            }
        }
        for d in &mut drafts {
            d.docs_sorted.clone_from(&d.docs);
            d.docs_sorted.sort_unstable();
        }
        // Per group, the similarity sums to every later group, accumulated in a scratch table
        // (cheaper than collecting and sorting every (group pair, score) on a large case).
        let mut sum = vec![0.0f32; drafts.len()];
        let mut touched: Vec<usize> = Vec::new();
        let mut best: Vec<(f32, usize, usize)> = Vec::new();
        for (ga, draft) in drafts.iter().enumerate() {
            for &a in &draft.sentences {
                for &(b, score) in &adjacent[a] {
                    let b = b as usize;
                    for &gb in &group_of[b] {
                        // A sentence in both groups (its two facts) is no evidence that the
                        // facts are one.
                        if gb <= ga || group_of[a].contains(&gb) || group_of[b].contains(&ga) {
                            continue;
                        }
                        if sum[gb] == 0.0 {
                            touched.push(gb);
                        }
                        sum[gb] += score;
                    }
                }
            }
            for &gb in &touched {
                let avg = sum[gb] / cross_pairs(draft, &drafts[gb]) as f32;
                sum[gb] = 0.0;
                if avg >= min && fits(draft, &drafts[gb]) {
                    best.push((avg, ga, gb));
                }
            }
            touched.clear();
        }
        if best.is_empty() {
            break;
        }
        best.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
        let mut touched = vec![false; drafts.len()];
        for (avg, ga, gb) in best {
            // Groups that share a sentence were split on purpose: it reports two facts.
            if touched[ga] || touched[gb] {
                continue;
            }
            touched[ga] = true;
            touched[gb] = true;
            let moved = std::mem::take(&mut drafts[gb]);
            let target = &mut drafts[ga];
            for (s, d) in moved.sentences.into_iter().zip(moved.docs) {
                // Membership as of this round's start holds: `ga` has not changed since.
                if !group_of[s].contains(&ga) {
                    target.sentences.push(s);
                    target.docs.push(d);
                }
            }
            target.scores.extend(moved.scores);
            target.scores.push(avg);
        }
        drafts.retain(|d| !d.sentences.is_empty());
    }
    drafts
}

/// The number of pairs of sentences of different articles, one from each group.
fn cross_pairs(a: &Draft, b: &Draft) -> usize {
    // Pairs within one article: for each article, its sentences in `a` times those in `b`.
    let in_b = |doc: usize| {
        let start = b.docs_sorted.partition_point(|&e| e < doc);
        b.docs_sorted[start..].iter().take_while(|&&e| e == doc).count()
    };
    let same: usize = a.docs_sorted.iter().map(|&doc| in_b(doc)).sum();
    (a.sentences.len() * b.sentences.len() - same).max(1)
}

/// At most this many sentences of one article in a group: a headline and the lead that restates
/// it, not every sentence of the article on the event's subject.
const PER_ARTICLE: usize = 2;

/// Whether the union of two groups keeps at most `PER_ARTICLE` sentences of each article.
fn fits(a: &Draft, b: &Draft) -> bool {
    let count = |docs: &[usize], doc: usize| {
        let start = docs.partition_point(|&e| e < doc);
        docs[start..].iter().take_while(|&&e| e == doc).count()
    };
    a.docs_sorted
        .iter()
        .chain(&b.docs_sorted)
        .all(|&doc| count(&a.docs_sorted, doc) + count(&b.docs_sorted, doc) <= PER_ARTICLE)
}
