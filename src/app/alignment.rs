//! The reader's alignment of the open articles (`compare::align`): which sentences of the
//! panes report the same fact. Computed on a worker after each entity pass (it needs the entity
//! clusters), so the first frame never waits; until it arrives, or when the panes changed since
//! it was asked for, there is none and everything that uses it falls back to what it did before.

use std::sync::Arc;

use crate::article::Article;
use crate::compare::{Alignment, Group, Options, align};
use crate::entity::EntityIndex;

/// The latest alignment and the articles it is of, in order.
#[derive(Debug, Clone, Default)]
pub struct AlignmentState {
    pub docs: Vec<Arc<Article>>,
    pub alignment: Option<Arc<Alignment>>,
}

impl AlignmentState {
    /// Takes an alignment of `docs`.
    pub fn set(&mut self, docs: Vec<Arc<Article>>, alignment: Alignment) {
        self.docs = docs;
        self.alignment = Some(Arc::new(alignment));
    }

    /// The alignment, when it is of exactly `docs` (the same loaded articles, in order).
    pub fn of(&self, docs: &[Arc<Article>]) -> Option<&Alignment> {
        let same =
            self.docs.len() == docs.len() && self.docs.iter().zip(docs).all(|(a, b)| Arc::ptr_eq(a, b));
        self.alignment.as_deref().filter(|_| same)
    }

    /// The fact that the sentence holding byte `offset` of article `doc` reports, in the
    /// alignment of `docs`: the group with the most articles when several hold it.
    pub fn group_at(&self, docs: &[Arc<Article>], doc: usize, offset: usize) -> Option<&Group> {
        self.of(docs)?
            .groups
            .iter()
            .filter(|g| {
                g.members
                    .iter()
                    .any(|m| m.doc == doc && m.range.contains(&offset))
            })
            .max_by_key(|g| g.docs().len())
    }
}

/// The work the worker does: align `docs` with the entity pass over the same articles.
pub fn compute(docs: &[Arc<Article>], index: &EntityIndex) -> Alignment {
    let refs: Vec<&Article> = docs.iter().map(AsRef::as_ref).collect();
    align(&refs, index, &Options::default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::{Decisions, Gazetteer, analyze};

    fn docs(texts: &[&str]) -> Vec<Arc<Article>> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| Arc::new(Article::plain(format!("{i}.txt"), *t)))
            .collect()
    }

    #[test]
    fn an_alignment_serves_only_the_articles_it_was_computed_for() {
        let open = docs(&[
            "The dam at Orsk broke on Friday, flooding the old town.\n\
             The mayor asked residents to stay calm.\n\
             Schools will stay shut for a week.\n",
            "Floodwater poured into the old town of Orsk after the dam broke on Friday.\n\
             Critics say the dam had not been inspected since 1998.\n\
             A rescue team arrived from the capital by helicopter.\n",
        ]);
        let refs: Vec<&Article> = open.iter().map(AsRef::as_ref).collect();
        let index = analyze(&refs, &Gazetteer::builtin(), &Decisions::default());
        let mut state = AlignmentState::default();
        assert!(state.of(&open).is_none(), "none before the worker answers");
        state.set(open.clone(), compute(&open, &index));
        let alignment = state.of(&open).expect("of these articles");
        assert_eq!(alignment.docs, 2);
        assert!(
            alignment.shared_facts().any(|g| g.docs() == [0, 1]),
            "the dam fact links both"
        );
        // Another pane opened since: the old alignment does not describe the panes.
        let mut more = open.clone();
        more.extend(docs(&["Unrelated text about a football match.\n"]));
        assert!(state.of(&more).is_none());
        // The same paths loaded again are other articles.
        assert!(state.of(&docs(&["a\n", "b\n"])).is_none());
    }
}
