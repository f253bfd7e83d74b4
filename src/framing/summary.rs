//! Descriptors folded for display: one line per distinct phrase, with its count.

use super::Frame;

/// The distinct descriptors of `frame` in article `doc` (its text `text`), folded by case and a
/// leading determiner, most frequent first, then in order of first use.
pub fn counts(frame: &Frame, doc: usize, text: &str) -> Vec<(String, usize)> {
    let mut out: Vec<(String, String, usize)> = Vec::new();
    for d in frame.descriptors.iter().filter(|d| d.doc == doc) {
        let shown = text[d.range.clone()]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let key = fold(&shown);
        if let Some(entry) = out.iter_mut().find(|(k, _, _)| *k == key) {
            entry.2 += 1;
        } else {
            out.push((key, shown, 1));
        }
    }
    out.sort_by_key(|entry| std::cmp::Reverse(entry.2));
    out.into_iter().map(|(_, shown, n)| (shown, n)).collect()
}

/// The key two descriptors share when they differ only in case or a leading "the"/"a".
pub fn fold(text: &str) -> String {
    let lower = text.to_lowercase();
    let trimmed = ["the ", "a ", "an "]
        .iter()
        .find_map(|d| lower.strip_prefix(d))
        .unwrap_or(&lower);
    trimmed.to_owned()
}
