//! Word-level selections: the start of a selection moves by word too (`W`/`B`, as `w`/`b` move
//! its end), so a selection, and the tag, note or link made from it, can start and end at any
//! word: "terrorist" alone, not its sentence. Annotations anchor any byte range already, so a tag
//! on a word is stored, re-anchored, undone and exported like any other.

use super::cursor::ensure_cursor;
use super::{App, Pane};

impl Pane {
    /// Moves the selection's start one word forward (leaving a word out on the left) or back
    /// (taking one more in), never up to its end nor across a line break. Without a selection,
    /// one of the cursor's sentence starts first.
    pub fn adjust_selection_start_by_word(&mut self, forward: bool) {
        if self.cursor.as_ref().is_none_or(|c| c.selection.is_none()) {
            self.toggle_selection();
        }
        let text = &self.article.text;
        let Some(selection) = self.cursor.as_mut().and_then(|c| c.selection.as_mut()) else {
            return;
        };
        let (start, end) = (selection.range.start, selection.range.end);
        let new_start = if forward {
            let rest = &text[start..end];
            let word = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let after = &rest[word..];
            start + word + (after.len() - after.trim_start().len())
        } else {
            let before = text[..start].trim_end();
            before
                .rfind(char::is_whitespace)
                .map_or(0, |i| i + before[i..].chars().next().map_or(1, char::len_utf8))
        };
        let crossed = &text[new_start.min(start)..new_start.max(start)];
        if new_start < end && !crossed.contains('\n') {
            selection.range.start = new_start;
        }
    }
}

/// `W`/`B` in a selection.
pub fn adjust_start_by_word(app: &mut App, forward: bool) {
    if ensure_cursor(app)
        && let Some(pane) = app.panes.get_mut(app.focus)
    {
        pane.adjust_selection_start_by_word(forward);
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::article::Article;

    fn pane(text: &str) -> Pane {
        let mut pane = Pane::new(Arc::new(Article::plain("a.txt", text)), false);
        assert!(pane.toggle_cursor());
        pane.toggle_selection();
        pane
    }

    fn selected(pane: &Pane) -> &str {
        let range = pane.target_range().expect("a target");
        &pane.article.text[range]
    }

    #[test]
    fn the_start_moves_by_word_and_never_meets_the_end() {
        let mut p = pane("They called the group terrorist today.\nNext line.");
        assert_eq!(selected(&p), "They called the group terrorist today.");
        for _ in 0..4 {
            p.adjust_selection_start_by_word(true);
        }
        assert_eq!(selected(&p), "terrorist today.");
        p.adjust_selection_by_word(false);
        assert_eq!(selected(&p), "terrorist");
        p.adjust_selection_start_by_word(true);
        assert_eq!(selected(&p), "terrorist", "the start never reaches the end");
        p.adjust_selection_start_by_word(false);
        assert_eq!(selected(&p), "group terrorist");
        for _ in 0..10 {
            p.adjust_selection_start_by_word(false);
        }
        assert_eq!(
            selected(&p),
            "They called the group terrorist",
            "stops at the text's start"
        );
    }

    #[test]
    fn the_start_does_not_cross_a_line_break() {
        let mut p = pane("First line.\nSecond line here.");
        p.move_sentence(true);
        p.toggle_selection();
        p.toggle_selection();
        assert_eq!(selected(&p), "Second line here.");
        p.adjust_selection_start_by_word(false);
        assert_eq!(selected(&p), "Second line here.");
    }
}
