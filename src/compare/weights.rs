//! How much a shared feature says that two sentences report the same fact: its rarity among
//! the case's sentences (inverse sentence frequency). A word in every other sentence names the
//! event itself, not one of its facts; a word in three sentences is nearly a fingerprint.
//!
//! Measured on the development set (README, Compare): document frequency instead (a feature all
//! outlets use weighs ~0) lost a third of the recall, since the facts most outlets report were
//! then invisible; boosting numbers or entities over words lowered precision.

use super::features::{Features, Kind};

/// Multipliers per kind of feature (all 1 by default: see the module comment).
#[derive(Debug, Clone, Copy)]
pub struct KindWeights {
    pub word: f32,
    pub number: f32,
    pub entity: f32,
    pub event: f32,
}

impl Default for KindWeights {
    fn default() -> Self {
        Self {
            word: 1.0,
            number: 1.0,
            entity: 1.0,
            event: 1.0,
        }
    }
}

/// The weight of every feature id: `ln(N / n) × kind`, with N the number of sentences in the
/// case and n the number using the feature.
pub fn weights(features: &Features, kinds: KindWeights) -> Vec<f32> {
    let mut count = vec![0u32; features.kinds.len()];
    for sentence in &features.sentences {
        for &f in &sentence.features {
            count[f as usize] += 1;
        }
    }
    let total = features.sentences.len() as f32;
    count
        .iter()
        .zip(&features.kinds)
        .map(|(&n, kind)| {
            let idf = (total / n.max(1) as f32).ln();
            idf * match kind {
                Kind::Word => kinds.word,
                Kind::Number => kinds.number,
                Kind::Entity => kinds.entity,
                Kind::Event => kinds.event,
            }
        })
        .collect()
}
