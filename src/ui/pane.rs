//! Drawing one article pane: border with outlet and date, the title, the wrapped body, and the
//! position and hidden-text indicators. Reads the layout cache; wraps nothing.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Widget};
use unicode_segmentation::UnicodeSegmentation;

use crate::app::view::body_rect;
use crate::app::{App, Pane};
use crate::article::sanitize::{TAB_WIDTH, display_grapheme, display_width};
use crate::config::Theme;
use crate::layout::{Row, RowPos, VisualLine, text_width};

/// The styles of this frame that do not change from pane to pane.
pub struct FrameStyles {
    /// One per entity, for its mentions.
    pub entities: Vec<Style>,
    /// One per configured tag (`App::tags`, in order), for annotations whose first tag it is.
    pub tags: Vec<Style>,
}

impl FrameStyles {
    /// Reads the tag colours once a frame: a colour name takes microseconds to parse, and a
    /// frame may show hundreds of annotations.
    pub fn new(app: &App, theme: &Theme, entities: Vec<Style>) -> Self {
        let tags = app
            .tags
            .iter()
            .map(
                |tag| match (theme.colour, tag.colour.parse::<ratatui::style::Color>()) {
                    (true, Ok(colour)) => Style::new().bg(colour).fg(ratatui::style::Color::Black),
                    _ => UNTAGGED,
                },
            )
            .collect();
        Self { entities, tags }
    }
}

/// Annotations without a tag that has a colour (or without colours).
const UNTAGGED: Style = Style::new().add_modifier(Modifier::UNDERLINED.union(Modifier::ITALIC));

/// Draws pane `index` of `app` into `rect`.
pub fn render(app: &App, index: usize, rect: Rect, theme: &Theme, styles: &FrameStyles, buf: &mut Buffer) {
    let pane = &app.panes[index];
    let focused = index == app.focus;
    let border_style = if focused {
        theme.focused_border
    } else {
        theme.border
    };
    let number = format!(" {} ", index + 1);
    let revealed = if pane.layout.reveal() { " [revealed]" } else { "" };
    let date = pane.date().map(|d| format!(" {d} "));
    let (outlet, date) = fit_header(
        &pane.outlet(),
        date,
        usize::from(rect.width.saturating_sub(2)),
        text_width(&number) + text_width(revealed) + 1,
    );
    let mut header = vec![
        Span::styled(number, border_style),
        Span::styled(outlet, theme.outlet),
    ];
    if !revealed.is_empty() {
        header.push(Span::styled(revealed, theme.hidden_text));
    }
    header.push(Span::raw(" "));
    let mut block = Block::default()
        .borders(Borders::ALL)
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Rounded
        })
        .border_style(border_style)
        .title_top(Line::from(header))
        .title_bottom(Line::from(position_label(pane)).right_aligned());
    if let Some(date) = date {
        block = block.title_top(Line::from(Span::styled(date, theme.date)).right_aligned());
    }
    if let Some(bias) = bias_label(app, pane, theme) {
        block = block.title_bottom(bias);
    }
    let hidden = pane.article.hidden_bytes();
    if hidden > 0 && !pane.layout.reveal() {
        block = block.title_bottom(Line::from(Span::styled(
            format!(" {} hidden ", human_bytes(hidden)),
            theme.hidden_text,
        )));
    }
    if let Some(note) = pane.sync_note.filter(|_| app.sync) {
        block =
            block.title_bottom(Line::from(Span::styled(format!(" {note} "), theme.hidden_text)).centered());
    }
    block.render(rect, buf);

    let body = body_rect(rect);
    if body.width == 0 {
        return;
    }
    let title_area = Rect {
        y: body.y - 1,
        height: 1,
        ..body
    };
    let title = pane.title().unwrap_or_else(|| untitled(pane));
    let title = shorten(&title, usize::from(body.width));
    Line::from(Span::styled(title, theme.header)).render(title_area, buf);
    let rows = rows(pane, body);
    let shown = match (rows.first(), rows.last()) {
        (Some((_, first)), Some((_, last))) => first.start..last.end.max(last.start + 1),
        _ => 0..0,
    };
    let marks = marks(app, pane, theme, styles, &shown);
    render_body(pane, &rows, body, theme, &styles.entities, &marks, buf);
    note_markers(app, pane, &rows, body, styles, buf);
}

/// The mark in the left margin of an annotation that has a note: on the row where it starts
/// (or the first row, when it starts above the screen).
pub const NOTE_MARK: &str = "✎";

fn note_markers(
    app: &App,
    pane: &Pane,
    rows: &[(u16, VisualLine)],
    body: Rect,
    styles: &FrameStyles,
    buf: &mut Buffer,
) {
    let (Some(notes), Some(&(_, first)), Some(&(_, last))) =
        (app.notes.notes.article(&pane.key.path), rows.first(), rows.last())
    else {
        return;
    };
    if body.x == 0 {
        return;
    }
    let shown = first.start..last.end.max(last.start + 1);
    for a in &notes.annotations {
        if a.orphan || a.note.trim().is_empty() || a.anchor.start >= shown.end || a.anchor.end <= shown.start
        {
            continue;
        }
        let at = a.anchor.start.max(shown.start);
        let Some(&(y, _)) = rows
            .iter()
            .find(|(_, line)| line.start <= at && at < line.end.max(line.start + 1))
            .or(rows.first())
        else {
            continue;
        };
        buf.set_string(body.x - 1, y, NOTE_MARK, annotation_style(app, a, styles));
    }
}

/// An annotation's colour: its first tag's, or the untagged style.
fn annotation_style(app: &App, a: &crate::annotation::Annotation, styles: &FrameStyles) -> Style {
    a.tags
        .first()
        .and_then(|t| app.tags.iter().position(|c| &c.name == t))
        .map_or(UNTAGGED, |i| styles.tags[i])
}

/// Ranges drawn over the text of a pane, in drawing order: annotations (by their first tag's
/// colour), then the cursor's sentence, then the selection. Only annotations that meet the
/// bytes `shown` are drawn.
fn marks(
    app: &App,
    pane: &Pane,
    theme: &Theme,
    styles: &FrameStyles,
    shown: &std::ops::Range<usize>,
) -> Vec<(std::ops::Range<usize>, Style)> {
    let mut marks = Vec::new();
    if let Some(notes) = app.notes.notes.article(&pane.key.path) {
        let on_screen = |a: &&crate::annotation::Annotation| {
            !a.orphan && a.anchor.start < shown.end && shown.start < a.anchor.end
        };
        for a in notes.annotations.iter().filter(on_screen) {
            marks.push((a.anchor.range(), annotation_style(app, a, styles)));
        }
    }
    // Loaded terms, when the toggle is on (F): underlined, in colour also red.
    let loaded = app.framing.loaded_in(&pane.article);
    let style = if theme.colour {
        Style::new()
            .fg(ratatui::style::Color::LightRed)
            .add_modifier(Modifier::UNDERLINED)
    } else {
        Style::new().add_modifier(Modifier::UNDERLINED)
    };
    for term in loaded
        .iter()
        .skip(loaded.partition_point(|t| t.end <= shown.start))
    {
        if term.start >= shown.end {
            break;
        }
        marks.push((term.clone(), style));
    }
    // Search hits on screen; the one stepped to last stands out.
    let hits = &pane.search_hits;
    let first = hits.partition_point(|h| h.end <= shown.start);
    let current = match app.search.current {
        Some((index, hit)) if app.panes.get(index).is_some_and(|p| std::ptr::eq(p, pane)) => Some(hit),
        _ => None,
    };
    for (i, hit) in hits.iter().enumerate().skip(first) {
        if hit.start >= shown.end {
            break;
        }
        let style = match (theme.colour, current == Some(i)) {
            (true, false) => Style::new()
                .bg(ratatui::style::Color::Yellow)
                .fg(ratatui::style::Color::Black),
            (true, true) => Style::new()
                .bg(ratatui::style::Color::LightRed)
                .fg(ratatui::style::Color::Black)
                .add_modifier(Modifier::BOLD),
            (false, false) => Style::new().add_modifier(Modifier::REVERSED),
            (false, true) => {
                Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD | Modifier::UNDERLINED)
            }
        };
        marks.push((hit.clone(), style));
    }
    // The other outlets' sentences of the cursor sentence's fact (] m goes to them).
    if let Some(index) = app.panes.iter().position(|p| std::ptr::eq(p, pane)) {
        let style = if theme.colour {
            Style::new()
                .fg(ratatui::style::Color::LightCyan)
                .add_modifier(Modifier::ITALIC)
        } else {
            Style::new().add_modifier(Modifier::ITALIC | Modifier::UNDERLINED)
        };
        for range in crate::app::cursor_fact::matches_in(app, index) {
            if range.start < shown.end && shown.start < range.end {
                marks.push((range.clone(), style));
            }
        }
    }
    if let Some(cursor) = &pane.cursor {
        let style = if theme.colour {
            Style::new().bg(ratatui::style::Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        };
        marks.push((cursor.sentence.clone(), style));
        if let Some(selection) = &cursor.selection {
            marks.push((
                selection.range.clone(),
                Style::new().add_modifier(Modifier::REVERSED),
            ));
        }
    }
    marks
}

/// The outlet and date for a top border `width` cells wide, `other` of them taken by the pane
/// number and padding. The outlet matters more than the date: when both do not fit, the outlet
/// is shortened with an ellipsis down to a readable length, and after that the date goes.
fn fit_header(outlet: &str, date: Option<String>, width: usize, other: usize) -> (String, Option<String>) {
    const READABLE: usize = 12;
    let date_width = date.as_deref().map_or(0, text_width);
    let room = width.saturating_sub(other);
    if text_width(outlet) + date_width <= room {
        return (outlet.to_owned(), date);
    }
    let (room, date) = if room.saturating_sub(date_width) >= READABLE {
        (room - date_width, date)
    } else {
        (room, None)
    };
    if text_width(outlet) <= room {
        return (outlet.to_owned(), date);
    }
    (shorten(outlet, room), date)
}

/// What stands for a missing headline: the file name, unless it is a hash.
fn untitled(pane: &Pane) -> String {
    let name = pane.article.file_name();
    if crate::article::looks_like_a_hash(&name) {
        "untitled".to_owned()
    } else {
        name
    }
}

/// `text` in at most `width` cells, ending in `…` when cut.
pub fn shorten(text: &str, width: usize) -> String {
    if text_width(text) <= width {
        return text.to_owned();
    }
    let mut shortened = String::new();
    for grapheme in text.graphemes(true) {
        if text_width(&shortened) + text_width(grapheme) + 1 > width {
            break;
        }
        shortened.push_str(grapheme);
    }
    shortened.push('…');
    shortened
}

/// The source's bias tags for the header: position, reliability, labels, the article's own
/// over its outlet's defaults; parts that come from the outlet default are in italics.
fn bias_label(app: &App, pane: &Pane, theme: &Theme) -> Option<Line<'static>> {
    let notes = app.notes.notes.article(&pane.key.path);
    let own = notes.map(|a| a.bias.clone()).unwrap_or_default();
    let bias = pane.effective_bias(&app.notes.notes, &app.outlets);
    let from_outlet = Style::new().add_modifier(Modifier::ITALIC);
    let part = |text: String, inherited: bool| {
        let style = if inherited {
            theme.date.patch(from_outlet)
        } else {
            theme.date
        };
        Span::styled(crate::article::sanitize::sanitize_line(&text), style)
    };
    // Compact, because the border is narrow: the first axis shows its value alone.
    let first_axis = app.bias_axes.first().map(|a| a.name.as_str());
    let mut parts: Vec<Span<'static>> = bias
        .scale
        .iter()
        .map(|(axis, value)| {
            let text = if Some(axis.as_str()) == first_axis {
                value.clone()
            } else {
                format!("{axis}: {value}")
            };
            part(text, !own.scale.contains_key(axis))
        })
        .collect();
    if let Some(r) = bias.reliability {
        parts.push(part(format!("rel {}/5", r.get()), own.reliability.is_none()));
    }
    let labels_inherited = own.labels.is_empty();
    parts.extend(bias.labels.iter().map(|l| part(l.clone(), labels_inherited)));
    let count = notes.map_or(0, |a| a.annotations.len());
    if count > 0 {
        let noun = if count == 1 { "annotation" } else { "annotations" };
        parts.push(part(format!("{count} {noun}"), false));
    }
    if parts.is_empty() {
        return None;
    }
    let mut spans = vec![Span::styled(" ", theme.date)];
    for (i, span) in parts.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", theme.date));
        }
        spans.push(span);
    }
    spans.push(Span::styled(" ", theme.date));
    Some(Line::from(spans))
}

/// "42%", "Top", "End" or "All" in the bottom border.
fn position_label(pane: &Pane) -> String {
    let Some(last_para) = pane.layout.paragraphs().len().checked_sub(1) else {
        return " empty ".into();
    };
    let top = pane.top == RowPos::default();
    let span = pane.layout.paragraphs();
    let start = span[0].start();
    let end = span[last_para].end();
    let offset = match pane.layout.row(pane.top) {
        Some(Row::Text(line)) => line.start,
        _ => span[pane.top.para.min(last_para)].start(),
    };
    let end_shown = bottom_row_is_last(pane);
    let label = match (top, end_shown) {
        (true, true) => "All".to_owned(),
        (true, false) => "Top".to_owned(),
        (false, true) => "End".to_owned(),
        (false, false) => format!("{}%", ((offset - start) * 100) / (end - start).max(1)),
    };
    format!(" {label} ")
}

/// Whether the last row of the article shows in the pane.
fn bottom_row_is_last(pane: &Pane) -> bool {
    let paragraphs = pane.layout.paragraphs().len();
    let mut pos = pane.top;
    for _ in 1..pane.body_height.max(1) {
        match next_row(pane, pos) {
            Some(next) => pos = next,
            None => return true,
        }
    }
    next_row(pane, pos).is_none() && pos.para + 1 >= paragraphs
}

/// The row after `pos`, from the cache (None at the end or beyond what was prepared).
fn next_row(pane: &Pane, pos: RowPos) -> Option<RowPos> {
    let next = RowPos {
        row: pos.row + 1,
        ..pos
    };
    if pane.layout.row(next).is_some() {
        return Some(next);
    }
    let next = RowPos {
        para: pos.para + 1,
        row: 0,
    };
    pane.layout.row(next).map(|_| next)
}

fn human_bytes(n: usize) -> String {
    if n < 10_000 {
        format!("{n} B")
    } else {
        format!("{} kB", n / 1000)
    }
}

type Marks = [(std::ops::Range<usize>, Style)];

/// The text rows that show in `body`, with their screen row, from the layout cache.
fn rows(pane: &Pane, body: Rect) -> Vec<(u16, VisualLine)> {
    let mut rows = Vec::new();
    let mut pos = pane.top;
    for y in body.y..body.bottom() {
        match pane.layout.row(pos) {
            Some(Row::Text(line)) => rows.push((y, line)),
            Some(Row::Spacer) => {}
            None => break,
        }
        match next_row(pane, pos) {
            Some(next) => pos = next,
            None => break,
        }
    }
    rows
}

fn render_body(
    pane: &Pane,
    rows: &[(u16, VisualLine)],
    body: Rect,
    theme: &Theme,
    entity_styles: &[Style],
    marks: &Marks,
    buf: &mut Buffer,
) {
    let mut on_line = Vec::new();
    for &(y, line) in rows {
        on_line.clear();
        on_line.extend(
            marks
                .iter()
                .filter(|(r, _)| r.start < line.end.max(line.start + 1) && line.start < r.end)
                .cloned(),
        );
        render_line(
            pane,
            line,
            body.x,
            y,
            body.right(),
            theme,
            entity_styles,
            &on_line,
            buf,
        );
    }
}

/// Draws the graphemes of one visual line, sanitised, skipping hidden text unless revealed.
#[allow(clippy::too_many_arguments)]
fn render_line(
    pane: &Pane,
    line: VisualLine,
    x0: u16,
    y: u16,
    right: u16,
    theme: &Theme,
    entity_styles: &[Style],
    marks: &Marks,
    buf: &mut Buffer,
) {
    let article = &pane.article;
    let reveal = pane.layout.reveal();
    let pieces = if reveal {
        vec![line.start..line.end]
    } else {
        article.visible_parts(line.start..line.end)
    };
    let highlights = &pane.highlights;
    let mut next_highlight = highlights.partition_point(|h| h.range.end <= line.start);
    let mut x = x0;
    for piece in pieces {
        let mut offset = piece.start;
        for g in graphemes(&article.text[piece]) {
            let at = offset;
            offset += g.len();
            if g == "\n" || g == "\r" || g == "\r\n" {
                // A line break inside a flowing paragraph shows as a space.
                x = put(buf, x, y, right, " ", theme.text);
                continue;
            }
            if g == "\t" {
                for _ in 0..TAB_WIDTH {
                    x = put(buf, x, y, right, " ", theme.text);
                }
                continue;
            }
            let shown = display_grapheme(g);
            let mut style = theme.text;
            if reveal && article.is_hidden(at) {
                style = theme.hidden_text;
            }
            while highlights.get(next_highlight).is_some_and(|h| h.range.end <= at) {
                next_highlight += 1;
            }
            if let Some(h) = highlights.get(next_highlight).filter(|h| h.range.start <= at) {
                style = style.patch(entity_styles.get(h.entity).copied().unwrap_or_default());
            }
            for (range, mark) in marks {
                if range.start <= at && at < range.end {
                    style = style.patch(*mark);
                }
            }
            if shown != g {
                style = style.patch(theme.placeholder);
            }
            x = put(buf, x, y, right, &shown, style);
        }
    }
}

/// The grapheme clusters of `s`: for ASCII (most news text) every byte is one, but `\r\n`,
/// which is what Unicode segmentation says for ASCII, without its tables.
fn graphemes(s: &str) -> impl Iterator<Item = &str> {
    let ascii = s.is_ascii();
    let mut unicode = (!ascii).then(|| s.graphemes(true));
    let mut at = 0;
    std::iter::from_fn(move || {
        if let Some(unicode) = &mut unicode {
            return unicode.next();
        }
        let start = at;
        let len = if s[start..].starts_with("\r\n") { 2 } else { 1 };
        at += len;
        s.get(start..start + len)
    })
}

/// Writes one grapheme's display form at `x`; returns the next column.
fn put(buf: &mut Buffer, x: u16, y: u16, right: u16, shown: &str, style: Style) -> u16 {
    let width = display_width(shown) as u16;
    if shown.is_empty() || x + width > right {
        return x;
    }
    if width == 0 {
        return x;
    }
    buf[(x, y)].set_symbol(shown).set_style(style);
    // Wide characters cover the next cell too; ratatui expects it reset.
    for dx in 1..width {
        buf[(x + dx, y)].reset();
    }
    x + width
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_graphemes_are_what_unicode_segmentation_says() {
        // Every string of up to five of these characters.
        let mut texts = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| ["a", " ", "\r", "\n", "\t", "\u{1b}", "."].map(|c| format!("{t}{c}")))
                .collect();
            texts.extend(longer);
        }
        texts.push("Iran’s \r\n e\u{301}".to_owned());
        for text in &texts {
            let fast: Vec<&str> = graphemes(text).collect();
            let unicode: Vec<&str> = text.graphemes(true).collect();
            assert_eq!(fast, unicode, "{text:?}");
        }
    }

    #[test]
    fn a_cut_headline_ends_in_an_ellipsis() {
        assert_eq!(shorten("Harbour strike ends", 30), "Harbour strike ends");
        assert_eq!(shorten("Harbour strike ends", 10), "Harbour s…");
        assert_eq!(text_width(&shorten("إضراب ميناء ألديرني ينتهي", 8)), 8);
    }

    #[test]
    fn the_outlet_is_shortened_before_the_date_goes() {
        let date = || Some(" 2031-03-09 ".to_owned());
        let fit = |width| fit_header("Kharun National Broadcasting", date(), width, 4);
        assert_eq!(fit(60), ("Kharun National Broadcasting".to_owned(), date()));
        let (outlet, kept) = fit(36);
        assert_eq!((outlet.as_str(), kept), ("Kharun National Bro…", date()));
        let (outlet, kept) = fit(28);
        assert_eq!((outlet.as_str(), kept), ("Kharun Nati…", date()));
        // Too narrow for both: the date goes and the outlet takes the room.
        let (outlet, kept) = fit(26);
        assert_eq!((outlet.as_str(), kept), ("Kharun National Broad…", None));
        assert_eq!(fit_header("Short", None, 8, 4).0, "Sho…");
    }
}
