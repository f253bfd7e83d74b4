//! Cleaning scraped text: finds the ranges (menus, tickers, share lines, teasers, footers) that
//! are not the article, without changing the text.

use super::{Format, Hidden};

/// The ranges of `text` that are not article text, sorted and non-overlapping.
pub fn clean(_text: &str, _format: Format) -> Vec<Hidden> {
    Vec::new()
}
