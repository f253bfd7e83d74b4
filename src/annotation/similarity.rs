//! Text similarity for fuzzy re-anchoring: the Dice coefficient over character bigrams
//! (multisets). Cheap (linear in the text), tolerant of small insertions and deletions, and
//! easy to explain: 1.0 is identical, 0.0 shares no pair of adjacent characters.

use std::collections::HashMap;

/// The bigram multiset of one string, built once and compared against many windows.
#[derive(Debug, Clone)]
pub struct BigramProfile {
    counts: HashMap<(char, char), u32>,
    total: usize,
    text: String,
}

impl BigramProfile {
    pub fn new(text: &str) -> Self {
        let mut counts = HashMap::new();
        let mut total = 0;
        for pair in bigrams(text) {
            *counts.entry(pair).or_insert(0) += 1;
            total += 1;
        }
        Self {
            counts,
            total,
            text: text.to_owned(),
        }
    }

    /// Dice similarity between this profile's text and `other`.
    pub fn dice(&self, other: &str) -> f64 {
        let other_total = bigrams(other).count();
        if self.total == 0 || other_total == 0 {
            // Strings of fewer than two characters have no bigrams: compare them directly.
            return if self.text == other { 1.0 } else { 0.0 };
        }
        let mut remaining = self.counts.clone();
        let mut shared = 0usize;
        for pair in bigrams(other) {
            if let Some(count) = remaining.get_mut(&pair).filter(|count| **count > 0) {
                *count -= 1;
                shared += 1;
            }
        }
        2.0 * shared as f64 / (self.total + other_total) as f64
    }
}

/// Dice similarity of `a` and `b` over character bigrams, in `0.0..=1.0`.
pub fn similarity(a: &str, b: &str) -> f64 {
    BigramProfile::new(a).dice(b)
}

fn bigrams(text: &str) -> impl Iterator<Item = (char, char)> + '_ {
    text.chars().zip(text.chars().skip(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_is_one_and_disjoint_is_zero() {
        assert!((similarity("the minister", "the minister") - 1.0).abs() < f64::EPSILON);
        assert!(similarity("abcdef", "uvwxyz").abs() < f64::EPSILON);
        assert!((similarity("a", "a") - 1.0).abs() < f64::EPSILON);
        assert!(similarity("a", "b").abs() < f64::EPSILON);
    }

    #[test]
    fn small_edits_stay_similar() {
        let score = similarity(
            "the minister resigned on Monday",
            "the minister resigned on Tuesday",
        );
        assert!(score > 0.75, "{score}");
        assert!(similarity("وزير الخارجية استقال", "وزير الخارجية قد استقال") > 0.8);
    }

    #[test]
    fn repeated_bigrams_count_as_a_multiset() {
        assert!(similarity("aaaa", "aa") < 0.6);
    }
}
