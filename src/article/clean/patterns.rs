//! Page furniture by its words: section headings of teaser blocks, tickers, share and footer
//! lines, photo credits (the lists are data, [`crate::article::words`]). Matching works on a
//! short normalised key, so it costs nothing on long paragraphs.

use super::units::{is_frame_char, strip_bullets};
use crate::article::words;

/// Lines longer than this are never furniture.
const MAX_KEY_BYTES: usize = 80;

/// A short line lower-cased, without bullets, Markdown heading marks, emphasis and trailing
/// punctuation such as `:` or `»`. `None` for long lines.
pub fn key(content: &str) -> Option<String> {
    if content.len() > MAX_KEY_BYTES {
        return None;
    }
    let (_, rest) = strip_bullets(content);
    let rest = rest
        .trim_start_matches(|c: char| matches!(c, '#' | '*' | '_') || is_frame_char(c))
        .trim_end_matches(|c: char| {
            matches!(c, ':' | '»' | '›' | '>' | '→' | '*' | '_' | '|' | '-' | '.') || is_frame_char(c)
        })
        .trim_matches(is_frame_char);
    Some(rest.to_lowercase())
}

/// Whether a line heads a teaser block.
pub fn is_teaser_heading(key: &str) -> bool {
    {
        let words = words::get();
        words.teaser_headings.contains(key)
            || words
                .teaser_heading_prefixes
                .iter()
                .any(|p| key.starts_with(p.as_str()))
    }
}

/// How one-line teasers start (lower case; a prefix without `:` needs a separator after it).
const TEASER_PREFIXES: [&str; 11] = [
    "read more",
    "read also",
    "also read",
    "related",
    "see also",
    "read next",
    "recommended",
    "more:",
    "watch:",
    "read:",
    "listen:",
];

/// One-line teasers: "Read more: Headline", "Also read - Headline".
pub fn is_teaser_line(content: &str) -> bool {
    const HEAD_CHARS: usize = 16;
    let (_, rest) = strip_bullets(content);
    TEASER_PREFIXES.iter().any(|p| {
        // Within the first `HEAD_CHARS` characters: the prefix, then `:` or a dash after spaces.
        strip_prefix_ignore_ascii_case(rest, p).is_some_and(|after| {
            p.ends_with(':')
                || after
                    .chars()
                    .take(HEAD_CHARS - p.len())
                    .find(|c| !c.is_whitespace())
                    .is_some_and(|c| matches!(c, ':' | '-' | '–' | '—' | '»' | '|'))
        })
    })
}

/// `s` without `prefix` (ASCII, lower case), compared ignoring ASCII case; allocates nothing.
/// For an ASCII prefix this is what lower-casing `s` and then stripping would give: the only
/// non-ASCII characters that lower-case to ASCII are the Kelvin sign (to `k`, in no prefix here)
/// and `İ` (to `i` and a combining dot, which then fails the match either way).
fn strip_prefix_ignore_ascii_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    debug_assert!(prefix.is_ascii() && !prefix.contains('k'));
    let head = s.as_bytes().get(..prefix.len())?;
    // A match is ASCII, so `prefix.len()` is a character boundary of `s`.
    head.eq_ignore_ascii_case(prefix.as_bytes())
        .then(|| &s[prefix.len()..])
}

pub fn is_ticker_heading(key: &str) -> bool {
    words::get().ticker_headings.contains(key)
}

pub fn is_tag_heading(key: &str) -> bool {
    words::get().tag_headings.contains(key)
}

pub fn is_social_line(key: &str) -> bool {
    {
        let words = words::get();
        words.social_lines.contains(key) || words.social_prefixes.iter().any(|p| key.starts_with(p.as_str()))
    }
}

pub fn is_footer_line(key: &str) -> bool {
    let words = words::get();
    words.footer_lines.contains(key)
        || words.footer_prefixes.iter().any(|p| key.starts_with(p.as_str()))
        || key.contains("all rights reserved")
}

/// A line that is only a link: `https://…`, `www.…`, `pic.twitter.com/…`.
pub fn is_bare_url(content: &str) -> bool {
    let (_, rest) = strip_bullets(content);
    !rest.contains(char::is_whitespace) && looks_like_url(rest)
}

fn looks_like_url(word: &str) -> bool {
    word.starts_with("http://")
        || word.starts_with("https://")
        || word.starts_with("www.")
        || word.starts_with("pic.twitter.com/")
}

/// The text of an embedded post: it ends with a short link that embeds leave behind.
pub fn ends_with_embed_link(content: &str) -> bool {
    content.rsplit(char::is_whitespace).next().is_some_and(|last| {
        last.contains("t.co/") || last.contains("pic.twitter.com/") || last.contains("instagram.com/p/")
    })
}

/// The attribution line of an embedded post: `— Name (@handle) May 23, 2024`.
pub fn is_embed_attribution(content: &str) -> bool {
    let starts_with_dash = content.starts_with(['—', '–']) || content.starts_with("- ");
    starts_with_dash && content.contains("(@") && content.split_whitespace().count() <= 16
}

/// A caption or credit line: a line wholly in parentheses, a line ending with a parenthesised
/// credit ("… 2022. (AP/Vahid Salemi, File)"), or a "Photo: …" line.
pub fn is_caption(content: &str, words: usize) -> bool {
    let (_, rest) = strip_bullets(content);
    if [
        "photo:",
        "image:",
        "credit:",
        "photograph:",
        "picture:",
        "illustration:",
        "file photo",
    ]
    .iter()
    .any(|p| strip_prefix_ignore_ascii_case(rest, p).is_some())
    {
        return words <= 60;
    }
    let Some(body) = rest.strip_suffix(')') else {
        return false;
    };
    let Some(open) = body.rfind('(') else {
        return false;
    };
    let inner = &body[open + 1..];
    let before = body[..open].trim_end();
    let inner_words = inner.split_whitespace().count();
    if inner.is_empty() || inner_words > 8 || inner.trim_end().ends_with(['.', '!', '?']) || words > 80 {
        return false;
    }
    let lower = inner.to_lowercase();
    before.is_empty()
        || before.ends_with(['.', '!', '?'])
        || inner.contains('/')
        || lower.split(|c: char| !c.is_alphanumeric()).any(|w| {
            words::get()
                .credit_words
                .iter()
                .any(|c| w.starts_with(c.as_str()) && (c.len() > 2 || w == c))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_normalise_short_lines_only() {
        assert_eq!(key("  • Related News:").as_deref(), Some("related news"));
        assert_eq!(key("## **Most Read**").as_deref(), Some("most read"));
        assert_eq!(key(&"x".repeat(200)), None);
    }

    #[test]
    fn furniture_lines() {
        assert!(is_teaser_heading("more from reuters"));
        assert!(is_teaser_line("Read more: Markets slide as oil jumps"));
        assert!(is_teaser_line("READ MORE - Markets slide"));
        assert!(!is_teaser_line(
            "Readers wrote in to complain about the decision."
        ));
        assert!(is_social_line("share on facebook"));
        assert!(!is_social_line("shares of apple fell"));
        assert!(is_footer_line("© 2024 the daily post. all rights reserved"));
        assert!(is_bare_url("https://t.co/abc"));
        assert!(is_embed_attribution(
            "— Al Mayadeen English (@MayadeenEnglish) May 23, 2024"
        ));
        assert!(ends_with_embed_link(
            "Footage of the arrival #Iran https://t.co/VIEVh4vCKJ"
        ));
    }

    /// The first `is_teaser_line`, which lower-cased the line's head into a new string.
    fn teaser_by_lowercasing(content: &str) -> bool {
        let (_, rest) = strip_bullets(content);
        let head: String = rest.chars().take(16).collect::<String>().to_lowercase();
        TEASER_PREFIXES.iter().any(|p| {
            head.strip_prefix(p).is_some_and(|after| {
                p.ends_with(':') || after.trim_start().starts_with([':', '-', '–', '—', '»', '|'])
            })
        })
    }

    #[test]
    fn teaser_prefixes_match_as_lower_casing_did() {
        let lines = [
            "Read more: Markets slide",
            "READ MORE - Markets slide",
            "Read more       : too far",
            "Read more     : just in",
            "ReLaTeD | x",
            "Related",
            "Relatedness is a word",
            "\u{130}isten: dotted capital I",
            "L\u{130}STEN: x",
            "  • Watch: video",
            "Readers wrote in.",
            "Recommended — x",
            "re",
            "Ｒｅａｄ more: fullwidth",
            "\u{212a}eep reading",
        ];
        for line in lines {
            assert_eq!(is_teaser_line(line), teaser_by_lowercasing(line), "{line:?}");
        }
    }

    #[test]
    fn captions_and_credits() {
        assert!(is_caption(
            "Iran's negotiator in Tehran, June 23, 2022. (AP/Vahid Salemi, File)",
            10
        ));
        assert!(is_caption("(PC, AJA)", 2));
        assert!(is_caption(
            "  • Leaders meet in Tehran on May 23, 2024. (Al Mayadeen)",
            10
        ));
        assert!(is_caption("Protesters gather in the square (Reuters)", 6));
        assert!(!is_caption("The group included the Popular Front (PFLP)", 7));
        assert!(!is_caption("He said so (in private.)", 5));
        assert!(!is_caption("A sentence with no parenthesis.", 5));
    }
}
