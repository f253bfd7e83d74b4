//! Every change the analyst can make, as a value: to the case's [`Notes`] (annotations, links,
//! article notes, bias, overrides, entity decisions) and to the outlet defaults every case
//! shares. [`Workspace::apply`] performs one on whichever file it belongs to ([`DocFile`]);
//! [`super::history::History`] wraps it to make it undoable. Pure: the time of the change is an
//! argument.

use super::bias::{Bias, OutletBias, Reliability};
use super::claims::Stance;
use super::model::{Anchor, Annotation, ArticleKey, Notes, Overrides};
use crate::entity::{Merge, Rename, Split};

/// The files the analyst's changes go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DocFile {
    /// The case's notes file.
    Notes,
    /// The outlet defaults, shared by every case.
    OutletDefaults,
}

/// Everything an [`Edit`] may change, borrowed together so that one history covers both files.
pub struct Workspace<'a> {
    pub notes: &'a mut Notes,
    pub outlets: &'a mut OutletBias,
}

impl Workspace<'_> {
    /// Applies `edit` to the file it belongs to. On error nothing changed.
    pub fn apply(&mut self, edit: &Edit, now: &str) -> Result<(), EditError> {
        match edit {
            Edit::SetOutletDefault { outlet, bias } => {
                self.outlets.set(outlet, bias.clone().unwrap_or_default());
                Ok(())
            }
            _ => self.notes.apply(edit, now),
        }
    }
}

/// One change to the notes.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Annotates `anchor` in `article` with a new id (see [`Notes::next_annotation_id`]).
    AddAnnotation {
        article: ArticleKey,
        id: String,
        anchor: Anchor,
        tags: Vec<String>,
        note: String,
    },
    /// Adds `tag` to annotation `id` (no-op if present).
    Tag {
        id: String,
        tag: String,
    },
    /// Removes `tag` from annotation `id`.
    Untag {
        id: String,
        tag: String,
    },
    SetAnnotationNote {
        id: String,
        note: String,
    },
    /// Deletes annotation `id` and takes it out of its claim group.
    DeleteAnnotation {
        id: String,
    },
    SetArticleNote {
        article: ArticleKey,
        note: String,
    },
    /// Replaces the article's whole bias tag.
    SetBias {
        article: ArticleKey,
        bias: Bias,
    },
    SetBiasPosition {
        article: ArticleKey,
        axis: String,
        value: Option<String>,
    },
    SetReliability {
        article: ArticleKey,
        reliability: Option<Reliability>,
    },
    SetBiasLabels {
        article: ArticleKey,
        labels: Vec<String>,
    },
    SetOverrides {
        article: ArticleKey,
        overrides: Overrides,
    },
    /// `other` has `stance` towards `claim` (see [`Stance`]); creates, extends or merges groups.
    Link {
        claim: String,
        other: String,
        stance: Stance,
    },
    /// Makes the sentences of a suggested group one claim group, annotating those that are not
    /// yet; the links it makes are marked as suggested.
    AcceptSuggestion {
        members: Vec<super::accept::SuggestedMember>,
    },
    /// Takes annotation `id` out of its claim group.
    Unlink {
        id: String,
    },
    /// Sets (None: clears) the title of claim group `claim`.
    SetClaimTitle {
        claim: String,
        title: Option<String>,
    },
    /// Marks (or unmarks) the article at path `article` as leaving out claim group `claim`.
    MarkOmitted {
        claim: String,
        article: String,
        omitted: bool,
    },
    /// Sets (None: clears) the case's title.
    SetCaseTitle {
        title: Option<String>,
    },
    /// The entities labelled `labels` are one (an entity decision).
    MergeEntities(Merge),
    /// Mentions spelled `variant` are not the entity labelled `label`.
    SplitEntity(Split),
    /// Shows the entity labelled `label` as `to`.
    RenameEntity(Rename),
    /// Sets (`None` or an empty tag: removes) an outlet's default bias tag, in the outlet
    /// defaults file rather than the notes.
    SetOutletDefault {
        outlet: String,
        bias: Option<Bias>,
    },
}

/// Why an edit could not be applied. The notes are unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    NoSuchAnnotation(String),
    NoSuchClaim(String),
    DuplicateId(String),
    /// The anchor's range or quote does not fit.
    BadAnchor(String),
    /// The edit belongs to another file than the one it was applied to.
    WrongFile(&'static str),
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EditError::NoSuchAnnotation(id) => write!(f, "no annotation {id}"),
            EditError::NoSuchClaim(id) => write!(f, "no claim group {id}"),
            EditError::DuplicateId(id) => write!(f, "annotation {id} already exists"),
            EditError::BadAnchor(why) => write!(f, "cannot anchor: {why}"),
            EditError::WrongFile(what) => write!(f, "{what} is not kept in the notes"),
        }
    }
}

impl std::error::Error for EditError {}

/// The parts of [`Notes`] an edit may change; history snapshots just these.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Part {
    Article(String),
    Claims,
    /// The case's own fields (its title).
    Case,
    /// The entity decisions.
    Entities,
    /// One outlet's default, in the outlet defaults file.
    Outlet(String),
}

impl Part {
    /// The file the part is kept in.
    pub(crate) fn file(&self) -> DocFile {
        match self {
            Part::Article(_) | Part::Claims | Part::Case | Part::Entities => DocFile::Notes,
            Part::Outlet(_) => DocFile::OutletDefaults,
        }
    }
}

impl Edit {
    /// A short description for the status bar ("undid: tag").
    pub fn label(&self) -> &'static str {
        match self {
            Edit::AddAnnotation { .. } => "add annotation",
            Edit::Tag { .. } => "tag",
            Edit::Untag { .. } => "untag",
            Edit::SetAnnotationNote { .. } => "annotation note",
            Edit::DeleteAnnotation { .. } => "delete annotation",
            Edit::SetArticleNote { .. } => "article note",
            Edit::SetBias { .. } | Edit::SetBiasPosition { .. } => "bias",
            Edit::SetReliability { .. } => "reliability",
            Edit::SetBiasLabels { .. } => "bias labels",
            Edit::SetOverrides { .. } => "metadata overrides",
            Edit::Link { .. } => "link claims",
            Edit::AcceptSuggestion { .. } => "accept suggested claim group",
            Edit::Unlink { .. } => "unlink claim",
            Edit::SetClaimTitle { .. } => "claim title",
            Edit::MarkOmitted { .. } => "omitted by",
            Edit::SetCaseTitle { .. } => "case title",
            Edit::MergeEntities(_) => "merge entities",
            Edit::SplitEntity(_) => "split entity",
            Edit::RenameEntity(_) => "rename entity",
            Edit::SetOutletDefault { .. } => "outlet default",
        }
    }

    /// The file this edit changes.
    pub fn file(&self) -> DocFile {
        match self {
            Edit::SetOutletDefault { .. } => DocFile::OutletDefaults,
            _ => DocFile::Notes,
        }
    }

    /// The parts this edit touches in `notes` (looked up before applying).
    pub(crate) fn parts(&self, notes: &Notes) -> Vec<Part> {
        let article_of = |id: &str| {
            notes
                .annotation(id)
                .map(|(path, _)| Part::Article(path.to_owned()))
        };
        match self {
            Edit::AddAnnotation { article, .. }
            | Edit::SetArticleNote { article, .. }
            | Edit::SetBias { article, .. }
            | Edit::SetBiasPosition { article, .. }
            | Edit::SetReliability { article, .. }
            | Edit::SetBiasLabels { article, .. }
            | Edit::SetOverrides { article, .. } => vec![Part::Article(article.path.clone())],
            Edit::Tag { id, .. } | Edit::Untag { id, .. } | Edit::SetAnnotationNote { id, .. } => {
                article_of(id).into_iter().collect()
            }
            Edit::DeleteAnnotation { id } => article_of(id).into_iter().chain([Part::Claims]).collect(),
            Edit::Link { .. }
            | Edit::Unlink { .. }
            | Edit::SetClaimTitle { .. }
            | Edit::MarkOmitted { .. } => vec![Part::Claims],
            Edit::AcceptSuggestion { members } => {
                let mut paths: Vec<&str> = members
                    .iter()
                    .filter(|m| m.anchor.is_some())
                    .map(|m| m.article.path.as_str())
                    .collect();
                paths.sort_unstable();
                paths.dedup();
                paths
                    .into_iter()
                    .map(|p| Part::Article(p.to_owned()))
                    .chain([Part::Claims])
                    .collect()
            }
            Edit::SetCaseTitle { .. } => vec![Part::Case],
            Edit::MergeEntities(_) | Edit::SplitEntity(_) | Edit::RenameEntity(_) => vec![Part::Entities],
            Edit::SetOutletDefault { outlet, .. } => vec![Part::Outlet(outlet.clone())],
        }
    }
}

impl Notes {
    /// Applies `edit` at time `now` (RFC 3339 UTC). On error nothing changed.
    pub fn apply(&mut self, edit: &Edit, now: &str) -> Result<(), EditError> {
        match edit {
            Edit::AddAnnotation {
                article,
                id,
                anchor,
                tags,
                note,
            } => {
                if self.annotation(id).is_some() {
                    return Err(EditError::DuplicateId(id.clone()));
                }
                if anchor.start >= anchor.end || anchor.end - anchor.start != anchor.quote.len() {
                    return Err(EditError::BadAnchor(format!(
                        "range {}..{} does not hold a quote of {} bytes",
                        anchor.start,
                        anchor.end,
                        anchor.quote.len()
                    )));
                }
                let entry = self.article_entry(article);
                entry.annotations.push(Annotation {
                    id: id.clone(),
                    tags: tags.clone(),
                    note: note.clone(),
                    created: now.to_owned(),
                    modified: now.to_owned(),
                    orphan: false,
                    anchor: anchor.clone(),
                });
                entry.sort_annotations();
            }
            Edit::Tag { id, tag } => self.change_annotation(id, now, |a| {
                if !a.tags.contains(tag) {
                    a.tags.push(tag.clone());
                }
            })?,
            Edit::Untag { id, tag } => self.change_annotation(id, now, |a| a.tags.retain(|t| t != tag))?,
            Edit::SetAnnotationNote { id, note } => {
                self.change_annotation(id, now, |a| a.note.clone_from(note))?;
            }
            Edit::DeleteAnnotation { id } => {
                let (path, _) = self
                    .annotation(id)
                    .ok_or_else(|| EditError::NoSuchAnnotation(id.clone()))?;
                let path = path.to_owned();
                if let Some(article) = self.article_mut(&path) {
                    article.annotations.retain(|a| &a.id != id);
                }
                self.unlink_claim(id);
            }
            Edit::SetArticleNote { article, note } => self.article_entry(article).note.clone_from(note),
            Edit::SetBias { article, bias } => self.article_entry(article).bias = bias.clone(),
            Edit::SetBiasPosition { article, axis, value } => {
                let scale = &mut self.article_entry(article).bias.scale;
                match value {
                    Some(value) => {
                        scale.insert(axis.clone(), value.clone());
                    }
                    None => {
                        scale.remove(axis);
                    }
                }
            }
            Edit::SetReliability { article, reliability } => {
                self.article_entry(article).bias.reliability = *reliability;
            }
            Edit::SetBiasLabels { article, labels } => {
                self.article_entry(article).bias.labels.clone_from(labels);
            }
            Edit::SetOverrides { article, overrides } => {
                self.article_entry(article).overrides = overrides.clone();
            }
            Edit::Link { claim, other, stance } => {
                for id in [claim, other] {
                    if self.annotation(id).is_none() {
                        return Err(EditError::NoSuchAnnotation(id.clone()));
                    }
                }
                self.link_claims(claim, other, *stance);
            }
            Edit::AcceptSuggestion { members } => self.accept_suggestion(members, now)?,
            Edit::Unlink { id } => self.unlink_claim(id),
            Edit::SetClaimTitle { claim, title } => {
                let group = self
                    .claims
                    .iter_mut()
                    .find(|group| &group.id == claim)
                    .ok_or_else(|| EditError::NoSuchClaim(claim.clone()))?;
                group.title.clone_from(title);
            }
            Edit::MarkOmitted {
                claim,
                article,
                omitted,
            } => {
                if !self.mark_omitted(claim, article, *omitted) {
                    return Err(EditError::NoSuchClaim(claim.clone()));
                }
            }
            Edit::SetCaseTitle { title } => self.case_title.clone_from(title),
            Edit::MergeEntities(merge) => self.entities.merges.push(merge.clone()),
            Edit::SplitEntity(split) => self.entities.splits.push(split.clone()),
            Edit::RenameEntity(rename) => self.entities.renames.push(rename.clone()),
            Edit::SetOutletDefault { .. } => return Err(EditError::WrongFile("an outlet default")),
        }
        Ok(())
    }

    fn change_annotation(
        &mut self,
        id: &str,
        now: &str,
        change: impl FnOnce(&mut Annotation),
    ) -> Result<(), EditError> {
        let annotation = self
            .articles
            .iter_mut()
            .flat_map(|article| article.annotations.iter_mut())
            .find(|annotation| annotation.id == id)
            .ok_or_else(|| EditError::NoSuchAnnotation(id.to_owned()))?;
        change(annotation);
        now.clone_into(&mut annotation.modified);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::claims::Stance::{AddsDetail, Contradicts, Same};

    pub(crate) const NOW: &str = "2025-03-01T14:05:09Z";

    fn add(notes: &mut Notes, path: &str, text: &str, range: std::ops::Range<usize>) -> String {
        let id = notes.next_annotation_id();
        let edit = Edit::AddAnnotation {
            article: ArticleKey::new(path, text),
            id: id.clone(),
            anchor: Anchor::new(text, range).expect("valid range"),
            tags: vec!["claim".into()],
            note: String::new(),
        };
        notes.apply(&edit, NOW).expect("add");
        id
    }

    fn link(notes: &mut Notes, claim: &str, other: &str, stance: Stance) {
        let edit = Edit::Link {
            claim: claim.into(),
            other: other.into(),
            stance,
        };
        notes.apply(&edit, NOW).expect("link");
    }

    fn stances(notes: &Notes) -> Vec<Vec<(String, Stance)>> {
        notes
            .claims
            .iter()
            .map(|g| {
                g.members
                    .iter()
                    .map(|m| (m.annotation.clone(), m.stance))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn tagging_updates_modified_time_and_is_idempotent() {
        let mut notes = Notes::default();
        let id = add(&mut notes, "a.txt", "hello world", 0..5);
        for _ in 0..2 {
            notes
                .apply(
                    &Edit::Tag {
                        id: id.clone(),
                        tag: "loaded".into(),
                    },
                    "2026-01-01T00:00:00Z",
                )
                .expect("tag");
        }
        let (_, annotation) = notes.annotation(&id).expect("exists");
        assert_eq!(annotation.tags, vec!["claim".to_owned(), "loaded".to_owned()]);
        assert_eq!(annotation.modified, "2026-01-01T00:00:00Z");
        assert_eq!(annotation.created, NOW);
    }

    #[test]
    fn unknown_ids_are_errors_and_change_nothing() {
        let mut notes = Notes::default();
        let before = notes.clone();
        assert!(
            notes
                .apply(
                    &Edit::Tag {
                        id: "a9".into(),
                        tag: "x".into()
                    },
                    NOW
                )
                .is_err()
        );
        assert!(
            notes
                .apply(
                    &Edit::Link {
                        claim: "a1".into(),
                        other: "a2".into(),
                        stance: Same
                    },
                    NOW
                )
                .is_err()
        );
        assert_eq!(notes, before);
    }

    #[test]
    fn linking_creates_extends_and_merges_groups() {
        let mut notes = Notes::default();
        let a = add(&mut notes, "bbc.txt", "the minister resigned", 4..12);
        let b = add(&mut notes, "rt.txt", "the minister stayed", 4..12);
        let c = add(&mut notes, "cnn.txt", "minister quit on Monday", 0..8);
        let d = add(&mut notes, "fox.txt", "minister left", 0..8);
        link(&mut notes, &a, &b, Contradicts);
        link(&mut notes, &a, &c, AddsDetail);
        assert_eq!(
            stances(&notes),
            vec![vec![
                (a.clone(), Same),
                (b.clone(), Contradicts),
                (c.clone(), AddsDetail)
            ]]
        );
        // d joins through b: contradicting b, which contradicts a, so d agrees with a.
        link(&mut notes, &b, &d, Contradicts);
        assert_eq!(stances(&notes)[0][3], (d.clone(), Same));

        let coverage = notes
            .claim_coverage("c1", &["bbc.txt", "other.txt", "rt.txt"])
            .expect("group exists");
        assert_eq!(
            coverage.reporting,
            vec![
                ("bbc.txt".into(), vec![a.clone()]),
                ("rt.txt".into(), vec![b.clone()])
            ]
        );
        assert_eq!(coverage.not_linked, vec!["other.txt".to_owned()]);
        assert!(coverage.omitting.is_empty(), "not linked is not omitted");
        notes
            .apply(
                &Edit::MarkOmitted {
                    claim: "c1".into(),
                    article: "other.txt".into(),
                    omitted: true,
                },
                "t",
            )
            .expect("group exists");
        let coverage = notes
            .claim_coverage("c1", &["bbc.txt", "other.txt", "rt.txt"])
            .expect("group exists");
        assert_eq!(coverage.omitting, vec!["other.txt".to_owned()]);
        assert!(coverage.not_linked.is_empty());
    }

    #[test]
    fn linking_two_groups_merges_them() {
        let mut notes = Notes::default();
        let ids: Vec<String> = (0..4)
            .map(|i| add(&mut notes, &format!("{i}.txt"), "some claim", 0..4))
            .collect();
        link(&mut notes, &ids[0], &ids[1], Same);
        link(&mut notes, &ids[2], &ids[3], Contradicts);
        link(&mut notes, &ids[1], &ids[2], Contradicts);
        assert_eq!(notes.claims.len(), 1);
        assert_eq!(
            stances(&notes)[0],
            vec![
                (ids[0].clone(), Same),
                (ids[1].clone(), Same),
                (ids[2].clone(), Contradicts),
                (ids[3].clone(), Same)
            ]
        );
    }

    #[test]
    fn deleting_or_unlinking_keeps_groups_consistent() {
        let mut notes = Notes::default();
        let ids: Vec<String> = (0..3)
            .map(|i| add(&mut notes, &format!("{i}.txt"), "some claim", 0..4))
            .collect();
        link(&mut notes, &ids[0], &ids[1], Contradicts);
        link(&mut notes, &ids[0], &ids[2], Same);
        notes
            .apply(&Edit::DeleteAnnotation { id: ids[0].clone() }, NOW)
            .expect("delete");
        // ids[1] is now the reference; ids[2] agreed with the old one, so it contradicts ids[1].
        assert_eq!(
            stances(&notes),
            vec![vec![(ids[1].clone(), Same), (ids[2].clone(), Contradicts)]]
        );
        notes
            .apply(&Edit::Unlink { id: ids[2].clone() }, NOW)
            .expect("unlink");
        assert!(notes.claims.is_empty(), "a group of one dissolves");
        assert!(notes.validate().is_ok());
    }
}
