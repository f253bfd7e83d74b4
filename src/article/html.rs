//! Saved web pages: decoding by the declared charset, then reader-mode extraction (title, byline,
//! date, site name and body text) with `dom_smoothie`, after [`depth::limit_depth`] has bounded
//! how deep the page nests and [`reader_document`] has checked the tree the parser built.

pub mod depth;
pub mod links;

use dom_smoothie::{Config, ParsePolicy, Readability, TextMode};
use encoding_rs::Encoding;

use super::Meta;
use super::meta::date;

/// How far into the page a `<meta charset>` declaration is looked for (the HTML spec says 1024
/// bytes; real pages put long `<head>`s first, so look further).
const CHARSET_SCAN_BYTES: usize = 8192;

/// Why a page could not be read.
#[derive(Debug, PartialEq, Eq)]
pub enum HtmlError {
    /// The page declares a charset we cannot decode.
    UnknownEncoding(String),
    /// Reader mode found no article text.
    NoArticle(String),
}

/// A page decoded to text, and how (for the warning list).
pub struct Decoded {
    pub html: String,
    pub warnings: Vec<String>,
}

/// Decodes a page: BOM first, then a declared charset, else UTF-8. Replacement characters are
/// reported, never silent.
pub fn decode(bytes: &[u8]) -> Result<Decoded, HtmlError> {
    decode_or(bytes, encoding_rs::UTF_8)
}

/// [`decode`], with `undeclared` for a page that names no charset itself: the charset its
/// server sent in the `Content-Type` header, which the provenance file keeps for a fetched page.
pub fn decode_or(bytes: &[u8], undeclared: &'static Encoding) -> Result<Decoded, HtmlError> {
    let (encoding, skip) = match Encoding::for_bom(bytes) {
        Some((encoding, bom_len)) => (encoding, bom_len),
        None => match declared_charset(bytes) {
            Some(label) => {
                let encoding =
                    Encoding::for_label(label.as_bytes()).ok_or(HtmlError::UnknownEncoding(label))?;
                // A UTF-16 label inside an ASCII-readable page is wrong by definition (HTML spec).
                let encoding = if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
                    encoding_rs::UTF_8
                } else {
                    encoding
                };
                (encoding, 0)
            }
            None => (undeclared, 0),
        },
    };
    let (html, had_errors) = encoding.decode_without_bom_handling(&bytes[skip..]);
    let mut warnings = Vec::new();
    if encoding != encoding_rs::UTF_8 {
        warnings.push(format!("decoded from {}", encoding.name()));
    }
    if had_errors {
        warnings.push(format!(
            "some bytes were not valid {}; they are shown as \u{FFFD}",
            encoding.name()
        ));
    }
    Ok(Decoded {
        html: html.into_owned(),
        warnings,
    })
}

/// The charset a page declares in `<meta charset=…>` or `<meta http-equiv … content="…;
/// charset=…">`.
pub fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(CHARSET_SCAN_BYTES)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(at) = find(&lower[from..], b"charset") {
        let mut i = from + at + b"charset".len();
        from = i;
        // Only inside a <meta …> tag.
        let tag_start = lower[..i].iter().rposition(|&b| b == b'<');
        let in_meta = tag_start.is_some_and(|s| lower[s..].starts_with(b"<meta"));
        if !in_meta {
            continue;
        }
        while lower.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        if lower.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while lower
            .get(i)
            .is_some_and(|b| b.is_ascii_whitespace() || *b == b'"' || *b == b'\'')
        {
            i += 1;
        }
        let end = lower[i..]
            .iter()
            .position(|b| matches!(b, b'"' | b'\'' | b';' | b'>' | b'/') || b.is_ascii_whitespace())
            .map_or(lower.len(), |e| i + e);
        if end > i {
            return Some(String::from_utf8_lossy(&lower[i..end]).into_owned());
        }
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// What reader mode extracted from a page.
pub struct Extracted {
    /// The article text: one paragraph per block, paragraphs separated by blank lines.
    pub text: String,
    pub meta: Meta,
}

/// How deep a parsed tree may nest before reader mode, which recurses through it, gets flat
/// text instead: the depth pass's limit plus room for the formatting elements the parser
/// re-opens, which the pass does not count.
pub const MAX_TREE_DEPTH: usize = depth::MAX_DEPTH + 64;

/// The parsed page reader mode walks: the page with its nesting bounded by [`depth::limit_depth`]
/// and, should the tree the parser builds from that still nest deeper than [`MAX_TREE_DEPTH`]
/// (the pass only approximates the parser: foreign content, misnested forms and tables have got
/// past such an estimate under fuzzing), the page's text as flat paragraphs ([`depth::flatten`]).
/// So the bound on how deep reader mode recurses rests on the measured tree, not the estimate.
pub fn reader_document(html: &str) -> dom_query::Document {
    let bounded = depth::limit_depth(html, depth::MAX_DEPTH);
    let document = dom_query::Document::from(bounded.as_ref());
    if tree_depth(&document) <= MAX_TREE_DEPTH {
        return document;
    }
    dom_query::Document::from(depth::flatten(html).as_str())
}

/// How deep a parsed document nests its elements (`<html>` is 1), walked without recursion.
pub fn tree_depth(document: &dom_query::Document) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(document.root(), 0)];
    while let Some((node, depth)) = stack.pop() {
        deepest = deepest.max(depth);
        let mut child = node.first_child();
        while let Some(next) = child {
            if next.is_element() {
                stack.push((next, depth + 1));
            }
            child = next.next_sibling();
        }
    }
    deepest
}

/// Runs reader-mode extraction on a decoded page.
pub fn extract(html: &str) -> Result<Extracted, HtmlError> {
    let config = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let document = reader_document(html);
    let mut readability = Readability::with_document(document, None, Some(config))
        .map_err(|e| HtmlError::NoArticle(e.to_string()))?;
    // The strict pass can throw away a short article; the raw pass keeps whatever has text.
    let article = readability
        .parse()
        .or_else(|_| readability.parse_with_policy(ParsePolicy::Raw))
        .map_err(|e| HtmlError::NoArticle(e.to_string()))?;
    let text = paragraphs(&article.text_content);
    let non_empty = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    let site = non_empty(article.site_name.clone());
    let aggregator = site.as_deref().is_some_and(super::meta::is_aggregator);
    let meta = Meta {
        title: non_empty(Some(article.title.clone())),
        outlet: site.clone().filter(|_| !aggregator),
        via: site.filter(|_| aggregator),
        date: non_empty(article.published_time.clone()).map(|d| date::normalise(&d)),
        byline: non_empty(article.byline.clone()),
        url: links::page_url(html),
        retrieved: None,
    };
    Ok(Extracted { text, meta })
}

/// Trims every line, collapses runs of spaces and joins the non-empty lines as paragraphs.
fn paragraphs(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for line in raw.lines() {
        let mut words = line.split_whitespace().peekable();
        if words.peek().is_none() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        for (i, word) in words.enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(word);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charset_declarations() {
        assert_eq!(
            declared_charset(b"<meta charset=\"windows-1256\">").as_deref(),
            Some("windows-1256")
        );
        assert_eq!(
            declared_charset(b"<META http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">")
                .as_deref(),
            Some("iso-8859-1")
        );
        assert_eq!(declared_charset(b"<p>charset=utf-8</p>"), None);
    }

    #[test]
    fn declared_windows_1256_is_decoded() {
        let mut page = b"<html><head><meta charset=\"windows-1256\"></head><body><p>".to_vec();
        page.extend_from_slice(&[0xC7, 0xE1, 0xD3, 0xE1, 0xC7, 0xE3]); // السلام
        page.extend_from_slice(b"</p></body></html>");
        let decoded = decode(&page).expect("decodes");
        assert!(decoded.html.contains("السلام"));
        assert!(decoded.warnings.iter().any(|w| w.contains("windows-1256")));
    }

    #[test]
    fn unknown_charset_is_refused_by_name() {
        let page = b"<meta charset=\"klingon-8\"><p>x</p>";
        assert_eq!(
            decode(page).err(),
            Some(HtmlError::UnknownEncoding("klingon-8".into()))
        );
    }

    #[test]
    fn paragraphs_are_separated_by_blank_lines() {
        assert_eq!(paragraphs("  One  two\n\n\n three\n"), "One two\n\nthree");
    }
}
