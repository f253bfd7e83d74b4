//! The headline lines of an article: lines hidden above its first visible text that read as a
//! headline or standfirst. Cleaning hides them (into the pane header) when dates or bylines
//! stand between them and the body; the alignment compares them as the outlet's main claim and
//! the entity detector reads their names.

use std::ops::Range;

use super::Article;

/// The lines above the first visible text that read as a headline (see [`reads_as_headline`]),
/// trimmed, in text order; a line repeated (page title, then heading) is listed each time.
pub fn headline_lines(article: &Article) -> Vec<Range<usize>> {
    let first_visible = article
        .visible_ranges()
        .first()
        .map_or(article.text.len(), |r| r.start);
    let mut out = Vec::new();
    let mut at = 0;
    for line in article.text[..first_visible].split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let trimmed = body.trim();
        if reads_as_headline(trimmed) {
            let start = at + body.find(trimmed).unwrap_or(0);
            out.push(start..start + trimmed.len());
        }
        at += line.len();
    }
    out
}

/// Four words or more, at most one number, no clock time, no menu separators, not a byline.
fn reads_as_headline(line: &str) -> bool {
    let tokens: Vec<&str> = line.split_whitespace().collect();
    let words = tokens
        .iter()
        .filter(|t| t.chars().any(char::is_alphabetic))
        .count();
    let numbers = tokens
        .iter()
        .filter(|t| t.chars().any(|c| c.is_ascii_digit()))
        .count();
    let clock = tokens
        .iter()
        .any(|t| t.contains(':') && t.chars().next().is_some_and(|c| c.is_ascii_digit()));
    let menu = line.contains(['|', '•', '·', '»']);
    let byline = line.get(..3).is_some_and(|b| b.eq_ignore_ascii_case("by "));
    words >= 4 && numbers <= 1 && !clock && !menu && !byline
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headlines_are_long_plain_lines_not_dates_menus_or_bylines() {
        assert!(reads_as_headline("Dam breach kills dozens in the south"));
        assert!(!reads_as_headline("MAY 2, 2013, 1:32 PM"));
        assert!(!reads_as_headline("Home | World | Politics | Sport"));
        assert!(!reads_as_headline("By Staff Writers of the Daily"));
        assert!(!reads_as_headline("Breaking news"));
        assert!(!reads_as_headline("PUBLISHED: THURSDAY, MAY 2, 2013, 1:32 PM"));
        assert!(!reads_as_headline("By Jane Doe and John Roe"));
    }
}
