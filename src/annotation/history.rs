//! Undo and redo for [`Edit`]s: one history for everything the analyst changes, in the order
//! the changes were made, whichever file each belongs to (the case's notes or the outlet
//! defaults). Each step keeps before/after copies of just the parts the edit touched (one
//! article's entry, the claim groups, the entity decisions, one outlet's default), so a step
//! costs in proportion to the change, not to the whole file.

use super::bias::Bias;
use super::claims::ClaimGroup;
use super::edit::{DocFile, Edit, EditError, Part, Workspace};
use super::model::{ArticleNotes, Notes};
use crate::entity::Decisions;

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

/// What a step changed: for the status bar and for what to save and refresh.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changes {
    pub label: &'static str,
    /// The files the step changed, each once, notes first.
    pub files: Vec<DocFile>,
    /// Whether the entity decisions changed (the entities must be found again).
    pub entities: bool,
    /// The outlets whose defaults changed.
    pub outlets: Vec<String>,
}

#[derive(Debug, Clone)]
enum PartValue {
    /// An article's entry (`None`: there was none).
    Article(String, Option<Box<ArticleNotes>>),
    Claims(Vec<ClaimGroup>),
    /// The case title.
    Case(Option<String>),
    Entities(Box<Decisions>),
    /// An outlet's default (`None`: there was none).
    Outlet(String, Option<Bias>),
}

impl PartValue {
    fn part(&self) -> Part {
        match self {
            PartValue::Article(path, _) => Part::Article(path.clone()),
            PartValue::Claims(_) => Part::Claims,
            PartValue::Case(_) => Part::Case,
            PartValue::Entities(_) => Part::Entities,
            PartValue::Outlet(name, _) => Part::Outlet(name.clone()),
        }
    }
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

    /// Applies `edit` and records it; a new edit clears the redo stack. On error nothing
    /// changed and nothing is recorded.
    pub fn apply(&mut self, ws: &mut Workspace<'_>, edit: &Edit, now: &str) -> Result<Changes, EditError> {
        let parts = edit.parts(ws.notes);
        let before = snapshot(ws, &parts);
        ws.apply(edit, now)?;
        let after = snapshot(ws, &parts);
        self.redo.clear();
        if self.undo.len() == self.depth {
            self.undo.remove(0);
        }
        let step = Step {
            label: edit.label(),
            before,
            after,
        };
        let changed = step.changed();
        self.undo.push(step);
        Ok(changed)
    }

    /// Reverts the last edit; `None` when there is nothing to undo.
    pub fn undo(&mut self, ws: &mut Workspace<'_>) -> Option<Changes> {
        let step = self.undo.pop()?;
        restore(ws, &step.before);
        let changed = step.changed();
        self.redo.push(step);
        Some(changed)
    }

    /// Re-applies the last undone edit.
    pub fn redo(&mut self, ws: &mut Workspace<'_>) -> Option<Changes> {
        let step = self.redo.pop()?;
        restore(ws, &step.after);
        let changed = step.changed();
        self.undo.push(step);
        Some(changed)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// The file the next undo would change, if any (so the caller can refuse a read-only one).
    pub fn next_undo_files(&self) -> Vec<DocFile> {
        self.undo.last().map(|s| s.changed().files).unwrap_or_default()
    }

    /// The file the next redo would change, if any.
    pub fn next_redo_files(&self) -> Vec<DocFile> {
        self.redo.last().map(|s| s.changed().files).unwrap_or_default()
    }

    /// Forgets the steps on the notes file (they hold anchors into a text that changed, or a
    /// version of the file replaced from outside); the outlet defaults' steps stay, in order.
    pub fn forget_notes_steps(&mut self) {
        let on_notes = |step: &Step| step.before.iter().any(|v| v.part().file() == DocFile::Notes);
        self.undo.retain(|s| !on_notes(s));
        self.redo.retain(|s| !on_notes(s));
    }

    /// Forgets everything.
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

impl Step {
    fn changed(&self) -> Changes {
        let mut files: Vec<DocFile> = self.before.iter().map(|v| v.part().file()).collect();
        files.sort_unstable();
        files.dedup();
        Changes {
            label: self.label,
            files,
            entities: self.before.iter().any(|v| matches!(v, PartValue::Entities(_))),
            outlets: self
                .before
                .iter()
                .filter_map(|v| match v {
                    PartValue::Outlet(name, _) => Some(name.clone()),
                    _ => None,
                })
                .collect(),
        }
    }
}

fn snapshot(ws: &Workspace<'_>, parts: &[Part]) -> Vec<PartValue> {
    parts
        .iter()
        .map(|part| match part {
            Part::Article(path) => {
                PartValue::Article(path.clone(), ws.notes.article(path).cloned().map(Box::new))
            }
            Part::Claims => PartValue::Claims(ws.notes.claims.clone()),
            Part::Case => PartValue::Case(ws.notes.case_title.clone()),
            Part::Entities => PartValue::Entities(Box::new(ws.notes.entities.clone())),
            Part::Outlet(name) => PartValue::Outlet(name.clone(), ws.outlets.get(name).cloned()),
        })
        .collect()
}

fn restore(ws: &mut Workspace<'_>, values: &[PartValue]) {
    let notes: &mut Notes = ws.notes;
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
            PartValue::Case(title) => notes.case_title.clone_from(title),
            PartValue::Entities(decisions) => notes.entities = (**decisions).clone(),
            PartValue::Outlet(name, bias) => ws.outlets.set(name, bias.clone().unwrap_or_default()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::bias::OutletBias;
    use crate::annotation::claims::Stance;
    use crate::annotation::model::{Anchor, ArticleKey};

    /// The notes alone, with outlet defaults no test here looks at.
    struct NotesOnly {
        history: History,
        outlets: OutletBias,
    }

    impl NotesOnly {
        fn new(history: History) -> Self {
            Self {
                history,
                outlets: OutletBias::default(),
            }
        }
        fn apply(&mut self, notes: &mut Notes, edit: &Edit, now: &str) -> Result<Changes, EditError> {
            let mut ws = Workspace {
                notes,
                outlets: &mut self.outlets,
            };
            self.history.apply(&mut ws, edit, now)
        }
        fn undo(&mut self, notes: &mut Notes) -> Option<Changes> {
            self.history.undo(&mut Workspace {
                notes,
                outlets: &mut self.outlets,
            })
        }
        fn redo(&mut self, notes: &mut Notes) -> Option<Changes> {
            self.history.redo(&mut Workspace {
                notes,
                outlets: &mut self.outlets,
            })
        }
        fn can_undo(&self) -> bool {
            self.history.can_undo()
        }
        fn can_redo(&self) -> bool {
            self.history.can_redo()
        }
    }

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
        let mut history = NotesOnly::new(History::default());
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
        let mut history = NotesOnly::new(History::new(2));
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
        let mut history = NotesOnly::new(History::default());
        let edit = Edit::Tag {
            id: "a1".into(),
            tag: "t".into(),
        };
        assert!(history.apply(&mut notes, &edit, NOW).is_err());
        assert!(!history.can_undo());
    }

    fn wire_default() -> Edit {
        Edit::SetOutletDefault {
            outlet: "Wire".into(),
            bias: Some(Bias {
                labels: vec!["state media".into()],
                ..Bias::default()
            }),
        }
    }

    #[test]
    fn entity_decisions_and_outlet_defaults_undo_in_the_order_of_changes() {
        let (mut notes, mut outlets, mut history) =
            (Notes::default(), OutletBias::default(), History::default());
        let mut ws = Workspace {
            notes: &mut notes,
            outlets: &mut outlets,
        };
        let merge = Edit::MergeEntities(crate::entity::Merge {
            labels: vec!["Qaani".into(), "Ismail Qaani".into()],
        });
        let changed = history.apply(&mut ws, &merge, NOW).expect("applies");
        assert_eq!(changed.files, vec![DocFile::Notes]);
        assert!(changed.entities);
        let changed = history.apply(&mut ws, &wire_default(), NOW).expect("applies");
        assert_eq!(changed.files, vec![DocFile::OutletDefaults]);
        assert_eq!(changed.outlets, vec!["Wire".to_owned()]);
        assert!(ws.outlets.get("Wire").is_some());

        let undone = history.undo(&mut ws).expect("undo");
        assert_eq!(undone.files, vec![DocFile::OutletDefaults]);
        assert!(ws.outlets.get("Wire").is_none());
        assert_eq!(ws.notes.entities.merges.len(), 1);
        let undone = history.undo(&mut ws).expect("undo");
        assert!(undone.entities);
        assert!(ws.notes.entities.merges.is_empty());
        assert!(history.redo(&mut ws).expect("redo").entities);
        assert_eq!(ws.notes.entities.merges.len(), 1);
    }

    #[test]
    fn forgetting_the_notes_steps_keeps_the_outlet_steps() {
        let (mut notes, mut outlets, mut history) =
            (Notes::default(), OutletBias::default(), History::default());
        let mut ws = Workspace {
            notes: &mut notes,
            outlets: &mut outlets,
        };
        history.apply(&mut ws, &wire_default(), NOW).expect("applies");
        let note = Edit::SetArticleNote {
            article: ArticleKey::new("a.txt", "x"),
            note: "n".into(),
        };
        history.apply(&mut ws, &note, NOW).expect("applies");
        history.forget_notes_steps();
        let undone = history.undo(&mut ws).expect("the outlet step is left");
        assert_eq!(undone.files, vec![DocFile::OutletDefaults]);
        assert!(history.undo(&mut ws).is_none());
    }
}
