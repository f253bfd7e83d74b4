//! Accepting a suggested claim group: the sentences the alignment found reporting one fact
//! become the analyst's claim group in one step (one undo). Sentences not annotated yet are
//! annotated first; the links made are marked `origin = "suggested"`, so the notes keep what
//! the machine proposed apart from what the analyst linked by hand. Links the analyst made
//! stay as they were (their stances too).

use super::claims::{Origin, Stance};
use super::edit::EditError;
use super::model::{Anchor, Annotation, ArticleKey, Notes};

/// One sentence of an accepted suggestion: an annotation already there (`anchor` None), or a
/// new one with id `id` on `anchor`.
#[derive(Debug, Clone, PartialEq)]
pub struct SuggestedMember {
    pub article: ArticleKey,
    pub id: String,
    pub anchor: Option<Anchor>,
    /// Tags of a new annotation.
    pub tags: Vec<String>,
}

impl Notes {
    /// Makes `members` one claim group. On error nothing changed.
    pub(crate) fn accept_suggestion(
        &mut self,
        members: &[SuggestedMember],
        now: &str,
    ) -> Result<(), EditError> {
        self.check_suggestion(members)?;
        for m in members {
            if let Some(anchor) = &m.anchor {
                let entry = self.article_entry(&m.article);
                entry.annotations.push(Annotation {
                    id: m.id.clone(),
                    tags: m.tags.clone(),
                    note: String::new(),
                    created: now.to_owned(),
                    modified: now.to_owned(),
                    orphan: false,
                    anchor: anchor.clone(),
                });
                entry.sort_annotations();
            }
        }
        let linked_before: Vec<bool> = members
            .iter()
            .map(|m| self.claim_group_of(&m.id).is_some())
            .collect();
        // The reference: a member the analyst linked already, so that its group grows.
        let reference = members
            .iter()
            .zip(&linked_before)
            .find(|(_, linked)| **linked)
            .map_or(&members[0], |(m, _)| m)
            .id
            .clone();
        for m in members.iter().filter(|m| m.id != reference) {
            let same_group = self.claim_group_of(&m.id).is_some()
                && self.claim_group_of(&m.id) == self.claim_group_of(&reference);
            if !same_group {
                self.link_claims(&reference, &m.id, Stance::Same);
            }
        }
        if let Some(group) = self.claim_group_of(&reference) {
            for (m, linked) in members.iter().zip(linked_before) {
                if linked {
                    continue;
                }
                if let Some(entry) = self.claims[group]
                    .members
                    .iter_mut()
                    .find(|entry| entry.annotation == m.id)
                {
                    entry.origin = Origin::Suggested;
                }
            }
        }
        Ok(())
    }

    fn check_suggestion(&self, members: &[SuggestedMember]) -> Result<(), EditError> {
        if members.len() < 2 {
            return Err(EditError::BadAnchor("a claim group needs two sentences".into()));
        }
        let mut seen = std::collections::BTreeSet::new();
        for m in members {
            if !seen.insert(m.id.as_str()) {
                return Err(EditError::DuplicateId(m.id.clone()));
            }
            match &m.anchor {
                None if self.annotation(&m.id).is_none() => {
                    return Err(EditError::NoSuchAnnotation(m.id.clone()));
                }
                Some(_) if self.annotation(&m.id).is_some() => {
                    return Err(EditError::DuplicateId(m.id.clone()));
                }
                Some(anchor)
                    if anchor.start >= anchor.end || anchor.end - anchor.start != anchor.quote.len() =>
                {
                    return Err(EditError::BadAnchor(format!(
                        "range {}..{} does not hold a quote of {} bytes",
                        anchor.start,
                        anchor.end,
                        anchor.quote.len()
                    )));
                }
                _ => {}
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::Edit;
    use crate::annotation::claims::Stance::{Contradicts, Same};

    const NOW: &str = "2025-03-01T14:05:09Z";

    fn new_member(path: &str, text: &str, range: std::ops::Range<usize>, n: u64) -> SuggestedMember {
        SuggestedMember {
            article: ArticleKey::new(path, text),
            id: format!("a{n}"),
            anchor: Anchor::new(text, range),
            tags: vec!["claim".into()],
        }
    }

    #[test]
    fn accepting_annotates_links_and_marks_the_links_as_suggested() {
        let mut notes = Notes::default();
        let members = [
            new_member("a.txt", "The dam broke on Friday.", 0..24, 1),
            new_member("b.txt", "On Friday the dam gave way.", 0..27, 2),
        ];
        notes
            .apply(
                &Edit::AcceptSuggestion {
                    members: members.to_vec(),
                },
                NOW,
            )
            .expect("accepted");
        assert_eq!(notes.claims.len(), 1);
        let group = &notes.claims[0];
        assert!(
            group
                .members
                .iter()
                .all(|m| m.origin == Origin::Suggested && m.stance == Same)
        );
        assert_eq!(
            notes.annotation("a2").map(|(p, a)| (p, a.tags.clone())),
            Some(("b.txt", vec!["claim".to_owned()]))
        );
        assert!(notes.validate().is_ok());
        // Saved, the origin is written; a manual link writes none.
        let text = toml::to_string(&notes).expect("serialises");
        assert_eq!(text.matches("origin = \"suggested\"").count(), 2, "{text}");
        let back: Notes = toml::from_str(&text).expect("parses back");
        assert_eq!(back, notes);
    }

    #[test]
    fn a_group_the_analyst_made_grows_and_keeps_its_stances() {
        let mut notes = Notes::default();
        let text = "The minister resigned on Monday.";
        for (path, n) in [("a.txt", 1), ("b.txt", 2)] {
            let m = new_member(path, text, 0..12, n);
            notes
                .apply(
                    &Edit::AddAnnotation {
                        article: m.article,
                        id: m.id,
                        anchor: m.anchor.expect("anchor"),
                        tags: Vec::new(),
                        note: String::new(),
                    },
                    NOW,
                )
                .expect("add");
        }
        notes
            .apply(
                &Edit::Link {
                    claim: "a1".into(),
                    other: "a2".into(),
                    stance: Contradicts,
                },
                NOW,
            )
            .expect("link");
        let existing = |path: &str, id: &str| SuggestedMember {
            article: ArticleKey::new(path, text),
            id: id.into(),
            anchor: None,
            tags: Vec::new(),
        };
        let members = vec![
            existing("b.txt", "a2"),
            existing("a.txt", "a1"),
            new_member("c.txt", text, 0..12, 3),
        ];
        let before = notes.clone();
        notes
            .apply(&Edit::AcceptSuggestion { members }, NOW)
            .expect("accepted");
        assert_eq!(notes.claims.len(), 1);
        let stances: Vec<(String, Stance, Origin)> = notes.claims[0]
            .members
            .iter()
            .map(|m| (m.annotation.clone(), m.stance, m.origin))
            .collect();
        // a2 is the reference's partner: a3 joins as reporting what a2 reports, and so
        // contradicts a1 like a2 does; the analyst's own link is untouched.
        assert_eq!(
            stances,
            [
                ("a1".into(), Same, Origin::Analyst),
                ("a2".into(), Contradicts, Origin::Analyst),
                ("a3".into(), Contradicts, Origin::Suggested),
            ]
        );
        // Refused edits change nothing.
        let mut again = before.clone();
        let bad = vec![existing("a.txt", "a1"), existing("a.txt", "a9")];
        assert!(
            again
                .apply(&Edit::AcceptSuggestion { members: bad }, NOW)
                .is_err()
        );
        assert_eq!(again, before);
    }

    #[test]
    fn notes_written_before_origins_existed_still_load() {
        let notes: Notes = toml::from_str(
            r#"
            schema_version = 1
            [[claim]]
            id = "c1"
            members = [{ annotation = "a1", stance = "same" }, { annotation = "a2", stance = "same" }]
            "#,
        )
        .expect("parses");
        assert!(
            notes.claims[0]
                .members
                .iter()
                .all(|m| m.origin == Origin::Analyst)
        );
        let unknown = toml::from_str::<Notes>(
            r#"
            schema_version = 1
            [[claim]]
            id = "c1"
            members = [{ annotation = "a1", stance = "same", origin = "guessed" }]
            "#,
        );
        assert!(
            unknown.is_err(),
            "an origin this build does not know is refused, not dropped"
        );
    }
}
