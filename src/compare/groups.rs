//! From pairwise links to facts across all articles. Primary links merge, best first, two
//! groups only when no article is in both (a fact is one sentence per outlet) and enough of the
//! pairs across them were candidates at all, so a chain of loose links cannot sweep a whole case
//! (or two facts) into one group. A second-fact link then adds its
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
/// least one group, alone when it matched nothing. A link joins two groups only as `rules`
/// allow, judged on the scored `pairs` across them.
pub fn build(doc_of: &[usize], links: &[Link], pairs: &[Pair], rules: &JoinRules) -> Vec<Draft> {
    let scored = Scored::new(doc_of.len(), pairs);
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
        if !scored.may_join(
            &drafts[ga].sentences,
            &drafts[gb].sentences,
            link.pair.score,
            rules,
        ) {
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

/// The scored pairs of sentences: each sentence's scored partners, sorted, with their scores.
struct Scored {
    partners: Vec<Vec<(u32, f32)>>,
}

impl Scored {
    fn new(sentences: usize, pairs: &[Pair]) -> Self {
        let mut partners: Vec<Vec<(u32, f32)>> = vec![Vec::new(); sentences];
        for p in pairs {
            partners[p.a].push((p.b as u32, p.score));
            partners[p.b].push((p.a as u32, p.score));
        }
        for list in &mut partners {
            list.sort_unstable_by_key(|&(b, _)| b);
        }
        Self { partners }
    }

    /// The pair's score, if it was scored.
    fn score(&self, a: usize, b: usize) -> Option<f32> {
        let list = &self.partners[a];
        list.binary_search_by_key(&(b as u32), |&(x, _)| x)
            .ok()
            .map(|i| list[i].1)
    }

    /// Whether a link may join groups `a` and `b`: at least `rules.support` of the pairs across
    /// them are scored, and, for a link below the pair threshold (a mutually best pair), their
    /// mean similarity reaches what a restatement needs to join a group. Two single sentences,
    /// joined by their own link, always may.
    fn may_join(&self, a: &[usize], b: &[usize], link: f32, rules: &JoinRules) -> bool {
        let total = a.len() * b.len();
        if total <= 1 {
            return true;
        }
        let (mut scored, mut sum) = (0usize, 0.0f32);
        for &x in a {
            for &y in b {
                if let Some(score) = self.score(x, y) {
                    scored += 1;
                    sum += score;
                }
            }
        }
        scored as f32 >= rules.support * total as f32
            && (link >= rules.threshold || sum / total as f32 >= rules.weak_mean)
    }
}

/// When a link may join two groups (see `Options::support`).
#[derive(Debug, Clone, Copy)]
pub struct JoinRules {
    /// The share of the pairs across the two groups that must be scored.
    pub support: f32,
    /// Links at or above this (`Scoring::threshold`) need only the support.
    pub threshold: f32,
    /// Weaker links (mutually best pairs) need this mean similarity across the two groups
    /// (`Options::expand`, what a sentence needs to join a group as a restatement).
    pub weak_mean: f32,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn link(a: usize, b: usize, score: f32) -> Link {
        Link {
            pair: Pair { a, b, score },
            primary: true,
        }
    }

    fn pair(a: usize, b: usize) -> Pair {
        Pair { a, b, score: 0.5 }
    }

    #[test]
    fn a_chain_of_single_links_does_not_join_a_group_it_barely_touches() {
        // Sentences 0-3 (articles 0-3) report one fact and every pair of them was scored;
        // sentence 4 (article 4) is linked to sentence 3 only, by its second fact.
        let doc_of = [0, 1, 2, 3, 4];
        let mut pairs: Vec<Pair> = Vec::new();
        for a in 0..4 {
            for b in a + 1..4 {
                pairs.push(pair(a, b));
            }
        }
        pairs.push(pair(3, 4));
        let links = [link(0, 1, 0.9), link(1, 2, 0.8), link(2, 3, 0.7), link(3, 4, 0.6)];
        let rules = |support| JoinRules {
            support,
            threshold: 0.25,
            weak_mean: 0.15,
        };
        let drafts = build(&doc_of, &links, &pairs, &rules(0.3));
        let mut sentences: Vec<Vec<usize>> = drafts
            .iter()
            .map(|d| {
                let mut s = d.sentences.clone();
                s.sort_unstable();
                s
            })
            .collect();
        sentences.sort();
        assert_eq!(sentences, vec![vec![0, 1, 2, 3], vec![4]]);
        // Without the support rule the chain sweeps it in.
        let loose = build(&doc_of, &links, &pairs, &rules(0.0));
        assert_eq!(loose.len(), 1);
    }

    #[test]
    fn a_weak_link_joins_a_group_only_when_the_group_agrees_with_it() {
        // Sentences 0 and 1 are one fact; sentence 2 is the best match of 1 in its article, but
        // below the pair threshold, and barely scored against 0.
        let doc_of = [0, 1, 2];
        let rules = JoinRules {
            support: 0.3,
            threshold: 0.25,
            weak_mean: 0.15,
        };
        let weak = [link(0, 1, 0.9), link(1, 2, 0.22)];
        // Sentence 2 scored 0.22 with 1 and `with_zero` with 0.
        let scored = |with_zero: f32| {
            vec![
                pair(0, 1),
                Pair {
                    a: 1,
                    b: 2,
                    score: 0.22,
                },
                Pair {
                    a: 0,
                    b: 2,
                    score: with_zero,
                },
            ]
        };
        assert_eq!(build(&doc_of, &weak, &scored(0.05), &rules).len(), 2);
        // The same sentence agreeing with both members joins.
        assert_eq!(build(&doc_of, &weak, &scored(0.2), &rules).len(), 1);
    }
}
