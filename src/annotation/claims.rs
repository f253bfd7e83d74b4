//! Claim groups: annotations in different articles that report one claim. Each member has a
//! stance relative to the group's first claim. Linking two annotations creates or extends a
//! group, or merges two groups; [`Notes::claim_coverage`] tells which articles report a group's
//! claim and which omit it.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::model::Notes;

/// How a claim relates to its group's first claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stance {
    Same,
    Contradicts,
    AddsDetail,
}

impl Stance {
    /// The stance of C to A, knowing `self` is B's stance to A and `next` is C's stance to B.
    /// An approximation: "adds detail" keeps the direction like "same", and two contradictions
    /// agree with each other.
    #[must_use]
    pub fn then(self, next: Stance) -> Stance {
        match (self, next) {
            (Stance::Same, other) | (other, Stance::Same) => other,
            (Stance::Contradicts, Stance::Contradicts) => Stance::Same,
            (Stance::Contradicts, Stance::AddsDetail) | (Stance::AddsDetail, Stance::Contradicts) => {
                Stance::Contradicts
            }
            (Stance::AddsDetail, Stance::AddsDetail) => Stance::AddsDetail,
        }
    }

    /// A's stance to B given B's stance to A (approximate: "adds detail" reads back as "same").
    #[must_use]
    pub fn reversed(self) -> Stance {
        match self {
            Stance::Contradicts => Stance::Contradicts,
            Stance::Same | Stance::AddsDetail => Stance::Same,
        }
    }
}

/// One claim reported by several articles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimGroup {
    /// `c1`, `c2`, ...
    pub id: String,
    /// The analyst's title for the claim (`:claim-title`); reports fall back on the first quote.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The first member is the reference claim (its stance is `same`).
    pub members: Vec<ClaimMember>,
    /// Articles (paths, as in `[[article]]`) the analyst marked as leaving this claim out
    /// (`:omits`). An article merely not linked is not counted as omitting it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub omitted_by: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimMember {
    /// An annotation id.
    pub annotation: String,
    pub stance: Stance,
    /// How the link was made: by the analyst (the default, not written), or by accepting a
    /// group the alignment suggested (`origin = "suggested"`).
    #[serde(default, skip_serializing_if = "Origin::is_analyst")]
    pub origin: Origin,
}

/// Who made a claim link: what the machine found and what the analyst confirmed stay distinct,
/// also once a suggestion is accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    /// Linked by hand (`L`).
    #[default]
    Analyst,
    /// The alignment suggested it and the analyst accepted it (`accept-suggestion`).
    Suggested,
}

impl Origin {
    pub fn is_analyst(&self) -> bool {
        *self == Origin::Analyst
    }
}

/// Which of the given articles report a claim group, and which omit it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    /// (article path, ids of its annotations in the group), in the order the articles were given.
    pub reporting: Vec<(String, Vec<String>)>,
    /// Articles with no annotation in the group that the analyst marked as leaving it out.
    pub omitting: Vec<String>,
    /// Articles with no annotation in the group and no such mark: nothing is known.
    pub not_linked: Vec<String>,
}

impl Notes {
    /// The index of the group `annotation` belongs to.
    pub fn claim_group_of(&self, annotation: &str) -> Option<usize> {
        self.claims
            .iter()
            .position(|group| group.members.iter().any(|member| member.annotation == annotation))
    }

    /// Records that `other` has `stance` towards `claim`: a new group, an extended group, or two
    /// groups merged into `claim`'s. Both ids must exist (checked by the caller).
    pub(crate) fn link_claims(&mut self, claim: &str, other: &str, stance: Stance) {
        if claim == other {
            return;
        }
        match (self.claim_group_of(claim), self.claim_group_of(other)) {
            (None, None) => {
                let id = self.next_claim_group_id();
                self.claims.push(ClaimGroup {
                    id,
                    title: None,
                    members: vec![member(claim, Stance::Same), member(other, stance)],
                    omitted_by: Vec::new(),
                });
            }
            (Some(group), None) => {
                let to_claim = self.stance_in(group, claim);
                self.claims[group]
                    .members
                    .push(member(other, to_claim.then(stance)));
            }
            (None, Some(group)) => {
                let to_other = self.stance_in(group, other);
                self.claims[group]
                    .members
                    .push(member(claim, to_other.then(stance.reversed())));
            }
            (Some(group), Some(other_group)) if group == other_group => {
                let to_claim = self.stance_in(group, claim);
                let members = &mut self.claims[group].members;
                // The first member is the reference; re-stancing it would shift everyone.
                if let Some(entry) = members.iter_mut().skip(1).find(|m| m.annotation == other) {
                    entry.stance = to_claim.then(stance);
                }
            }
            (Some(group), Some(other_group)) => {
                // `other`'s group's first claim, seen from this group's first claim.
                let first_of_other = self
                    .stance_in(group, claim)
                    .then(stance)
                    .then(self.stance_in(other_group, other).reversed());
                let absorbed = self.claims.remove(other_group);
                let group = if other_group < group { group - 1 } else { group };
                let kept = &mut self.claims[group];
                if kept.title.is_none() {
                    kept.title = absorbed.title;
                }
                for path in absorbed.omitted_by {
                    if !kept.omitted_by.contains(&path) {
                        kept.omitted_by.push(path);
                    }
                }
                // Restated towards the kept reference; how each link was made stays.
                self.claims[group]
                    .members
                    .extend(absorbed.members.into_iter().map(|m| ClaimMember {
                        stance: first_of_other.then(m.stance),
                        ..m
                    }));
            }
        }
    }

    /// Takes `annotation` out of its group; a group left with one member dissolves. When the
    /// first claim leaves, the next one becomes the reference and stances are re-expressed.
    pub(crate) fn unlink_claim(&mut self, annotation: &str) {
        let Some(group) = self.claim_group_of(annotation) else {
            return;
        };
        let members = &mut self.claims[group].members;
        let Some(position) = members.iter().position(|m| m.annotation == annotation) else {
            return;
        };
        members.remove(position);
        if members.len() < 2 {
            self.claims.remove(group);
            return;
        }
        if position == 0 {
            let new_first_from_old = members[0].stance.reversed();
            for m in members.iter_mut() {
                m.stance = new_first_from_old.then(m.stance);
            }
            members[0].stance = Stance::Same;
        }
    }

    /// Which of `articles` (paths, in display order) report the group `group_id`.
    pub fn claim_coverage(&self, group_id: &str, articles: &[&str]) -> Option<Coverage> {
        let group = self.claims.iter().find(|group| group.id == group_id)?;
        let mut coverage = Coverage {
            reporting: Vec::new(),
            omitting: Vec::new(),
            not_linked: Vec::new(),
        };
        for &path in articles {
            let ids: Vec<String> = self
                .article(path)
                .map(|article| {
                    article
                        .annotations
                        .iter()
                        .filter(|a| group.members.iter().any(|m| m.annotation == a.id))
                        .map(|a| a.id.clone())
                        .collect()
                })
                .unwrap_or_default();
            if !ids.is_empty() {
                coverage.reporting.push((path.to_owned(), ids));
            } else if group.omitted_by.iter().any(|p| p == path) {
                coverage.omitting.push(path.to_owned());
            } else {
                coverage.not_linked.push(path.to_owned());
            }
        }
        Some(coverage)
    }

    /// Marks (or unmarks) the article at `path` as leaving out the claim group `group_id`;
    /// false when there is no such group. The list stays sorted so saves are stable.
    pub(crate) fn mark_omitted(&mut self, group_id: &str, path: &str, omitted: bool) -> bool {
        let Some(group) = self.claims.iter_mut().find(|group| group.id == group_id) else {
            return false;
        };
        group.omitted_by.retain(|p| p != path);
        if omitted {
            group.omitted_by.push(path.to_owned());
            group.omitted_by.sort();
        }
        true
    }

    fn stance_in(&self, group: usize, annotation: &str) -> Stance {
        self.claims[group]
            .members
            .iter()
            .find(|m| m.annotation == annotation)
            .map_or(Stance::Same, |m| m.stance)
    }

    fn next_claim_group_id(&self) -> String {
        let highest = self
            .claims
            .iter()
            .filter_map(|group| group.id.strip_prefix('c')?.parse::<u64>().ok())
            .max()
            .unwrap_or(0);
        format!("c{}", highest + 1)
    }

    /// Claim groups name existing annotations, each at most once, and have two or more members.
    pub(crate) fn validate_claims(&self, annotation_ids: &BTreeSet<&str>) -> Result<(), String> {
        let mut seen = BTreeSet::new();
        for group in &self.claims {
            if group.members.len() < 2 {
                return Err(format!("claim group {:?} has fewer than two members", group.id));
            }
            for m in &group.members {
                if !annotation_ids.contains(m.annotation.as_str()) {
                    return Err(format!(
                        "claim group {:?} names annotation {:?}, which does not exist",
                        group.id, m.annotation
                    ));
                }
                if !seen.insert(m.annotation.as_str()) {
                    return Err(format!(
                        "annotation {:?} is in more than one claim group",
                        m.annotation
                    ));
                }
            }
        }
        Ok(())
    }
}

fn member(annotation: &str, stance: Stance) -> ClaimMember {
    ClaimMember {
        annotation: annotation.to_owned(),
        stance,
        origin: Origin::Analyst,
    }
}
