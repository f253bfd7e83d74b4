//! The annotations panel (every annotation: article, tags, quote, note, claim group; orphans
//! last), the one-key pickers (tag, stance, bias) and the note editor, drawn over the panes.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

use crate::app::annotate::Scope;
use crate::app::editor::Editor;
use crate::app::{App, Mode};
use crate::article::sanitize::sanitize_line;
use crate::config::Theme;

/// One line of the annotations panel.
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
    pub claim: Option<String>,
    pub orphan: bool,
}

/// Every annotation, by pane order then text order, orphans last.
pub fn rows(app: &App) -> Vec<AnnotationRow> {
    let notes = &app.notes.notes;
    let mut rows: Vec<(usize, AnnotationRow)> = Vec::new();
    for article in &notes.articles {
        let pane = app.panes.iter().position(|p| p.key.path == article.path);
        let outlet = pane.map_or_else(|| article.path.clone(), |i| app.panes[i].outlet());
        for a in &article.annotations {
            rows.push((
                pane.unwrap_or(usize::MAX),
                AnnotationRow {
                    id: a.id.clone(),
                    path: article.path.clone(),
                    outlet: outlet.clone(),
                    start: a.anchor.start,
                    tags: a.tags.clone(),
                    quote: a.anchor.quote.clone(),
                    note: a.note.clone(),
                    claim: notes.claim_group_of(&a.id).map(|g| notes.claims[g].id.clone()),
                    orphan: a.orphan,
                },
            ));
        }
    }
    rows.sort_by(|(pa, a), (pb, b)| {
        a.orphan
            .cmp(&b.orphan)
            .then(pa.cmp(pb))
            .then(a.start.cmp(&b.start))
    });
    rows.into_iter().map(|(_, r)| r).collect()
}

fn popup(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width.saturating_sub(2));
    let height = height.min(area.height.saturating_sub(2));
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// Draws the panel of annotations.
pub fn render_panel(app: &App, cursor: usize, area: Rect, theme: &Theme, buf: &mut Buffer) {
    let rows = rows(app);
    let rect = popup(area, 110, area.height.saturating_sub(4));
    Clear.render(rect, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focused_border)
        .title(format!(" Annotations ({}) ", rows.len()))
        .title_bottom(Line::from(" ↑↓ move · Enter go to · Esc close ").right_aligned());
    let inner = block.inner(rect);
    block.render(rect, buf);
    if rows.is_empty() {
        Line::from("No annotations yet: c shows the sentence cursor, t tags, a writes a note.")
            .render(inner, buf);
        return;
    }
    let height = usize::from(inner.height);
    let first = cursor.saturating_sub(height.saturating_sub(1));
    for (i, row) in rows.iter().enumerate().skip(first).take(height) {
        let quote: String = sanitize_line(&row.quote).chars().take(50).collect();
        let note: String = sanitize_line(&row.note).chars().take(40).collect();
        let mut spans = vec![
            Span::styled(format!("{:<16.16} ", sanitize_line(&row.outlet)), theme.outlet),
            Span::styled(
                format!("{:<18.18} ", sanitize_line(&row.tags.join(","))),
                theme.help_key,
            ),
            Span::raw(format!("“{quote}” ")),
            Span::styled(note, Style::new().add_modifier(Modifier::ITALIC)),
        ];
        if let Some(claim) = &row.claim {
            spans.push(Span::raw(format!(" [{claim}]")));
        }
        if row.orphan {
            spans.insert(0, Span::styled("ORPHAN ", theme.status_error));
        }
        let mut line = Line::from(spans);
        if i == cursor {
            line = line.style(Style::new().add_modifier(Modifier::REVERSED));
        }
        line.render(
            Rect {
                y: inner.y + (i - first) as u16,
                height: 1,
                ..inner
            },
            buf,
        );
    }
}

/// Draws the picker of the current mode, if it is one.
pub fn render_picker(app: &App, area: Rect, theme: &Theme, buf: &mut Buffer) {
    let (title, lines): (String, Vec<Line>) = match &app.mode {
        Mode::TagPick => (
            " Tag ".to_owned(),
            app.tags
                .iter()
                .map(|t| {
                    Line::from(vec![
                        Span::styled(format!(" {} ", t.key), theme.help_key),
                        Span::raw(t.name.clone()),
                    ])
                })
                .collect(),
        ),
        Mode::StancePick { .. } => (
            " Stance of this source ".to_owned(),
            vec![
                Line::from(" s  same claim"),
                Line::from(" c  contradicts it"),
                Line::from(" d  adds detail"),
            ],
        ),
        Mode::BiasPick {
            reliability: true,
            scope,
        } => (
            picker_title(" Reliability", *scope),
            vec![Line::from(" 1 (low) … 5 (high)")],
        ),
        Mode::BiasPick {
            reliability: false,
            scope,
        } => {
            let axis = app.bias_axes.first();
            let mut lines: Vec<Line> = axis
                .map(|a| {
                    a.steps
                        .iter()
                        .enumerate()
                        .map(|(i, s)| Line::from(format!(" {}  {s}", i + 1)))
                        .collect()
                })
                .unwrap_or_default();
            lines.push(Line::from(" 0  unknown"));
            lines.push(Line::from(" r  reliability 1–5"));
            lines.push(Line::from(match scope {
                Scope::Article => " o  set the outlet's default",
                Scope::Outlet => " o  set this article only",
            }));
            (picker_title(" Bias", *scope), lines)
        }
        _ => return,
    };
    let height = lines.len() as u16 + 2;
    let rect = popup(area, 34, height);
    Clear.render(rect, buf);
    Paragraph::new(lines)
        .block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(theme.focused_border)
                .title(title),
        )
        .render(rect, buf);
}

/// A picker's title, naming what the choice applies to.
fn picker_title(what: &str, scope: Scope) -> String {
    match scope {
        Scope::Article => format!("{what}: this article "),
        Scope::Outlet => format!("{what}: outlet default "),
    }
}

/// Draws the note editor; returns where the terminal cursor goes.
pub fn render_editor(
    editor: &Editor,
    area: Rect,
    theme: &Theme,
    buf: &mut Buffer,
) -> Option<ratatui::layout::Position> {
    let rect = popup(area, 72, 14);
    Clear.render(rect, buf);
    let title = match &editor.target {
        crate::app::editor::Target::Article(_) => " Article note ",
        crate::app::editor::Target::Annotation(_) => " Note ",
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focused_border)
        .title(title)
        .title_bottom(Line::from(" Ctrl-s save · Esc cancel ").right_aligned());
    let inner = block.inner(rect);
    block.render(rect, buf);
    let text: Vec<Line> = editor
        .text
        .split('\n')
        .map(|l| Line::from(sanitize_line(l)))
        .collect();
    let (line, column) = editor.cursor_line_column();
    let scroll = line.saturating_sub(usize::from(inner.height.saturating_sub(1))) as u16;
    Paragraph::new(text)
        .scroll((scroll, 0))
        .wrap(Wrap { trim: false })
        .render(inner, buf);
    let x = inner.x + (column as u16).min(inner.width.saturating_sub(1));
    let y = inner.y
        + (line as u16)
            .saturating_sub(scroll)
            .min(inner.height.saturating_sub(1));
    Some(ratatui::layout::Position { x, y })
}
