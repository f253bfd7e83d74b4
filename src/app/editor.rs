//! The multi-line note editor: a text and a cursor, edited by keys. Saving and cancelling are
//! actions bound in the keymap's `editor` layer (`Ctrl-s`, `Esc`); [`Editor::cancel`] asks for a
//! second `Esc` when there are unsaved changes. The other keys edit the text here.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::annotation::ArticleKey;

/// What the editor's text will become.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// The note of this annotation, or of a new one on the cursor's target.
    Annotation(Option<String>),
    /// The article-level note.
    Article(ArticleKey),
}

/// The editor's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Editor {
    pub target: Target,
    pub text: String,
    original: String,
    /// Byte offset of the cursor in `text`, on a char boundary.
    pub cursor: usize,
    /// Esc was pressed once with unsaved changes.
    pub confirm_discard: bool,
}

impl Editor {
    /// An editor over `text`, cursor at the end.
    pub fn new(target: Target, text: &str) -> Self {
        Self {
            target,
            text: text.to_owned(),
            original: text.to_owned(),
            cursor: text.len(),
            confirm_discard: false,
        }
    }

    /// Whether the text differs from what was there.
    pub fn changed(&self) -> bool {
        self.text != self.original
    }

    fn prev_boundary(&self) -> usize {
        self.text[..self.cursor]
            .char_indices()
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self) -> usize {
        self.text[self.cursor..]
            .chars()
            .next()
            .map_or(self.cursor, |c| self.cursor + c.len_utf8())
    }

    /// Asks to close without saving: true when the editor may close (nothing changed, or this
    /// is the second ask in a row); the first ask with unsaved changes only arms the second.
    pub fn cancel(&mut self) -> bool {
        if !self.changed() || self.confirm_discard {
            return true;
        }
        self.confirm_discard = true;
        false
    }

    /// Edits the text with a key that no binding took.
    pub fn key(&mut self, event: KeyEvent) {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        self.confirm_discard = false;
        match event.code {
            KeyCode::Enter => self.insert('\n'),
            KeyCode::Tab => self.insert('\t'),
            KeyCode::Char(c) if !ctrl => self.insert(c),
            KeyCode::Backspace if self.cursor > 0 => {
                let start = self.prev_boundary();
                self.text.replace_range(start..self.cursor, "");
                self.cursor = start;
            }
            KeyCode::Delete if self.cursor < self.text.len() => {
                let end = self.next_boundary();
                self.text.replace_range(self.cursor..end, "");
            }
            KeyCode::Left => self.cursor = self.prev_boundary(),
            KeyCode::Right => self.cursor = self.next_boundary(),
            KeyCode::Home => self.cursor = self.text[..self.cursor].rfind('\n').map_or(0, |i| i + 1),
            KeyCode::End => {
                self.cursor += self.text[self.cursor..]
                    .find('\n')
                    .unwrap_or(self.text.len() - self.cursor);
            }
            _ => {}
        }
    }

    fn insert(&mut self, c: char) {
        self.text.insert(self.cursor, c);
        self.cursor += c.len_utf8();
    }

    /// Line and column (in chars) of the cursor, for drawing it.
    pub fn cursor_line_column(&self) -> (usize, usize) {
        let before = &self.text[..self.cursor];
        let line = before.matches('\n').count();
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count());
        (line, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(editor: &mut Editor, code: KeyCode) {
        editor.key(KeyEvent::new(code, KeyModifiers::NONE));
    }

    #[test]
    fn typing_editing_and_saving() {
        let mut e = Editor::new(Target::Annotation(None), "");
        for c in "héllo".chars() {
            press(&mut e, KeyCode::Char(c));
        }
        press(&mut e, KeyCode::Enter);
        press(&mut e, KeyCode::Char('x'));
        press(&mut e, KeyCode::Backspace);
        press(&mut e, KeyCode::Left);
        press(&mut e, KeyCode::Backspace);
        assert_eq!(e.text, "héll\n");
        press(&mut e, KeyCode::Tab);
        assert_eq!(e.text, "héll\t\n");
    }

    #[test]
    fn cancelling_asks_twice_before_discarding_changes() {
        let mut e = Editor::new(Target::Annotation(None), "old");
        assert!(e.cancel(), "nothing changed: closes at once");
        let mut e = Editor::new(Target::Annotation(None), "old");
        press(&mut e, KeyCode::Char('!'));
        assert!(!e.cancel());
        assert!(e.confirm_discard);
        press(&mut e, KeyCode::Char('?'));
        assert!(!e.cancel(), "typing in between asks again");
        assert!(e.cancel());
    }

    #[test]
    fn cursor_position_counts_lines_and_chars() {
        let e = Editor::new(Target::Annotation(None), "ab\nçd");
        assert_eq!(e.cursor_line_column(), (1, 2));
    }
}
