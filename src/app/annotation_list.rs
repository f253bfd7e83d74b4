//! The annotations panel's content: every annotation as a row, claim groups first under a
//! heading saying which open sources report the claim and which omit it, then the others, then
//! the orphans. Built once when the panel opens (it cannot change while open), so that drawing
//! and moving in it do not rebuild and sort every annotation.

use crate::annotation::Stance;
use crate::app::App;

/// The panel's rows (its cursor indexes them) and the lines they are drawn as.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AnnotationList {
    pub rows: Vec<AnnotationRow>,
    pub lines: Vec<PanelLine>,
}

impl AnnotationList {
    pub fn build(app: &App) -> Self {
        let rows = rows(app);
        let lines = panel_lines(app, &rows);
        Self { rows, lines }
    }
}

/// One annotation in the annotations panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnnotationRow {
    pub id: String,
    /// The article's notes key.
    pub path: String,
    pub outlet: String,
    pub start: usize,
    pub tags: Vec<String>,
    pub quote: String,
    pub note: String,
    /// The claim group and the annotation's stance towards the group's first claim.
    pub claim: Option<(String, Stance)>,
    pub orphan: bool,
}

/// Every annotation: claim groups first (each group's members together), then the others by
/// pane order and text order, orphans last. The panel's cursor indexes this list.
fn rows(app: &App) -> Vec<AnnotationRow> {
    let notes = &app.notes.notes;
    // Annotation id → (group index, stance), built once: looking each up in every group would
    // be quadratic on a large case.
    let mut membership: std::collections::HashMap<&str, (usize, Stance)> = std::collections::HashMap::new();
    for (g, group) in notes.claims.iter().enumerate() {
        for member in &group.members {
            membership.insert(member.annotation.as_str(), (g, member.stance));
        }
    }
    let mut rows: Vec<((bool, usize, usize), AnnotationRow)> = Vec::new();
    for article in &notes.articles {
        let pane = app.panes.iter().position(|p| p.key.path == article.path);
        let outlet = pane.map_or_else(|| article.path.clone(), |i| app.panes[i].outlet());
        for a in &article.annotations {
            let member = membership.get(a.id.as_str()).copied();
            let group = member.map(|(g, _)| g);
            let claim = member.map(|(g, stance)| (notes.claims[g].id.clone(), stance));
            let order = (a.orphan, group.unwrap_or(usize::MAX), pane.unwrap_or(usize::MAX));
            rows.push((
                order,
                AnnotationRow {
                    id: a.id.clone(),
                    path: article.path.clone(),
                    outlet: outlet.clone(),
                    start: a.anchor.start,
                    tags: a.tags.clone(),
                    quote: a.anchor.quote.clone(),
                    note: a.note.clone(),
                    claim,
                    orphan: a.orphan,
                },
            ));
        }
    }
    rows.sort_by(|(a_order, a), (b_order, b)| a_order.cmp(b_order).then(a.start.cmp(&b.start)));
    rows.into_iter().map(|(_, r)| r).collect()
}

/// A line of the panel: a section heading, or the annotation `rows()[i]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PanelLine {
    Heading(String),
    Row(usize),
    /// Text that is not an annotation (an article's note).
    Text(String),
}

/// The panel's lines: a heading over each claim group saying which open sources report it and
/// which omit it, one over the other annotations, one over the orphans.
fn panel_lines(app: &App, rows: &[AnnotationRow]) -> Vec<PanelLine> {
    let mut panes: Vec<&crate::app::Pane> = app.panes.iter().collect();
    panes.sort_by_key(|p| p.order);
    let paths: Vec<&str> = panes.iter().map(|p| p.key.path.as_str()).collect();
    let outlet_of = |path: &str| {
        panes
            .iter()
            .find(|p| p.key.path == path)
            .map_or_else(|| path.to_owned(), |p| p.outlet())
    };
    let mut lines = Vec::with_capacity(rows.len() + 4);
    let mut section: Option<Option<&str>> = None;
    let mut orphans_started = false;
    for (i, row) in rows.iter().enumerate() {
        if row.orphan {
            if !orphans_started {
                lines.push(PanelLine::Heading(
                    "Orphans: no longer found in the article's text".to_owned(),
                ));
                orphans_started = true;
            }
        } else {
            let claim = row.claim.as_ref().map(|(id, _)| id.as_str());
            if section != Some(claim) {
                section = Some(claim);
                let heading = match claim {
                    Some(id) => claim_heading(app, id, &paths, &outlet_of),
                    None => "Other annotations".to_owned(),
                };
                lines.push(PanelLine::Heading(heading));
            }
        }
        lines.push(PanelLine::Row(i));
    }
    article_notes(app, &panes, &mut lines);
    lines
}

/// "Article notes", then one line per open article with a note: its outlet and the note's
/// lines joined.
fn article_notes(app: &App, panes: &[&crate::app::Pane], lines: &mut Vec<PanelLine>) {
    let notes: Vec<String> = panes
        .iter()
        .filter_map(|pane| {
            let note = &app.notes.notes.article(&pane.key.path)?.note;
            let note = note.split_whitespace().collect::<Vec<_>>().join(" ");
            (!note.is_empty()).then(|| format!("{}: {note}", pane.outlet()))
        })
        .collect();
    if notes.is_empty() {
        return;
    }
    lines.push(PanelLine::Heading("Article notes".to_owned()));
    lines.extend(notes.into_iter().map(PanelLine::Text));
}

/// "Claim c1 · reported by 2 of 5: A, B · linked from a suggestion · omitted by: C · not linked:
/// D, E".
fn claim_heading(app: &App, id: &str, paths: &[&str], outlet_of: &dyn Fn(&str) -> String) -> String {
    let Some(coverage) = app.notes.notes.claim_coverage(id, paths) else {
        return format!("Claim {id}");
    };
    let reporting: Vec<String> = coverage
        .reporting
        .iter()
        .map(|(path, _)| outlet_of(path))
        .collect();
    let mut heading = format!(
        "Claim {id} · reported by {} of {}: {}",
        reporting.len(),
        paths.len(),
        reporting.join(", ")
    );
    let suggested = app
        .notes
        .notes
        .claims
        .iter()
        .find(|g| g.id == id)
        .is_some_and(|g| {
            g.members
                .iter()
                .any(|m| m.origin == crate::annotation::Origin::Suggested)
        });
    if suggested {
        heading.push_str(" · linked from a suggestion");
    }
    if !coverage.omitting.is_empty() {
        let omitting: Vec<String> = coverage.omitting.iter().map(|path| outlet_of(path)).collect();
        heading.push_str(" · omitted by: ");
        heading.push_str(&omitting.join(", "));
    }
    if !coverage.not_linked.is_empty() {
        let unlinked: Vec<String> = coverage.not_linked.iter().map(|path| outlet_of(path)).collect();
        heading.push_str(" · not linked: ");
        heading.push_str(&unlinked.join(", "));
    }
    heading
}
