//! Finding an annotation again after its article's text changed. In order:
//! 1. **exact**: the old range still holds the quote;
//! 2. **moved**: the quote occurs elsewhere: the occurrence whose surroundings best match the
//!    saved context, then the nearest to the old position;
//! 3. **fuzzy**: a window similar to the quote (at least [`FUZZY_MIN_SIMILARITY`]) and clearly
//!    better than any other place (by [`FUZZY_MIN_MARGIN`]);
//! 4. **orphan**: none of these, with the reason. Never a silent guess.
//!
//! Fuzzy search is seeded, not exhaustive: chunks of the quote and its context are looked up
//! exactly, each hit votes for where the quote would start, and only the best-voted places are
//! scored. The cost stays linear in the text (a few substring scans) plus a bounded amount of
//! scoring, so a 2 MB article is fine.

use std::ops::Range;

use super::model::{Anchor, ArticleKey, Notes};
use super::similarity::BigramProfile;

/// The least quote similarity a fuzzy match needs.
pub const FUZZY_MIN_SIMILARITY: f64 = 0.75;
/// How much better (in combined score) the best fuzzy match must be than any other place.
pub const FUZZY_MIN_MARGIN: f64 = 0.08;
/// Quotes shorter than this (in characters) are matched exactly or not at all: a short string
/// is similar to too many places to trust.
pub const FUZZY_MIN_QUOTE_CHARS: usize = 8;

/// A chunk found more often than this says nothing about where the quote is.
const MAX_HITS_PER_CHUNK: usize = 32;
const MAX_QUOTE_CHUNKS: usize = 48;
const MAX_CONTEXT_CHUNKS: usize = 4;
const MAX_CANDIDATE_PLACES: usize = 16;
/// Exact occurrences considered in step 2.
const MAX_EXACT_OCCURRENCES: usize = 10_000;
/// How much of the combined score comes from the quote (the rest from the context).
const QUOTE_WEIGHT: f64 = 0.8;

/// What re-anchoring found.
#[derive(Debug, Clone, PartialEq)]
pub enum AnchorOutcome {
    /// The old range still holds the quote.
    Exact,
    /// The exact quote, at a new range.
    Moved { range: Range<usize> },
    /// A similar passage (`similarity` to the quote, `0.0..=1.0`).
    Fuzzy { range: Range<usize>, similarity: f64 },
    /// Not found; the annotation is kept and flagged.
    Orphan { reason: OrphanReason },
}

/// Why an annotation became an orphan.
#[derive(Debug, Clone, PartialEq)]
pub enum OrphanReason {
    /// Nothing resembling the quote is in the text.
    NotFound,
    /// The quote is too short to match approximately, and it is not in the text exactly.
    TooShort,
    /// The best place is not similar enough.
    TooDifferent { best_similarity: f64 },
    /// Two places are about equally good.
    Ambiguous { best_score: f64, runner_up_score: f64 },
}

impl AnchorOutcome {
    /// The range the annotation now covers in the new text (`None` for an orphan).
    pub fn range(&self, old: &Anchor) -> Option<Range<usize>> {
        match self {
            AnchorOutcome::Exact => Some(old.range()),
            AnchorOutcome::Moved { range } | AnchorOutcome::Fuzzy { range, .. } => Some(range.clone()),
            AnchorOutcome::Orphan { .. } => None,
        }
    }
}

/// Finds `anchor` in `text` (the article's current canonical text).
pub fn reanchor(anchor: &Anchor, text: &str) -> AnchorOutcome {
    if anchor.quote.is_empty() {
        return AnchorOutcome::Orphan {
            reason: OrphanReason::NotFound,
        };
    }
    if text.get(anchor.range()) == Some(anchor.quote.as_str()) {
        return AnchorOutcome::Exact;
    }
    if let Some(start) = best_exact_occurrence(anchor, text) {
        return AnchorOutcome::Moved {
            range: start..start + anchor.quote.len(),
        };
    }
    fuzzy(anchor, text)
}

/// Step 2: among exact occurrences, the best context match, then the nearest.
fn best_exact_occurrence(anchor: &Anchor, text: &str) -> Option<usize> {
    text.match_indices(anchor.quote.as_str())
        .take(MAX_EXACT_OCCURRENCES)
        .map(|(start, _)| start)
        .max_by_key(|&start| {
            let context = common_suffix_chars(&anchor.before, &text[..start])
                + common_prefix_chars(&anchor.after, &text[start + anchor.quote.len()..]);
            (context, std::cmp::Reverse(start.abs_diff(anchor.start)))
        })
}

fn common_suffix_chars(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

fn common_prefix_chars(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

#[derive(Debug, Clone)]
struct Candidate {
    range: Range<usize>,
    similarity: f64,
    score: f64,
}

/// Step 3, or 4 when it fails.
fn fuzzy(anchor: &Anchor, text: &str) -> AnchorOutcome {
    if anchor.quote.chars().count() < FUZZY_MIN_QUOTE_CHARS {
        return AnchorOutcome::Orphan {
            reason: OrphanReason::TooShort,
        };
    }
    let places = candidate_places(anchor, text);
    let scorer = Scorer::new(anchor, text);
    let mut candidates: Vec<Candidate> = places.into_iter().map(|start| scorer.refine(start)).collect();
    candidates.sort_by(|a, b| b.score.total_cmp(&a.score));
    let Some(best) = candidates.first() else {
        return AnchorOutcome::Orphan {
            reason: OrphanReason::NotFound,
        };
    };
    if best.similarity < FUZZY_MIN_SIMILARITY {
        return AnchorOutcome::Orphan {
            reason: OrphanReason::TooDifferent {
                best_similarity: best.similarity,
            },
        };
    }
    let runner_up = candidates
        .iter()
        .skip(1)
        .find(|other| other.range.end <= best.range.start || other.range.start >= best.range.end);
    if let Some(runner_up) = runner_up
        && best.score - runner_up.score < FUZZY_MIN_MARGIN
    {
        return AnchorOutcome::Orphan {
            reason: OrphanReason::Ambiguous {
                best_score: best.score,
                runner_up_score: runner_up.score,
            },
        };
    }
    AnchorOutcome::Fuzzy {
        range: best.range.clone(),
        similarity: best.similarity,
    }
}

/// Where the quote might start now: exact hits of chunks of the quote and its context vote for
/// a start; nearby votes are pooled; the best-voted places are returned.
fn candidate_places(anchor: &Anchor, text: &str) -> Vec<usize> {
    let quote_chars = anchor.quote.chars().count();
    let chunk_chars = (quote_chars / 6).clamp(5, 12);
    let mut votes: Vec<usize> = Vec::new();
    let mut vote_for = |chunk: &str, start_from_hit: &dyn Fn(usize) -> Option<usize>| {
        let hits: Vec<usize> = text
            .match_indices(chunk)
            .take(MAX_HITS_PER_CHUNK + 1)
            .map(|(at, _)| at)
            .collect();
        if hits.len() <= MAX_HITS_PER_CHUNK {
            votes.extend(hits.into_iter().filter_map(start_from_hit));
        }
    };
    for (offset, chunk) in chunks(&anchor.quote, chunk_chars, chunk_chars / 2, MAX_QUOTE_CHUNKS) {
        vote_for(chunk, &|hit| hit.checked_sub(offset));
    }
    let before_len = anchor.before.len();
    for (offset, chunk) in chunks(&anchor.before, chunk_chars, chunk_chars, MAX_CONTEXT_CHUNKS) {
        vote_for(chunk, &|hit| Some(hit + before_len - offset));
    }
    let quote_len = anchor.quote.len();
    for (offset, chunk) in chunks(&anchor.after, chunk_chars, chunk_chars, MAX_CONTEXT_CHUNKS) {
        vote_for(chunk, &|hit| hit.checked_sub(offset + quote_len));
    }
    votes.sort_unstable();
    let radius = (quote_len / 2).max(16);
    let mut places: Vec<(usize, usize)> = Vec::new(); // (votes, median start)
    let mut group_start = 0;
    for index in 1..=votes.len() {
        if index == votes.len() || votes[index] - votes[index - 1] > radius {
            let group = &votes[group_start..index];
            if !group.is_empty() {
                places.push((group.len(), group[group.len() / 2]));
            }
            group_start = index;
        }
    }
    places.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    places
        .into_iter()
        .take(MAX_CANDIDATE_PLACES)
        .map(|(_, start)| start)
        .collect()
}

/// Up to `limit` chunks of `chunk_chars` characters, `step_chars` apart, spread evenly over `s`,
/// with their byte offsets.
fn chunks(s: &str, chunk_chars: usize, step_chars: usize, limit: usize) -> Vec<(usize, &str)> {
    let boundaries: Vec<usize> = s.char_indices().map(|(i, _)| i).chain([s.len()]).collect();
    let char_count = boundaries.len() - 1;
    if char_count < chunk_chars {
        return Vec::new();
    }
    let all: Vec<(usize, &str)> = (0..=char_count - chunk_chars)
        .step_by(step_chars.max(1))
        .map(|first| {
            let (from, to) = (boundaries[first], boundaries[first + chunk_chars]);
            (from, &s[from..to])
        })
        .collect();
    if all.len() <= limit {
        return all;
    }
    (0..limit).map(|i| all[i * all.len() / limit]).collect()
}

/// Scores windows of the text against the quote and its context.
struct Scorer<'a> {
    text: &'a str,
    quote: BigramProfile,
    quote_len: usize,
    before: BigramProfile,
    before_chars: usize,
    after: BigramProfile,
    after_chars: usize,
}

impl<'a> Scorer<'a> {
    fn new(anchor: &Anchor, text: &'a str) -> Self {
        Self {
            text,
            quote: BigramProfile::new(&anchor.quote),
            quote_len: anchor.quote.len(),
            before: BigramProfile::new(&anchor.before),
            before_chars: anchor.before.chars().count(),
            after: BigramProfile::new(&anchor.after),
            after_chars: anchor.after.chars().count(),
        }
    }

    /// The best window near `start`: a coarse scan of starts, then of ends, each narrowed by
    /// halving steps. Assumes the score rises towards the true place, which holds near it.
    fn refine(&self, start: usize) -> Candidate {
        let slack = (self.quote_len / 4).clamp(16, 512);
        let start = floor_boundary(self.text, start.min(self.text.len()));
        let mut best = self.score(start, start + self.quote_len);
        let search = |best: &mut Candidate, move_start: bool| {
            let mut step = (slack / 8).max(1);
            let around = if move_start {
                best.range.start
            } else {
                best.range.end
            };
            for k in 0..=16usize {
                let Some(position) = (around + k * step).checked_sub(slack) else {
                    continue;
                };
                self.consider(best, move_start, position);
            }
            while step > 1 {
                step /= 2;
                let around = if move_start {
                    best.range.start
                } else {
                    best.range.end
                };
                for position in [around.saturating_sub(step), around + step] {
                    self.consider(best, move_start, position);
                }
            }
        };
        search(&mut best, true);
        search(&mut best, false);
        best
    }

    fn consider(&self, best: &mut Candidate, move_start: bool, position: usize) {
        let (start, end) = if move_start {
            (position, best.range.end)
        } else {
            (best.range.start, position)
        };
        let candidate = self.score(start, end);
        if candidate.score > best.score {
            *best = candidate;
        }
    }

    fn score(&self, start: usize, end: usize) -> Candidate {
        let start = floor_boundary(self.text, start.min(self.text.len()));
        let end = floor_boundary(self.text, end.min(self.text.len())).max(start);
        let similarity = self.quote.dice(&self.text[start..end]);
        let before = chars_before(self.text, start, self.before_chars);
        let after = chars_after(self.text, end, self.after_chars);
        let context = match (self.before_chars, self.after_chars) {
            (0, 0) => similarity,
            (0, _) => self.after.dice(after),
            (_, 0) => self.before.dice(before),
            _ => f64::midpoint(self.before.dice(before), self.after.dice(after)),
        };
        Candidate {
            range: start..end,
            similarity,
            score: QUOTE_WEIGHT * similarity + (1.0 - QUOTE_WEIGHT) * context,
        }
    }
}

fn floor_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

fn chars_before(text: &str, end: usize, count: usize) -> &str {
    let start = text[..end]
        .char_indices()
        .rev()
        .nth(count.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    if count == 0 { "" } else { &text[start..end] }
}

fn chars_after(text: &str, start: usize, count: usize) -> &str {
    let end = text[start..]
        .char_indices()
        .nth(count)
        .map_or(text.len(), |(i, _)| start + i);
    &text[start..end]
}

impl Notes {
    /// Re-anchors the annotations of `key.path` in `text`, its current canonical text, when the
    /// text changed since the notes were written (and retries orphans in any case). Moved and
    /// fuzzy anchors are rewritten from the new text; orphans keep their last anchor and are
    /// flagged. Updates the stored text hash. Returns what happened to each annotation looked at.
    ///
    /// Not an undoable edit: run it when an article is loaded, before the session's edits.
    pub fn reanchor_article(&mut self, key: &ArticleKey, text: &str) -> Vec<(String, AnchorOutcome)> {
        let Some(article) = self.article_mut(&key.path) else {
            return Vec::new();
        };
        let text_changed = article.text_hash != key.text_hash;
        let mut outcomes = Vec::new();
        for annotation in &mut article.annotations {
            if !text_changed && !annotation.orphan {
                continue;
            }
            let outcome = reanchor(&annotation.anchor, text);
            match outcome
                .range(&annotation.anchor)
                .and_then(|range| Anchor::new(text, range))
            {
                Some(anchor) => {
                    annotation.anchor = anchor;
                    annotation.orphan = false;
                }
                None => annotation.orphan = true,
            }
            outcomes.push((annotation.id.clone(), outcome));
        }
        article.text_hash.clone_from(&key.text_hash);
        article.sort_annotations();
        outcomes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARTICLE: &str = "On Monday the foreign minister resigned after weeks of protests in the capital. \
        Officials said the decision was final. Opposition leaders welcomed the move but demanded elections.";

    fn anchor_of(text: &str, quote: &str) -> Anchor {
        let start = text.find(quote).expect("quote in text");
        Anchor::new(text, start..start + quote.len()).expect("valid")
    }

    #[test]
    fn unchanged_text_is_exact() {
        let anchor = anchor_of(ARTICLE, "the foreign minister resigned");
        assert_eq!(reanchor(&anchor, ARTICLE), AnchorOutcome::Exact);
    }

    #[test]
    fn text_inserted_before_moves_the_anchor() {
        let anchor = anchor_of(ARTICLE, "the decision was final");
        let edited = format!("UPDATE 2: {ARTICLE}");
        let outcome = reanchor(&anchor, &edited);
        let range = outcome.range(&anchor).expect("found");
        assert!(matches!(outcome, AnchorOutcome::Moved { .. }));
        assert_eq!(&edited[range], "the decision was final");
    }

    #[test]
    fn repeated_quote_prefers_matching_context_over_nearness() {
        let text = "he said no. Later, asked again, he said no. Finally he said yes.";
        let second = text.match_indices("he said no").nth(1).expect("present").0;
        let anchor = Anchor::new(text, second..second + 10).expect("valid");
        // The prefix shifts the first occurrence right next to the old position of the second.
        let edited = format!("An introduction of some forty bytes ... {text}");
        let range = reanchor(&anchor, &edited).range(&anchor).expect("found");
        assert_eq!(&edited[range.start - 13..range.start], "asked again, ");
    }

    #[test]
    fn reworded_quote_is_fuzzy_and_similar() {
        let anchor = anchor_of(ARTICLE, "the foreign minister resigned after weeks of protests");
        let edited = ARTICLE.replace("resigned after weeks", "resigned after several weeks");
        match reanchor(&anchor, &edited) {
            AnchorOutcome::Fuzzy { range, similarity } => {
                assert!(similarity >= FUZZY_MIN_SIMILARITY);
                assert!(edited[range].contains("minister resigned after several weeks"));
            }
            other => panic!("expected fuzzy, got {other:?}"),
        }
    }

    #[test]
    fn removed_passage_is_an_orphan() {
        let anchor = anchor_of(ARTICLE, "Opposition leaders welcomed the move");
        let edited = ARTICLE.replace("Opposition leaders welcomed the move but demanded elections.", "");
        assert!(matches!(reanchor(&anchor, &edited), AnchorOutcome::Orphan { .. }));
    }

    #[test]
    fn two_equally_good_places_are_ambiguous_not_guessed() {
        let quote = "the minister resigned on Monday";
        let text = format!("xx {quote} yy");
        let anchor = anchor_of(&text, quote);
        let edited = "the minister resigned on Tuesday. zz. the minister resigned on Tuesday";
        assert!(matches!(
            reanchor(&anchor, edited),
            AnchorOutcome::Orphan {
                reason: OrphanReason::Ambiguous { .. }
            }
        ));
    }

    #[test]
    fn large_text_stays_fast() {
        let filler = (0..40_000).fold(String::new(), |mut filler, i| {
            use std::fmt::Write as _;
            let _ = write!(filler, "word{} ", i % 977);
            filler
        });
        let quote = "the foreign minister resigned after weeks of protests";
        let text = format!("{filler}{quote}{filler}");
        assert!(text.len() > 500_000);
        let anchor = anchor_of(&text, quote);
        let edited = text.replace("after weeks", "after many weeks");
        let started = std::time::Instant::now();
        let outcome = reanchor(&anchor, &edited);
        assert!(matches!(outcome, AnchorOutcome::Fuzzy { .. }), "{outcome:?}");
        assert!(started.elapsed().as_secs() < 5, "took {:?}", started.elapsed());
    }

    #[test]
    fn reanchor_article_rewrites_moved_anchors_and_flags_orphans() {
        use crate::annotation::edit::Edit;
        let mut notes = Notes::default();
        let key = ArticleKey::new("a.txt", ARTICLE);
        for quote in ["the decision was final", "Opposition leaders welcomed the move"] {
            let edit = Edit::AddAnnotation {
                article: key.clone(),
                id: notes.next_annotation_id(),
                anchor: anchor_of(ARTICLE, quote),
                tags: vec![],
                note: String::new(),
            };
            notes.apply(&edit, "2025-01-01T00:00:00Z").expect("add");
        }
        let edited = format!(
            "Breaking. {}",
            ARTICLE.replace("Opposition leaders welcomed the move but", "")
        );
        let new_key = ArticleKey::new("a.txt", &edited);
        let outcomes = notes.reanchor_article(&new_key, &edited);
        assert_eq!(outcomes.len(), 2);
        let article = notes.article("a.txt").expect("present");
        assert_eq!(article.text_hash, new_key.text_hash);
        let moved = article.annotations.iter().find(|a| a.id == "a1").expect("a1");
        assert_eq!(&edited[moved.anchor.range()], "the decision was final");
        assert!(!moved.orphan);
        let orphan = article.annotations.iter().find(|a| a.id == "a2").expect("a2");
        assert!(orphan.orphan);
        assert_eq!(orphan.anchor.quote, "Opposition leaders welcomed the move");
    }
}
