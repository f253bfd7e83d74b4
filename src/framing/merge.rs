//! One frame per entity, with a person the entity engine left in two clusters ("Kim" and "Kim
//! Jong Un", "Abe" and "Shinzo Abe") merged into the fuller name, so the descriptors of both
//! count for one person.

use super::Frame;
use crate::entity::{EntityIndex, Kind};

fn could_be_person(kind: Kind) -> bool {
    matches!(kind, Kind::Person | Kind::Other)
}

/// The frames, and for each entity of `index` the frame it went to.
pub fn frames(index: &EntityIndex) -> (Vec<Frame>, Vec<usize>) {
    let words: Vec<Vec<String>> = index
        .entities
        .iter()
        .map(|e| e.label.split_whitespace().map(str::to_lowercase).collect())
        .collect();
    // Each entity's target: the most mentioned person whose name starts or ends with all of
    // this one's words.
    let target: Vec<Option<usize>> = index
        .entities
        .iter()
        .enumerate()
        .map(|(a, entity)| {
            if !could_be_person(entity.kind) {
                return None;
            }
            index
                .entities
                .iter()
                .enumerate()
                .filter(|&(b, other)| {
                    other.kind == Kind::Person
                        && words[b].len() > words[a].len()
                        && (words[b].starts_with(&words[a]) || words[b].ends_with(&words[a]))
                })
                .max_by_key(|&(b, other)| (words[b].len(), other.mentions.len(), std::cmp::Reverse(b)))
                .map(|(b, _)| b)
        })
        .collect();
    let root = |mut a: usize| {
        while let Some(b) = target[a] {
            a = b;
        }
        a
    };
    let mut frames: Vec<Frame> = Vec::new();
    let mut frame_of_root = vec![usize::MAX; index.entities.len()];
    let mut of_entity = vec![0; index.entities.len()];
    // Roots first, in the index's order, so frames keep that order.
    for (a, entity) in index.entities.iter().enumerate() {
        if target[a].is_none() {
            frame_of_root[a] = frames.len();
            frames.push(Frame {
                label: entity.label.clone(),
                kind: entity.kind,
                mentions: Vec::new(),
                descriptors: Vec::new(),
            });
        }
    }
    for (a, entity) in index.entities.iter().enumerate() {
        let f = frame_of_root[root(a)];
        of_entity[a] = f;
        frames[f].mentions.extend(entity.mentions.iter().cloned());
    }
    for frame in &mut frames {
        frame.mentions.sort_by_key(|m| (m.doc, m.range.start));
    }
    (frames, of_entity)
}
