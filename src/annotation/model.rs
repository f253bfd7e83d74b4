//! The content of one case file: per-article notes (overrides, bias, note, annotations), claim
//! groups and entity decisions. Plain data with serde derives; changes go through [`crate::annotation::edit`].
//!
//! Field order here is the order in the TOML file, and collections are kept sorted (articles by
//! path, annotations by position) so that saving the same notes twice gives the same bytes and a
//! small change gives a small diff.

use serde::{Deserialize, Serialize};

use super::bias::Bias;
use super::claims::ClaimGroup;
use super::hash::text_hash;
use crate::entity::Decisions;

/// The schema version this build writes and the newest it reads.
pub const SCHEMA_VERSION: u32 = 1;

/// Everything the analyst wrote about one case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Notes {
    pub schema_version: u32,
    /// The case's title for reports (`:case-title`); None: the report derives one from the
    /// headlines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_title: Option<String>,
    /// Corrections to entity clustering.
    #[serde(default, skip_serializing_if = "decisions_are_empty")]
    pub entities: Decisions,
    /// Claim groups, ordered by id.
    #[serde(default, rename = "claim", skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<ClaimGroup>,
    /// One entry per article, ordered by path.
    #[serde(default, rename = "article", skip_serializing_if = "Vec::is_empty")]
    pub articles: Vec<ArticleNotes>,
}

impl Default for Notes {
    fn default() -> Self {
        Self {
            schema_version: SCHEMA_VERSION,
            case_title: None,
            entities: Decisions::default(),
            claims: Vec::new(),
            articles: Vec::new(),
        }
    }
}

fn decisions_are_empty(decisions: &Decisions) -> bool {
    decisions.merges.is_empty() && decisions.splits.is_empty() && decisions.renames.is_empty()
}

/// Names an article in the notes: its key (path relative to the notes file when possible, see
/// [`crate::annotation::location::article_key`]) and the hash of its canonical text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleKey {
    pub path: String,
    pub text_hash: String,
}

impl ArticleKey {
    /// The key for an article whose canonical text is `text`.
    pub fn new(path: impl Into<String>, text: &str) -> Self {
        Self {
            path: path.into(),
            text_hash: text_hash(text),
        }
    }
}

/// The notes on one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleNotes {
    /// The article's path, relative to the notes file's directory when possible.
    pub path: String,
    /// [`text_hash`] of the canonical text the anchors point into.
    pub text_hash: String,
    /// The analyst's note on the whole article.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Metadata shown instead of what was detected.
    #[serde(default, skip_serializing_if = "Overrides::is_empty")]
    pub overrides: Overrides,
    /// Source bias of this article; overrides the outlet's defaults.
    #[serde(default, skip_serializing_if = "Bias::is_empty")]
    pub bias: Bias,
    /// Ordered by anchor start, then id.
    #[serde(default, rename = "annotation", skip_serializing_if = "Vec::is_empty")]
    pub annotations: Vec<Annotation>,
}

impl ArticleNotes {
    /// An entry with nothing in it yet.
    pub fn new(key: &ArticleKey) -> Self {
        Self {
            path: key.path.clone(),
            text_hash: key.text_hash.clone(),
            note: String::new(),
            overrides: Overrides::default(),
            bias: Bias::default(),
            annotations: Vec::new(),
        }
    }

    /// Restores the stable order after an annotation was added or moved.
    pub(crate) fn sort_annotations(&mut self) {
        self.annotations.sort_by(|a, b| {
            (a.anchor.start, a.anchor.end, &a.id).cmp(&(b.anchor.start, b.anchor.end, &b.id))
        });
    }
}

/// Metadata overrides; `None` shows the detected value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overrides {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Where the article was published (`:url`); over the provenance record and the page's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl Overrides {
    pub fn is_empty(&self) -> bool {
        self.title.is_none() && self.outlet.is_none() && self.date.is_none() && self.url.is_none()
    }
}

/// A highlighted passage with tags and a note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Annotation {
    /// Stable within the case file: `a1`, `a2`, ... (see [`Notes::next_annotation_id`]).
    pub id: String,
    /// Tag names from the configured vocabulary.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// RFC 3339 UTC.
    pub created: String,
    /// RFC 3339 UTC.
    pub modified: String,
    /// True when the passage could not be found in the article's current text; the anchor is
    /// then the last known one, kept so the analyst can re-attach the note.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub orphan: bool,
    pub anchor: Anchor,
}

/// Where an annotation points: a byte range into the canonical text, and what was there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Anchor {
    /// Byte offset of the first byte of the quote.
    pub start: usize,
    /// Byte offset one past the quote.
    pub end: usize,
    /// The exact text of `start..end`.
    pub quote: String,
    /// Up to [`CONTEXT_CHARS`] characters before the quote.
    #[serde(default)]
    pub before: String,
    /// Up to [`CONTEXT_CHARS`] characters after the quote.
    #[serde(default)]
    pub after: String,
}

/// How many characters (not bytes) of context an anchor keeps on each side.
pub const CONTEXT_CHARS: usize = 32;

impl Anchor {
    /// Anchors `range` of `text`. `None` if the range is empty, out of bounds or not on
    /// character boundaries.
    pub fn new(text: &str, range: std::ops::Range<usize>) -> Option<Self> {
        if range.is_empty() {
            return None;
        }
        let quote = text.get(range.clone())?;
        let before_start = text[..range.start]
            .char_indices()
            .rev()
            .nth(CONTEXT_CHARS - 1)
            .map_or(0, |(index, _)| index);
        let after_end = text[range.end..]
            .char_indices()
            .nth(CONTEXT_CHARS)
            .map_or(text.len(), |(index, _)| range.end + index);
        Some(Self {
            start: range.start,
            end: range.end,
            quote: quote.to_owned(),
            before: text[before_start..range.start].to_owned(),
            after: text[range.end..after_end].to_owned(),
        })
    }

    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

impl Notes {
    pub fn article(&self, path: &str) -> Option<&ArticleNotes> {
        self.articles.iter().find(|article| article.path == path)
    }

    pub(crate) fn article_mut(&mut self, path: &str) -> Option<&mut ArticleNotes> {
        self.articles.iter_mut().find(|article| article.path == path)
    }

    /// The entry for `key`, created (in path order) if missing.
    pub(crate) fn article_entry(&mut self, key: &ArticleKey) -> &mut ArticleNotes {
        let index = match self.articles.binary_search_by(|a| a.path.as_str().cmp(&key.path)) {
            Ok(index) => index,
            Err(index) => {
                self.articles.insert(index, ArticleNotes::new(key));
                index
            }
        };
        &mut self.articles[index]
    }

    /// The annotation with `id` and the path of its article.
    pub fn annotation(&self, id: &str) -> Option<(&str, &Annotation)> {
        self.articles.iter().find_map(|article| {
            article
                .annotations
                .iter()
                .find(|annotation| annotation.id == id)
                .map(|annotation| (article.path.as_str(), annotation))
        })
    }

    /// The id the next new annotation gets: one more than the highest `aN` in use.
    pub fn next_annotation_id(&self) -> String {
        let highest = self
            .articles
            .iter()
            .flat_map(|article| &article.annotations)
            .map(|annotation| annotation.id.as_str())
            .chain(
                self.claims
                    .iter()
                    .flat_map(|group| group.members.iter().map(|m| m.annotation.as_str())),
            )
            .filter_map(|id| id.strip_prefix('a')?.parse::<u64>().ok())
            .max()
            .unwrap_or(0);
        format!("a{}", highest + 1)
    }

    /// Checks what serde cannot: unique article paths and annotation ids, anchors that are
    /// well-formed. Returns a message naming the problem.
    pub fn validate(&self) -> Result<(), String> {
        let mut paths = std::collections::BTreeSet::new();
        let mut ids = std::collections::BTreeSet::new();
        for article in &self.articles {
            if !paths.insert(article.path.as_str()) {
                return Err(format!("article {:?} appears twice", article.path));
            }
            for annotation in &article.annotations {
                if !ids.insert(annotation.id.as_str()) {
                    return Err(format!("annotation id {:?} appears twice", annotation.id));
                }
                let anchor = &annotation.anchor;
                if anchor.start > anchor.end || anchor.end - anchor.start != anchor.quote.len() {
                    return Err(format!(
                        "annotation {:?}: anchor {}..{} does not match its quote's length {}",
                        annotation.id,
                        anchor.start,
                        anchor.end,
                        anchor.quote.len()
                    ));
                }
            }
        }
        self.validate_claims(&ids)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchor_context_counts_characters_not_bytes() {
        let text = format!("{}QUOTE{}", "é".repeat(40), "ß".repeat(40));
        let start = "é".len() * 40;
        let anchor = Anchor::new(&text, start..start + 5).expect("valid range");
        assert_eq!(anchor.quote, "QUOTE");
        assert_eq!(anchor.before.chars().count(), CONTEXT_CHARS);
        assert_eq!(anchor.after.chars().count(), CONTEXT_CHARS);
    }

    #[test]
    fn anchor_near_the_edges_takes_what_there_is() {
        let anchor = Anchor::new("ab QUOTE cd", 3..8).expect("valid range");
        assert_eq!((anchor.before.as_str(), anchor.after.as_str()), ("ab ", " cd"));
    }

    #[test]
    fn anchor_rejects_bad_ranges() {
        assert!(Anchor::new("héllo", 1..2).is_none());
        assert!(Anchor::new("hello", 2..2).is_none());
        assert!(Anchor::new("hello", 2..9).is_none());
    }

    #[test]
    fn next_id_follows_the_highest() {
        let mut notes = Notes::default();
        assert_eq!(notes.next_annotation_id(), "a1");
        let key = ArticleKey::new("x.txt", "text");
        let entry = notes.article_entry(&key);
        for id in ["a2", "a10", "zz"] {
            entry.annotations.push(Annotation {
                id: id.into(),
                tags: vec![],
                note: String::new(),
                created: String::new(),
                modified: String::new(),
                orphan: false,
                anchor: Anchor {
                    start: 0,
                    end: 0,
                    quote: String::new(),
                    before: String::new(),
                    after: String::new(),
                },
            });
        }
        assert_eq!(notes.next_annotation_id(), "a11");
    }
}
