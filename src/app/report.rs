//! What the report says about the case that only the analyst knows: its title (`:case-title`),
//! a source's URL (`:url`), a claim's title (`:claim-title`) and which sources left a claim
//! out (`:omits`). Each is an [`Edit`] through the one history, so undo covers it.

use super::{App, Effect, annotate, cursor};
use crate::annotation::Edit;

/// `:case-title TEXT`: the case's title in reports (`-` clears it: the report then makes one
/// from the headlines).
pub fn set_case_title(app: &mut App, text: &str) -> Vec<Effect> {
    let title = cleared(text);
    annotate::edit(app, &Edit::SetCaseTitle { title })
}

/// `:claim-title TEXT`: the title of the claim group of the annotation under the cursor.
pub fn set_claim_title(app: &mut App, text: &str) -> Vec<Effect> {
    let Some(claim) = claim_at_cursor(app) else {
        app.error("no claim here: put the cursor on an annotation linked to others (l)");
        return Vec::new();
    };
    annotate::edit(
        app,
        &Edit::SetClaimTitle {
            claim,
            title: cleared(text),
        },
    )
}

/// `:omits CLAIM`: marks the focused article as leaving out claim group `CLAIM` (`c1`), or
/// takes the mark off. Only marked sources are "omitted by" in the report; others are "not
/// linked".
pub fn toggle_omits(app: &mut App, claim: &str) -> Vec<Effect> {
    let Some(key) = annotate::focused_key(app) else {
        app.error("no article open");
        return Vec::new();
    };
    let notes = &app.notes.notes;
    let Some(group) = notes.claims.iter().find(|g| g.id == claim) else {
        let known: Vec<&str> = notes.claims.iter().map(|g| g.id.as_str()).collect();
        app.error(if known.is_empty() {
            format!("no claim group {claim}: there are none yet")
        } else {
            format!("no claim group {claim} (there are {})", known.join(", "))
        });
        return Vec::new();
    };
    let reports_it = notes.article(&key.path).is_some_and(|article| {
        article
            .annotations
            .iter()
            .any(|a| group.members.iter().any(|m| m.annotation == a.id))
    });
    if reports_it {
        app.error(format!(
            "this article is linked to claim {claim}: it does not leave it out"
        ));
        return Vec::new();
    }
    let omitted = !group.omitted_by.contains(&key.path);
    annotate::edit(
        app,
        &Edit::MarkOmitted {
            claim: claim.to_owned(),
            article: key.path,
            omitted,
        },
    )
}

/// `:url URL`: the focused article's URL, over the one it was fetched from or the page gives.
pub fn set_url(app: &mut App, text: &str) -> Vec<Effect> {
    let url = cleared(text);
    super::update::set_override(app, |overrides| overrides.url = url)
}

/// The claim group of the annotation under the focused pane's cursor.
fn claim_at_cursor(app: &App) -> Option<String> {
    let id = cursor::annotation_at_target(app)?;
    let notes = &app.notes.notes;
    notes
        .claim_group_of(&id)
        .map(|group| notes.claims[group].id.clone())
}

/// The argument as a value, `-` for none.
fn cleared(text: &str) -> Option<String> {
    let text = text.trim();
    (text != "-" && !text.is_empty()).then(|| text.to_owned())
}
