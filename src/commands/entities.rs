//! `parallax entities`: load the articles, find the entities with the case's decisions (merges,
//! splits, renames from its notes file, as `parallax export` reads them), print them as a table
//! or JSON.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use serde::Serialize;

use super::{JsonDocument, LoadedCase, json_documents, load_case};
use crate::article::Article;
use crate::article::sanitize::sanitize_line;
use crate::cli::{EntitiesArgs, EntitiesFormat};
use crate::config::Config;
use crate::entity::{EntityIndex, Kind};

/// Runs the subcommand, writing to `out`. `notes` is the `--notes` file, else the case's notes
/// file where the reader keeps it; a case without one has no decisions. Errors are messages for
/// stderr.
pub fn run(
    args: &EntitiesArgs,
    notes: Option<&Path>,
    config: &Config,
    out: &mut dyn Write,
) -> Result<(), String> {
    let LoadedCase { articles, index, .. } = load_case(&args.paths, notes, config)?;
    let written = match args.format {
        EntitiesFormat::Json => write_json(&articles, &index, out),
        EntitiesFormat::Table => write_table(&articles, &index, out),
    };
    written.map_err(|e| format!("cannot write the output: {e}"))
}

#[derive(Serialize)]
struct JsonOutput<'a> {
    documents: Vec<JsonDocument>,
    entities: Vec<JsonEntity<'a>>,
}

#[derive(Serialize)]
struct JsonEntity<'a> {
    id: String,
    label: &'a str,
    kind: Kind,
    mentions: Vec<JsonMention<'a>>,
}

#[derive(Serialize)]
struct JsonMention<'a> {
    doc: usize,
    start: usize,
    end: usize,
    text: &'a str,
}

/// The machine-readable form: `serde_json` escapes every control character.
pub fn write_json(articles: &[Article], index: &EntityIndex, out: &mut dyn Write) -> std::io::Result<()> {
    let output = JsonOutput {
        documents: json_documents(articles),
        entities: index
            .entities
            .iter()
            .enumerate()
            .map(|(i, e)| JsonEntity {
                id: format!("e{}", i + 1),
                label: &e.label,
                kind: e.kind,
                mentions: e
                    .mentions
                    .iter()
                    .map(|m| JsonMention {
                        doc: m.doc,
                        start: m.range.start,
                        end: m.range.end,
                        text: &articles[m.doc].text[m.range.clone()],
                    })
                    .collect(),
            })
            .collect(),
    };
    serde_json::to_writer(&mut *out, &output)?;
    writeln!(out)
}

/// The form for people: one row per entity with its kind, label, the other spellings seen and
/// the mentions in each article.
pub fn write_table(articles: &[Article], index: &EntityIndex, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "Documents:")?;
    for (i, article) in articles.iter().enumerate() {
        writeln!(
            out,
            "  [{i}] {}",
            sanitize_line(&article.path.display().to_string())
        )?;
    }
    writeln!(out)?;
    let header: Vec<String> = (0..articles.len()).map(|i| format!("[{i}]")).collect();
    writeln!(
        out,
        "{:<5} {:<13} {:<36} {}  variants",
        "id",
        "kind",
        "label",
        header.join(" ")
    )?;
    for (i, entity) in index.entities.iter().enumerate() {
        let mut per_doc = vec![0usize; articles.len()];
        let mut variants: BTreeMap<String, usize> = BTreeMap::new();
        for m in &entity.mentions {
            per_doc[m.doc] += 1;
            *variants
                .entry(sanitize_line(&articles[m.doc].text[m.range.clone()]))
                .or_default() += 1;
        }
        let label = sanitize_line(&entity.label);
        variants.remove(&label);
        let counts: Vec<String> = per_doc
            .iter()
            .zip(&header)
            .map(|(n, h)| format!("{n:>w$}", w = h.len()))
            .collect();
        let others: Vec<String> = variants.into_iter().map(|(v, n)| format!("{v} ({n})")).collect();
        let kind = format!("{:?}", entity.kind).to_lowercase();
        writeln!(
            out,
            "{:<5} {:<13} {:<36} {}  {}",
            format!("e{}", i + 1),
            kind,
            label,
            counts.join(" "),
            others.join(", ")
        )?;
    }
    Ok(())
}
