//! Export: the case's notes as a report in Markdown (people), JSON (tools) or CSV (spreadsheets).
//!
//! - [`build_report`] (pure) gathers what every format shows into a [`Report`], made
//!   terminal-safe and in a fixed order; [`render`] (pure) turns it into text.
//! - [`export_loaded`] adds the entity analysis: the one place export calls the entity engine;
//!   [`export_with_index`] takes an analysis already made (the reader has one).
//!
//! No IO here: `commands::export` reads the case and writes the output for `parallax export`,
//! and the shell (`tui`) does for the reader's `:export`, so both produce the same bytes.

pub mod citation;
mod coverage;
mod csv;
pub mod facts;
mod json;
mod labels;
mod markdown;
mod report;
mod title;

use std::path::Path;

use crate::annotation::{Notes, OutletBias};
use crate::article::Article;
use crate::entity::{EntityIndex, Gazetteer};

pub use coverage::{FactCoverage, FactSentence, SuggestedFact};
pub use labels::{Label, LabelRow, MAX_LABEL_ROWS};
pub use markdown::MAX_ENTITY_ROWS;
pub(crate) use report::shorten;
pub use report::{
    AnnotationEntry, Claim, ClaimMemberEntry, EXPORT_SCHEMA_VERSION, EntityRow, Report, ReportContext,
    Source, SourceBias, TagEntry, build_report,
};

/// An export format. The command line's names for it are `cli::ExportFormat`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A report for people (`md`)
    Markdown,
    /// Everything, for other tools (see docs/export-json.md)
    Json,
    /// One row per annotation, for spreadsheets
    Csv,
}

impl Format {
    /// The format named `md`, `json` or `csv` (for the reader's `:export`).
    pub fn from_name(name: &str) -> Option<Self> {
        match name.to_ascii_lowercase().as_str() {
            "md" | "markdown" => Some(Self::Markdown),
            "json" => Some(Self::Json),
            "csv" => Some(Self::Csv),
            _ => None,
        }
    }

    /// The file extension of the format.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Markdown => "md",
            Self::Json => "json",
            Self::Csv => "csv",
        }
    }
}

/// The context of an export made at `now` (RFC 3339) with the configured tags' descriptions.
pub fn report_context(tags: &[crate::config::TagConfig], now: &str) -> ReportContext {
    ReportContext {
        exported: now.get(..10).unwrap_or(now).to_owned(),
        tag_descriptions: tags
            .iter()
            .filter_map(|tag| Some((tag.name.clone(), tag.description.clone()?)))
            .collect(),
    }
}

/// Renders a report in `format`.
pub fn render(report: &Report, format: Format) -> String {
    match format {
        Format::Markdown => markdown::render(report),
        Format::Json => json::render(report),
        Format::Csv => csv::render(report),
    }
}

/// Finds the entities and renders the report for articles and notes already in memory (the
/// reader has both). `notes_dir` is the notes file's directory.
pub fn export_loaded(
    articles: &[Article],
    notes: &Notes,
    outlets: &OutletBias,
    notes_dir: &Path,
    gazetteer: &Gazetteer,
    context: &ReportContext,
    format: Format,
) -> String {
    let entities = analyze_entities(articles, notes, gazetteer);
    export_with_index(articles, notes, outlets, notes_dir, &entities, context, format)
}

/// Renders the report with an entity analysis already made. `entities` must be the analysis of
/// exactly `articles`, in this order (its mentions name documents by index), with the
/// decisions in `notes.entities`: then the bytes are those of [`export_loaded`].
pub fn export_with_index(
    articles: &[Article],
    notes: &Notes,
    outlets: &OutletBias,
    notes_dir: &Path,
    entities: &EntityIndex,
    context: &ReportContext,
    format: Format,
) -> String {
    render(
        &build_report(articles, notes, outlets, entities, notes_dir, context),
        format,
    )
}

/// The one call into the entity engine, so a change of its signature is a one-line change here.
/// `notes` carries the analyst's entity decisions (`notes.entities`).
fn analyze_entities(articles: &[Article], notes: &Notes, gazetteer: &Gazetteer) -> EntityIndex {
    let refs: Vec<&Article> = articles.iter().collect();
    crate::entity::analyze(&refs, gazetteer, &notes.entities)
}
