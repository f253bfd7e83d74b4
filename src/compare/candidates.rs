//! Candidate pairs through an inverted index: feature → sentences. Only sentences of different
//! articles that share a feature of some weight are ever compared, so the cost grows with the
//! matches, not with all pairs of sentences; a feature so common that it carries almost no
//! weight is not used to find candidates (it still counts in their score).

use super::features::Sentence;

/// A scored pair of sentences (indexes into the case's sentence list), `a < b`, from
/// different articles.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pair {
    pub a: usize,
    pub b: usize,
    pub score: f32,
}

/// Features in at most this many sentences always propose candidates.
const ALWAYS_INDEXED: usize = 16;

/// The scoring knobs.
#[derive(Debug, Clone, Copy)]
pub struct Scoring {
    /// Features lighter than this (and in more than `ALWAYS_INDEXED` sentences) do not propose
    /// candidates.
    pub index_floor: f32,
    /// Pairs at or above this similarity are links (one-to-one matches).
    pub threshold: f32,
    /// Mutually best pairs (see `matching::mutual_best`) at or above this are links too.
    pub mutual: f32,
    /// Pairs below this similarity are dropped; those between it and the threshold only count
    /// when whole groups are compared.
    pub floor: f32,
    /// At least this many shared features: one or two shared words (the event's name, a place)
    /// are often a coincidence; on the development set 3 beat 2 and 4 (link F1 0.665, 0.640,
    /// 0.612, all else the defaults).
    pub min_shared: usize,
}

/// Every pair of sentences of different articles whose similarity reaches the floor.
///
/// Score accumulation over the postings (the classic inverted-index scorer): for each sentence,
/// the weights of its indexed features are summed into every later sentence of another article
/// that has them, so a candidate costs one addition per shared feature, not a merge of two
/// feature lists; only the few common features (not indexed) are then intersected per candidate.
pub fn pairs(sentences: &[Sentence], weight: &[f32], scoring: &Scoring) -> Vec<Pair> {
    let mut postings: Vec<Vec<u32>> = vec![Vec::new(); weight.len()];
    for (i, s) in sentences.iter().enumerate() {
        for &f in &s.features {
            postings[f as usize].push(i as u32);
        }
    }
    // A common feature proposes no candidates, unless its list is short anyway: in a small
    // case every shared word is "common" by proportion.
    let mut indexed = vec![true; weight.len()];
    for ((list, &w), keep) in postings.iter_mut().zip(weight).zip(&mut indexed) {
        if w < scoring.index_floor && list.len() > ALWAYS_INDEXED {
            list.clear();
            *keep = false;
        }
    }
    // Each sentence's common features, sorted: intersected per candidate, they add the weight
    // the postings no longer carry.
    let common: Vec<Vec<u32>> = sentences
        .iter()
        .map(|s| {
            s.features
                .iter()
                .copied()
                .filter(|&f| !indexed[f as usize])
                .collect()
        })
        .collect();
    let mass: Vec<f32> = sentences
        .iter()
        .map(|s| s.features.iter().map(|&f| weight[f as usize]).sum())
        .collect();
    // Sentences are in article order: the first sentence of the next article, per sentence.
    let mut next_doc = vec![sentences.len() as u32; sentences.len()];
    for i in (0..sentences.len().saturating_sub(1)).rev() {
        next_doc[i] = if sentences[i + 1].doc == sentences[i].doc {
            next_doc[i + 1]
        } else {
            (i + 1) as u32
        };
    }
    let mut sum = vec![0.0f32; sentences.len()];
    let mut count = vec![0u32; sentences.len()];
    let mut touched: Vec<u32> = Vec::new();
    let mut out = Vec::new();
    for (a, s) in sentences.iter().enumerate() {
        // Each unordered pair is scored once, from `a`, against later articles only.
        let from = next_doc[a];
        for &f in &s.features {
            let list = &postings[f as usize];
            let start = list.partition_point(|&b| b < from);
            let w = weight[f as usize];
            for &b in &list[start..] {
                if count[b as usize] == 0 {
                    touched.push(b);
                }
                sum[b as usize] += w;
                count[b as usize] += 1;
            }
        }
        for &b in &touched {
            let b = b as usize;
            let (more, more_count) = shared(&common[a], &common[b], weight);
            let n = count[b] as usize + more_count;
            let total = sum[b] + more;
            sum[b] = 0.0;
            count[b] = 0;
            if n < scoring.min_shared {
                continue;
            }
            let score = similarity(total, mass[a], mass[b]);
            if score >= scoring.floor {
                out.push(Pair { a, b, score });
            }
        }
        touched.clear();
    }
    out
}

/// The weight and number of the features two sorted lists share.
pub fn shared(a: &[u32], b: &[u32], weight: &[f32]) -> (f32, usize) {
    let (mut i, mut j, mut sum, mut count) = (0, 0, 0.0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += weight[a[i] as usize];
                count += 1;
                i += 1;
                j += 1;
            }
        }
    }
    (sum, count)
}

/// Weighted Dice: shared weight over the mean of the two sentences' weights; 1 for the same
/// features, lower as either says more that the other does not. (A weighted cosine and the
/// overlap coefficient scored lower on the development set.)
pub fn similarity(shared: f32, mass_a: f32, mass_b: f32) -> f32 {
    let norm = f32::midpoint(mass_a, mass_b);
    if norm <= f32::EPSILON { 0.0 } else { shared / norm }
}
