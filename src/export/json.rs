//! The JSON export, for other tools: the whole [`Report`], pretty-printed. Key order follows the
//! struct fields, so the output is stable; the schema is documented in `docs/export-json.md`.

use super::report::Report;

/// Renders the report as pretty JSON ending with a newline.
pub fn render(report: &Report) -> String {
    // Serialising plain structs of strings, numbers and maps with string keys cannot fail; the
    // fallback keeps the function total without an unwrap.
    let mut out = serde_json::to_string_pretty(report)
        .unwrap_or_else(|error| format!("{{\"error\": {:?}}}", error.to_string()));
    out.push('\n');
    out
}
