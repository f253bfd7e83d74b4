//! The CSV export, for spreadsheets: one row per annotation with its source, position, quote,
//! tags, note, claim group, stance and the source's bias. RFC 4180 quoting (fields with commas,
//! quotes or line breaks are quoted, quotes doubled) by the `csv` crate; records end in `\n`
//! rather than CRLF so that no carriage return reaches a terminal that prints the file.
//!
//! Every cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`
//! (OWASP's advice against CSV formula injection): article text, notes and file names are
//! someone else's words, and a spreadsheet would run `=HYPERLINK(…)` or `@SUM(…)` as a formula.

use super::report::{Report, Source};

/// The header row.
pub const COLUMNS: [&str; 13] = [
    "id", "article", "outlet", "start", "end", "quote", "tags", "note", "claim", "stance", "bias", "orphan",
    "modified",
];

/// Renders the report as CSV: the header, then one record per annotation.
pub fn render(report: &Report) -> String {
    // csv's errors come from the underlying writer (memory here cannot fail) or from records of
    // unequal length (every record is built from the same fixed list of columns).
    try_render(report).expect("writing CSV to memory cannot fail")
}

/// `cell`, with a `'` in front when a spreadsheet would take it as a formula.
fn defuse_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
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
        let record = [
            annotation.id.as_str(),
            source.map_or("", |s| s.path.as_str()),
            source.map_or("", |s| s.outlet.as_str()),
            &annotation.start.to_string(),
            &annotation.end.to_string(),
            &annotation.quote,
            &annotation.tags.join(";"),
            &annotation.note,
            annotation.claim.as_deref().unwrap_or(""),
            &stance,
            &source.map(|s| s.bias.summary()).unwrap_or_default(),
            if annotation.orphan { "true" } else { "false" },
            &annotation.modified,
        ];
        writer
            .write_record(record.iter().map(|cell| defuse_formula(cell).into_owned()))
            .map_err(failed)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|error| format!("cannot write CSV: {error}"))?;
    String::from_utf8(bytes).map_err(|error| format!("CSV is not UTF-8: {error}"))
}

#[cfg(test)]
mod tests {
    use super::defuse_formula;

    #[test]
    fn cells_a_spreadsheet_would_run_are_defused() {
        for cell in [
            "=HYPERLINK(\"http://x\")",
            "+1+2",
            "-2+3",
            "@SUM(A1)",
            "\tx",
            "\rx",
        ] {
            assert_eq!(defuse_formula(cell), format!("'{cell}"));
        }
        for cell in ["plain", "a=b", "", "2024-05-23", "'quoted"] {
            assert_eq!(defuse_formula(cell), cell);
        }
    }
}
