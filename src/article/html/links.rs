//! The address a saved page gives for itself: `<link rel="canonical" href>`, else
//! `<meta property="og:url" content>`. A page saved from a browser keeps these, so it can be
//! cited by URL even without a provenance record. Only `http(s)` URLs are taken, and only from
//! the start of the page where the head is.

/// How far into the page the head is looked for.
const HEAD_SCAN_BYTES: usize = 64 * 1024;

/// The page's canonical URL, else its Open Graph URL.
pub fn page_url(html: &str) -> Option<String> {
    let mut end = html.len().min(HEAD_SCAN_BYTES);
    while !html.is_char_boundary(end) {
        end -= 1;
    }
    let head = &html[..end];
    let mut canonical = None;
    let mut og = None;
    for tag in tags(head) {
        let name = tag
            .split(|c: char| c.is_ascii_whitespace() || c == '/')
            .next()
            .unwrap_or("");
        if name.eq_ignore_ascii_case("link") && canonical.is_none() {
            let rel = attribute(tag, "rel").unwrap_or_default();
            if rel
                .split_ascii_whitespace()
                .any(|r| r.eq_ignore_ascii_case("canonical"))
            {
                canonical = attribute(tag, "href").filter(|u| is_web_url(u));
            }
        } else if name.eq_ignore_ascii_case("meta") && og.is_none() {
            let property = attribute(tag, "property").or_else(|| attribute(tag, "name"));
            if property.is_some_and(|p| p.eq_ignore_ascii_case("og:url")) {
                og = attribute(tag, "content").filter(|u| is_web_url(u));
            }
        }
    }
    canonical.or(og)
}

fn is_web_url(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://")) && !url.chars().any(char::is_control)
}

/// The insides of the `<…>` tags (without the brackets).
fn tags(html: &str) -> impl Iterator<Item = &str> {
    html.split('<')
        .skip(1)
        .filter_map(|rest| rest.split_once('>').map(|(tag, _)| tag))
}

/// The value of attribute `name` in a tag's inside, entity `&amp;` decoded.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find(name) {
        let start = from + at;
        from = start + name.len();
        let before_ok = start == 0 || lower.as_bytes()[start - 1].is_ascii_whitespace();
        let rest = lower[from..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let value_start = tag.len() - rest.len() + 1;
        let value = tag[value_start..].trim_start();
        let raw = match value.chars().next() {
            Some(quote @ ('"' | '\'')) => value[1..].split(quote).next().unwrap_or(""),
            _ => value
                .split(|c: char| c.is_ascii_whitespace())
                .next()
                .unwrap_or(""),
        };
        return Some(raw.trim().replace("&amp;", "&"));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_wins_over_og_url() {
        let page = r#"<html><head><meta property="og:url" content="https://x.example/og">
            <link rel="canonical" href="https://x.example/story?a=1&amp;b=2"></head>"#;
        assert_eq!(page_url(page).as_deref(), Some("https://x.example/story?a=1&b=2"));
    }

    #[test]
    fn og_url_serves_alone_and_other_schemes_are_ignored() {
        assert_eq!(
            page_url("<meta content='https://x.example/og' property='og:url'>").as_deref(),
            Some("https://x.example/og")
        );
        assert_eq!(
            page_url(r#"<link rel="canonical" href="javascript:alert(1)">"#),
            None
        );
        assert_eq!(
            page_url(r#"<link rel="stylesheet" href="https://x.example/s.css">"#),
            None
        );
        assert_eq!(page_url("<p>no head</p>"), None);
    }
}
