//! The data of an export, gathered once for all formats: sources with their metadata and bias,
//! claim groups, annotations, entity coverage. Every string that came from an article or the
//! notes is made terminal-safe here, so the renderers only have to escape for their format.
//!
//! Orders are fixed (sources as given, annotations by position, entities by coverage then label)
//! so the same case always exports to the same bytes.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use crate::annotation::location::article_key;
use crate::annotation::{ArticleKey, Bias, Notes, Origin, OutletBias, Stance, effective_bias};
use crate::article::Article;
use crate::article::sanitize::{sanitize_line, sanitize_text};
use crate::entity::{EntityIndex, Kind};

/// Version of the export's JSON schema (see `docs/export-json.md`), independent of the notes
/// file's schema. 2: a claim's `omitted_by` holds only the sources the analyst marked, the others
/// are `not_linked`; case and claim titles, export date, tag legend. 3: `coverage_of_facts` (the
/// analyst's claim groups and the strongest machine-found, unconfirmed groups) and how each
/// claim link was made (`origin`).
pub const EXPORT_SCHEMA_VERSION: u32 = 3;

/// What an export needs besides the case: the day it is made and what the tags mean. Given by
/// the caller so that building the report stays pure.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportContext {
    /// The export's date, `YYYY-MM-DD` (empty: not shown).
    pub exported: String,
    /// Tag name → what it means (`[[tags]] description` in the config).
    pub tag_descriptions: BTreeMap<String, String>,
}

/// Everything an export shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub schema_version: u32,
    /// The case's title: the analyst's (`:case-title`), else made of the headlines' common words.
    pub title: String,
    /// Whether `title` is the analyst's own.
    pub title_set_by_analyst: bool,
    /// The export's date, `YYYY-MM-DD`.
    pub exported: String,
    /// Every tag used on the exported articles' annotations, by name.
    pub tags: Vec<TagEntry>,
    /// The articles, in the order they were given.
    pub sources: Vec<Source>,
    /// Claim groups with at least one member in the exported articles, ordered by id.
    pub claims: Vec<Claim>,
    /// Which sources report each fact: the claim groups, and the strongest groups the alignment
    /// found that none covers (machine-found, unconfirmed).
    pub coverage_of_facts: super::coverage::FactCoverage,
    /// Every annotation of the exported articles (orphans too), by source then text position.
    pub annotations: Vec<AnnotationEntry>,
    /// Every entity, most widely covered first.
    pub entities: Vec<EntityRow>,
    /// How each source labels the main actors (the framing lens), most widely covered first.
    pub labels: Vec<super::labels::LabelRow>,
    /// Articles the notes file has entries for that are not part of this export.
    pub notes_for_other_articles: Vec<String>,
}

/// One article and what the analyst said about its source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    /// 1-based position in the export.
    pub number: usize,
    /// The article's path as the notes name it (relative to the notes file, `/` separators).
    pub path: String,
    /// From the notes' overrides, else the text's metadata, else the file name.
    pub outlet: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub byline: Option<String>,
    /// Where the page was read: the final URL its provenance record gives (`parallax add`),
    /// else the page's own canonical or `og:url`; None for a file with neither.
    pub url: Option<String>,
    /// When it was retrieved (RFC 3339 UTC), from its provenance record.
    pub retrieved: Option<String>,
    /// The bias shown for the article: its own tag over its outlet's default, part by part.
    pub bias: SourceBias,
    /// The outlet's default bias that `bias` fell back on, as the outlet-defaults file holds it
    /// (None when the outlet has none).
    pub outlet_bias: Option<SourceBias>,
    /// Some part of `bias` comes from `outlet_bias`, not from the article's own tag.
    pub bias_from_outlet: bool,
    /// The analyst's note on the whole article.
    pub note: String,
}

/// A bias tag as exported.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SourceBias {
    /// Axis → position.
    pub scale: BTreeMap<String, String>,
    /// 1 (unreliable) to 5 (very reliable).
    pub reliability: Option<u8>,
    pub labels: Vec<String>,
    pub note: String,
}

impl From<&Bias> for SourceBias {
    fn from(bias: &Bias) -> Self {
        Self {
            scale: bias
                .scale
                .iter()
                .map(|(axis, position)| (sanitize_line(axis), sanitize_line(position)))
                .collect(),
            reliability: bias.reliability.map(crate::annotation::Reliability::get),
            labels: bias.labels.iter().map(|l| sanitize_line(l)).collect(),
            note: sanitize_text(&bias.note),
        }
    }
}

impl SourceBias {
    pub fn is_empty(&self) -> bool {
        self.scale.is_empty() && self.reliability.is_none() && self.labels.is_empty() && self.note.is_empty()
    }

    /// A one-line summary: `left-right: right; reliability 2/5; labels: state media`.
    pub fn summary(&self) -> String {
        let mut parts: Vec<String> = self
            .scale
            .iter()
            .map(|(axis, position)| format!("{axis}: {position}"))
            .collect();
        if let Some(reliability) = self.reliability {
            parts.push(format!("reliability {reliability}/5"));
        }
        if !self.labels.is_empty() {
            parts.push(format!("labels: {}", self.labels.join(", ")));
        }
        parts.join("; ")
    }
}

/// One annotation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnnotationEntry {
    pub id: String,
    /// The [`Source::number`] of its article.
    pub source: usize,
    /// Byte offsets into the article's canonical text (the last known ones for an orphan).
    pub start: usize,
    pub end: usize,
    /// The annotated passage (line breaks kept).
    pub quote: String,
    pub tags: Vec<String>,
    pub note: String,
    pub created: String,
    pub modified: String,
    /// The passage was not found in the article's current text.
    pub orphan: bool,
    /// The claim group it belongs to, and its stance towards the group's reference claim.
    pub claim: Option<String>,
    pub stance: Option<Stance>,
    /// How its link into that group was made: by the analyst, or by accepting a suggestion.
    pub origin: Option<Origin>,
}

/// A tag of the legend.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TagEntry {
    pub name: String,
    /// What the tag means, from the config; None when it gives no description.
    pub description: Option<String>,
    /// How many exported annotations carry it.
    pub count: usize,
}

/// A claim group, as far as the exported articles go.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Claim {
    pub id: String,
    /// The analyst's title, else the reference claim's quote shortened.
    pub title: String,
    pub title_set_by_analyst: bool,
    /// Members in the exported articles, reference claim first when it is among them.
    pub members: Vec<ClaimMemberEntry>,
    /// Source numbers of the articles with a member that reports the claim (the reference,
    /// `same` or `adds-detail`).
    pub reported_by: Vec<usize>,
    /// Source numbers of the articles whose members all contradict it.
    pub contradicted_by: Vec<usize>,
    /// Source numbers of the articles the analyst marked as leaving the claim out (`:omits`).
    pub omitted_by: Vec<usize>,
    /// Source numbers of the articles with no member in the group and no such mark.
    pub not_linked: Vec<usize>,
    /// Some of its links were made by accepting a group the alignment suggested.
    pub linked_from_suggestion: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimMemberEntry {
    /// An [`AnnotationEntry::id`].
    pub annotation: String,
    pub source: usize,
    pub stance: Stance,
    /// Whether this member is the group's reference claim (its first member).
    pub reference: bool,
    /// `analyst` (linked by hand) or `suggested` (accepted from the alignment's suggestion).
    pub origin: Origin,
}

/// One entity and how often each source mentions it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityRow {
    pub label: String,
    pub kind: Kind,
    /// Mention counts, one per source, in source order.
    pub mentions: Vec<usize>,
    /// How many sources mention it at all.
    pub sources: usize,
}

impl EntityRow {
    pub fn total_mentions(&self) -> usize {
        self.mentions.iter().sum()
    }
}

/// Gathers the report. `notes_dir` is the notes file's directory: article keys are relative to
/// it. Annotations are re-anchored against the articles' current text first (as the reader
/// does), so an export shows what the reader shows.
pub fn build_report(
    articles: &[Article],
    notes: &Notes,
    outlets: &OutletBias,
    entities: &EntityIndex,
    notes_dir: &Path,
    context: &ReportContext,
) -> Report {
    let keys: Vec<String> = articles.iter().map(|a| article_key(notes_dir, &a.path)).collect();
    let notes = reanchored(notes, articles, &keys);
    let sources: Vec<Source> = articles
        .iter()
        .zip(&keys)
        .enumerate()
        .map(|(index, (article, key))| source(index + 1, article, key, &notes, outlets))
        .collect();
    let annotations = annotations(&notes, &keys);
    let claims = claims(&notes, &keys, &annotations);
    let annotations = with_claims(annotations, &claims);
    let coverage_of_facts = super::coverage::build(articles, entities, &keys, &notes, &claims);
    let (title, title_set_by_analyst) = match notes.case_title.as_deref().map(str::trim) {
        Some(title) if !title.is_empty() => (sanitize_line(title), true),
        _ => (super::title::from_headlines(&sources), false),
    };
    let notes_for_other_articles = notes
        .articles
        .iter()
        .filter(|entry| !keys.contains(&entry.path))
        .map(|entry| sanitize_line(&entry.path))
        .collect();
    Report {
        schema_version: EXPORT_SCHEMA_VERSION,
        title,
        title_set_by_analyst,
        exported: sanitize_line(&context.exported),
        tags: tag_legend(&annotations, &context.tag_descriptions),
        sources,
        claims,
        coverage_of_facts,
        annotations,
        entities: entity_rows(entities, articles.len()),
        labels: super::labels::label_rows(articles, entities),
        notes_for_other_articles,
    }
}

fn reanchored(notes: &Notes, articles: &[Article], keys: &[String]) -> Notes {
    let mut notes = notes.clone();
    for (article, key) in articles.iter().zip(keys) {
        notes.reanchor_article(&ArticleKey::new(key.clone(), &article.text), &article.text);
    }
    notes
}

fn source(number: usize, article: &Article, key: &str, notes: &Notes, outlets: &OutletBias) -> Source {
    let entry = notes.article(key);
    let overrides = entry.map(|e| &e.overrides);
    let pick = |overridden: Option<&String>, detected: &Option<String>| {
        overridden.or(detected.as_ref()).map(|value| sanitize_line(value))
    };
    let outlet_name = overrides
        .and_then(|o| o.outlet.as_ref())
        .or(article.meta.outlet.as_ref())
        .map(|name| sanitize_line(name.trim()));
    let outlet_bias = outlet_name.and_then(|name| outlets.get(&name));
    let own = entry.map(|e| e.bias.clone()).unwrap_or_default();
    let bias = effective_bias(&own, outlet_bias);
    Source {
        number,
        path: sanitize_line(key),
        outlet: sanitize_line(
            &overrides
                .and_then(|o| o.outlet.clone())
                .unwrap_or_else(|| article.outlet_or_file_name()),
        ),
        title: pick(overrides.and_then(|o| o.title.as_ref()), &article.meta.title),
        date: pick(overrides.and_then(|o| o.date.as_ref()), &article.meta.date),
        byline: article.meta.byline.as_deref().map(sanitize_line),
        url: overrides
            .and_then(|o| o.url.as_deref())
            .or(article.meta.url.as_deref())
            .map(sanitize_line),
        retrieved: article.meta.retrieved.as_deref().map(sanitize_line),
        bias: SourceBias::from(&bias),
        outlet_bias: outlet_bias.map(SourceBias::from),
        bias_from_outlet: bias != own,
        note: entry.map(|e| sanitize_text(&e.note)).unwrap_or_default(),
    }
}

fn annotations(notes: &Notes, keys: &[String]) -> Vec<AnnotationEntry> {
    let mut entries = Vec::new();
    for (index, key) in keys.iter().enumerate() {
        let Some(entry) = notes.article(key) else {
            continue;
        };
        let mut annotations: Vec<_> = entry.annotations.iter().collect();
        annotations.sort_by(|a, b| {
            (a.anchor.start, a.anchor.end, &a.id).cmp(&(b.anchor.start, b.anchor.end, &b.id))
        });
        entries.extend(annotations.into_iter().map(|a| AnnotationEntry {
            id: sanitize_line(&a.id),
            source: index + 1,
            start: a.anchor.start,
            end: a.anchor.end,
            quote: sanitize_text(&a.anchor.quote),
            tags: a.tags.iter().map(|t| sanitize_line(t)).collect(),
            note: sanitize_text(&a.note),
            created: sanitize_line(&a.created),
            modified: sanitize_line(&a.modified),
            orphan: a.orphan,
            claim: None,
            stance: None,
            origin: None,
        }));
    }
    entries
}

fn claims(notes: &Notes, keys: &[String], annotations: &[AnnotationEntry]) -> Vec<Claim> {
    let key_refs: Vec<&str> = keys.iter().map(String::as_str).collect();
    let find = |annotation: &str| {
        let id = sanitize_line(annotation);
        annotations.iter().find(|a| a.id == id)
    };
    let number_of = |path: &String| keys.iter().position(|k| k == path).map(|i| i + 1);
    let mut claims: Vec<Claim> = notes
        .claims
        .iter()
        .filter_map(|group| {
            let members: Vec<ClaimMemberEntry> = group
                .members
                .iter()
                .enumerate()
                .filter_map(|(position, member)| {
                    Some(ClaimMemberEntry {
                        source: find(&member.annotation)?.source,
                        annotation: sanitize_line(&member.annotation),
                        stance: member.stance,
                        reference: position == 0,
                        origin: member.origin,
                    })
                })
                .collect();
            if members.is_empty() {
                return None;
            }
            let coverage = notes.claim_coverage(&group.id, &key_refs)?;
            let (mut reported_by, mut contradicted_by) = (Vec::new(), Vec::new());
            for number in 1..=keys.len() {
                let mut own = members.iter().filter(|m| m.source == number).peekable();
                if own.peek().is_none() {
                    continue;
                }
                if own.all(|m| m.stance == Stance::Contradicts && !m.reference) {
                    contradicted_by.push(number);
                } else {
                    reported_by.push(number);
                }
            }
            let (title, title_set_by_analyst) = match group.title.as_deref().map(str::trim) {
                Some(title) if !title.is_empty() => (sanitize_line(title), true),
                _ => {
                    let first = members.first().and_then(|m| find(&m.annotation));
                    (
                        first
                            .map(|a| shorten(&a.quote, CLAIM_TITLE_CHARS))
                            .unwrap_or_default(),
                        false,
                    )
                }
            };
            let linked_from_suggestion = members.iter().any(|m| m.origin == Origin::Suggested);
            Some(Claim {
                id: sanitize_line(&group.id),
                title,
                title_set_by_analyst,
                members,
                reported_by,
                contradicted_by,
                omitted_by: coverage.omitting.iter().filter_map(number_of).collect(),
                not_linked: coverage.not_linked.iter().filter_map(number_of).collect(),
                linked_from_suggestion,
            })
        })
        .collect();
    claims.sort_by_key(|claim| natural_id(&claim.id));
    claims
}

/// The most characters of a quote a claim's title keeps.
pub(crate) const CLAIM_TITLE_CHARS: usize = 80;

/// `text` on one line, cut at a word boundary to at most `max` characters with an ellipsis.
pub(crate) fn shorten(text: &str, max: usize) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= max {
        return line;
    }
    let cut: String = line.chars().take(max.saturating_sub(1)).collect();
    let at_word = match cut.rfind(' ') {
        Some(space) if space > cut.len() / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{}…", at_word.trim_end_matches([',', ';', ':', ' ']))
}

/// The tags used on `annotations`, by name, with how often and what they mean.
fn tag_legend(annotations: &[AnnotationEntry], descriptions: &BTreeMap<String, String>) -> Vec<TagEntry> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for annotation in annotations {
        for tag in &annotation.tags {
            *counts.entry(tag.as_str()).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .map(|(name, count)| TagEntry {
            name: name.to_owned(),
            description: descriptions.get(name).map(|d| sanitize_line(d)),
            count,
        })
        .collect()
}

/// Sort key for ids like `c2` < `c10`.
fn natural_id(id: &str) -> (String, u64, String) {
    let digits_at = id.find(|c: char| c.is_ascii_digit()).unwrap_or(id.len());
    let (prefix, rest) = id.split_at(digits_at);
    (prefix.to_owned(), rest.parse().unwrap_or(u64::MAX), id.to_owned())
}

fn with_claims(mut annotations: Vec<AnnotationEntry>, claims: &[Claim]) -> Vec<AnnotationEntry> {
    for annotation in &mut annotations {
        if let Some((claim, member)) = claims.iter().find_map(|c| {
            c.members
                .iter()
                .find(|m| m.annotation == annotation.id)
                .map(|m| (c, m))
        }) {
            annotation.claim = Some(claim.id.clone());
            annotation.stance = Some(member.stance);
            annotation.origin = Some(member.origin);
        }
    }
    annotations
}

fn entity_rows(index: &EntityIndex, source_count: usize) -> Vec<EntityRow> {
    let mut rows: Vec<EntityRow> = index
        .entities
        .iter()
        .map(|entity| {
            let mut mentions = vec![0; source_count];
            for mention in &entity.mentions {
                if let Some(count) = mentions.get_mut(mention.doc) {
                    *count += 1;
                }
            }
            EntityRow {
                label: sanitize_line(&entity.label),
                kind: entity.kind,
                sources: mentions.iter().filter(|&&n| n > 0).count(),
                mentions,
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        b.sources
            .cmp(&a.sources)
            .then(b.total_mentions().cmp(&a.total_mentions()))
            .then_with(|| a.label.cmp(&b.label))
            .then(a.kind.cmp(&b.kind))
    });
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::{Entity, Mention, Reason};

    #[test]
    fn entities_are_counted_per_source_and_sorted_by_coverage() {
        let entity = |label: &str, docs: &[usize]| Entity {
            label: label.into(),
            kind: Kind::Person,
            reason: Reason::Exact,
            mentions: docs.iter().map(|&doc| Mention { doc, range: 0..1 }).collect(),
        };
        let index = EntityIndex {
            entities: vec![
                entity("Zed", &[0, 1]),
                entity("Alpha", &[0]),
                entity("Beta", &[0, 0, 2]),
            ],
        };
        let rows = entity_rows(&index, 3);
        let labels: Vec<&str> = rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(labels, ["Beta", "Zed", "Alpha"]);
        assert_eq!(rows[0].mentions, [2, 0, 1]);
        assert_eq!(rows[0].sources, 2);
    }

    #[test]
    fn claim_ids_sort_numerically() {
        let mut ids = ["c10", "c2", "c1"];
        ids.sort_by_key(|id| natural_id(id));
        assert_eq!(ids, ["c1", "c2", "c10"]);
    }

    #[test]
    fn missing_notes_give_sources_without_annotations() {
        let articles = [Article::plain("dir/a.txt", "Some text.")];
        let report = build_report(
            &articles,
            &Notes::default(),
            &crate::annotation::OutletBias::default(),
            &EntityIndex::default(),
            Path::new("dir"),
            &crate::export::ReportContext::default(),
        );
        assert_eq!(report.sources[0].path, "a.txt");
        assert_eq!(report.sources[0].outlet, "a.txt");
        assert!(report.annotations.is_empty() && report.claims.is_empty());
    }
}
