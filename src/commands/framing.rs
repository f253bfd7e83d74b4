//! `parallax framing`: load the articles, find the entities (with the case's decisions, as
//! `parallax entities` does), then how each article names and labels each of them; print a
//! table, JSON (the contract of `../shared/framing/README.md`) or CSV.

use std::io::Write;
use std::path::Path;

use serde::Serialize;

use super::{JsonDocument, LoadedCase, json_documents, load_case};
use crate::article::Article;
use crate::article::sanitize::sanitize_line;
use crate::cli::{FramingArgs, FramingFormat};
use crate::config::Config;
use crate::framing::{self, Framing, Lexicon, Pattern};

/// Runs the subcommand, writing to `out`. `notes` is the `--notes` file, else the case's notes
/// file where the reader keeps it: its entity decisions (merges, splits, renames) apply, as in
/// the reader's panel. Errors are messages for stderr.
pub fn run(
    args: &FramingArgs,
    notes: Option<&Path>,
    config: &Config,
    out: &mut dyn Write,
) -> Result<(), String> {
    let lexicon = load_lexicon(&config.framing.lexicon)?;
    let LoadedCase {
        articles,
        gazetteer,
        index,
    } = load_case(&args.paths, notes, config)?;
    let refs: Vec<&Article> = articles.iter().collect();
    let result = framing::analyze(&refs, &index, &gazetteer, &lexicon);
    let written = match args.format {
        FramingFormat::Json => write_json(&articles, &result, &lexicon, out),
        FramingFormat::Table => write_table(&articles, &result, out),
        FramingFormat::Csv => write_csv(&articles, &result, &lexicon, out),
    };
    written.map_err(|e| format!("cannot write the output: {e}"))
}

/// The largest user lexicon read.
const MAX_LEXICON_BYTES: u64 = 16 * 1024 * 1024;

/// The bundled loaded-language lexicon, plus the user's file when the config names one.
pub fn load_lexicon(path: &str) -> Result<Lexicon, String> {
    if path.is_empty() {
        return Ok(Lexicon::builtin());
    }
    let (bytes, _) = crate::files::read_regular(std::path::Path::new(path), MAX_LEXICON_BYTES)
        .map_err(|e| e.to_string())?;
    let text = String::from_utf8(bytes).map_err(|e| format!("{path}: not UTF-8 text ({e})"))?;
    Lexicon::with_user_file(&text).map_err(|e| format!("{path}: {e}"))
}

#[derive(Serialize)]
struct JsonOutput<'a> {
    documents: Vec<JsonDocument>,
    entities: Vec<JsonEntity<'a>>,
}

#[derive(Serialize)]
struct JsonEntity<'a> {
    label: &'a str,
    kind: crate::entity::Kind,
    mentions: Vec<JsonSpan>,
    descriptors: Vec<JsonDescriptor<'a>>,
    /// Bare titles before a name ("President", "Sheikh"): part of how the name is written, so
    /// kept apart from the descriptors of the contract.
    titles: Vec<JsonDescriptor<'a>>,
    loaded: Vec<JsonLoaded<'a>>,
}

#[derive(Serialize)]
struct JsonSpan {
    doc: usize,
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct JsonDescriptor<'a> {
    doc: usize,
    start: usize,
    end: usize,
    text: &'a str,
    pattern: Pattern,
    loaded: bool,
}

#[derive(Serialize)]
struct JsonLoaded<'a> {
    doc: usize,
    start: usize,
    end: usize,
    text: &'a str,
    category: &'a str,
}

/// The machine-readable form: every entity with its name mentions, descriptors and loaded terms.
pub fn write_json(
    articles: &[Article],
    framing: &Framing,
    lexicon: &Lexicon,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let output = JsonOutput {
        documents: json_documents(articles),
        entities: framing
            .entities
            .iter()
            .enumerate()
            .map(|(e, frame)| JsonEntity {
                label: &frame.label,
                kind: frame.kind,
                mentions: frame
                    .mentions
                    .iter()
                    .map(|m| JsonSpan {
                        doc: m.doc,
                        start: m.range.start,
                        end: m.range.end,
                    })
                    .collect(),
                descriptors: frame
                    .descriptors
                    .iter()
                    .filter(|d| d.pattern != Pattern::Title)
                    .map(|d| json_descriptor(articles, d))
                    .collect(),
                titles: frame
                    .descriptors
                    .iter()
                    .filter(|d| d.pattern == Pattern::Title)
                    .map(|d| json_descriptor(articles, d))
                    .collect(),
                loaded: framing
                    .loaded
                    .iter()
                    .filter(|l| l.entity == Some(e))
                    .map(|l| JsonLoaded {
                        doc: l.doc,
                        start: l.range.start,
                        end: l.range.end,
                        text: &articles[l.doc].text[l.range.clone()],
                        category: lexicon.category(l.category),
                    })
                    .collect(),
            })
            .collect(),
    };
    serde_json::to_writer(&mut *out, &output)?;
    writeln!(out)
}

fn json_descriptor<'a>(articles: &'a [Article], d: &framing::Descriptor) -> JsonDescriptor<'a> {
    JsonDescriptor {
        doc: d.doc,
        start: d.range.start,
        end: d.range.end,
        text: &articles[d.doc].text[d.range.clone()],
        pattern: d.pattern,
        loaded: d.loaded,
    }
}

/// How many entities the table shows: those with descriptors, most mentioned first.
const SHOWN_ENTITIES: usize = 20;

/// The form for people: per entity, per article, its descriptors with counts.
pub fn write_table(articles: &[Article], framing: &Framing, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "Documents:")?;
    for (i, article) in articles.iter().enumerate() {
        writeln!(out, "  [{i}] {}", sanitize_line(&article.outlet_or_file_name()))?;
    }
    let shown = framing
        .entities
        .iter()
        .filter(|f| !f.descriptors.is_empty())
        .take(SHOWN_ENTITIES);
    for frame in shown {
        writeln!(
            out,
            "\n{} ({:?}, {} mentions)",
            sanitize_line(&frame.label),
            frame.kind,
            frame.mentions.len()
        )?;
        for (doc, article) in articles.iter().enumerate() {
            let counts = framing::summary::counts(frame, doc, &article.text);
            if counts.is_empty() {
                continue;
            }
            let list: Vec<String> = counts
                .iter()
                .map(|(text, n)| {
                    let text = sanitize_line(text);
                    if *n > 1 { format!("{text} ×{n}") } else { text }
                })
                .collect();
            writeln!(out, "  [{doc}] {}", list.join("; "))?;
        }
    }
    Ok(())
}

/// The CSV header: one row per name mention, descriptor, title and loaded term.
pub const CSV_COLUMNS: [&str; 10] = [
    "entity", "kind", "doc", "outlet", "role", "pattern", "start", "end", "text", "loaded",
];

/// A cell that a spreadsheet would run as a formula gets a leading `'` (as the report's CSV).
fn csv_text(text: &str) -> String {
    let text = sanitize_line(text);
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text
    }
}

/// The same data as the JSON, for spreadsheets: one row per occurrence, `role` saying what the
/// phrase is (name, descriptor, title or loaded) and `pattern` how a descriptor was found.
pub fn write_csv(
    articles: &[Article],
    framing: &Framing,
    lexicon: &Lexicon,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out);
    writer.write_record(CSV_COLUMNS)?;
    let outlets: Vec<String> = articles
        .iter()
        .map(|a| csv_text(&a.outlet_or_file_name()))
        .collect();
    for (e, frame) in framing.entities.iter().enumerate() {
        let label = csv_text(&frame.label);
        let kind = serde_json::to_value(frame.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        let mut rows: Vec<(usize, std::ops::Range<usize>, &str, String, bool)> = Vec::new();
        for m in &frame.mentions {
            rows.push((m.doc, m.range.clone(), "name", String::new(), false));
        }
        for d in &frame.descriptors {
            let role = if d.pattern == Pattern::Title {
                "title"
            } else {
                "descriptor"
            };
            let pattern = serde_json::to_value(d.pattern)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            rows.push((d.doc, d.range.clone(), role, pattern, d.loaded));
        }
        for l in framing.loaded.iter().filter(|l| l.entity == Some(e)) {
            rows.push((
                l.doc,
                l.range.clone(),
                "loaded",
                lexicon.category(l.category).to_owned(),
                true,
            ));
        }
        rows.sort_by_key(|r| (r.0, r.1.start));
        for (doc, range, role, pattern, loaded) in rows {
            writer.write_record([
                label.as_str(),
                kind.as_str(),
                &doc.to_string(),
                outlets[doc].as_str(),
                role,
                pattern.as_str(),
                &range.start.to_string(),
                &range.end.to_string(),
                &csv_text(&articles[doc].text[range]),
                if loaded { "true" } else { "false" },
            ])?;
        }
    }
    writer.flush()
}
