//! `parallax align`: load the articles, find the entities, align the sentences that report the
//! same fact, print the facts as a table or JSON (the contract of `../shared/align/README.md`).

use std::io::Write;

use serde::Serialize;

use super::{JsonDocument, json_documents, load_articles, load_gazetteer};
use crate::article::Article;
use crate::article::sanitize::sanitize_line;
use crate::cli::{AlignArgs, AlignFormat};
use crate::compare::{Alignment, Group, Options, align};
use crate::config::Config;
use crate::entity::{Decisions, analyze};

/// Runs the subcommand, writing to `out`. Errors are messages for stderr.
pub fn run(args: &AlignArgs, config: &Config, out: &mut dyn Write) -> Result<(), String> {
    let gazetteer = load_gazetteer(&config.entities.gazetteer)?;
    let articles = load_articles(&args.paths, config)?;
    let refs: Vec<&Article> = articles.iter().collect();
    let index = analyze(&refs, &gazetteer, &Decisions::default());
    let alignment = align(&refs, &index, &Options::default());
    let written = match args.format {
        AlignFormat::Json => write_json(&articles, &alignment, out),
        AlignFormat::Table => write_table(&articles, &alignment, out),
    };
    written.map_err(|e| format!("cannot write the output: {e}"))
}

#[derive(Serialize)]
struct JsonOutput {
    documents: Vec<JsonDocument>,
    groups: Vec<JsonGroup>,
}

#[derive(Serialize)]
struct JsonGroup {
    id: String,
    confidence: f32,
    members: Vec<JsonMember>,
}

#[derive(Serialize)]
struct JsonMember {
    doc: usize,
    start: usize,
    end: usize,
}

/// The machine-readable form: every group, one-member groups (unique claims) included.
pub fn write_json(articles: &[Article], alignment: &Alignment, out: &mut dyn Write) -> std::io::Result<()> {
    let output = JsonOutput {
        documents: json_documents(articles),
        groups: alignment
            .groups
            .iter()
            .enumerate()
            .map(|(i, g)| JsonGroup {
                id: format!("f{}", i + 1),
                // Two decimals: more would be noise, and it keeps the output diffable.
                confidence: (g.confidence * 100.0).round() / 100.0,
                members: g
                    .members
                    .iter()
                    .map(|m| JsonMember {
                        doc: m.doc,
                        start: m.range.start,
                        end: m.range.end,
                    })
                    .collect(),
            })
            .collect(),
    };
    serde_json::to_writer(&mut *out, &output)?;
    writeln!(out)
}

/// How many characters of a sentence the table shows.
const SHOWN_CHARS: usize = 90;

/// The form for people: the facts several articles report, each with the articles that do and
/// do not, then how many unique claims each article makes.
pub fn write_table(articles: &[Article], alignment: &Alignment, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "Documents:")?;
    for (i, article) in articles.iter().enumerate() {
        writeln!(out, "  [{i}] {}", sanitize_line(&article.outlet_or_file_name()))?;
    }
    let shared: Vec<&Group> = alignment.shared_facts().collect();
    writeln!(out, "\nFacts reported by more than one article: {}", shared.len())?;
    for (i, group) in shared.iter().enumerate() {
        let reported: Vec<String> = group.docs().iter().map(|d| format!("[{d}]")).collect();
        let missing: Vec<String> = group
            .missing(alignment.docs)
            .iter()
            .map(|d| format!("[{d}]"))
            .collect();
        writeln!(
            out,
            "\nf{}  confidence {:.2}  reported by {} of {}: {}  not found in: {}",
            i + 1,
            group.confidence,
            reported.len(),
            alignment.docs,
            reported.join(" "),
            if missing.is_empty() {
                "—".to_owned()
            } else {
                missing.join(" ")
            }
        )?;
        for member in &group.members {
            let sentence = sanitize_line(&articles[member.doc].text[member.range.clone()]);
            writeln!(out, "  [{}] {}", member.doc, shorten(&sentence, SHOWN_CHARS))?;
        }
    }
    let mut unique = vec![0usize; alignment.docs];
    for group in alignment.unique_claims() {
        unique[group.members[0].doc] += 1;
    }
    writeln!(out, "\nSentences matched in no other article (unique claims):")?;
    for (doc, n) in unique.iter().enumerate() {
        writeln!(out, "  [{doc}] {n}")?;
    }
    Ok(())
}

/// `text` cut to `max` characters at a word boundary, with an ellipsis when cut.
fn shorten(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    let at = cut.rfind(' ').filter(|&i| i > max / 2).unwrap_or(cut.len());
    format!("{}…", cut[..at].trim_end())
}
