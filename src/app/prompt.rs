//! The `:` command line: editing, and completion of command names.

use crate::action::{self, complete};

/// The text being typed after `:` and the cursor in it (a char index).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prompt {
    pub input: String,
    pub cursor: usize,
    /// Commands matching the typed prefix after the last Tab, shown to the user.
    pub candidates: Vec<&'static str>,
}

impl Prompt {
    fn byte_at(&self, char_index: usize) -> usize {
        self.input
            .char_indices()
            .nth(char_index)
            .map_or(self.input.len(), |(i, _)| i)
    }

    /// Inserts a character at the cursor.
    pub fn insert(&mut self, c: char) {
        let at = self.byte_at(self.cursor);
        self.input.insert(at, c);
        self.cursor += 1;
        self.candidates.clear();
    }

    /// Deletes the character before the cursor; false when there was none.
    pub fn backspace(&mut self) -> bool {
        if self.cursor == 0 {
            return false;
        }
        self.cursor -= 1;
        let at = self.byte_at(self.cursor);
        self.input.remove(at);
        self.candidates.clear();
        true
    }

    /// Moves the cursor one character left or right.
    pub fn move_cursor(&mut self, right: bool) {
        let len = self.input.chars().count();
        self.cursor = if right {
            (self.cursor + 1).min(len)
        } else {
            self.cursor.saturating_sub(1)
        };
    }

    /// Completes the command name: to the only match (plus a space when it takes an argument),
    /// or to the longest common prefix of the matches, which are kept in `candidates`.
    pub fn complete(&mut self) {
        if self.input.contains(char::is_whitespace) {
            return;
        }
        let matches = complete(&self.input);
        let Some(first) = matches.first() else {
            self.candidates.clear();
            return;
        };
        if matches.len() == 1 {
            self.input = (*first).to_owned();
            if action::info(first).is_some_and(|i| i.argument.is_some()) {
                self.input.push(' ');
            }
            self.candidates.clear();
        } else {
            let common = matches.iter().fold(first.len(), |len, m| {
                first
                    .bytes()
                    .zip(m.bytes())
                    .take(len)
                    .take_while(|(a, b)| a == b)
                    .count()
            });
            self.input = first[..common].to_owned();
            self.candidates = matches;
        }
        self.cursor = self.input.chars().count();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(text: &str) -> Prompt {
        let mut p = Prompt::default();
        text.chars().for_each(|c| p.insert(c));
        p
    }

    #[test]
    fn completes_unique_names_and_adds_a_space_for_arguments() {
        let mut p = typed("zo");
        p.complete();
        assert_eq!(p.input, "zoom");
        let mut p = typed("op");
        p.complete();
        assert_eq!(p.input, "open ");
    }

    #[test]
    fn completes_to_the_common_prefix_and_lists_candidates() {
        // "fo", not "f": `framing` starts with f too.
        let mut p = typed("fo");
        p.complete();
        assert_eq!(p.input, "focus-");
        assert!(p.candidates.contains(&"focus-next") && p.candidates.contains(&"focus-pane"));
    }

    #[test]
    fn editing_respects_multibyte_characters() {
        let mut p = typed("opén");
        p.move_cursor(false);
        assert!(p.backspace());
        assert_eq!(p.input, "opn");
        p.insert('e');
        assert_eq!(p.input, "open");
    }
}
