//! Metadata the text shows about itself: title, outlet, date, byline.
//!
//! Read from the header (the hidden lines before the first visible paragraph) and the trailer
//! (the hidden lines after the last one), plus a date that opens the first paragraph. Every line
//! that fed the pane header is re-labelled [`HideReason::Metadata`].

mod byline;
pub mod date;

use std::ops::Range;

use super::clean::units::{self, Unit, strip_bullets};
use super::{Format, Hidden, HideReason, Meta, ranges};

/// How far before the body the header is searched; titles sit right above the body.
const MAX_HEADER_UNITS: usize = 400;
/// How far after the body the trailer is searched for a source line.
const MAX_TRAILER_UNITS: usize = 60;

/// Reads metadata from the text; hides the lines it came from when the header shows them.
pub fn extract(text: &str, hidden: &mut Vec<Hidden>) -> Meta {
    extract_with_units(text, &units::split(text, Format::Text), hidden)
}

/// [`extract`] with the lines of `text` already split (`units::split(text, Format::Text)`).
pub fn extract_with_units(text: &str, units: &[Unit], hidden: &mut Vec<Hidden>) -> Meta {
    let visible = |u: &Unit| !ranges::covers(hidden, &u.content);
    let first_visible = units.iter().position(visible).unwrap_or(units.len());
    let last_visible = units.iter().rposition(visible);
    let header = first_visible.saturating_sub(MAX_HEADER_UNITS)..first_visible;
    let trailer = last_visible.map_or(units.len(), |i| i + 1)..units.len();
    let trailer = trailer.start..trailer.end.min(trailer.start + MAX_TRAILER_UNITS);

    let mut meta = Meta::default();
    let mut consumed: Vec<Range<usize>> = Vec::new();
    let mut source_outlet = None;
    let mut first_header_line = None;
    for i in header.clone().chain(trailer) {
        let unit = &units[i];
        let (_, line) = strip_bullets(&text[unit.content.clone()]);
        if matches!(
            ranges::reason_at(hidden, unit.content.start),
            Some(HideReason::Ticker | HideReason::Related | HideReason::Social)
        ) {
            // A closing "Source: X" line names the outlet even when the footer it ends is
            // hidden as a block of links.
            if i + 1 == units.len()
                && let Some(outlet) = byline::source(line)
            {
                source_line(outlet, &mut meta, &mut source_outlet);
            }
            continue;
        }
        let in_header = i < first_visible;
        // "*By Jane Doe* · 2 June 2024": each part on its own, emphasis marks aside.
        let mut found = false;
        for part in line.split(" · ") {
            let part = part.trim_matches(|c: char| matches!(c, '*' | '_') || c.is_whitespace());
            found |= read_header_part(part, in_header, &mut meta, &mut source_outlet);
        }
        if found {
            consumed.push(unit.hide_range());
            if in_header {
                first_header_line.get_or_insert(i);
            }
        }
    }
    meta.outlet = meta.outlet.or(source_outlet);

    if let Some(unit) = units.get(first_visible)
        && let Some((iso, len)) = date::leading(&text[unit.content.clone()])
    {
        meta.date.get_or_insert(iso);
        consumed.push(unit.span.start..unit.content.start + len);
    }

    let title_unit = find_title(text, units, header.clone(), first_header_line, hidden)
        .or_else(|| heading_line(text, units, first_visible, hidden));
    if let Some(t) = title_unit {
        let title = title_text(&text[units[t].content.clone()]);
        // The title again (as a first paragraph or a second heading) is shown once, in the header.
        let repeats = header
            .clone()
            .chain(first_visible..(first_visible + 1).min(units.len()));
        for i in repeats {
            if title_text(&text[units[i].content.clone()]) == title {
                consumed.push(units[i].hide_range());
            }
        }
        // A heading taken from the body moves to the header.
        if t > first_visible {
            consumed.push(units[t].hide_range());
        }
        meta.title = Some(title);
    }

    consumed.sort_by_key(|r| r.start);
    let top: Vec<Hidden> = consumed
        .into_iter()
        .map(|range| Hidden {
            range,
            reason: HideReason::Metadata,
        })
        .collect();
    *hidden = ranges::overlay(hidden, &top);
    keep_standfirst(text, units, header, title_unit, hidden);
    meta
}

/// The least words of a standfirst: a summary sentence, not a label or a kicker.
const STANDFIRST_WORDS: usize = 10;

/// Shows the standfirst again: the article's own summary, set under the headline, which the
/// cleaner hides with the header (it lies above the body, often with a byline between). It is
/// the header's last sentence of some length below the title that is neither a byline, a
/// source, a date nor a caption.
fn keep_standfirst(
    text: &str,
    units: &[Unit],
    header: Range<usize>,
    title: Option<usize>,
    hidden: &mut Vec<Hidden>,
) {
    let below_title = title.map_or(header.start, |t| t + 1).max(header.start);
    let standfirst = (below_title..header.end).rev().find(|&i| {
        let unit = &units[i];
        let (_, line) = strip_bullets(&text[unit.content.clone()]);
        !unit.bullet
            && unit.words >= STANDFIRST_WORDS
            && line.trim_end().ends_with(['.', '!', '?', '”', '"'])
            && ranges::reason_at(hidden, unit.content.start) == Some(HideReason::Metadata)
            && byline::byline(line).is_none()
            && byline::source(line).is_none()
            && date::dateline(line).is_none()
            && title.is_none_or(|t| title_text(&text[units[t].content.clone()]) != title_text(line))
    });
    if let Some(i) = standfirst {
        ranges::unset(hidden, &units[i].hide_range());
    }
}

/// Whether `name` is a news aggregator rather than a publisher.
pub fn is_aggregator(name: &str) -> bool {
    let name = name.trim().to_lowercase();
    crate::article::words::get().aggregators.contains(name.as_str())
}

/// A "Source » X" line: X is the page's address when it is a web address, where it was read
/// when it is an aggregator, else its outlet.
fn source_line(value: String, meta: &mut Meta, source_outlet: &mut Option<String>) {
    let lower = value.to_ascii_lowercase();
    if (lower.starts_with("https://") || lower.starts_with("http://")) && !value.contains(char::is_whitespace)
    {
        meta.url.get_or_insert(value);
    } else if is_aggregator(&value) {
        meta.via.get_or_insert(value);
    } else {
        source_outlet.get_or_insert(value);
    }
}

/// Reads one byline, source, read-time or date line into `meta`; says whether it was one.
fn read_header_part(
    line: &str,
    in_header: bool,
    meta: &mut Meta,
    source_outlet: &mut Option<String>,
) -> bool {
    if let Some(credit) = byline::byline(line) {
        meta.byline = meta.byline.take().or(credit.byline);
        meta.outlet = meta.outlet.take().or(credit.outlet);
        true
    } else if let Some(outlet) = byline::source(line) {
        source_line(outlet, meta, source_outlet);
        true
    } else if in_header && is_read_time(line) {
        true
    } else if let Some(iso) = date::dateline(line).filter(|_| in_header) {
        meta.date.get_or_insert(iso);
        true
    } else {
        false
    }
}

/// The title: a standalone short line without a final full stop in the header — the one right
/// above the byline/date block if there is one, else the first.
fn find_title(
    text: &str,
    units: &[Unit],
    header: Range<usize>,
    first_header_line: Option<usize>,
    hidden: &[Hidden],
) -> Option<usize> {
    let is_candidate = |i: &usize| {
        let unit = &units[*i];
        let line = &text[unit.content.clone()];
        !unit.bullet
            && unit.blank_before
            && (unit.blank_after || first_header_line == Some(i + 1))
            && (2..=30).contains(&unit.words)
            && !line.ends_with('.')
            && matches!(
                ranges::reason_at(hidden, unit.content.start),
                Some(HideReason::Boilerplate | HideReason::Metadata)
            )
            && byline::byline(line).is_none()
            && byline::source(line).is_none()
            && date::dateline(line).is_none()
    };
    match first_header_line {
        Some(h) => (header.start..h)
            .rev()
            .find(is_candidate)
            .or_else(|| header.clone().find(is_candidate)),
        None => header.clone().find(is_candidate),
    }
}

/// How many lines from the top of the body a heading-like line may be to become the title.
const HEADING_LINES: usize = 3;

/// When the header holds no title: the first heading-like line at the top of the body (short,
/// set apart by blank lines, not a sentence, not a byline or a date).
fn heading_line(text: &str, units: &[Unit], first_visible: usize, hidden: &[Hidden]) -> Option<usize> {
    (first_visible..units.len())
        .take(HEADING_LINES)
        .filter(|&i| !ranges::covers(hidden, &units[i].content))
        .find(|&i| {
            let unit = &units[i];
            let line = &text[unit.content.clone()];
            !unit.bullet
                && unit.blank_after
                && (2..=16).contains(&unit.words)
                && !line.trim_end().ends_with(['.', ':', ',', ';'])
                && byline::byline(line).is_none()
                && byline::source(line).is_none()
                && date::dateline(line).is_none()
                && date::leading(line).is_none()
        })
}

/// A title as shown: without Markdown heading marks or surrounding whitespace.
fn title_text(line: &str) -> String {
    line.trim_start_matches('#')
        .trim_end_matches('#')
        .trim_matches(units::is_frame_char)
        .to_string()
}

/// "5 Min Read", "3 minute read".
fn is_read_time(line: &str) -> bool {
    let lower = line.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    words.len() <= 4
        && words
            .first()
            .is_some_and(|w| w.bytes().all(|b| b.is_ascii_digit()))
        && words.last() == Some(&"read")
        && words.iter().any(|w| w.starts_with("min"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::clean::clean;

    fn run(text: &str) -> (Meta, Vec<Hidden>) {
        let mut hidden = clean(text, Format::Text);
        let meta = extract(text, &mut hidden);
        ranges::check(text, &hidden).expect("valid ranges");
        (meta, hidden)
    }

    fn visible(text: &str, hidden: &[Hidden]) -> String {
        let mut out = String::new();
        let mut cursor = 0;
        for h in hidden {
            out.push_str(&text[cursor..h.range.start]);
            cursor = h.range.end;
        }
        out + &text[cursor..]
    }

    const P1: &str = "The council voted on Tuesday to approve the new budget for the coming year.";
    const P2: &str = "Members said the plan would raise spending on schools and roads by a tenth.";

    #[test]
    fn header_lines_feed_the_meta_and_are_hidden_as_metadata() {
        let text = format!(
            "Council passes budget\n\nBy Jane Doe\nPublished: May 23, 2024\n3 min read\n\n{P1}\n\n{P2}\n"
        );
        let (meta, hidden) = run(&text);
        assert_eq!(meta.title.as_deref(), Some("Council passes budget"));
        assert_eq!(meta.byline.as_deref(), Some("Jane Doe"));
        assert_eq!(meta.date.as_deref(), Some("2024-05-23"));
        assert_eq!(meta.outlet, None);
        assert!(hidden.iter().all(|h| h.reason == HideReason::Metadata));
        assert_eq!(visible(&text, &hidden), format!("{P1}\n\n{P2}\n"));
    }

    #[test]
    fn repeated_title_is_hidden_once_more() {
        let text = format!("Council passes budget\n\nCouncil passes budget\n\n{P1}\n\n{P2}");
        let (meta, hidden) = run(&text);
        assert_eq!(meta.title.as_deref(), Some("Council passes budget"));
        assert_eq!(visible(&text, &hidden), format!("{P1}\n\n{P2}"));
    }

    #[test]
    fn a_source_line_closing_a_hidden_footer_names_the_outlet() {
        let text = "Body sentence one.\n\nMost Read\n1. Lottery win\n2. Farmers\n\nSource » The Flash\n";
        let mut hidden = vec![Hidden {
            range: text.find("Most Read").expect("footer")..text.len(),
            reason: HideReason::Related,
        }];
        let meta = extract(text, &mut hidden);
        assert_eq!(meta.outlet.as_deref(), Some("The Flash"));
    }

    #[test]
    fn trailing_source_names_the_outlet() {
        let text = format!("{P1}\n\n{P2}\n\nSource: The Daily Post");
        let (meta, hidden) = run(&text);
        assert_eq!(meta.outlet.as_deref(), Some("The Daily Post"));
        assert_eq!(hidden.last().map(|h| h.reason), Some(HideReason::Metadata));
    }

    #[test]
    fn an_aggregator_is_where_it_was_read_not_the_outlet() {
        let text = format!("{P1}\n\n{P2}\n\nSource » msn");
        let (meta, _) = run(&text);
        assert_eq!(meta.outlet, None);
        assert_eq!(meta.via.as_deref(), Some("msn"));
    }

    #[test]
    fn a_standfirst_above_the_byline_stays_visible() {
        let standfirst = "The vote came a day after the mayor warned the city could not pay its bills.";
        let text = format!("Council passes budget\n\n{standfirst}\n\nBy Jane Doe\n\n{P1}\n\n{P2}");
        let (meta, hidden) = run(&text);
        assert_eq!(meta.title.as_deref(), Some("Council passes budget"));
        assert_eq!(meta.byline.as_deref(), Some("Jane Doe"));
        assert_eq!(visible(&text, &hidden), format!("{standfirst}\n\n{P1}\n\n{P2}"));
    }

    #[test]
    fn a_source_line_with_an_address_gives_the_url_not_the_outlet() {
        let text = format!("{P1}\n\n{P2}\n\nSource » https://news.example/2024/05/23/story");
        let (meta, _) = run(&text);
        assert_eq!(meta.url.as_deref(), Some("https://news.example/2024/05/23/story"));
        assert_eq!(meta.outlet, None);
    }

    #[test]
    fn leading_date_prefix_is_hidden() {
        let text = format!(" date 2024-05-23 {P1}\n\n{P2}");
        let (meta, hidden) = run(&text);
        assert_eq!(meta.date.as_deref(), Some("2024-05-23"));
        assert_eq!(visible(&text, &hidden), format!("{P1}\n\n{P2}"));
    }

    #[test]
    fn read_time() {
        assert!(is_read_time("5 Min Read"));
        assert!(is_read_time("12 minute read"));
        assert!(!is_read_time("Read the 5 minutes"));
    }
}
