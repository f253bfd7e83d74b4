//! `## Coverage of facts`: one row per fact, one column per source. The analyst's claim groups
//! say what the analyst established (reports, contradicts, omitted where marked, not linked);
//! the strongest groups the alignment found that no claim group covers follow, marked
//! machine-found and unconfirmed, with "found" or "not found" (never "omitted"), and then their
//! sentences, so a reader can check them.

use std::fmt::Write as _;

use super::{escape, source_name};
use crate::export::report::Report;

pub fn coverage(report: &Report) -> String {
    let mut out = String::from("## Coverage of facts");
    let facts = &report.coverage_of_facts;
    if report.claims.is_empty() && facts.suggested.is_empty() {
        out.push_str("\n\nNo claim group, and no fact found in two or more sources.");
        return out;
    }
    out.push_str(
        "\n\nWhich source reports which fact. Rows found by the analyst are the claim groups above \
         (\"omitted\" only where the analyst marked it). Rows marked machine-found, unconfirmed are \
         groups of sentences the alignment matched across sources and no analyst has checked: \
         there \"not found\" means no matching sentence was found, not that the source left the \
         fact out.\n\n| Fact | Found by |",
    );
    for source in &report.sources {
        let _ = write!(out, " {} |", source_name(report, source.number));
    }
    out.push_str("\n|---|---|");
    out.push_str(&"---|".repeat(report.sources.len()));
    for claim in &report.claims {
        let by = if claim.linked_from_suggestion {
            "analyst (accepted suggestion)"
        } else {
            "analyst"
        };
        let _ = write!(out, "\n| {} | {by} |", escape::table_cell(&claim.title));
        for source in &report.sources {
            let n = source.number;
            let cell = if claim.reported_by.contains(&n) {
                "reports"
            } else if claim.contradicted_by.contains(&n) {
                "contradicts"
            } else if claim.omitted_by.contains(&n) {
                "omitted"
            } else {
                "not linked"
            };
            let _ = write!(out, " {cell} |");
        }
    }
    for fact in &facts.suggested {
        let _ = write!(
            out,
            "\n| {} | machine-found, unconfirmed |",
            escape::table_cell(&fact.title)
        );
        for source in &report.sources {
            let cell = if fact.found_in.contains(&source.number) {
                "found"
            } else {
                "not found"
            };
            let _ = write!(out, " {cell} |");
        }
    }
    if facts.suggested_total > facts.suggested.len() {
        let _ = write!(
            out,
            "\n\n{} more machine-found groups not listed (the strongest {} are).",
            facts.suggested_total - facts.suggested.len(),
            facts.suggested.len()
        );
    }
    if !facts.suggested.is_empty() {
        out.push_str("\n\n### Machine-found, unconfirmed");
    }
    for (number, fact) in facts.suggested.iter().enumerate() {
        let names = |numbers: &[usize]| {
            numbers
                .iter()
                .map(|&n| source_name(report, n))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let _ = write!(
            out,
            "\n\n**{}. {}**\\\nFound in {} of {}: {}",
            number + 1,
            escape::inline(&fact.title),
            fact.found_in.len(),
            report.sources.len(),
            names(&fact.found_in)
        );
        if !fact.not_found_in.is_empty() {
            let _ = write!(out, " · not found in: {}", names(&fact.not_found_in));
        }
        let _ = write!(out, " · confidence {:.2}.", fact.confidence);
        for sentence in &fact.sentences {
            let _ = write!(
                out,
                "\n\n{}",
                escape::blockquote(&format!(
                    "{}: {}",
                    source_name(report, sentence.source),
                    sentence.quote
                ))
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::annotation::Notes;
    use crate::article::Article;
    use crate::entity::{Decisions, Gazetteer, analyze};
    use crate::export::{ReportContext, build_report};

    const A: &str = "The dam at Orsk broke on Friday, flooding the old town.\nA choir sang.\n";
    const B: &str = "Floodwater poured into the old town of Orsk after the dam broke on Friday.\n";

    fn section(notes: &Notes) -> String {
        let articles = [Article::plain("a.txt", A), Article::plain("b.txt", B)];
        let refs: Vec<&Article> = articles.iter().collect();
        let index = analyze(&refs, &Gazetteer::builtin(), &Decisions::default());
        let report = build_report(
            &articles,
            notes,
            &crate::annotation::OutletBias::default(),
            &index,
            Path::new(""),
            &ReportContext::default(),
        );
        super::coverage(&report)
    }

    #[test]
    fn a_machine_found_fact_becomes_the_analysts_once_accepted() {
        let before = section(&Notes::default());
        assert!(
            before.contains("| machine-found, unconfirmed | found | found |"),
            "{before}"
        );
        assert!(!before.contains("| analyst"), "{before}");
        let end_a = A.find('\n').expect("a line");
        let end_b = B.find('\n').expect("a line");
        let notes: Notes = toml::from_str(&format!(
            r#"
            schema_version = 1
            [[claim]]
            id = "c1"
            members = [
                {{ annotation = "a1", stance = "same", origin = "suggested" }},
                {{ annotation = "a2", stance = "same", origin = "suggested" }},
            ]
            [[article]]
            path = "a.txt"
            text_hash = "x"
            annotation = [{{ id = "a1", created = "", modified = "", anchor = {{ start = 0, end = {end_a}, quote = {quote_a:?} }} }}]
            [[article]]
            path = "b.txt"
            text_hash = "x"
            annotation = [{{ id = "a2", created = "", modified = "", anchor = {{ start = 0, end = {end_b}, quote = {quote_b:?} }} }}]
            "#,
            quote_a = &A[..end_a],
            quote_b = &B[..end_b],
        ))
        .expect("notes parse");
        let after = section(&notes);
        assert!(
            after.contains("| analyst (accepted suggestion) | reports | reports |"),
            "{after}"
        );
        assert!(
            !after.contains("machine-found, unconfirmed |"),
            "covered by the claim group: {after}"
        );
    }
}
