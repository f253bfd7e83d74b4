//! The `:` command line: editing, and completion of command names and arguments: Tab
//! completes what is typed as far as it is unambiguous, then cycles through the choices.

use crate::action::{self, complete};

/// The text being typed after `:` and the cursor in it (a char index).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prompt {
    pub input: String,
    pub cursor: usize,
    /// Commands or arguments matching what was typed, after the last Tab, shown to the user.
    pub candidates: Vec<String>,
    /// Tab pressed again after a completion with several choices shows the next one.
    cycle: Option<Cycle>,
}

/// The choices Tab steps through, and the line that shows the current one.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Cycle {
    stem: String,
    options: Vec<String>,
    index: usize,
    shown: String,
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

    /// Completes the command name (no argument completion).
    pub fn complete(&mut self) {
        self.complete_with(&|_, _| Vec::new());
    }

    /// Completes the command name, or its argument with `arguments(command, typed)` (every
    /// possible whole argument; those starting with what is typed are kept): to the only
    /// match (plus a space after a command that takes an argument), else to the longest common
    /// prefix, else to the first match; Tab again steps to the next. Matches are listed in
    /// `candidates`.
    pub fn complete_with(&mut self, arguments: &dyn Fn(&str, &str) -> Vec<String>) {
        if let Some(cycle) = &mut self.cycle
            && cycle.shown == self.input
            && !cycle.options.is_empty()
        {
            cycle.index = (cycle.index + 1) % cycle.options.len();
            self.input = format!("{}{}", cycle.stem, cycle.options[cycle.index]);
            cycle.shown.clone_from(&self.input);
            self.cursor = self.input.chars().count();
            return;
        }
        self.cycle = None;
        let (stem, typed, options, command) = match self.input.split_once(' ') {
            None => (
                String::new(),
                self.input.clone(),
                complete(&self.input).into_iter().map(str::to_owned).collect(),
                true,
            ),
            Some((command, rest)) => (
                format!("{command} "),
                rest.to_owned(),
                arguments(command, rest),
                false,
            ),
        };
        let lower = typed.to_lowercase();
        let matches: Vec<String> = options
            .into_iter()
            .filter(|o| o.to_lowercase().starts_with(&lower))
            .collect();
        match matches.as_slice() {
            [] => self.candidates.clear(),
            [only] => {
                self.input = format!("{stem}{only}");
                if command && action::info(only).is_some_and(|i| i.argument.is_some()) {
                    self.input.push(' ');
                }
                self.candidates.clear();
            }
            [first, ..] => {
                let common = matches.iter().fold(first.len(), |len, m| {
                    first
                        .bytes()
                        .zip(m.bytes())
                        .take(len)
                        .take_while(|(a, b)| a == b)
                        .count()
                });
                let common = first.get(..common).unwrap_or("");
                if common.chars().count() > typed.chars().count() {
                    self.input = format!("{stem}{common}");
                } else {
                    self.input = format!("{stem}{first}");
                    self.cycle = Some(Cycle {
                        stem,
                        options: matches.clone(),
                        index: 0,
                        shown: self.input.clone(),
                    });
                }
                self.candidates = matches;
            }
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
        assert!(
            p.candidates.iter().any(|c| c == "focus-next") && p.candidates.iter().any(|c| c == "focus-pane")
        );
    }

    #[test]
    fn tab_again_cycles_through_the_choices() {
        let tags = |command: &str, _: &str| {
            if command == "tag" {
                vec![
                    "claim".to_owned(),
                    "corroborated".to_owned(),
                    "contradicted".to_owned(),
                ]
            } else {
                Vec::new()
            }
        };
        let mut p = typed("tag c");
        p.complete_with(&tags);
        assert_eq!(p.input, "tag claim");
        assert_eq!(p.candidates.len(), 3);
        p.complete_with(&tags);
        assert_eq!(p.input, "tag corroborated");
        p.complete_with(&tags);
        p.complete_with(&tags);
        assert_eq!(p.input, "tag claim", "back to the first");
        let mut p = typed("tag cor");
        p.complete_with(&tags);
        assert_eq!(p.input, "tag corroborated");
        assert!(p.candidates.is_empty());
    }

    #[test]
    fn command_names_cycle_when_no_prefix_is_common() {
        let mut p = typed("focus-");
        p.complete();
        let first = p.input.clone();
        p.complete();
        assert_ne!(p.input, first);
        assert!(p.input.starts_with("focus-"));
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
