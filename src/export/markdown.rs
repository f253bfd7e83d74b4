//! The Markdown report, for an editor: the case (title, export date, dates), the sources, their
//! bias, the tag legend, claim groups across sources, the coverage of facts (claim groups and the
//! strongest machine-found groups, marked unconfirmed), the other annotations by article, an
//! entity coverage matrix and orphaned annotations. Each section is one function returning its
//! text, so a new section is one more entry in [`render`]. No byte offsets, annotation ids or
//! hash file names: those are for tools, in the JSON and CSV.

mod case;
mod claims;
mod escape;
mod facts;

use std::fmt::Write as _;

use super::report::{AnnotationEntry, Report};
use super::title::capitalise;
use crate::entity::Kind;

/// The most entity rows the matrix shows; the rest are counted, not listed.
pub const MAX_ENTITY_ROWS: usize = 40;

/// Renders the report. Ends with exactly one newline.
pub fn render(report: &Report) -> String {
    let sections = [
        case::case(report),
        case::sources(report),
        case::bias(report),
        case::tags(report),
        claims::claims(report),
        facts::coverage(report),
        annotations(report),
        entity_matrix(report),
        labels(report),
        orphans(report),
    ];
    let mut out = sections.join("\n\n");
    out.push('\n');
    out
}

fn source_name(report: &Report, number: usize) -> String {
    report.sources.get(number.wrapping_sub(1)).map_or_else(
        || format!("source {number}"),
        |s| format!("{number}. {}", escape::inline(&s.outlet)),
    )
}

/// ` · tags: x, y` (and orphan status), after what names an annotation.
fn annotation_details(annotation: &AnnotationEntry) -> String {
    let mut out = String::new();
    if !annotation.tags.is_empty() {
        let tags: Vec<String> = annotation.tags.iter().map(|t| escape::inline(t)).collect();
        let _ = write!(out, " · tags: {}", tags.join(", "));
    }
    if annotation.orphan {
        out.push_str(" · orphaned");
    }
    out
}

fn quote_and_note(annotation: &AnnotationEntry) -> String {
    let mut out = format!("\n\n{}", escape::blockquote(&annotation.quote));
    if !annotation.note.is_empty() {
        let _ = write!(out, "\n\n{}", escape::paragraphs(&annotation.note));
    }
    out
}

fn annotations(report: &Report) -> String {
    let mut out =
        String::from("## Annotations by article\n\nAnnotations not in a claim group, in text order.");
    for source in &report.sources {
        let _ = write!(out, "\n\n### {}", source_name(report, source.number));
        if !source.note.is_empty() {
            let _ = write!(out, "\n\nArticle note:\n\n{}", escape::paragraphs(&source.note));
        }
        let remaining: Vec<&AnnotationEntry> = report
            .annotations
            .iter()
            .filter(|a| a.source == source.number && a.claim.is_none() && !a.orphan)
            .collect();
        if remaining.is_empty() {
            out.push_str("\n\nNo other annotations.");
        }
        for annotation in remaining {
            let details = annotation_details(annotation);
            let _ = write!(
                out,
                "\n\n**{}**",
                details
                    .strip_prefix(" · ")
                    .map_or_else(|| "Untagged".to_owned(), capitalise)
            );
            out.push_str(&quote_and_note(annotation));
        }
    }
    out
}

fn entity_matrix(report: &Report) -> String {
    let mut out = String::from("## Entity coverage");
    let shared: Vec<_> = report.entities.iter().filter(|e| e.sources >= 2).collect();
    if shared.is_empty() {
        out.push_str("\n\nNo entity is mentioned in more than one source.");
        return out;
    }
    out.push_str("\n\nMention counts of entities named in two or more sources.\n\n| Entity | Kind |");
    for source in &report.sources {
        let _ = write!(out, " {} |", source_name(report, source.number));
    }
    out.push_str("\n|---|---|");
    out.push_str(&"---:|".repeat(report.sources.len()));
    for row in shared.iter().take(MAX_ENTITY_ROWS) {
        let _ = write!(
            out,
            "\n| {} | {} |",
            escape::table_cell(&row.label),
            kind_name(row.kind)
        );
        for count in &row.mentions {
            let _ = write!(out, " {count} |");
        }
    }
    let left_out = shared.len().saturating_sub(MAX_ENTITY_ROWS);
    let single = report.entities.len() - shared.len();
    let mut notes = Vec::new();
    if left_out > 0 {
        notes.push(format!(
            "{left_out} more shared {} left out (the table shows the first {MAX_ENTITY_ROWS})",
            plural(left_out, "entity", "entities")
        ));
    }
    if single > 0 {
        notes.push(format!(
            "{single} {} mentioned in one source only not shown",
            plural(single, "entity", "entities")
        ));
    }
    if !notes.is_empty() {
        let _ = write!(out, "\n\n{}.", capitalise(&notes.join("; ")));
    }
    out
}

/// "How each outlet labels the main actors": entities × sources, each cell the source's
/// descriptors with their counts.
fn labels(report: &Report) -> String {
    let mut out = String::from("## How each outlet labels the main actors");
    if report.labels.is_empty() {
        out.push_str("\n\nNo source describes an entity beyond naming it.");
        return out;
    }
    out.push_str(
        "\n\nThe phrases each source uses to label or describe an entity (found by the framing \
         lens: titles and words before the name, appositives, \"X is a …\", and descriptions such \
         as \"the president\" linked to it), with their counts.\n\n| Entity |",
    );
    for source in &report.sources {
        let _ = write!(out, " {} |", source_name(report, source.number));
    }
    out.push_str("\n|---|");
    out.push_str(&"---|".repeat(report.sources.len()));
    for row in &report.labels {
        let _ = write!(out, "\n| {} |", escape::table_cell(&row.entity));
        for labels in &row.labels {
            let cell: Vec<String> = labels
                .iter()
                .map(|l| {
                    if l.count > 1 {
                        format!("{} ×{}", l.text, l.count)
                    } else {
                        l.text.clone()
                    }
                })
                .collect();
            let cell = if cell.is_empty() {
                "—".to_owned()
            } else {
                cell.join("; ")
            };
            let _ = write!(out, " {} |", escape::table_cell(&cell));
        }
    }
    out
}

/// The kind's name as the JSON export spells it (one source of truth: its serde name).
fn kind_name(kind: Kind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|value| value.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn orphans(report: &Report) -> String {
    let mut out = String::from("## Orphaned annotations");
    let orphans: Vec<&AnnotationEntry> = report.annotations.iter().filter(|a| a.orphan).collect();
    if orphans.is_empty() {
        out.push_str("\n\nNone: every annotated passage was found in its article.");
        return out;
    }
    out.push_str(
        "\n\nThese passages were not found in the current text of their article; the quote and \
         position are the last known ones.",
    );
    for annotation in orphans {
        let _ = write!(
            out,
            "\n\n**{}**{}",
            source_name(report, annotation.source),
            annotation_details(annotation)
        );
        if let Some((number, claim)) = annotation
            .claim
            .as_ref()
            .and_then(|id| report.claims.iter().enumerate().find(|(_, c)| &c.id == id))
        {
            let _ = write!(out, " · claim {}. {}", number + 1, escape::inline(&claim.title));
        }
        out.push_str(&quote_and_note(annotation));
    }
    out
}

fn plural(count: usize, one: &'static str, many: &'static str) -> &'static str {
    if count == 1 { one } else { many }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::annotation::Notes;
    use crate::article::Article;
    use crate::entity::{Entity, EntityIndex, Mention, Reason};
    use crate::export::build_report;

    fn entity(label: String, docs: &[usize]) -> Entity {
        Entity {
            label,
            kind: Kind::Organisation,
            reason: Reason::Exact,
            mentions: docs.iter().map(|&doc| Mention { doc, range: 0..1 }).collect(),
        }
    }

    #[test]
    fn entity_matrix_caps_rows_and_says_what_it_left_out() {
        let mut a = Article::plain("a.txt", "text");
        a.meta.outlet = Some("Pipe | News".into());
        let articles = [a, Article::plain("b.txt", "text")];
        let mut entities: Vec<Entity> = (0..45)
            .map(|i| entity(format!("Org {i:02}"), &[0, 1, 1]))
            .collect();
        entities.push(entity("Lonely".into(), &[0]));
        let report = build_report(
            &articles,
            &Notes::default(),
            &crate::annotation::OutletBias::default(),
            &EntityIndex { entities },
            Path::new(""),
            &crate::export::ReportContext::default(),
        );
        let text = render(&report);
        let matrix = &text[text.find("## Entity coverage").expect("section")..];
        assert!(
            matrix.contains(r"| Entity | Kind | 1. Pipe \| News | 2. b.txt |"),
            "{matrix}"
        );
        assert!(matrix.contains("| Org 00 | organisation | 1 | 2 |"), "{matrix}");
        assert_eq!(matrix.matches("| organisation |").count(), MAX_ENTITY_ROWS);
        assert!(matrix.contains("5 more shared entities left out"), "{matrix}");
        assert!(
            matrix.contains("1 entity mentioned in one source only not shown"),
            "{matrix}"
        );
    }

    #[test]
    fn a_case_without_notes_still_lists_its_sources() {
        let articles = [Article::plain("a.txt", "text")];
        let report = build_report(
            &articles,
            &Notes::default(),
            &crate::annotation::OutletBias::default(),
            &EntityIndex::default(),
            Path::new(""),
            &crate::export::ReportContext::default(),
        );
        let text = render(&report);
        assert!(
            text.starts_with(
                "# Case report\n\n1 source. No source gives a date.\n\n## Sources\n\n\
                 1. **a.txt**\\\n   undated · file a.txt · no URL recorded\n"
            ),
            "{text}"
        );
        assert!(text.contains("No claim groups."));
        assert!(text.ends_with("every annotated passage was found in its article.\n"));
    }

    #[test]
    fn a_source_with_two_members_of_a_claim_counts_once() {
        let text = "Alpha said yes. Beta said yes.";
        let notes: Notes = toml::from_str(
            r#"
            schema_version = 1
            [[claim]]
            id = "c1"
            members = [
                { annotation = "a1", stance = "same" },
                { annotation = "a3", stance = "contradicts" },
                { annotation = "a2", stance = "same" },
            ]
            [[article]]
            path = "a.txt"
            text_hash = "x"
            annotation = [
                { id = "a1", created = "", modified = "", anchor = { start = 0, end = 5, quote = "Alpha" } },
                { id = "a2", created = "", modified = "", anchor = { start = 16, end = 20, quote = "Beta" } },
            ]
            [[article]]
            path = "b.txt"
            text_hash = "x"
            annotation = [
                { id = "a3", created = "", modified = "", anchor = { start = 0, end = 5, quote = "Alpha" } },
            ]
            "#,
        )
        .expect("notes parse");
        let articles = [
            Article::plain("a.txt", text),
            Article::plain("b.txt", text),
            Article::plain("c.txt", ""),
        ];
        let report = build_report(
            &articles,
            &notes,
            &crate::annotation::OutletBias::default(),
            &EntityIndex::default(),
            Path::new(""),
            &crate::export::ReportContext::default(),
        );
        let rendered = render(&report);
        // The contradicting source is not counted as reporting the claim, and the source
        // with no link is "not linked", not "omitted" (the analyst did not mark it).
        assert!(
            rendered.contains(
                "### 1. Alpha\n\nReported by 1 of 3: 1. a.txt · contradicted by: 2. b.txt · \
                 not linked: 3. c.txt."
            ),
            "{rendered}"
        );
        assert!(!rendered.contains("omitted by:"), "{rendered}");
        assert!(
            !rendered.contains("a1") && !rendered.contains("bytes"),
            "{rendered}"
        );
    }
}
