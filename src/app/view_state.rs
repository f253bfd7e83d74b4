//! The case as the analyst left it: pane order, column widths, zoom, focus, scroll positions
//! and sync mode, restored when the case opens again. Kept in the data directory, one file per
//! case (`views/`), not in the notes: it is not the analyst's work and must not make the notes'
//! diffs noisy. Scroll positions are byte offsets of the top line, the one coordinate system,
//! so they survive rewrapping at another width.
//!
//! Pure: [`capture`] and [`restore`]; the shell reads and writes the file (`tui::view_file`).

use ratatui::layout::Rect;
use serde::{Deserialize, Serialize};

use super::{App, MAX_WEIGHT, view};

/// The version of the view-state file this build writes and reads.
pub const VIEW_STATE_VERSION: u32 = 1;

/// What is restored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ViewState {
    pub schema_version: u32,
    pub sync: bool,
    pub zoom: bool,
    /// The focused article's key, as the notes name it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus: Option<String>,
    /// The panes in their order.
    #[serde(default, rename = "pane")]
    pub panes: Vec<PaneView>,
}

/// One pane: its article's key, its relative width and the byte offset of its top line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaneView {
    pub path: String,
    pub weight: u16,
    pub top: usize,
}

/// The view of `app` now.
pub fn capture(app: &mut App) -> ViewState {
    let panes = app
        .panes
        .iter_mut()
        .map(|pane| PaneView {
            path: pane.key.path.clone(),
            weight: pane.weight,
            top: pane.layout.offset_of(&pane.article.text, pane.top),
        })
        .collect();
    ViewState {
        schema_version: VIEW_STATE_VERSION,
        sync: app.sync,
        zoom: app.zoom,
        focus: app.focused().map(|p| p.key.path.clone()),
        panes,
    }
}

/// Puts `app` back as `state` left it, laid out in `area`: panes it names in its order (panes
/// it does not know follow, in theirs), their widths, zoom, sync and focus, and each pane's top
/// line at the saved offset. Offsets past an article's end (the file changed) are clamped.
/// Returns what was not restored, if anything, for the status bar.
pub fn restore(app: &mut App, state: &ViewState, area: Rect) -> Option<String> {
    if state.schema_version != VIEW_STATE_VERSION {
        return Some(format!(
            "view state of version {} not restored (this build reads {VIEW_STATE_VERSION})",
            state.schema_version
        ));
    }
    let position = |path: &str| state.panes.iter().position(|p| p.path == path);
    let mut panes = std::mem::take(&mut app.panes);
    // A stable sort: known panes in the saved order, the others after them as they were.
    panes.sort_by_key(|pane| position(&pane.key.path).unwrap_or(usize::MAX));
    app.panes = panes;
    for pane in &mut app.panes {
        if let Some(saved) = position(&pane.key.path).map(|i| &state.panes[i]) {
            pane.weight = saved.weight.clamp(1, MAX_WEIGHT);
        }
    }
    app.sync = state.sync;
    app.zoom = state.zoom;
    if let Some(focus) = state
        .focus
        .as_deref()
        .and_then(|path| app.panes.iter().position(|p| p.key.path == path))
    {
        app.focus = focus;
    }
    // Lay out at the widths the restored columns get, then put each top line back.
    view::prepare(app, area);
    for pane in &mut app.panes {
        if let Some(saved) = position(&pane.key.path).map(|i| &state.panes[i]) {
            let text = &pane.article.text;
            let offset = saved.top.min(text.len());
            pane.top = pane.layout.pos_of_offset(text, offset);
        }
    }
    view::prepare(app, area);
    let missing = state
        .panes
        .iter()
        .filter(|saved| !app.panes.iter().any(|p| p.key.path == saved.path))
        .count();
    (missing > 0).then(|| {
        format!(
            "view restored; {missing} {} of the last session not open",
            if missing == 1 { "article" } else { "articles" }
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::Action;
    use crate::app::update::apply;
    use crate::article::Article;
    use crate::config::Config;

    fn text(words: usize) -> String {
        (0..words)
            .map(|i| format!("word{i}"))
            .collect::<Vec<_>>()
            .join(" ")
            + "."
    }

    fn reader() -> App {
        let articles = ["a.txt", "b.txt", "c.txt"]
            .iter()
            .map(|name| Article::plain(name, text(3000)))
            .collect();
        let mut app = App::new(articles, &Config::default());
        view::prepare(&mut app, Rect::new(0, 0, 150, 40));
        app
    }

    #[test]
    fn order_widths_zoom_sync_focus_and_tops_come_back_at_another_width() {
        let mut app = reader();
        for action in [
            Action::FocusPane(3),
            Action::MoveLeft,
            Action::Wider,
            Action::Wider,
            Action::PageDown,
            Action::PageDown,
            Action::Sync,
            Action::Sync,
            Action::Zoom,
        ] {
            let _ = apply(&mut app, action);
        }
        view::prepare(&mut app, Rect::new(0, 0, 150, 40));
        let state = capture(&mut app);
        assert_eq!(
            state.panes.iter().map(|p| p.path.as_str()).collect::<Vec<_>>(),
            ["a.txt", "c.txt", "b.txt"]
        );
        let top = state.panes[1].top;
        assert!(top > 0);
        // Through the file format, and into a reader of another width.
        let saved = toml::to_string(&state).expect("serialises");
        let state: ViewState = toml::from_str(&saved).expect("parses");
        let mut fresh = reader();
        assert_eq!(restore(&mut fresh, &state, Rect::new(0, 0, 90, 30)), None);
        let order: Vec<&str> = fresh.panes.iter().map(|p| p.key.path.as_str()).collect();
        assert_eq!(order, ["a.txt", "c.txt", "b.txt"]);
        assert_eq!(fresh.focus, 1);
        assert_eq!(fresh.panes[1].weight, app.panes[1].weight);
        assert!(fresh.zoom && !fresh.sync);
        // The top line at the new width is the one holding the saved offset.
        let pane = &mut fresh.panes[1];
        let start = pane.layout.offset_of(&pane.article.text, pane.top);
        let next = pane.layout.down(&pane.article.text, pane.top, 1);
        let end = pane.layout.offset_of(&pane.article.text, next);
        assert!(start <= top && top < end.max(start + 1), "{start} {top} {end}");
    }

    #[test]
    fn a_view_of_other_articles_restores_what_it_can_and_says_so() {
        let mut app = reader();
        let state = ViewState {
            schema_version: VIEW_STATE_VERSION,
            sync: true,
            zoom: false,
            focus: Some("gone.txt".into()),
            panes: vec![
                PaneView {
                    path: "gone.txt".into(),
                    weight: 9,
                    top: 5,
                },
                PaneView {
                    path: "b.txt".into(),
                    weight: 1000,
                    top: usize::MAX,
                },
            ],
        };
        let message = restore(&mut app, &state, Rect::new(0, 0, 150, 40));
        assert_eq!(
            message.as_deref(),
            Some("view restored; 1 article of the last session not open")
        );
        assert_eq!(app.panes[0].key.path, "b.txt");
        assert_eq!(app.panes[0].weight, MAX_WEIGHT);
        assert!(app.sync);
    }
}
