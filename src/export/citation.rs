//! A quote with its citation, to take away (`y` copies it, `:copy-to FILE` appends it):
//!
//! ```text
//! “The deal raises wages by 8%.”
//! — Coastal Wire, “Harbour strike ends after 12 days”, 2025-03-04. https://coastal-wire.example/…
//! ```
//!
//! Pure and terminal-safe: every part is sanitised, the quote is put on one line.

use crate::article::sanitize::sanitize_line;

/// What a citation names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cited<'a> {
    pub quote: &'a str,
    pub outlet: &'a str,
    pub title: Option<&'a str>,
    pub date: Option<&'a str>,
    pub url: Option<&'a str>,
}

/// The quote in curly quotes on its own line, then "— outlet, “title”, date. URL". Ends with a
/// newline.
pub fn citation(cited: &Cited<'_>) -> String {
    let quote = one_line(cited.quote);
    let mut source = vec![one_line(cited.outlet)];
    if let Some(title) = cited.title.map(one_line).filter(|t| !t.is_empty()) {
        source.push(format!("“{title}”"));
    }
    source.push(
        cited
            .date
            .map(one_line)
            .filter(|d| !d.is_empty())
            .unwrap_or_else(|| "undated".to_owned()),
    );
    let mut out = format!("“{quote}”\n— {}.", source.join(", "));
    if let Some(url) = cited.url.map(one_line).filter(|u| !u.is_empty()) {
        out.push(' ');
        out.push_str(&url);
    }
    out.push('\n');
    out
}

fn one_line(text: &str) -> String {
    sanitize_line(&text.split_whitespace().collect::<Vec<_>>().join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_citation_names_outlet_title_date_and_url() {
        let text = citation(&Cited {
            quote: "The deal raises\nwages by 8%.",
            outlet: "Coastal Wire",
            title: Some("Harbour strike ends"),
            date: Some("2025-03-04"),
            url: Some("https://coastal-wire.example/a"),
        });
        assert_eq!(
            text,
            "“The deal raises wages by 8%.”\n— Coastal Wire, “Harbour strike ends”, 2025-03-04. \
             https://coastal-wire.example/a\n"
        );
    }

    #[test]
    fn what_is_unknown_is_said_or_left_out_and_escapes_never_pass() {
        let text = citation(&Cited {
            quote: "x\u{1b}]0;pwned\u{7}",
            outlet: "unknown outlet",
            ..Cited::default()
        });
        assert_eq!(text, "“x␛]0;pwned␇”\n— unknown outlet, undated.\n");
    }
}
