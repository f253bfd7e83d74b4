//! The data of the report's "Coverage of facts": the analyst's claim groups (confirmed, detailed
//! under `claims`) and the strongest groups the alignment found in two or more sources that no
//! claim group covers, each marked machine-found and unconfirmed. For those, a source without a
//! matching sentence is "not found in", never "omitted by": only the analyst says a source left
//! a fact out.

use serde::Serialize;

use super::facts;
use super::report::{Claim, shorten};
use crate::annotation::Notes;
use crate::article::Article;
use crate::article::sanitize::sanitize_line;
use crate::compare::{Options, align};
use crate::entity::EntityIndex;

/// "Coverage of facts".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactCoverage {
    /// The analyst's claim groups (ids, as in `claims`, where their coverage is): confirmed.
    pub claims: Vec<String>,
    /// The strongest groups the alignment found that no claim group covers, most sources first,
    /// at most [`facts::MAX_SUGGESTED`]: machine-found, unconfirmed.
    pub suggested: Vec<SuggestedFact>,
    /// How many such groups there were in all.
    pub suggested_total: usize,
}

/// A group of sentences the alignment matched across sources; no analyst has confirmed it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SuggestedFact {
    /// Always `"machine"`: the alignment found it.
    pub found_by: &'static str,
    /// Always false: not checked by the analyst (accepting it makes it a claim group).
    pub confirmed: bool,
    /// Its clearest sentence, shortened.
    pub title: String,
    /// The engine's confidence, 0–1, two decimals.
    pub confidence: f64,
    /// Source numbers with a sentence of it.
    pub found_in: Vec<usize>,
    /// Source numbers in which no sentence of it was found: not evidence that they left it out.
    pub not_found_in: Vec<usize>,
    /// One sentence per source in `found_in`.
    pub sentences: Vec<FactSentence>,
}

/// A source's sentence of a suggested fact.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactSentence {
    pub source: usize,
    /// Byte offsets into the article's canonical text.
    pub start: usize,
    pub end: usize,
    /// The sentence on one line.
    pub quote: String,
}

/// The most characters of a sentence the report quotes.
const QUOTE_CHARS: usize = 240;

/// Aligns `articles` (with their entity analysis) and gathers the section. `keys[doc]` is an
/// article's key in `notes` (re-anchored already), `claims` the report's claim groups.
pub fn build(
    articles: &[Article],
    entities: &EntityIndex,
    keys: &[String],
    notes: &Notes,
    claims: &[Claim],
) -> FactCoverage {
    let refs: Vec<&Article> = articles.iter().collect();
    let alignment = align(&refs, entities, &Options::default());
    let texts: Vec<&str> = articles.iter().map(|a| a.text.as_str()).collect();
    let (strongest, total) = facts::strongest(&alignment, &texts, keys, notes);
    let suggested = strongest
        .into_iter()
        .map(|s| {
            let found_in: Vec<usize> = s.sentences.iter().map(|(doc, _)| doc + 1).collect();
            let quotes: Vec<(usize, &str)> = s
                .sentences
                .iter()
                .filter_map(|(doc, range)| Some((*doc, texts.get(*doc)?.get(range.clone())?)))
                .collect();
            SuggestedFact {
                found_by: "machine",
                confirmed: false,
                title: facts::clearest(&quotes)
                    .map(|t| sanitize_line(&shorten(t, super::report::CLAIM_TITLE_CHARS)))
                    .unwrap_or_default(),
                confidence: (f64::from(s.group.confidence) * 100.0).round() / 100.0,
                not_found_in: (1..=articles.len()).filter(|n| !found_in.contains(n)).collect(),
                found_in,
                sentences: quotes
                    .iter()
                    .zip(&s.sentences)
                    .map(|((doc, text), (_, range))| FactSentence {
                        source: doc + 1,
                        start: range.start,
                        end: range.end,
                        quote: sanitize_line(&shorten(text, QUOTE_CHARS)),
                    })
                    .collect(),
            }
        })
        .collect();
    FactCoverage {
        claims: claims.iter().map(|c| c.id.clone()).collect(),
        suggested,
        suggested_total: total,
    }
}
