//! Articles: canonical text, the ranges cleaning hides, and metadata.
//!
//! Every position in Parallax (wrapped lines, sentences, entity mentions, annotations) is a byte
//! range into [`Article::text`]. For a UTF-8 text or Markdown file that text is the file itself,
//! byte for byte; for HTML it is the extracted article text. Cleaning never rewrites the text: it
//! records [`Hidden`] ranges that the reader skips unless the user reveals them.

pub mod clean;
pub mod headlines;
pub mod html;
pub mod load;
pub mod markdown;
pub mod meta;
pub mod ranges;
pub mod sanitize;
pub mod sentences;
pub mod words;

use std::ops::Range;
use std::path::PathBuf;

/// The file format an article was read from; decides how the canonical text was produced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain UTF-8 text: every source line is a paragraph.
    Text,
    /// Markdown: markup is hidden, lines of one paragraph flow together.
    Markdown,
    /// A saved web page: the canonical text is the extracted article text.
    Html,
}

/// Why cleaning hid a range; shown to the user when hidden text is revealed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HideReason {
    /// Site navigation, menus, lists of section names.
    Navigation,
    /// "BREAKING" tickers and live feeds.
    Ticker,
    /// Share buttons, social handles, embedded posts.
    Social,
    /// "Related News", "Most Read", "Read Next" and similar teasers.
    Related,
    /// Footers, copyright lines, tag lists, app links.
    Footer,
    /// Lines that carry metadata shown in the pane header (byline, date, outlet, repeated title).
    Metadata,
    /// Image captions and credits.
    Caption,
    /// Markdown markup (`#`, `**`, link targets).
    Markup,
    /// Anything else cleaning judged not to be article text.
    Boilerplate,
}

impl HideReason {
    /// A short lower-case word for the status bar and the revealed-text marker.
    pub fn label(self) -> &'static str {
        match self {
            Self::Navigation => "navigation",
            Self::Ticker => "ticker",
            Self::Social => "social",
            Self::Related => "related",
            Self::Footer => "footer",
            Self::Metadata => "metadata",
            Self::Caption => "caption",
            Self::Markup => "markup",
            Self::Boilerplate => "boilerplate",
        }
    }
}

/// A byte range of the canonical text that the reader does not show by default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hidden {
    pub range: Range<usize>,
    pub reason: HideReason,
}

/// What the text says about itself. Each field is `None` when the text does not show it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    pub title: Option<String>,
    pub outlet: Option<String>,
    /// ISO date (`YYYY-MM-DD`) when it could be read, else the date as written.
    pub date: Option<String>,
    pub byline: Option<String>,
    /// Where the page was read from: its provenance record's final URL when Parallax fetched
    /// it (`fetch::attach_provenance`), else its own `<link rel=canonical>` or `og:url`.
    pub url: Option<String>,
    /// When it was retrieved (RFC 3339 UTC), known only from a provenance record.
    pub retrieved: Option<String>,
    /// The aggregator the article was read through ("Source » msn"): not its publisher, so
    /// never its outlet.
    pub via: Option<String>,
}

/// One loaded, cleaned article. Immutable once built; the reader shares it behind an `Arc`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// The path as the user gave it (used for display and as the notes key).
    pub path: PathBuf,
    pub format: Format,
    /// The canonical text. All offsets point into it.
    pub text: String,
    /// Sorted, non-overlapping ranges hidden by cleaning.
    pub hidden: Vec<Hidden>,
    pub meta: Meta,
    /// Problems met while loading that did not stop it (e.g. invalid UTF-8 replaced).
    pub warnings: Vec<String>,
}

impl Article {
    /// Builds an article from text with no cleaning applied (tests, `:open` of scratch text).
    pub fn plain(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            format: Format::Text,
            text: text.into(),
            hidden: Vec::new(),
            meta: Meta::default(),
            warnings: Vec::new(),
        }
    }

    /// The file name, used when the text names no title or outlet. Terminal-safe: a file name
    /// is input like the text (it can hold ESC, C1 and bidi overrides), and every display path
    /// of the title line and the outlet takes it from here.
    pub fn file_name(&self) -> String {
        let name = self.path.file_name().map_or_else(
            || self.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        sanitize::sanitize_line(&name)
    }

    /// The outlet to show: the one the text names, else the file name, unless that is a hash
    /// (`001_56e621f07d0aef18.txt` says nothing to a reader): then "unknown outlet".
    pub fn outlet_or_file_name(&self) -> String {
        self.meta.outlet.clone().unwrap_or_else(|| {
            let name = self.file_name();
            if let Some(via) = &self.meta.via {
                format!("{UNKNOWN_OUTLET} (via {via})")
            } else if looks_like_a_hash(&name) {
                UNKNOWN_OUTLET.to_owned()
            } else {
                name
            }
        })
    }

    /// Number of bytes hidden by cleaning.
    pub fn hidden_bytes(&self) -> usize {
        self.hidden.iter().map(|h| h.range.len()).sum()
    }

    /// The visible parts of `range`: `range` minus the hidden ranges, in order.
    pub fn visible_parts(&self, range: Range<usize>) -> Vec<Range<usize>> {
        let mut parts = Vec::new();
        let mut cursor = range.start;
        let first = self.hidden.partition_point(|h| h.range.end <= range.start);
        for hidden in &self.hidden[first..] {
            if hidden.range.start >= range.end {
                break;
            }
            if hidden.range.start > cursor {
                parts.push(cursor..hidden.range.start);
            }
            cursor = cursor.max(hidden.range.end);
        }
        if cursor < range.end {
            parts.push(cursor..range.end);
        }
        parts
    }

    /// Every visible range of the whole text, in order.
    pub fn visible_ranges(&self) -> Vec<Range<usize>> {
        self.visible_parts(0..self.text.len())
    }

    /// Whether the byte at `offset` is hidden.
    pub fn is_hidden(&self, offset: usize) -> bool {
        let i = self.hidden.partition_point(|h| h.range.end <= offset);
        self.hidden.get(i).is_some_and(|h| h.range.start <= offset)
    }
}

/// What the outlet is called when neither the text nor a meaningful file name gives one.
pub const UNKNOWN_OUTLET: &str = "unknown outlet";

/// A file name made of a hash (a run of 12 or more hex digits, as the seeds and some scrapers
/// name files) says nothing to a reader.
pub fn looks_like_a_hash(name: &str) -> bool {
    let mut run = 0;
    for c in name.chars() {
        if c.is_ascii_hexdigit() {
            run += 1;
            if run >= 12 {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_hidden(text: &str, hidden: &[Range<usize>]) -> Article {
        let mut a = Article::plain("x.txt", text);
        a.hidden = hidden
            .iter()
            .map(|r| Hidden {
                range: r.clone(),
                reason: HideReason::Boilerplate,
            })
            .collect();
        a
    }

    #[test]
    fn visible_parts_subtracts_hidden_ranges() {
        let a = with_hidden("0123456789", &[2..4, 6..7]);
        assert_eq!(a.visible_parts(0..10), vec![0..2, 4..6, 7..10]);
        assert_eq!(a.visible_parts(3..6), vec![4..6]);
        assert_eq!(a.visible_parts(2..4), Vec::<Range<usize>>::new());
        assert!(a.is_hidden(2) && a.is_hidden(3) && !a.is_hidden(4));
        assert_eq!(a.hidden_bytes(), 3);
    }

    #[test]
    fn a_hash_file_name_is_never_the_outlet() {
        let a = Article::plain("dir/001_56e621f07d0aef18.txt", "text");
        assert_eq!(a.outlet_or_file_name(), UNKNOWN_OUTLET);
        assert!(!looks_like_a_hash("2025-03-04-report.md"));
    }

    #[test]
    fn outlet_falls_back_to_file_name() {
        let mut a = Article::plain("dir/story.txt", "text");
        assert_eq!(a.outlet_or_file_name(), "story.txt");
        a.meta.outlet = Some("The Daily".into());
        assert_eq!(a.outlet_or_file_name(), "The Daily");
    }
}
