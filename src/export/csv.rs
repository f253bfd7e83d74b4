//! The CSV export, for spreadsheets: one row per annotation with its source, position, quote,
//! tags, note, claim group, stance, how its claim link was made (`analyst` or `suggested`), the
//! source's bias, URL and retrieval time. Groups the alignment found and nobody confirmed are
//! not annotations and are not here (the Markdown and JSON list them, marked unconfirmed). RFC 4180
//! quoting (fields with commas, quotes or line breaks are quoted, quotes doubled) by the `csv`
//! crate; records end in `\n` rather than CRLF so that no carriage return reaches a terminal
//! that prints the file.
//!
//! A spreadsheet opening the file runs a cell that starts with `=`, `+`, `-` or `@` as a formula
//! (and some treat a leading tab or carriage return the same way), and quotes, notes and file
//! names come from the web or from whoever named the files: such a cell gets a leading `'`, as
//! OWASP recommends for CSV injection, so it shows as text. Numbers the export writes itself
//! (`start`, `end`) are never negative and are left alone.

use std::borrow::Cow;

use super::report::{Report, Source};

/// The header row.
pub const COLUMNS: [&str; 16] = [
    "id",
    "article",
    "outlet",
    "start",
    "end",
    "quote",
    "tags",
    "note",
    "claim",
    "stance",
    "link_origin",
    "bias",
    "orphan",
    "modified",
    "url",
    "retrieved",
];

/// Renders the report as CSV: the header, then one record per annotation.
pub fn render(report: &Report) -> String {
    // csv's errors come from the underlying writer (memory here cannot fail) or from records of
    // unequal length (every record is built from the same fixed list of columns).
    try_render(report).expect("writing CSV to memory cannot fail")
}

fn try_render(report: &Report) -> Result<String, String> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let failed = |error: csv::Error| format!("cannot write CSV: {error}");
    writer.write_record(COLUMNS).map_err(failed)?;
    for annotation in &report.annotations {
        let source: Option<&Source> = report.sources.get(annotation.source.wrapping_sub(1));
        let stance = annotation
            .stance
            .and_then(|s| serde_json::to_value(s).ok())
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        let tags = annotation.tags.join(";");
        let origin = annotation
            .origin
            .and_then(|o| serde_json::to_value(o).ok())
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        let bias = source.map(|s| s.bias.summary()).unwrap_or_default();
        let cells = [
            text_cell(&annotation.id),
            text_cell(source.map_or("", |s| s.path.as_str())),
            text_cell(source.map_or("", |s| s.outlet.as_str())),
            Cow::Owned(annotation.start.to_string()),
            Cow::Owned(annotation.end.to_string()),
            text_cell(&annotation.quote),
            text_cell(&tags),
            text_cell(&annotation.note),
            text_cell(annotation.claim.as_deref().unwrap_or("")),
            text_cell(&stance),
            text_cell(&origin),
            text_cell(&bias),
            Cow::Borrowed(if annotation.orphan { "true" } else { "false" }),
            text_cell(&annotation.modified),
            text_cell(source.and_then(|s| s.url.as_deref()).unwrap_or("")),
            text_cell(source.and_then(|s| s.retrieved.as_deref()).unwrap_or("")),
        ];
        writer
            .write_record(cells.iter().map(|cell| cell.as_bytes()))
            .map_err(failed)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|error| format!("cannot write CSV: {error}"))?;
    String::from_utf8(bytes).map_err(|error| format!("CSV is not UTF-8: {error}"))
}

/// A text cell as a spreadsheet must show it: with a leading `'` when it would start a formula.
fn text_cell(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::report::{AnnotationEntry, SourceBias};

    fn report(path: &str, outlet: &str, quote: &str, tags: &[&str], note: &str) -> Report {
        Report {
            schema_version: 1,
            title: String::new(),
            title_set_by_analyst: false,
            exported: String::new(),
            tags: Vec::new(),
            sources: vec![Source {
                number: 1,
                path: path.into(),
                outlet: outlet.into(),
                title: None,
                date: None,
                byline: None,
                url: None,
                retrieved: None,
                bias: SourceBias::default(),
                outlet_bias: None,
                bias_from_outlet: false,
                note: String::new(),
            }],
            claims: Vec::new(),
            coverage_of_facts: crate::export::FactCoverage {
                claims: Vec::new(),
                suggested: Vec::new(),
                suggested_total: 0,
            },
            annotations: vec![AnnotationEntry {
                id: "a1".into(),
                source: 1,
                start: 0,
                end: 5,
                quote: quote.into(),
                tags: tags.iter().map(|&t| t.to_owned()).collect(),
                note: note.into(),
                created: String::new(),
                modified: String::new(),
                orphan: false,
                claim: None,
                stance: None,
                origin: None,
            }],
            entities: Vec::new(),
            labels: Vec::new(),
            notes_for_other_articles: Vec::new(),
        }
    }

    fn record(report: &Report) -> csv::StringRecord {
        let text = render(report);
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        reader.records().next().expect("one record").expect("valid CSV")
    }

    #[test]
    fn cells_a_spreadsheet_would_run_as_formulas_are_neutralised() {
        let got = record(&report(
            "=HYPERLINK(\"http://evil\").txt",
            "+Outlet",
            "=cmd|' /C calc'!A0",
            &["@tag", "-x"],
            "-2+3",
        ));
        assert_eq!(&got[1], "'=HYPERLINK(\"http://evil\").txt");
        assert_eq!(&got[2], "'+Outlet");
        assert_eq!(&got[5], "'=cmd|' /C calc'!A0");
        assert_eq!(&got[6], "'@tag;-x");
        assert_eq!(&got[7], "'-2+3");
        for lead in ['\t', '\r'] {
            let got = record(&report("a.txt", "O", &format!("{lead}=1+1"), &[], ""));
            assert_eq!(&got[5], format!("'{lead}=1+1"));
        }
        // Only a cell's first character matters; numbers the export writes stay numbers.
        let got = record(&report("a.txt", "O", "a = b - c", &[], "line\n-item"));
        assert_eq!(&got[5], "a = b - c");
        assert_eq!(&got[7], "line\n-item");
        assert_eq!((&got[3], &got[4]), ("0", "5"));
    }
}
