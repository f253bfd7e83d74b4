//! Bounding how deep a page nests before it reaches the HTML parser. A page of 50,000 nested
//! `<b><i>` overflowed the stack (the parser's tree and reader mode recurse), and reader mode's
//! cost grows with depth times size (8,000 nested `<div>`s took 7.7 s). Real articles nest a
//! few dozen deep; the elements past [`MAX_DEPTH`] are unwrapped (their text kept, their tags
//! dropped) in one linear pass, so a page within the limit reaches the parser unchanged.
//!
//! The open-element stack kept here only approximates the HTML tree builder's: void elements
//! and raw-text elements are not pushed, and the elements whose end tag is implied by a sibling
//! (`p`, `li`, `td`…) close the previous one of their name, so a list of 1,000 unclosed `<li>`s
//! is not 1,000 deep. It only has to be close enough to keep real pages whole and hostile ones
//! shallow. Where it is not (the estimate can be wrong where it does not follow the parser),
//! `html::reader_document` measures the parsed tree and falls back to [`flatten`].

use std::borrow::Cow;
use std::collections::HashMap;

/// The deepest nesting passed on to the parser.
pub const MAX_DEPTH: usize = 256;

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
    "wbr", "basefont", "bgsound", "frame", "keygen",
];
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];
const IMPLIED_END: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb", "rt", "rp", "tbody", "thead",
    "tfoot",
];

/// `html` with the elements nested deeper than `max_depth` unwrapped; borrowed when none is.
pub fn limit_depth(html: &str, max_depth: usize) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out: Option<String> = None;
    let mut stack: Vec<String> = Vec::new();
    // Per name, how many start tags were dropped, so that as many end tags go too.
    let mut dropped: HashMap<String, usize> = HashMap::new();
    let mut copied_to = 0; // the bytes of `html` before this are in `out` (when it exists)
    let mut i = 0;
    while let Some(offset) = memchr::memchr(b'<', &bytes[i..]) {
        let start = i + offset;
        // Comments: skipped over whole (a `<div>` inside one is no tag).
        if bytes[start..].starts_with(b"<!--") {
            i = find(bytes, start + 4, b"-->").map_or(bytes.len(), |end| end + 3);
            continue;
        }
        let Some(tag) = Tag::parse(bytes, start) else {
            i = start + 1;
            continue;
        };
        let mut drop_tag = false;
        if tag.closing {
            if let Some(depth) = stack.iter().rposition(|open| *open == tag.name) {
                stack.truncate(depth);
            } else if let Some(count) = dropped.get_mut(&tag.name).filter(|count| **count > 0) {
                *count -= 1;
                drop_tag = true;
            }
        } else if opens(&tag, &stack) {
            if RAW_TEXT.contains(&tag.name.as_str()) {
                // Its content is text to the parser: skip to its end tag without looking inside.
                let close = format!("</{}", tag.name);
                i = find_ignore_case(bytes, tag.end, close.as_bytes()).unwrap_or(bytes.len());
                continue;
            }
            if IMPLIED_END.contains(&tag.name.as_str()) && stack.last() == Some(&tag.name) {
                stack.pop();
            }
            if stack.len() >= max_depth {
                *dropped.entry(tag.name.clone()).or_default() += 1;
                drop_tag = true;
            } else {
                stack.push(tag.name.clone());
            }
        }
        if drop_tag {
            let out = out.get_or_insert_with(|| String::with_capacity(html.len()));
            out.push_str(&html[copied_to..start]);
            copied_to = tag.end;
        }
        i = tag.end;
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut out) => {
            out.push_str(&html[copied_to..]);
            Cow::Owned(out)
        }
    }
}

/// Whether a start tag opens an element the parser nests. `<div/>` does: the HTML parser
/// ignores the slash. Only inside SVG or `MathML` does the slash close the element.
fn opens(tag: &Tag, stack: &[String]) -> bool {
    let foreign = || stack.iter().any(|open| open == "svg" || open == "math");
    let void = VOID.contains(&tag.name.as_str());
    let closed_by_slash = tag.self_closing && foreign();
    !void && !closed_by_slash
}

/// A start or end tag: its lower-case name and where it ends (one past its `>`).
struct Tag {
    name: String,
    closing: bool,
    self_closing: bool,
    end: usize,
}

impl Tag {
    fn parse(bytes: &[u8], start: usize) -> Option<Self> {
        let mut at = start + 1;
        let closing = bytes.get(at) == Some(&b'/');
        if closing {
            at += 1;
        }
        let name_start = at;
        while bytes
            .get(at)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'-')
        {
            at += 1;
        }
        if at == name_start || !bytes[name_start].is_ascii_alphabetic() {
            return None;
        }
        let name = String::from_utf8_lossy(&bytes[name_start..at]).to_ascii_lowercase();
        // The tag ends at the first `>` outside quotes.
        let mut quote = None;
        while let Some(&b) = bytes.get(at) {
            match (quote, b) {
                (None, b'"' | b'\'') => quote = Some(b),
                (Some(q), _) if b == q => quote = None,
                (None, b'>') => {
                    return Some(Self {
                        name,
                        closing,
                        self_closing: bytes[at - 1] == b'/',
                        end: at + 1,
                    });
                }
                _ => {}
            }
            at += 1;
        }
        None
    }
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(bytes.get(from..)?, needle).map(|at| from + at)
}

fn find_ignore_case(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let mut at = from;
    while let Some(offset) = memchr::memchr(b'<', bytes.get(at..)?) {
        let candidate = at + offset;
        if bytes
            .get(candidate..candidate + needle.len())
            .is_some_and(|window| window.eq_ignore_ascii_case(needle))
        {
            return Some(candidate);
        }
        at = candidate + 1;
    }
    None
}

/// The page's text as flat paragraphs: the title kept; scripts, styles and comments left out;
/// every block-level tag a new `<p>`, every other tag dropped. Reader mode's input when the
/// parsed tree still nests deeper than the bound allows.
pub fn flatten(html: &str) -> String {
    let bytes = html.as_bytes();
    let mut title = String::new();
    let mut body = String::with_capacity(html.len() / 2);
    let mut text_from = 0;
    let mut i = 0;
    while let Some(offset) = memchr::memchr(b'<', &bytes[i..]) {
        let start = i + offset;
        body.push_str(&html[text_from..start]);
        i = if bytes[start..].starts_with(b"<!--") {
            find(bytes, start + 4, b"-->").map_or(bytes.len(), |end| end + 3)
        } else if matches!(bytes.get(start + 1), Some(b'!' | b'?')) {
            memchr::memchr(b'>', &bytes[start..]).map_or(bytes.len(), |end| start + end + 1)
        } else if let Some(tag) = Tag::parse(bytes, start) {
            if !tag.closing && RAW_TEXT.contains(&tag.name.as_str()) {
                let close = format!("</{}", tag.name);
                let end = find_ignore_case(bytes, tag.end, close.as_bytes()).unwrap_or(bytes.len());
                if tag.name == "title" && title.is_empty() {
                    title.push_str(&html[tag.end..end]);
                }
                end
            } else {
                if BLOCK.contains(&tag.name.as_str()) {
                    body.push_str("<p>");
                }
                tag.end
            }
        } else {
            body.push('<');
            start + 1
        };
        text_from = i;
    }
    body.push_str(&html[text_from.min(html.len())..]);
    format!("<html><head><title>{title}</title></head><body>{body}</body></html>")
}

/// Tags that start a new paragraph in [`flatten`].
const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

/// The deepest nesting of `html` as [`limit_depth`] counts it (for tests and benches): the
/// smallest limit under which the page passes unchanged.
pub fn max_depth(html: &str) -> usize {
    let unchanged = |limit| matches!(limit_depth(html, limit), Cow::Borrowed(_));
    let mut high = 1;
    while !unchanged(high) {
        high *= 2;
    }
    let mut low = 0;
    while low < high {
        let mid = usize::midpoint(low, high);
        if unchanged(mid) {
            high = mid;
        } else {
            low = mid + 1;
        }
    }
    high
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(tags: &[&str], depth: usize, text: &str) -> String {
        let mut html = String::from("<html><body>");
        for _ in 0..depth {
            for tag in tags {
                html.push('<');
                html.push_str(tag);
                html.push('>');
            }
        }
        html.push_str(text);
        for _ in 0..depth {
            for tag in tags.iter().rev() {
                html.push_str("</");
                html.push_str(tag);
                html.push('>');
            }
        }
        html.push_str("</body></html>");
        html
    }

    #[test]
    fn a_shallow_page_is_passed_on_unchanged() {
        let page = "<html><body><div><p>One<p>Two<ul><li>a<li>b</ul><br><img src=x>\
                    <script>if (a<b) { x('<div>') }</script><!-- <div> --></div></body></html>";
        assert!(matches!(limit_depth(page, 8), Cow::Borrowed(_)));
        // html body div p ul li: the `ul` counts under the `p` it would close (an over-count is
        // safe: it only lets less through at the limit).
        assert_eq!(max_depth(page), 6);
    }

    #[test]
    fn a_deep_page_is_cut_to_the_limit_and_keeps_its_text() {
        let page = nested(&["div"], 8_000, "The deep text.");
        let limited = limit_depth(&page, MAX_DEPTH);
        assert!(limited.contains("The deep text."));
        assert_eq!(max_depth(&limited), MAX_DEPTH);
        assert!(max_depth(&page) > 8_000);
    }

    #[test]
    fn unclosed_list_items_do_not_count_as_depth() {
        let mut page = String::from("<ul>");
        for i in 0..1_000 {
            page.push_str("<li>item ");
            page.push_str(&i.to_string());
        }
        assert!(max_depth(&page) < 4, "{}", max_depth(&page));
    }

    #[test]
    fn a_self_closing_slash_on_an_html_element_still_nests() {
        // The parser ignores the slash of `<div/>`: 150,000 of them nest 150,000 deep.
        let page = format!("<body>{}<p>deep</p></body>", "<div/><b/>".repeat(1_000));
        assert_eq!(max_depth(&limit_depth(&page, MAX_DEPTH)), MAX_DEPTH);
        // Inside SVG the slash closes: icons with many paths are not deep.
        let icon = format!("<svg>{}</svg><p>after</p>", "<path d=\"M0\"/>".repeat(1_000));
        assert!(max_depth(&icon) < 4, "{}", max_depth(&icon));
    }

    #[test]
    fn flattened_pages_keep_title_and_text_in_paragraphs() {
        let page = format!(
            "<html><head><title>T &amp; U</title><script>x('<div>')</script></head><body>{}deep<div>next</div>{}</body></html>",
            "<b><i>".repeat(10_000),
            "<!-- <p> -->"
        );
        let flat = flatten(&page);
        assert!(
            flat.starts_with("<html><head><title>T &amp; U</title></head><body>"),
            "{flat}"
        );
        assert!(flat.ends_with("deep<p>next<p></body></html>"), "{flat}");
        assert!(!flat.contains("<b>") && !flat.contains("<div") && !flat.contains("x('"));
    }

    #[test]
    fn end_tags_of_dropped_elements_go_too() {
        let page = nested(&["b", "i"], 10, "x");
        let limited = limit_depth(&page, 6);
        assert_eq!(limited.matches("<b>").count(), limited.matches("</b>").count());
        assert_eq!(limited.matches("<i>").count(), limited.matches("</i>").count());
        assert_eq!(max_depth(&limited), 6);
    }
}
