//! Drawing: `render(frame, &App, &Theme)` reads the state and the layout prepared for this
//! frame, and writes cells. No IO, no wrapping, nothing proportional to article size.

pub mod annotations;
pub mod comparison;
pub mod entities;
pub mod framing;
pub mod help;
pub mod pane;
pub mod status;

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::app::App;
use crate::app::view::{MIN_HEIGHT, MIN_WIDTH};
use crate::config::Theme;

/// Draws the whole screen. Call `app::view::prepare` with the same area first.
pub fn render(frame: &mut Frame, app: &App, theme: &Theme) {
    let area = frame.area();
    let buf = frame.buffer_mut();
    if app.view.area != area {
        // The terminal was resized since `prepare`; the resize event brings a fresh frame.
        return;
    }
    if app.view.too_small {
        too_small(area, buf);
        return;
    }
    if app.panes.is_empty() {
        let body = Rect {
            height: area.height.saturating_sub(1),
            ..area
        };
        Paragraph::new(vec![
            Line::from(""),
            Line::from("No articles open."),
            Line::from("Type :open PATH to open one, ? for help, q to quit."),
        ])
        .alignment(Alignment::Center)
        .render(body, buf);
    }
    let styles = pane::FrameStyles::new(app, theme, entity_styles(app, theme));
    for slot in &app.view.panes {
        pane::render(app, slot.index, slot.rect, theme, &styles, buf);
    }
    status::render(app, app.view.status, theme, buf);
    status::render_long_message(app, area, theme, buf);
    if app.mode == crate::app::Mode::Entities {
        entities::render(app, area, theme, buf);
    }
    if let crate::app::Mode::Framing { cursor, panel } = &app.mode {
        framing::render(panel, *cursor, area, theme, buf);
    }
    if let crate::app::Mode::Compare(view) = &app.mode {
        comparison::render(app, view, area, theme, buf);
    }
    if let crate::app::Mode::Help { scroll } = app.mode {
        help::render(app, scroll, area, theme, buf);
    }
    let mut cursor = status::cursor(app);
    match &app.mode {
        crate::app::Mode::Annotations { cursor: row, list } => {
            annotations::render_panel(list, *row, area, theme, buf);
        }
        crate::app::Mode::Editor(editor) => cursor = annotations::render_editor(editor, area, theme, buf),
        _ => annotations::render_picker(app, area, theme, buf),
    }
    if let Some(cursor) = cursor {
        frame.set_cursor_position(cursor);
    }
}

/// Makes the next `draw` write every cell, row by row, instead of only the cells that differ
/// from a blank screen. Ratatui skips blank cells of a frame drawn on a blank screen, so a page
/// of text goes out as one cursor move per word; terminals (tmux above all) take far longer to
/// parse those moves than the spaces they save. Call it when the screen is blank: at start.
pub fn write_every_cell_next<B: ratatui::backend::Backend>(terminal: &mut ratatui::Terminal<B>) {
    // No drawn cell holds two grapheme clusters, so no drawn cell equals this one.
    for cell in &mut terminal.current_buffer_mut().content {
        cell.set_symbol("\u{F8FF}\u{F8FF}");
    }
    // The filled buffer becomes the previous frame, which the next one is compared with.
    terminal.swap_buffers();
}

/// The style of each entity's mentions this frame (one per entity, not per mention).
fn entity_styles(app: &App, theme: &Theme) -> Vec<ratatui::style::Style> {
    let Some(index) = &app.entities.index else {
        return Vec::new();
    };
    index
        .entities
        .iter()
        .enumerate()
        .map(|(i, _)| {
            theme.entity(
                app.entities.colour(i),
                app.entities.source_count(i),
                app.entities.selected == Some(i),
            )
        })
        .collect()
}

fn too_small(area: Rect, buf: &mut ratatui::buffer::Buffer) {
    let text = format!(
        "Terminal too small ({}×{}): Parallax needs {MIN_WIDTH}×{MIN_HEIGHT}. q quits.",
        area.width, area.height
    );
    Paragraph::new(text).wrap(Wrap { trim: true }).render(area, buf);
}
