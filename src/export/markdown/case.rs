//! The report's opening sections: the case (title, export date, what the dates say), the
//! sources (outlet, title, date, byline, URL), their bias, and the tag legend.

use std::fmt::Write as _;

use super::escape;
use super::{plural, source_name};
use crate::export::report::{Report, Source};

/// `# Title`, then the export date, the number of sources and their dates as they are.
pub fn case(report: &Report) -> String {
    let mut out = format!("# {}\n\n", escape::line(&report.title));
    let count = report.sources.len();
    if !report.exported.is_empty() {
        let _ = write!(out, "Exported {} · ", escape::inline(&report.exported));
    }
    let _ = write!(
        out,
        "{count} {}. {}",
        plural(count, "source", "sources"),
        dates(report)
    );
    if !report.notes_for_other_articles.is_empty() {
        let others = report.notes_for_other_articles.len();
        let _ = write!(
            out,
            "\n\nThe notes also cover {others} {} not in this report.",
            plural(others, "article", "articles")
        );
    }
    out
}

/// What the sources' dates say, without claiming one date for sources that have another or
/// none: "All dated 2025-03-04.", "Dated 2025-03-04 to 2025-03-05; 1 undated.", "Undated."
fn dates(report: &Report) -> String {
    let mut dates: Vec<&str> = report.sources.iter().filter_map(|s| s.date.as_deref()).collect();
    dates.sort_unstable();
    let undated = report.sources.len() - dates.len();
    let range = match (dates.first(), dates.last()) {
        (Some(first), Some(last)) if first == last => escape::inline(first),
        (Some(first), Some(last)) => format!("{} to {}", escape::inline(first), escape::inline(last)),
        _ => return "No source gives a date.".to_owned(),
    };
    match undated {
        0 if dates.len() > 1 && dates.first() == dates.last() => format!("All dated {range}."),
        0 => format!("Dated {range}."),
        _ => format!("{} dated {range}; {undated} undated.", dates.len()),
    }
}

/// `## Sources`: one numbered entry per article, with what is known of it.
pub fn sources(report: &Report) -> String {
    let mut out = String::from("## Sources");
    for source in &report.sources {
        let _ = write!(
            out,
            "\n\n{}. **{}**",
            source.number,
            escape::inline(&source.outlet)
        );
        if let Some(title) = &source.title {
            let _ = write!(out, " — {}", escape::inline(title));
        }
        let details = details(source);
        if !details.is_empty() {
            let _ = write!(out, "\\\n   {}", details.join(" · "));
        }
    }
    out
}

/// Date, byline, URL (with when it was retrieved), else the file name when it means something.
fn details(source: &Source) -> Vec<String> {
    let mut details = Vec::new();
    details.push(
        source
            .date
            .as_deref()
            .map_or_else(|| "undated".to_owned(), escape::inline),
    );
    if let Some(byline) = &source.byline {
        details.push(format!("by {}", escape::inline(byline)));
    }
    match (&source.url, &source.retrieved) {
        (Some(url), Some(retrieved)) => {
            details.push(format!(
                "{} (retrieved {})",
                escape::url(url),
                escape::inline(retrieved)
            ));
        }
        (Some(url), None) => details.push(escape::url(url)),
        (None, _) => {
            let name = source.path.rsplit('/').next().unwrap_or(&source.path);
            if !crate::article::looks_like_a_hash(name) {
                details.push(format!("file {}", escape::inline(name)));
            }
            details.push("no URL recorded".to_owned());
        }
    }
    details
}

/// `## Source bias`: the analyst's bias tags, in a table.
pub fn bias(report: &Report) -> String {
    let mut out = String::from(
        "## Source bias\n\n\
         | Source | Bias | Reliability | Labels |\n\
         |---|---|---|---|",
    );
    for source in &report.sources {
        let bias = &source.bias;
        let scale: Vec<String> = bias
            .scale
            .iter()
            .map(|(axis, pos)| format!("{axis}: {pos}"))
            .collect();
        let _ = write!(
            out,
            "\n| {} | {} | {} | {} |",
            escape::table_cell(&source_name(report, source.number)),
            escape::table_cell(&(scale.join("; ") + if source.bias_from_outlet { " †" } else { "" })),
            bias.reliability.map_or_else(String::new, |r| format!("{r}/5")),
            escape::table_cell(&bias.labels.join(", ")),
        );
    }
    out.push_str(
        "\n\nBias is each article's own tag from the case notes, completed part by part by its \
         outlet's default; † marks a source where some of it is the outlet's default.",
    );
    for source in report.sources.iter().filter(|s| !s.bias.note.is_empty()) {
        let _ = write!(
            out,
            "\n\nBias note on {}:\n\n{}",
            source_name(report, source.number),
            escape::paragraphs(&source.bias.note)
        );
    }
    out
}

/// `## Tags`: each tag used, what it means and how often.
pub fn tags(report: &Report) -> String {
    let mut out = String::from("## Tags");
    if report.tags.is_empty() {
        out.push_str("\n\nNo annotation is tagged.");
        return out;
    }
    out.push_str("\n\n| Tag | Meaning | Annotations |\n|---|---|---:|");
    for tag in &report.tags {
        let _ = write!(
            out,
            "\n| {} | {} | {} |",
            escape::table_cell(&tag.name),
            escape::table_cell(tag.description.as_deref().unwrap_or("")),
            tag.count
        );
    }
    out
}
