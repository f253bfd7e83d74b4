//! Cleaning scraped text: finds the ranges (menus, tickers, share lines, teasers, footers) that
//! are not the article, without changing the text.
//!
//! Two passes over the units (lines, or Markdown paragraphs), both linear:
//! 1. local rules mark furniture wherever it is: tickers, teaser blocks after "Related News" and
//!    the like, share lines and embedded posts, footers, captions, menus (runs of short lines);
//! 2. the article body is the run of prose between the first paragraph that is followed by
//!    another paragraph and the last sentence; what lies before and after it is hidden. Inside
//!    the body only what pass 1 marked is hidden, so subheadings stay.

mod patterns;
pub mod units;

use super::{Format, Hidden, HideReason};
use units::Unit;

/// The ranges of `text` that are not article text, sorted and non-overlapping.
pub fn clean(text: &str, format: Format) -> Vec<Hidden> {
    clean_units(text, &units::split(text, format), format)
}

/// [`clean`] with the units already split (`units::split(text, format)`), so that loading
/// splits an article once for cleaning and metadata.
pub fn clean_units(text: &str, units: &[Unit], format: Format) -> Vec<Hidden> {
    let mut reasons = mark_furniture(text, units);
    if format != Format::Html {
        // Reader-mode extraction already cut the page down to the body.
        hide_outside_body(units, &mut reasons);
    }
    let mut hidden = Vec::new();
    if text.starts_with('\u{FEFF}') {
        hidden.push(Hidden {
            range: 0..'\u{FEFF}'.len_utf8(),
            reason: HideReason::Boilerplate,
        });
    }
    let marked = units.iter().zip(&reasons).filter_map(|(unit, reason)| {
        reason.map(|reason| Hidden {
            range: unit.hide_range(),
            reason,
        })
    });
    let marked: Vec<Hidden> = marked.collect();
    super::ranges::overlay(&hidden, &marked)
}

/// Pass 1: furniture recognised by its own look, anywhere in the text.
fn mark_furniture(text: &str, units: &[Unit]) -> Vec<Option<HideReason>> {
    let mut reasons: Vec<Option<HideReason>> = vec![None; units.len()];
    let content = |i: usize| &text[units[i].content.clone()];
    let mut i = 0;
    while i < units.len() {
        let unit = &units[i];
        let line = content(i);
        let key = patterns::key(line);
        let key = key.as_deref().unwrap_or("");
        if !unit.bullet && patterns::is_ticker_heading(key) {
            // The ticker is the block of lines glued to its heading.
            reasons[i] = Some(HideReason::Ticker);
            i += 1;
            while i < units.len() && !units[i].blank_before {
                reasons[i] = Some(HideReason::Ticker);
                i += 1;
            }
            continue;
        }
        if patterns::is_teaser_heading(key) {
            reasons[i] = Some(HideReason::Related);
            i += 1;
            while i < units.len() && !starts_real_paragraph(text, units, i) {
                reasons[i] = Some(HideReason::Related);
                i += 1;
            }
            continue;
        }
        if patterns::is_tag_heading(key) {
            reasons[i] = Some(HideReason::Footer);
            i += 1;
            while i < units.len() && is_short_label(&units[i]) {
                reasons[i] = Some(HideReason::Footer);
                i += 1;
            }
            continue;
        }
        reasons[i] = if patterns::is_footer_line(key) {
            Some(HideReason::Footer)
        } else if patterns::is_social_line(key)
            || patterns::is_bare_url(line)
            || patterns::ends_with_embed_link(line)
        {
            Some(HideReason::Social)
        } else if patterns::is_embed_attribution(line) {
            // The embedded post's text comes right before its attribution.
            if i > 0 && reasons[i - 1].is_none() && units[i - 1].words <= 70 {
                reasons[i - 1] = Some(HideReason::Social);
            }
            Some(HideReason::Social)
        } else if patterns::is_teaser_line(line) {
            Some(HideReason::Related)
        } else if patterns::is_caption(line, unit.words) {
            Some(HideReason::Caption)
        } else {
            None
        };
        i += 1;
    }
    mark_menus(units, &mut reasons);
    reasons
}

/// Menus: three or more short labels in a row, either glued together (no blank lines) or all
/// bullets. A lone short line between paragraphs is a subheading and stays.
fn mark_menus(units: &[Unit], reasons: &mut [Option<HideReason>]) {
    const MIN_RUN: usize = 3;
    let label = |i: usize| i < units.len() && is_short_label(&units[i]);
    let mut run_start = 0;
    for i in 0..=units.len() {
        let glued = |i: usize| (units[i].bullet && units[i - 1].bullet) || !units[i].blank_before;
        if label(i) && (i == run_start || glued(i)) {
            continue;
        }
        if i - run_start >= MIN_RUN {
            for reason in &mut reasons[run_start..i] {
                reason.get_or_insert(HideReason::Navigation);
            }
        }
        run_start = if label(i) { i } else { i + 1 };
    }
}

/// A menu entry, tag or section name: a few words, not a sentence.
fn is_short_label(unit: &Unit) -> bool {
    unit.words <= 6 && !unit.sentence_end()
}

/// Whether the article text resumes at unit `i`: a prose paragraph followed by another one, or
/// one long enough to stand alone.
fn starts_real_paragraph(text: &str, units: &[Unit], i: usize) -> bool {
    let prose = |j: usize| {
        units
            .get(j)
            .is_some_and(|u| u.is_prose() && !patterns::is_caption(&text[u.content.clone()], u.words))
    };
    prose(i) && (units[i].words >= 40 || prose(i + 1))
}

/// Plain lines this close above the body are its header (headline, dateline), not clutter.
const HEADER_LINES: usize = 3;

/// Pass 2: hides what lies before the body's first paragraph and after its last sentence.
fn hide_outside_body(units: &[Unit], reasons: &mut [Option<HideReason>]) {
    let free = |i: usize| reasons[i].is_none();
    // The paragraph after `i`, looking past a teaser block set into the body.
    let next_paragraph = |i: usize| (i + 1..units.len()).find(|&j| reasons[j] != Some(HideReason::Related));
    let start = (0..units.len())
        .find(|&i| {
            free(i)
                && (units[i].is_sentence() || units[i].is_prose())
                && next_paragraph(i).is_some_and(|j| free(j) && units[j].is_prose())
        })
        .or_else(|| (0..units.len()).find(|&i| free(i) && units[i].is_prose()));
    let Some(mut start) = start else {
        return;
    };
    // Prose right above the first paragraph pair is the article's own opening, however short
    // the paragraph after it: keep it. A standfirst set apart by captions or menus is not.
    while start > 0 && free(start - 1) && (units[start - 1].is_prose() || units[start - 1].is_sentence()) {
        start -= 1;
    }
    let end = (start..units.len())
        .rev()
        .find(|&i| free(i) && (units[i].is_sentence() || units[i].is_prose()))
        .unwrap_or(start);
    // A short bullet list inside the body is the article's own list, not a menu.
    for (unit, reason) in units[start..=end].iter().zip(&mut reasons[start..=end]) {
        if unit.bullet && *reason == Some(HideReason::Navigation) {
            *reason = None;
        }
    }
    for (i, unit) in units.iter().enumerate().take(start) {
        reasons[i].get_or_insert(if unit.bullet {
            HideReason::Navigation
        } else if start - i <= HEADER_LINES {
            // Right above the body: headline, dateline, standfirst — the article's header, which
            // names things as much as the body does.
            HideReason::Metadata
        } else {
            HideReason::Boilerplate
        });
    }
    for (i, unit) in units.iter().enumerate().skip(end + 1) {
        let reason = &mut reasons[i];
        match reason {
            // A run of short bullets after the body is a tag list, not a menu.
            Some(HideReason::Navigation) => *reason = Some(HideReason::Footer),
            Some(_) => {}
            None if unit.bullet => *reason = Some(HideReason::Footer),
            None => *reason = Some(HideReason::Boilerplate),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn visible(text: &str, format: Format) -> String {
        let hidden = clean(text, format);
        super::super::ranges::check(text, &hidden).expect("valid hidden ranges");
        let mut out = String::new();
        let mut cursor = 0;
        for h in &hidden {
            out.push_str(&text[cursor..h.range.start]);
            cursor = h.range.end;
        }
        out.push_str(&text[cursor..]);
        out
    }

    const P1: &str = "The council voted on Tuesday to approve the new budget for the coming year.";
    const P2: &str = "Members said the plan would raise spending on schools and roads by a tenth.";

    #[test]
    fn menu_before_body_is_hidden_and_subheading_kept() {
        let text = format!("Home\nWorld\nSports\nBusiness\n\n{P1}\n\nBudget Details\n\n{P2}\n");
        assert_eq!(
            visible(&text, Format::Text),
            format!("{P1}\n\nBudget Details\n\n{P2}\n")
        );
    }

    #[test]
    fn ticker_block_is_hidden() {
        let text = format!(
            "BREAKING\nStocks fall sharply in early trade today.\nRain expected later this week in the north.\n\n{P1}\n\n{P2}"
        );
        let hidden = clean(&text, Format::Text);
        assert_eq!(hidden[0].reason, HideReason::Ticker);
        assert_eq!(visible(&text, Format::Text), format!("{P1}\n\n{P2}"));
    }

    #[test]
    fn teaser_block_inside_body_is_hidden_up_to_the_next_paragraph() {
        let text = format!(
            "{P1}\n\nRelated News\n\nMayor resigns after scandal\n\nFloods hit the coast\n\n{P2}\n\n{P1}"
        );
        assert_eq!(visible(&text, Format::Text), format!("{P1}\n\n{P2}\n\n{P1}"));
    }

    #[test]
    fn trailing_teasers_tags_and_footer_are_hidden() {
        let text = format!(
            "{P1}\n\n{P2}\n\n• budget\n• council\n• schools\n\nMost Read\n\nA story.\n\nThe Daily is a newspaper for everyone in town.\n\nAll Rights Reserved\nPrivacy Policy\n"
        );
        assert_eq!(visible(&text, Format::Text), format!("{P1}\n\n{P2}\n\n"));
    }

    #[test]
    fn share_lines_urls_and_embeds_are_hidden() {
        let text = format!(
            "{P1}\n\nShare this article\n\nhttps://example.com/x\n\nWhat a day in the chamber #budget https://t.co/abc\n\n— Jane Roe (@janeroe) May 1, 2024\n\n{P2}"
        );
        assert_eq!(visible(&text, Format::Text), format!("{P1}\n\n{P2}"));
    }

    #[test]
    fn text_without_prose_is_left_alone() {
        assert_eq!(visible("Hello\nworld", Format::Text), "Hello\nworld");
        assert_eq!(visible("", Format::Text), "");
    }

    #[test]
    fn bom_is_hidden_not_removed() {
        let text = format!("\u{feff}{P1}\n\n{P2}");
        let hidden = clean(&text, Format::Text);
        assert_eq!(hidden[0].range, 0..3);
        assert_eq!(visible(&text, Format::Text), format!("{P1}\n\n{P2}"));
    }

    #[test]
    fn crlf_text_is_cleaned_like_lf() {
        let text = format!("Home\r\nWorld\r\nSports\r\n\r\n{P1}\r\n\r\n{P2}\r\n");
        assert_eq!(visible(&text, Format::Text), format!("{P1}\r\n\r\n{P2}\r\n"));
    }
}
