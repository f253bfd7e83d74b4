//! Undo and redo for [`Edit`]s. Each step keeps before/after copies of just the parts of the
//! notes the edit touched (one article's entry, and the claim groups when links change), so a
//! step costs in proportion to the change, not to the whole case file.

use super::claims::ClaimGroup;
use super::edit::{Edit, EditError, Part};
use super::model::{ArticleNotes, Notes};

/// How many steps are kept; the oldest are forgotten first.
pub const DEFAULT_DEPTH: usize = 500;

/// The undo and redo stacks of one session.
#[derive(Debug, Clone)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    depth: usize,
}

#[derive(Debug, Clone)]
struct Step {
    label: &'static str,
    before: Vec<PartValue>,
    after: Vec<PartValue>,
}

#[derive(Debug, Clone)]
enum PartValue {
    /// An article's entry (`None`: there was none).
    Article(String, Option<Box<ArticleNotes>>),
    Claims(Vec<ClaimGroup>),
}

impl Default for History {
    fn default() -> Self {
        Self::new(DEFAULT_DEPTH)
    }
}

impl History {
    pub fn new(depth: usize) -> Self {
        Self {
            undo: Vec::new(),
            redo: Vec::new(),
            depth: depth.max(1),
        }
    }

    /// Applies `edit` to `notes` and records it; a new edit clears the redo stack. On error
    /// nothing changed and nothing is recorded.
    pub fn apply(&mut self, notes: &mut Notes, edit: &Edit, now: &str) -> Result<(), EditError> {
        let parts = edit.parts(notes);
        let before = snapshot(notes, &parts);
        notes.apply(edit, now)?;
        let after = snapshot(notes, &parts);
        self.redo.clear();
        if self.undo.len() == self.depth {
            self.undo.remove(0);
        }
        self.undo.push(Step {
            label: edit.label(),
            before,
            after,
        });
        Ok(())
    }

    /// Reverts the last edit; returns its label, or `None` when there is nothing to undo.
    pub fn undo(&mut self, notes: &mut Notes) -> Option<&'static str> {
        let step = self.undo.pop()?;
        restore(notes, &step.before);
        let label = step.label;
        self.redo.push(step);
        Some(label)
    }

    /// Re-applies the last undone edit; returns its label.
    pub fn redo(&mut self, notes: &mut Notes) -> Option<&'static str> {
        let step = self.redo.pop()?;
        restore(notes, &step.after);
        let label = step.label;
        self.undo.push(step);
        Some(label)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Forgets the undone steps: a change elsewhere (the outlet defaults) made them stale.
    pub fn clear_redo(&mut self) {
        self.redo.clear();
    }

    /// Forgets everything, e.g. after re-anchoring rewrote anchors outside the history.
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

fn snapshot(notes: &Notes, parts: &[Part]) -> Vec<PartValue> {
    parts
        .iter()
        .map(|part| match part {
            Part::Article(path) => {
                PartValue::Article(path.clone(), notes.article(path).cloned().map(Box::new))
            }
            Part::Claims => PartValue::Claims(notes.claims.clone()),
        })
        .collect()
}

fn restore(notes: &mut Notes, values: &[PartValue]) {
    for value in values {
        match value {
            PartValue::Article(path, entry) => {
                let found = notes.articles.binary_search_by(|a| a.path.as_str().cmp(path));
                match (found, entry) {
                    (Ok(index), Some(entry)) => notes.articles[index] = (**entry).clone(),
                    (Ok(index), None) => {
                        notes.articles.remove(index);
                    }
                    (Err(index), Some(entry)) => notes.articles.insert(index, (**entry).clone()),
                    (Err(_), None) => {}
                }
            }
            PartValue::Claims(claims) => notes.claims.clone_from(claims),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::claims::Stance;
    use crate::annotation::model::{Anchor, ArticleKey};

    const NOW: &str = "2025-03-01T14:05:09Z";

    fn add_edit(notes: &Notes, path: &str) -> Edit {
        let text = "the minister resigned on Monday";
        Edit::AddAnnotation {
            article: ArticleKey::new(path, text),
            id: notes.next_annotation_id(),
            anchor: Anchor::new(text, 4..12).expect("valid"),
            tags: vec![],
            note: String::new(),
        }
    }

    #[test]
    fn undo_and_redo_walk_back_and_forth_through_every_state() {
        let mut notes = Notes::default();
        let mut history = History::default();
        let mut states = vec![notes.clone()];
        let edits = |notes: &Notes, i: usize| -> Edit {
            match i {
                0 => add_edit(notes, "b.txt"),
                1 => add_edit(notes, "a.txt"),
                2 => Edit::Tag {
                    id: "a1".into(),
                    tag: "loaded".into(),
                },
                3 => Edit::SetAnnotationNote {
                    id: "a2".into(),
                    note: "two\nlines".into(),
                },
                4 => Edit::Link {
                    claim: "a1".into(),
                    other: "a2".into(),
                    stance: Stance::Contradicts,
                },
                5 => Edit::SetArticleNote {
                    article: ArticleKey::new("c.txt", "x"),
                    note: "n".into(),
                },
                _ => Edit::DeleteAnnotation { id: "a1".into() },
            }
        };
        for i in 0..7 {
            let edit = edits(&notes, i);
            history.apply(&mut notes, &edit, NOW).expect("applies");
            states.push(notes.clone());
        }
        for expected in states.iter().rev().skip(1) {
            assert!(history.undo(&mut notes).is_some());
            assert_eq!(&notes, expected);
        }
        assert!(history.undo(&mut notes).is_none());
        for expected in states.iter().skip(1) {
            assert!(history.redo(&mut notes).is_some());
            assert_eq!(&notes, expected);
        }
        assert!(!history.can_redo());
    }

    #[test]
    fn a_new_edit_clears_redo_and_depth_is_bounded() {
        let mut notes = Notes::default();
        let mut history = History::new(2);
        for _ in 0..3 {
            let edit = add_edit(&notes, "a.txt");
            history.apply(&mut notes, &edit, NOW).expect("applies");
        }
        assert!(history.undo(&mut notes).is_some());
        assert!(history.can_redo());
        let edit = Edit::Tag {
            id: "a1".into(),
            tag: "t".into(),
        };
        history.apply(&mut notes, &edit, NOW).expect("applies");
        assert!(!history.can_redo());
        assert!(history.undo(&mut notes).is_some());
        assert!(history.undo(&mut notes).is_some());
        assert!(history.undo(&mut notes).is_none(), "only two steps kept");
    }

    #[test]
    fn failed_edits_are_not_recorded() {
        let mut notes = Notes::default();
        let mut history = History::default();
        let edit = Edit::Tag {
            id: "a1".into(),
            tag: "t".into(),
        };
        assert!(history.apply(&mut notes, &edit, NOW).is_err());
        assert!(!history.can_undo());
    }
}
