//! `## Claims`: each claim group under its title, with what is known of every source: it
//! reports the claim, contradicts it, was marked by the analyst as leaving it out, or was
//! simply not linked (which says nothing either way).

use std::fmt::Write as _;

use super::{annotation_details, escape, quote_and_note, source_name};
use crate::annotation::Stance;
use crate::export::report::{Claim, Report};

pub fn claims(report: &Report) -> String {
    let mut out = String::from("## Claims");
    if report.claims.is_empty() {
        out.push_str("\n\nNo claim groups.");
    } else {
        out.push_str(
            "\n\n\"Not linked\" means the analyst linked no passage of that source to the claim; \
             \"omitted by\" is said only of sources the analyst marked as leaving it out.",
        );
    }
    for (index, claim) in report.claims.iter().enumerate() {
        out.push_str("\n\n");
        out.push_str(&claim_group(report, index + 1, claim));
    }
    out
}

fn names(report: &Report, numbers: &[usize]) -> String {
    numbers
        .iter()
        .map(|&n| source_name(report, n))
        .collect::<Vec<_>>()
        .join(", ")
}

fn claim_group(report: &Report, number: usize, claim: &Claim) -> String {
    let mut out = format!("### {number}. {}", escape::inline(&claim.title));
    let total = report.sources.len();
    let mut coverage = vec![format!(
        "Reported by {} of {total}: {}",
        claim.reported_by.len(),
        names(report, &claim.reported_by)
    )];
    for (label, numbers) in [
        ("contradicted by", &claim.contradicted_by),
        ("omitted by", &claim.omitted_by),
        ("not linked", &claim.not_linked),
    ] {
        if !numbers.is_empty() {
            coverage.push(format!("{label}: {}", names(report, numbers)));
        }
    }
    let _ = write!(out, "\n\n{}.", coverage.join(" · "));
    for member in &claim.members {
        let Some(annotation) = report.annotations.iter().find(|a| a.id == member.annotation) else {
            continue;
        };
        let role = if member.reference {
            "reference claim"
        } else {
            match member.stance {
                Stance::Same => "reports it",
                Stance::Contradicts => "contradicts it",
                Stance::AddsDetail => "adds detail",
            }
        };
        let _ = write!(
            out,
            "\n\n**{}** — {role}{}",
            source_name(report, member.source),
            annotation_details(annotation)
        );
        out.push_str(&quote_and_note(annotation));
    }
    out
}
