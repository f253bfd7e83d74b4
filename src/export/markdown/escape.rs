//! Making text from articles and notes inert in Markdown: characters that would start emphasis,
//! code, links, HTML or table cells are backslash-escaped, and line breaks are turned into what
//! the surrounding block allows (`<br>` in a table cell, `> ` on every line of a blockquote).
//!
//! The input is already terminal-safe (see `article::sanitize`); this is only about markup.

/// Escapes `text` for use inside one line of Markdown (a heading, a table cell, a paragraph line).
/// Line breaks are not handled here.
pub fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        // `]` and `>` are harmless on their own once `[` and `<` are escaped, but escaping them
        // too keeps the rule simple to check.
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes one line that starts a block: like [`inline`], and also what is markup only at the
/// start of a line (headings, list markers, thematic breaks, indented code).
pub fn line(text: &str) -> String {
    let text = text.trim_start();
    let escaped = inline(text);
    if escaped.starts_with(['#', '-', '+', '=']) {
        return format!("\\{escaped}");
    }
    // `1.` or `1)` would begin an ordered list; a backslash only escapes punctuation, so it goes
    // before the `.`, not the digit.
    let digits = escaped.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && escaped[digits..].starts_with(['.', ')']) {
        return format!("{}\\{}", &escaped[..digits], &escaped[digits..]);
    }
    escaped
}

/// A web address: an autolink `<https://…>` with spaces and angle brackets percent-encoded
/// (so nothing ends it early); anything else, such as a local path, as escaped text.
pub fn url(text: &str) -> String {
    let lower = text.to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        return inline(text);
    }
    let mut out = String::from("<");
    for c in text.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('>');
    out
}

/// A table cell: escaped, line breaks as `<br>` (a cell cannot span lines).
pub fn table_cell(text: &str) -> String {
    text.split('\n').map(inline).collect::<Vec<_>>().join("<br>")
}

/// A blockquote: every line escaped and prefixed with `> `; empty lines keep the `>`.
pub fn blockquote(text: &str) -> String {
    text.split('\n')
        .map(|l| {
            let escaped = line(l);
            if escaped.is_empty() {
                ">".to_owned()
            } else {
                format!("> {escaped}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Free text (a note) as paragraphs: blank lines separate paragraphs, single line breaks are
/// kept as hard breaks (a trailing backslash).
pub fn paragraphs(text: &str) -> String {
    text.split('\n')
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .split(|l| l.is_empty())
        .filter(|lines| !lines.is_empty())
        .map(|lines| lines.iter().map(|l| line(l)).collect::<Vec<_>>().join("\\\n"))
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(
            inline("a|b `c` *d* _e_ [f](g) <h> ~i~ &amp;"),
            r"a\|b \`c\` \*d\* \_e\_ \[f\](g) \<h\> \~i\~ \&amp;"
        );
    }

    #[test]
    fn block_starts_are_escaped_only_at_line_start() {
        assert_eq!(line("# not a heading"), r"\# not a heading");
        assert_eq!(line("- not a list"), r"\- not a list");
        assert_eq!(line("1. not a list"), r"1\. not a list");
        assert_eq!(line("    not code"), "not code");
        assert_eq!(line("well-known #1"), "well-known #1");
    }

    #[test]
    fn line_breaks_follow_the_block() {
        assert_eq!(table_cell("a\nb|c"), r"a<br>b\|c");
        assert_eq!(blockquote("one\n\n# two"), "> one\n>\n> \\# two");
        assert_eq!(paragraphs("one\ntwo\n\n\nthree"), "one\\\ntwo\n\nthree");
    }
}
