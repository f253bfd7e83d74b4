//! Who reports the fact of the sentence under the cursor, for the status bar ("reported by 4 of
//! 5 · not found in: …"), and where, for the marks in the other panes: worked out after each
//! action and when the alignment arrives, so that drawing a frame only reads it.

use std::ops::Range;

use super::App;
use crate::compare::Group;

/// Updates `app.cursor_fact` and `app.cursor_matches` for the focused pane's cursor sentence.
pub fn refresh(app: &mut App) {
    app.cursor_fact = summary(app);
    app.cursor_matches = cursor_group(app)
        .map(|group| {
            group
                .members
                .iter()
                .filter(|m| m.doc != app.focus)
                .map(|m| (m.doc, m.range.clone()))
                .collect()
        })
        .unwrap_or_default();
}

/// The fact of the focused cursor sentence, when other articles report it too.
fn cursor_group(app: &App) -> Option<Group> {
    let at = app.focused()?.cursor.as_ref()?.sentence.start;
    let docs: Vec<_> = app.panes.iter().map(|p| p.article.clone()).collect();
    app.alignment
        .group_at(&docs, app.focus, at)
        .filter(|g| g.docs().len() > 1)
        .cloned()
}

/// Focuses the next (or previous) pane that reports the cursor sentence's fact, its cursor on
/// its sentence of that fact: the analyst reads each outlet's version in turn.
pub fn jump_to_match(app: &mut App, forward: bool) {
    if app.focused().and_then(|p| p.cursor.as_ref()).is_none() {
        app.info("put the cursor on a sentence first (c)");
        return;
    }
    let Some(group) = cursor_group(app) else {
        app.info("no other outlet reports this sentence's fact");
        return;
    };
    let n = app.panes.len();
    let next = (1..n)
        .map(|k| {
            if forward {
                (app.focus + k) % n
            } else {
                (app.focus + n - k) % n
            }
        })
        .find_map(|doc| {
            group
                .members
                .iter()
                .find(|m| m.doc == doc)
                .map(|m| (doc, m.range.start))
        });
    if let Some((doc, start)) = next {
        app.focus = doc;
        app.panes[doc].put_cursor_at(start);
    }
}

/// The matches of the cursor sentence in pane `doc`.
pub fn matches_in(app: &App, doc: usize) -> impl Iterator<Item = &Range<usize>> {
    app.cursor_matches
        .iter()
        .filter(move |(d, _)| *d == doc)
        .map(|(_, range)| range)
}

/// None without a cursor or an alignment of the open panes.
fn summary(app: &App) -> Option<String> {
    let pane = app.focused()?;
    let at = pane.cursor.as_ref()?.sentence.start;
    let docs: Vec<_> = app.panes.iter().map(|p| p.article.clone()).collect();
    app.alignment.of(&docs)?;
    // A group of one article (its restatements of a fact) is reported by no other outlet.
    let Some(group) = app
        .alignment
        .group_at(&docs, app.focus, at)
        .filter(|g| g.docs().len() > 1)
    else {
        return Some("only this outlet".to_owned());
    };
    let mut text = format!("reported by {} of {}", group.docs().len(), docs.len());
    let missing: Vec<String> = group
        .missing(docs.len())
        .into_iter()
        .filter_map(|doc| app.panes.get(doc).map(|p| p.outlet().clone()))
        .collect();
    if !missing.is_empty() {
        text.push_str(" · not found in: ");
        text.push_str(&missing.join(", "));
    }
    Some(text)
}
