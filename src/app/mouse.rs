//! Selecting with the mouse: dragging over a pane's text selects the sentences it passes, as
//! `v` and `j`/`k` would; a plain click only focuses. The selection is then tagged or noted with
//! the usual keys.

use super::App;
use super::annotate::{Cursor, Selection};
use crate::article::sanitize::{display_grapheme, display_width};
use crate::layout::Row;
use unicode_segmentation::UnicodeSegmentation;

/// Where a drag started: the pane and the byte offset under the pointer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Drag {
    pub pane: usize,
    pub offset: usize,
}

/// The byte offset of the text drawn at screen cell (`column`, `row`) of pane `index`, if that
/// cell is in the pane's body and shows text. Reads the layout of the last frame.
pub fn offset_at(app: &mut App, index: usize, column: u16, row: u16) -> Option<usize> {
    let rect = app.view.panes.iter().find(|slot| slot.index == index)?.rect;
    let body = super::view::body_rect(rect);
    if !body.contains(ratatui::layout::Position { x: column, y: row }) {
        return None;
    }
    let pane = app.panes.get_mut(index)?;
    let text = &pane.article.text;
    let pos = pane.layout.down(text, pane.top, usize::from(row - body.y));
    let Some(Row::Text(line)) = pane.layout.row(pos) else {
        return Some(pane.layout.offset_of(text, pos));
    };
    // Walk the line's graphemes by drawn width up to the column.
    let mut x = 0;
    let wanted = usize::from(column - body.x);
    for (at, grapheme) in text[line.start..line.end].grapheme_indices(true) {
        x += display_width(&display_grapheme(grapheme));
        if x > wanted {
            return Some(line.start + at);
        }
    }
    Some(line.end.saturating_sub(1).max(line.start))
}

/// A button went down at `offset` of pane `index`: remember it, in case a drag follows.
pub fn press(app: &mut App, index: usize, offset: Option<usize>) {
    app.focus = index;
    app.drag = offset.map(|offset| Drag { pane: index, offset });
}

/// The pointer moved with the button down, to `offset`: select from the sentence where the
/// drag started to the sentence under the pointer.
pub fn drag_to(app: &mut App, index: usize, offset: Option<usize>) {
    let (Some(drag), Some(offset)) = (app.drag, offset) else {
        return;
    };
    if drag.pane != index {
        return;
    }
    let Some(pane) = app.panes.get_mut(index) else {
        return;
    };
    let sentences = pane.sentences();
    let (Some(anchor), Some(here)) = (sentences.at(drag.offset), sentences.at(offset)) else {
        return;
    };
    let range = anchor.start.min(here.start)..anchor.end.max(here.end);
    pane.cursor = Some(Cursor {
        sentence: here,
        selection: Some(Selection { anchor, range }),
    });
}

/// The button came up: the drag is over; a selection it made stays.
pub fn release(app: &mut App) {
    app.drag = None;
}

#[cfg(test)]
mod tests {
    use crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
    use ratatui::layout::Rect;

    use crate::app::App;
    use crate::app::update::handle_mouse;
    use crate::app::view::{body_rect, prepare};
    use crate::article::Article;
    use crate::config::Config;

    fn mouse(app: &mut App, kind: MouseEventKind, column: u16, row: u16) {
        handle_mouse(
            app,
            MouseEvent {
                kind,
                column,
                row,
                modifiers: KeyModifiers::NONE,
            },
        );
    }

    #[test]
    fn dragging_selects_the_sentences_passed_and_a_click_only_focuses() {
        let text = "First claim here. Second claim here. Third claim here.";
        let articles = vec![
            Article::plain("a.txt", "Other pane."),
            Article::plain("b.txt", text),
        ];
        let mut app = App::new(articles, &Config::default());
        prepare(&mut app, Rect::new(0, 0, 160, 20));
        let body = body_rect(app.view.panes[1].rect);
        let left = MouseEventKind::Down(MouseButton::Left);
        mouse(&mut app, left, body.x + 2, body.y);
        mouse(
            &mut app,
            MouseEventKind::Up(MouseButton::Left),
            body.x + 2,
            body.y,
        );
        assert_eq!(app.focus, 1);
        assert!(app.panes[1].cursor.is_none(), "a click shows no cursor");

        // From inside the first sentence to inside the third ("Third" starts at column 37).
        mouse(&mut app, left, body.x + 2, body.y);
        mouse(
            &mut app,
            MouseEventKind::Drag(MouseButton::Left),
            body.x + 20,
            body.y,
        );
        let selected = |app: &App| {
            let cursor = app.panes[1].cursor.as_ref().expect("cursor");
            let range = cursor.selection.as_ref().expect("selection").range.clone();
            text[range].to_owned()
        };
        assert_eq!(selected(&app), "First claim here. Second claim here.");
        mouse(
            &mut app,
            MouseEventKind::Drag(MouseButton::Left),
            body.x + 40,
            body.y,
        );
        assert_eq!(selected(&app), text);
        mouse(
            &mut app,
            MouseEventKind::Up(MouseButton::Left),
            body.x + 40,
            body.y,
        );
        assert_eq!(selected(&app), text, "the selection stays for t or a");
        assert!(app.drag.is_none());
    }
}
