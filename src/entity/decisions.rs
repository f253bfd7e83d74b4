//! Applying the analyst's [`Decisions`] after automatic clustering: splits first (so a split-off
//! variant can then be merged elsewhere), then merges, then renames. Entities touched get the
//! reason `User`.

use super::normalize::{exact_key, fold_words};
use super::{Decisions, Entity, Reason};

fn same_name(a: &str, b: &str) -> bool {
    exact_key(&fold_words(a)) == exact_key(&fold_words(b))
}

/// Applies `decisions` to `entities`; `texts` are the articles' canonical texts.
pub fn apply(entities: &mut Vec<Entity>, texts: &[&str], decisions: &Decisions) {
    for split in &decisions.splits {
        let Some(index) = entities.iter().position(|e| e.label == split.label) else {
            continue;
        };
        let (off, kept): (Vec<_>, Vec<_>) = std::mem::take(&mut entities[index].mentions)
            .into_iter()
            .partition(|m| same_name(&texts[m.doc][m.range.clone()], &split.variant));
        entities[index].mentions = kept;
        if off.is_empty() {
            continue;
        }
        entities[index].reason = Reason::User;
        let kind = entities[index].kind;
        entities.push(Entity {
            label: split.variant.clone(),
            kind,
            reason: Reason::User,
            mentions: off,
        });
    }
    entities.retain(|e| !e.mentions.is_empty());
    for merge in &decisions.merges {
        let mut chosen: Vec<usize> = merge
            .labels
            .iter()
            .filter_map(|label| entities.iter().position(|e| &e.label == label))
            .collect();
        chosen.dedup();
        let Some((&first, rest)) = chosen.split_first() else {
            continue;
        };
        if rest.is_empty() {
            continue;
        }
        let mut moved = Vec::new();
        for &index in rest {
            moved.append(&mut entities[index].mentions);
        }
        let target = &mut entities[first];
        target.mentions.append(&mut moved);
        target
            .mentions
            .sort_by_key(|m| (m.doc, m.range.start, m.range.end));
        target.mentions.dedup();
        target.reason = Reason::User;
        entities.retain(|e| !e.mentions.is_empty());
    }
    for rename in &decisions.renames {
        if let Some(entity) = entities.iter_mut().find(|e| e.label == rename.label) {
            entity.label.clone_from(&rename.to);
            entity.reason = Reason::User;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::{Kind, Mention, Merge, Rename, Split};

    fn entity(label: &str, ranges: &[std::ops::Range<usize>]) -> Entity {
        Entity {
            label: label.into(),
            kind: Kind::Person,
            reason: Reason::Exact,
            mentions: ranges
                .iter()
                .map(|r| Mention {
                    doc: 0,
                    range: r.clone(),
                })
                .collect(),
        }
    }

    #[test]
    fn split_merge_rename() {
        let text = "Ismail Haniyeh Ismail Qaani Qaani";
        let mut entities = vec![
            entity("Ismail Haniyeh", &[0..14, 28..33]),
            entity("Ismail Qaani", std::slice::from_ref(&(15..27))),
        ];
        let decisions = Decisions {
            splits: vec![Split {
                label: "Ismail Haniyeh".into(),
                variant: "Qaani".into(),
            }],
            merges: vec![Merge {
                labels: vec!["Ismail Qaani".into(), "Qaani".into()],
            }],
            renames: vec![Rename {
                label: "Ismail Qaani".into(),
                to: "Esmail Qaani".into(),
            }],
        };
        apply(&mut entities, &[text], &decisions);
        assert_eq!(entities.len(), 2);
        assert_eq!(entities[0].mentions.len(), 1);
        assert_eq!(entities[1].label, "Esmail Qaani");
        assert_eq!(entities[1].mentions.len(), 2);
        assert_eq!(entities[1].reason, Reason::User);
    }
}
