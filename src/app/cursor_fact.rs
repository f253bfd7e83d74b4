//! Who reports the fact of the sentence under the cursor, for the status bar ("reported by 4 of
//! 5 · not found in: …"): worked out after each action and when the alignment arrives, so that
//! drawing a frame only reads it.

use super::App;

/// Updates `app.cursor_fact` for the focused pane's cursor sentence.
pub fn refresh(app: &mut App) {
    app.cursor_fact = summary(app);
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
