//! Suggested claim links: the alignment's group of the cursor sentence (or of the comparison
//! view's highlighted row) becomes the analyst's claim group with one key, through the one
//! edit-and-undo path ([`super::changes::edit`]). Until then a suggestion lives only in the
//! alignment: nothing of it is written to the notes. Manual linking (`L`) is unchanged.

use std::ops::Range;

use super::{App, Effect, Mode};
use crate::annotation::{Anchor, Edit, SuggestedMember};
use crate::compare::Group;

/// `accept-suggestion`.
pub fn accept(app: &mut App) -> Vec<Effect> {
    let sentences = match sentences(app) {
        Ok(sentences) => sentences,
        Err(why) => {
            app.info(why);
            return Vec::new();
        }
    };
    let existing: Vec<Option<(String, Option<usize>)>> = sentences
        .iter()
        .map(|(pane, range)| annotation_in(app, *pane, range))
        .collect();
    let groups: Vec<Option<usize>> = existing
        .iter()
        .map(|e| e.as_ref().and_then(|(_, g)| *g))
        .collect();
    if let Some(Some(group)) = groups.first()
        && groups.iter().all(|g| g == &Some(*group))
    {
        let id = app.notes.notes.claims[*group].id.clone();
        app.info(format!("already linked: claim group {id}"));
        return Vec::new();
    }
    let mut next = next_number(app);
    // New annotations carry the `claim` tag when the vocabulary has one.
    let tags: Vec<String> = if app.tags.iter().any(|t| t.name == "claim") {
        vec!["claim".to_owned()]
    } else {
        Vec::new()
    };
    let members: Vec<SuggestedMember> = sentences
        .iter()
        .zip(existing)
        .filter_map(|((pane, range), existing)| {
            let pane = app.panes.get(*pane)?;
            Some(match existing {
                Some((id, _)) => SuggestedMember {
                    article: pane.key.clone(),
                    id,
                    anchor: None,
                    tags: Vec::new(),
                },
                None => {
                    let id = format!("a{next}");
                    next += 1;
                    SuggestedMember {
                        article: pane.key.clone(),
                        id,
                        anchor: Some(Anchor::new(
                            &pane.article.text,
                            trimmed(&pane.article.text, range),
                        )?),
                        tags: tags.clone(),
                    }
                }
            })
        })
        .collect();
    let first = members.first().map(|m| m.id.clone());
    let effects = super::changes::edit(app, &Edit::AcceptSuggestion { members });
    if !effects.is_empty() {
        let notes = &app.notes.notes;
        if let Some(group) = first.and_then(|id| notes.claim_group_of(&id)) {
            let group = &notes.claims[group];
            app.info(format!(
                "claim group {} made from the suggestion ({} sentences; stances as `same`: L changes one, u undoes)",
                group.id,
                group.members.len()
            ));
        }
        super::comparison::refresh(app);
    }
    effects
}

/// The sentences to link, one per outlet that reports the fact: (pane, range).
fn sentences(app: &App) -> Result<Vec<(usize, Range<usize>)>, String> {
    let docs: Vec<_> = app.panes.iter().map(|p| p.article.clone()).collect();
    let alignment = app
        .alignment
        .of(&docs)
        .ok_or("the facts are still being aligned…")?;
    let (group, preferred): (&Group, Option<usize>) = match &app.mode {
        Mode::Compare(view) => {
            let row = view.current().ok_or("no fact highlighted")?;
            (
                alignment.groups.get(row.group).ok_or("no fact highlighted")?,
                None,
            )
        }
        _ => {
            let at = app
                .focused()
                .and_then(|p| p.cursor.as_ref())
                .ok_or("put the cursor on a sentence first (c): its fact's suggested group is linked")?
                .sentence
                .start;
            let group = app
                .alignment
                .group_at(&docs, app.focus, at)
                .ok_or("no other outlet reports this sentence's fact: nothing to link")?;
            (group, Some(at))
        }
    };
    if group.docs().len() < 2 {
        return Err("only one outlet reports this fact: nothing to link".into());
    }
    let text_of = |doc: usize| app.panes.get(doc).map(|p| p.article.text.as_str());
    let mut chosen = crate::export::facts::representatives(group, text_of);
    for (doc, range) in &mut chosen {
        let own = || group.members.iter().filter(|m| m.doc == *doc);
        // The cursor's sentence in the focused pane, when it is the group's.
        if let Some(m) = preferred
            .filter(|_| *doc == app.focus)
            .and_then(|at| own().find(|m| m.range.contains(&at)))
        {
            range.clone_from(&m.range);
            continue;
        }
        // A headline is drawn in the pane's header, where no annotation shows: the article's
        // other sentence of the fact, when it has one.
        let Some(article) = app.panes.get(*doc).map(|p| &p.article) else {
            continue;
        };
        if article.is_hidden(range.start)
            && let Some(m) = own().find(|m| !article.is_hidden(m.range.start))
        {
            range.clone_from(&m.range);
        }
    }
    Ok(chosen)
}

/// The annotation of pane `pane`'s article overlapping `range`, preferring one in a claim
/// group, with the index of its group.
pub fn annotation_in(app: &App, pane: usize, range: &Range<usize>) -> Option<(String, Option<usize>)> {
    let notes = &app.notes.notes;
    let article = notes.article(&app.panes.get(pane)?.key.path)?;
    let mut found: Vec<(String, Option<usize>)> = article
        .annotations
        .iter()
        .filter(|a| !a.orphan && a.anchor.start < range.end && range.start < a.anchor.end)
        .map(|a| (a.id.clone(), notes.claim_group_of(&a.id)))
        .collect();
    found.sort_by_key(|(_, group)| group.is_none());
    found.into_iter().next()
}

/// The number of the next new annotation id (`a12` → 12).
fn next_number(app: &App) -> u64 {
    app.notes
        .notes
        .next_annotation_id()
        .strip_prefix('a')
        .and_then(|n| n.parse().ok())
        .unwrap_or(1)
}

/// `range` without the blanks around the sentence (an anchor quotes text, not line ends).
fn trimmed(text: &str, range: &Range<usize>) -> Range<usize> {
    let Some(slice) = text.get(range.clone()) else {
        return range.clone();
    };
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.end - (slice.len() - slice.trim_end().len());
    start..end.max(start)
}
