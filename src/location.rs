//! Where in a text a parse problem is: 1-based line and column, as `file:line:column` messages
//! (config, notes, word lists) give it. A leaf module, so every layer can use it.

/// 1-based line and column (in characters) of byte `offset` in `text`; an offset inside a
/// character counts as that character, one past the end as the end.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// A TOML error in `text` as `line:column: message`, for the caller to put the file's name in
/// front of. The message is the file's own words: sanitise it before it reaches a terminal.
pub fn located(text: &str, error: &toml::de::Error) -> String {
    let (line, column) = line_column(text, error.span().map_or(0, |s| s.start));
    format!("{line}:{column}: {}", error.message())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_count_from_one_in_characters() {
        assert_eq!(line_column("ab\ncdé\nx", 0), (1, 1));
        assert_eq!(line_column("ab\ncdé\nx", 3), (2, 1));
        assert_eq!(line_column("ab\ncdé\nx", 8), (3, 1));
        assert_eq!(line_column("ab\ncdé\nx", 5), (2, 3));
        assert_eq!(line_column("ab\nçd", 5), (2, 2));
        assert_eq!(line_column("", 0), (1, 1));
        // Inside "é" (bytes 5..7): that character.
        assert_eq!(line_column("ab\ncdé\nx", 6), (2, 3));
    }

    #[test]
    fn a_toml_error_says_where() {
        let text = "a = 1\nb = [\n";
        let error = toml::from_str::<toml::Table>(text).expect_err("broken");
        let message = located(text, &error);
        assert!(
            message.starts_with("2:") || message.starts_with("3:"),
            "{message}"
        );
    }
}
