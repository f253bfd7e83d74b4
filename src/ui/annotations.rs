//! Drawing the annotations panel (its content is `app::annotation_list`), the one-key pickers
//! (tag, stance, bias) and the note editor, over the panes.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

use crate::annotation::Stance;
use crate::app::annotate::Scope;
use crate::app::annotation_list::{AnnotationList, AnnotationRow, PanelLine};
use crate::app::editor::Editor;
use crate::app::{App, Mode};
use crate::article::sanitize::sanitize_line;
use crate::config::Theme;
use crate::layout::text_width;

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

/// Draws the panel of annotations (built when it opened: drawing only reads it).
pub fn render_panel(list: &AnnotationList, cursor: usize, area: Rect, theme: &Theme, buf: &mut Buffer) {
    let rows = &list.rows;
    let rect = popup(area, area.width.saturating_sub(4), area.height.saturating_sub(4));
    let columns = Columns::fit(rows, usize::from(rect.width.saturating_sub(2)));
    Clear.render(rect, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focused_border)
        .title(format!(" Annotations ({}) ", rows.len()))
        .title_bottom(Line::from(" ↑↓ move · Enter go to · Esc close ").right_aligned());
    let inner = block.inner(rect);
    block.render(rect, buf);
    if list.lines.is_empty() {
        Line::from("No annotations yet: c shows the sentence cursor, t tags, a writes a note.")
            .render(inner, buf);
        return;
    }
    let lines = &list.lines;
    let height = usize::from(inner.height);
    let cursor_line = lines
        .iter()
        .position(|l| *l == PanelLine::Row(cursor))
        .unwrap_or(0);
    // Keep the heading above the cursor's row in view when there is room.
    let first = cursor_line.saturating_sub(height.saturating_sub(1));
    for (n, line) in lines.iter().enumerate().skip(first).take(height) {
        let line = match line {
            PanelLine::Heading(text) => Line::from(Span::styled(
                sanitize_line(text),
                Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            )),
            PanelLine::Row(i) => row_line(&rows[*i], *i == cursor, theme, &columns),
            PanelLine::Text(text) => Line::from(Span::styled(
                format!("  {}", sanitize_line(text)),
                Style::new().add_modifier(Modifier::ITALIC),
            )),
        };
        line.render(
            Rect {
                y: inner.y + (n - first) as u16,
                height: 1,
                ..inner
            },
            buf,
        );
    }
}

/// The widths of a row's columns at a panel width: outlet and tags as wide as their longest
/// entry within a share of the width, the quote most of the rest, the note after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Columns {
    pub outlet: usize,
    pub tags: usize,
    pub quote: usize,
}

impl Columns {
    pub fn fit(rows: &[AnnotationRow], width: usize) -> Self {
        let longest = |f: &dyn Fn(&AnnotationRow) -> usize| rows.iter().map(f).max().unwrap_or(0);
        let outlet = longest(&|r| text_width(&r.outlet)).clamp(6, (width / 5).max(6));
        let tags = longest(&|r| text_width(&r.tags.join(","))).clamp(4, (width / 6).max(4));
        // Indent, separators, the stance column and the quote marks.
        let rest = width.saturating_sub(outlet + tags + 2 + 2 + 12 + 3);
        let quote = longest(&|r| text_width(&r.quote))
            .min(rest * 2 / 3)
            .max(rest.min(20));
        Self { outlet, tags, quote }
    }
}

/// `text` in exactly `width` cells: cut with an ellipsis, or padded.
fn fit(text: &str, width: usize) -> String {
    let text = sanitize_line(text);
    if text_width(&text) <= width {
        let pad = width - text_width(&text);
        return format!("{text}{}", " ".repeat(pad));
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    used += 1;
    out.push_str(&" ".repeat(width.saturating_sub(used)));
    out
}

fn row_line(row: &AnnotationRow, selected: bool, theme: &Theme, columns: &Columns) -> Line<'static> {
    let quote = fit(
        &row.quote.split_whitespace().collect::<Vec<_>>().join(" "),
        columns.quote,
    );
    let quote = quote.trim_end();
    // The note's first line, as much as fits (the line is clipped at the panel's edge).
    let note = sanitize_line(row.note.lines().next().unwrap_or(""));
    let stance = match &row.claim {
        Some((_, Stance::Same)) => "same",
        Some((_, Stance::Contradicts)) => "contradicts",
        Some((_, Stance::AddsDetail)) => "adds detail",
        None => "",
    };
    let mut spans = vec![
        Span::raw("  "),
        Span::styled(format!("{} ", fit(&row.outlet, columns.outlet)), theme.outlet),
        Span::styled(
            format!("{} ", fit(&row.tags.join(","), columns.tags)),
            theme.help_key,
        ),
    ];
    if !stance.is_empty() {
        spans.push(Span::styled(format!("{stance:<12}"), theme.date));
    }
    spans.push(Span::raw(format!("“{quote}” ")));
    spans.push(Span::styled(note, Style::new().add_modifier(Modifier::ITALIC)));
    if row.orphan {
        spans[0] = Span::styled("! ", theme.status_error);
    }
    let line = Line::from(spans);
    if selected {
        line.style(Style::new().add_modifier(Modifier::REVERSED))
    } else {
        line
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
                    // The config refuses controls in tags; drawn through the filter anyway,
                    // as every other string from outside is.
                    Line::from(vec![
                        Span::styled(format!(" {} ", sanitize_line(&t.key)), theme.help_key),
                        Span::raw(sanitize_line(&t.name)),
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
        Mode::NotesChanged => (
            " Notes file changed outside Parallax ".to_owned(),
            vec![
                Line::from(" r    reload it and reapply your changes"),
                Line::from(" c    keep it; save yours as a copy beside it"),
                Line::from(" Esc  decide later (yours stay in memory)"),
            ],
        ),
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
