//! Terminal hygiene: what of an article's text may reach the terminal, and how it looks there.
//!
//! Articles come from the open web. Their bytes must never act on the terminal: ESC and every
//! other C0/C1 control, bidi overrides and isolates become a visible placeholder; invisible
//! format characters are dropped; a grapheme cluster is capped so that a letter with 100,000
//! combining marks costs one cell, not 200 kB of output. ZWNJ and ZWJ stay: Persian, Arabic and
//! emoji sequences need them. The canonical text is never changed; this runs per grapheme as a
//! line is laid out or drawn, and on every other string bound for a terminal.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Spaces a tab expands to. Tabs are rare in articles; a fixed width keeps layout independent of
/// the column a line starts in.
pub const TAB_WIDTH: usize = 4;

/// Shown instead of a control or bidi character that must not reach the terminal.
pub const PLACEHOLDER: char = '\u{FFFD}';

/// The most `char`s of one grapheme cluster that are drawn; the rest of the cluster is dropped.
const MAX_CLUSTER_CHARS: usize = 8;

/// What a character becomes on screen.
enum Treatment {
    Keep,
    Drop,
    Replace(char),
}

fn treat(c: char) -> Treatment {
    match c {
        '\t' | '\n' | '\r' => Treatment::Keep,
        // C0 controls become their Control Pictures glyph (␛ for ESC) so the user sees what was there.
        '\u{0}'..='\u{1F}' => Treatment::Replace(char::from_u32(0x2400 + c as u32).unwrap_or(PLACEHOLDER)),
        '\u{7F}' => Treatment::Replace('\u{2421}'),
        // C1 controls, bidi embeddings/overrides and isolates.
        '\u{80}'..='\u{9F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {
            Treatment::Replace(PLACEHOLDER)
        }
        // Invisible characters that only hide or reorder text: zero-width space, marks, word
        // joiner and other format characters, BOM, interlinear annotations, tag characters.
        '\u{200B}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{061C}'
        | '\u{2028}'
        | '\u{2029}'
        | '\u{2060}'..='\u{2064}'
        | '\u{206A}'..='\u{206F}'
        | '\u{FEFF}'
        | '\u{FFF9}'..='\u{FFFB}'
        | '\u{E0000}'..='\u{E007F}' => Treatment::Drop,
        _ => Treatment::Keep,
    }
}

fn is_plain_ascii(s: &str) -> bool {
    s.bytes().all(|b| (0x20..0x7F).contains(&b))
}

/// The text one grapheme cluster shows as. Tabs become spaces; newlines are left to the layout.
pub fn display_grapheme(grapheme: &str) -> Cow<'_, str> {
    if is_plain_ascii(grapheme) {
        return Cow::Borrowed(grapheme);
    }
    if grapheme == "\t" {
        return Cow::Borrowed("    ");
    }
    let needs_change = grapheme.chars().count() > MAX_CLUSTER_CHARS
        || grapheme
            .chars()
            .any(|c| !matches!(treat(c), Treatment::Keep) || c == '\t' || c == '\r');
    if !needs_change {
        return Cow::Borrowed(grapheme);
    }
    let mut out = String::new();
    for c in grapheme.chars().take(MAX_CLUSTER_CHARS) {
        match treat(c) {
            Treatment::Keep if c == '\t' => out.push_str("    "),
            Treatment::Keep if c == '\r' || c == '\n' => {}
            Treatment::Keep => out.push(c),
            Treatment::Drop => {}
            Treatment::Replace(r) => out.push(r),
        }
    }
    Cow::Owned(out)
}

/// Display width in terminal cells of a grapheme's display form.
pub fn display_width(shown: &str) -> usize {
    if is_plain_ascii(shown) {
        return shown.len();
    }
    shown.width()
}

/// A one-line, terminal-safe copy of `text`: for titles, file names, error messages and anything
/// else that is printed rather than laid out. Line breaks become spaces.
pub fn sanitize_line(text: &str) -> String {
    if is_plain_ascii(text) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    for g in text.graphemes(true) {
        if g.contains(['\n', '\r']) {
            out.push(' ');
        } else {
            out.push_str(&display_grapheme(g));
        }
    }
    out
}

/// A terminal-safe copy of multi-line text (exports meant for a terminal, notes): like
/// [`sanitize_line`] but keeps line breaks.
pub fn sanitize_text(text: &str) -> String {
    text.split('\n')
        .map(|line| sanitize_line(line.strip_suffix('\r').unwrap_or(line)))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_and_c1_controls_become_visible_placeholders() {
        let hostile = "a\u{1b}]0;pwned\u{7}b\u{1b}[2Jc\u{9b}d";
        let safe = sanitize_line(hostile);
        assert!(!safe.chars().any(char::is_control), "{safe:?}");
        assert_eq!(safe, "a\u{241b}]0;pwned\u{2407}b\u{241b}[2Jc\u{FFFD}d");
    }

    #[test]
    fn bidi_overrides_and_isolates_are_replaced() {
        for c in [
            '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2069}',
        ] {
            let s = sanitize_line(&format!("x{c}y"));
            assert_eq!(s, "x\u{FFFD}y", "{c:?}");
        }
    }

    #[test]
    fn zwnj_and_zwj_are_kept_but_zero_width_space_is_dropped() {
        assert_eq!(sanitize_line("می\u{200C}خواهم"), "می\u{200C}خواهم");
        assert_eq!(sanitize_line("👩\u{200D}💻"), "👩\u{200D}💻");
        assert_eq!(sanitize_line("a\u{200B}b\u{FEFF}c"), "abc");
    }

    #[test]
    fn huge_combining_cluster_is_capped() {
        let s = format!("e{}", "\u{301}".repeat(100_000));
        let shown = sanitize_line(&s);
        assert!(shown.chars().count() <= MAX_CLUSTER_CHARS);
        assert!(shown.starts_with('e'));
    }

    #[test]
    fn tabs_expand_and_widths_follow_unicode() {
        assert_eq!(display_grapheme("\t"), "    ");
        assert_eq!(display_width("漢"), 2);
        assert_eq!(display_width("abc"), 3);
        assert_eq!(display_width("\u{301}"), 0);
    }

    #[test]
    fn multi_line_text_keeps_breaks() {
        assert_eq!(sanitize_text("a\r\nb\u{1b}c"), "a\nb\u{241b}c");
    }
}
