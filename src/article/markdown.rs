//! Markdown: the markup (`#` marks, emphasis, link targets, fences) as hidden ranges, and the
//! first level-one heading as the title. The text itself is never rewritten.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use super::{Hidden, HideReason};

/// What the Markdown parser says about a document.
#[derive(Debug, Default)]
pub struct Markup {
    /// Markup ranges, sorted and non-overlapping, on line-internal bytes only (line breaks stay
    /// visible so paragraphs keep their shape).
    pub hidden: Vec<Hidden>,
    /// The text of the first `#` heading.
    pub title: Option<String>,
}

/// Parses `text` once and reports its markup and title.
pub fn parse(text: &str) -> Markup {
    let mut content: Vec<Range<usize>> = Vec::new();
    let mut title: Option<String> = None;
    let mut in_title = false;
    let mut title_done = false;
    for (event, range) in Parser::new(text).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            }) if !title_done => in_title = true,
            Event::End(TagEnd::Heading(HeadingLevel::H1)) if in_title => {
                in_title = false;
                title_done = true;
            }
            Event::Text(s) => {
                if in_title {
                    title.get_or_insert_with(String::new).push_str(&s);
                }
                content.push(range);
            }
            Event::Code(s) => {
                if in_title {
                    title.get_or_insert_with(String::new).push_str(&s);
                }
                content.push(inner_code(text, range));
            }
            Event::SoftBreak | Event::HardBreak => content.push(range),
            _ => {}
        }
    }
    Markup {
        hidden: markup_between(text, &content),
        title: title.map(|t| t.trim().to_string()).filter(|t| !t.is_empty()),
    }
}

/// An inline code span without its backticks.
fn inner_code(text: &str, range: Range<usize>) -> Range<usize> {
    let span = &text[range.clone()];
    let inner = span.trim_matches('`');
    let start = range.start + (span.len() - span.trim_start_matches('`').len());
    start..start + inner.len()
}

/// Everything between content ranges that is not a line break or plain indentation.
fn markup_between(text: &str, content: &[Range<usize>]) -> Vec<Hidden> {
    let mut hidden = Vec::new();
    let mut cursor = 0;
    let gaps = content
        .iter()
        .map(|r| (r.start, r.end))
        .chain(std::iter::once((text.len(), text.len())));
    for (start, end) in gaps {
        if start > cursor {
            hide_gap(text, cursor..start, &mut hidden);
        }
        cursor = cursor.max(end);
    }
    hidden
}

fn hide_gap(text: &str, gap: Range<usize>, hidden: &mut Vec<Hidden>) {
    let mut run_start = gap.start;
    for (i, b) in text[gap.clone()].bytes().enumerate() {
        if b == b'\n' || b == b'\r' {
            push_run(text, run_start..gap.start + i, hidden);
            run_start = gap.start + i + 1;
        }
    }
    push_run(text, run_start..gap.end, hidden);
}

fn push_run(text: &str, run: Range<usize>, hidden: &mut Vec<Hidden>) {
    if text[run.clone()].trim().is_empty() {
        return;
    }
    hidden.push(Hidden {
        range: run,
        reason: HideReason::Markup,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> String {
        let markup = parse(text);
        let mut out = String::new();
        let mut cursor = 0;
        for h in &markup.hidden {
            out.push_str(&text[cursor..h.range.start]);
            cursor = h.range.end;
        }
        out + &text[cursor..]
    }

    #[test]
    fn markup_is_hidden_and_text_kept() {
        let text = "# The *Big* Title\n\nSome **bold** and a [link](https://x.y) with `code`.\n";
        let markup = parse(text);
        assert_eq!(markup.title.as_deref(), Some("The Big Title"));
        assert_eq!(shown(text), "The Big Title\n\nSome bold and a link with code.\n");
    }

    #[test]
    fn fences_and_quotes() {
        let text = "> quoted line\n\n```rust\nlet x = 1;\n```\n";
        assert_eq!(shown(text), "quoted line\n\n\nlet x = 1;\n\n");
    }
}
