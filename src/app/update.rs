//! The pure update step: the one exhaustive dispatch of [`Action`]s ([`apply`]), and the mouse.
//! Keys reach actions through the keymap's layers in [`super::keys`].

use std::sync::Arc;

use crate::config::SyncBy;
use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

pub use super::keys::{handle_key, key_layers};
use super::modal::{self, Step};
use super::{Action, App, DEFAULT_WEIGHT, Effect, MAX_WEIGHT, Mode, NotesChoice, Prompt, annotate, entities};

/// Rows one mouse-wheel notch scrolls.
const WHEEL_ROWS: isize = 3;

/// Applies one action. A jump that moved the focused pane (`n`, `]a`, a mention, the cursor)
/// keeps synchronised panes together, as scrolling does.
pub fn apply(app: &mut App, action: Action) -> Vec<Effect> {
    // Scrolling syncs as it goes (with the end of an article going to every end); the toggle
    // syncs itself.
    let scrolls = matches!(
        action,
        Action::ScrollDown
            | Action::ScrollUp
            | Action::HalfPageDown
            | Action::HalfPageUp
            | Action::PageDown
            | Action::PageUp
            | Action::Top
            | Action::Bottom
            | Action::Sync
            | Action::SyncBy
    );
    // A jump syncs even when what it went to was on screen already: the others may not be.
    let jumps = matches!(
        action,
        Action::SearchNext
            | Action::SearchPrev
            | Action::NextMention
            | Action::PrevMention
            | Action::NextAnnotation
            | Action::PrevAnnotation
            | Action::NextMatch
            | Action::PrevMatch
    );
    let before: Vec<_> = app
        .panes
        .iter()
        .map(|p| (Arc::as_ptr(&p.article), p.top))
        .collect();
    let effects = dispatch(app, action);
    // Whether the pane focused now moved (focusing another pane alone moves nothing).
    let moved = app.focused().is_some_and(|p| {
        before
            .iter()
            .any(|(article, top)| *article == Arc::as_ptr(&p.article) && *top != p.top)
    });
    if jumps || (!scrolls && moved) {
        keep_sync(app);
    }
    super::comparison::follow_focus(app);
    super::cursor_fact::refresh(app);
    effects
}

/// With sync on, brings the other panes to the focused pane's content after it jumped.
pub fn keep_sync(app: &mut App) {
    if app.sync {
        follow_focus(app);
    }
}

/// The one exhaustive dispatch.
fn dispatch(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Quit => return vec![Effect::Quit],
        Action::Help => {
            app.mode = if matches!(app.mode, Mode::Help { .. }) {
                Mode::Normal
            } else {
                Mode::Help { scroll: 0 }
            };
        }
        Action::CommandLine => app.mode = Mode::Command(Prompt::default()),
        Action::Cancel => modal::cancel(app),
        Action::FocusNext => focus_by(app, 1),
        Action::FocusPrev => focus_by(app, -1),
        Action::FocusPane(n) => {
            if n >= 1 && n <= app.panes.len() {
                app.focus = n - 1;
            } else {
                app.error(format!("no pane {n} ({} open)", app.panes.len()));
            }
        }
        // In help and the lists these move there; otherwise they scroll the focused pane.
        Action::ScrollDown => scroll_or_move(app, Step::Rows(1), |_| 1),
        Action::ScrollUp => scroll_or_move(app, Step::Rows(-1), |_| -1),
        Action::HalfPageDown => scroll_or_move(app, Step::Rows(5), |app| page(app) / 2),
        Action::HalfPageUp => scroll_or_move(app, Step::Rows(-5), |app| -(page(app) / 2)),
        Action::PageDown => scroll_or_move(app, Step::Pages(1), |app| page(app).saturating_sub(1).max(1)),
        Action::PageUp => scroll_or_move(app, Step::Pages(-1), |app| -(page(app).saturating_sub(1).max(1))),
        Action::Top => scroll_or_move(app, Step::Ends(false), |_| isize::MIN / 2),
        Action::Bottom => scroll_or_move(app, Step::Ends(true), |_| isize::MAX / 2),
        Action::Sync => {
            app.sync = !app.sync;
            if app.sync {
                follow_focus(app);
            }
            app.info(if app.sync {
                "synchronised scrolling on"
            } else {
                "synchronised scrolling off"
            });
        }
        Action::SyncBy => {
            app.settings.sync_by = match app.settings.sync_by {
                SyncBy::Content => SyncBy::Proportional,
                SyncBy::Proportional => SyncBy::Content,
            };
            if app.sync {
                follow_focus(app);
            }
            app.info(match app.settings.sync_by {
                SyncBy::Content => "sync keeps the panes on the same fact",
                SyncBy::Proportional => "sync keeps the panes at the same place (proportional)",
            });
        }
        Action::Zoom => app.zoom = !app.zoom,
        Action::Narrower => resize_focused(app, -1),
        Action::Wider => resize_focused(app, 1),
        Action::MoveLeft => move_focused(app, -1),
        Action::MoveRight => move_focused(app, 1),
        Action::Close => {
            if app.panes.is_empty() {
                app.error("no pane to close");
            } else {
                let pane = app.panes.remove(app.focus);
                app.info(format!("closed {}: X reopens it", pane.outlet()));
                app.closed.push((app.focus, pane));
                app.focus = app.focus.min(app.panes.len().saturating_sub(1));
                return vec![app.analyze()];
            }
        }
        Action::Reopen => match app.closed.pop() {
            Some((at, pane)) => {
                let at = at.min(app.panes.len());
                app.info(format!("reopened {}", pane.outlet()));
                app.panes.insert(at, pane);
                app.focus = at;
                return vec![app.analyze()];
            }
            None => app.info("no closed pane to reopen"),
        },
        Action::Open(path) => return vec![Effect::Open(path.into())],
        Action::Add(url) => return vec![super::sources::fetch(app, url)],
        Action::SourceInfo => super::sources::show_info(app),
        Action::RevealHidden => {
            if let Some(pane) = app.panes.get_mut(app.focus) {
                let reveal = !pane.layout.reveal();
                let at_top = pane.top == crate::layout::RowPos::default();
                pane.set_reveal(reveal);
                // At the top, what was hidden above the first line is what there is to see.
                if at_top {
                    pane.top = crate::layout::RowPos::default();
                }
                let hidden = pane.article.hidden_bytes();
                app.info(if reveal {
                    format!("showing {hidden} bytes hidden by cleaning (dimmed)")
                } else {
                    "hiding boilerplate again".to_owned()
                });
            }
        }
        Action::Title(text) => return set_override(app, |m| m.title = Some(text)),
        Action::Outlet(text) => return set_override(app, |m| m.outlet = Some(text)),
        Action::Date(text) => return set_override(app, |m| m.date = Some(text)),
        Action::Entities => {
            if app.entities.index.is_none() {
                app.info("entities are still being found…");
            } else {
                // A fresh panel: no filter left over from the last time.
                app.entities.panel = super::entities::PanelState::default();
                app.mode = Mode::Entities;
            }
        }
        Action::NextMention => entities::jump(app, true),
        Action::PrevMention => entities::jump(app, false),
        Action::Select(label) => match app.entities.find_label(&label) {
            Some(entity) => entities::select(app, entity),
            None => app.error(format!("no entity labelled `{label}`")),
        },
        Action::Merge(other) => return entities::merge_with(app, &other),
        Action::Split(variant) => return entities::split_off(app, variant),
        Action::Rename(to) => return entities::rename(app, to),
        Action::Framing => super::framing::open(app),
        Action::LoadedTerms => super::framing::toggle_loaded(app),
        Action::Compare => super::comparison::open(app),
        Action::CompareFilter => super::comparison::cycle_filter(app),
        Action::AcceptSuggestion => return super::suggestion::accept(app),
        Action::Export(args) => return export(app, &args),
        // The analyst's annotations (no catch-all: a new action must be handled here).
        Action::Cursor => annotate::toggle_cursor(app),
        Action::SentenceNext => annotate::move_sentence(app, true),
        Action::SentencePrev => annotate::move_sentence(app, false),
        Action::Visual => annotate::start_selection(app),
        Action::WordForward => annotate::adjust_by_word(app, true),
        Action::WordBack => annotate::adjust_by_word(app, false),
        Action::WordStartForward => super::word_select::adjust_start_by_word(app, true),
        Action::WordStartBack => super::word_select::adjust_start_by_word(app, false),
        Action::TagPicker => annotate::open_tag_picker(app),
        Action::Tag(name) => {
            modal::leave_tag_picker(app);
            return annotate::tag(app, &name);
        }
        Action::Untag(name) => return annotate::untag(app, name),
        Action::Note(text) => return annotate::set_note(app, text.replace("\\n", "\n")),
        Action::EditNote => annotate::open_note_editor(app),
        Action::ArticleNote(text) => return annotate::set_article_note(app, &text),
        Action::EditArticleNote => annotate::open_article_note_editor(app),
        Action::Delete => return annotate::delete(app),
        Action::Undo => return annotate::undo_or_redo(app, true),
        Action::Redo => return annotate::undo_or_redo(app, false),
        Action::NextMatch => super::cursor_fact::jump_to_match(app, true),
        Action::PrevMatch => super::cursor_fact::jump_to_match(app, false),
        Action::NextAnnotation => annotate::jump_annotation(app, true),
        Action::PrevAnnotation => annotate::jump_annotation(app, false),
        Action::Link => return annotate::link(app, None),
        Action::LinkAs(stance) => return modal::link_as(app, &stance),
        Action::BiasPicker => annotate::open_bias_picker(app),
        Action::Bias(value) => {
            let scope = modal::take_bias_scope(app);
            return annotate::set_bias(app, &value, scope);
        }
        Action::Reliability(n) => {
            let scope = modal::take_bias_scope(app);
            return annotate::set_reliability(app, n, scope);
        }
        Action::Label(text) => return annotate::toggle_label(app, &text, annotate::Scope::Article),
        Action::OutletBias(value) => return annotate::set_bias(app, &value, annotate::Scope::Outlet),
        Action::OutletReliability(n) => return annotate::set_reliability(app, n, annotate::Scope::Outlet),
        Action::OutletLabel(text) => return annotate::toggle_label(app, &text, annotate::Scope::Outlet),
        Action::Annotations => annotate::open_annotations(app),
        Action::Search => super::search::open(app),
        Action::SearchNext => super::search::step(app, true),
        Action::SearchPrev => super::search::step(app, false),
        // The modal layers: lists, the command line, the editor, the pickers.
        Action::Confirm => return modal::confirm(app),
        Action::Complete => modal::complete(app),
        Action::DeleteBack => modal::delete_back(app),
        Action::Save => return modal::save(app),
        Action::ReliabilityPicker => modal::reliability_picker(app),
        Action::BiasScope => modal::toggle_bias_scope(app),
        Action::NotesReload => return modal::resolve_notes_change(app, NotesChoice::ReloadAndReapply),
        Action::NotesSaveCopy => return modal::resolve_notes_change(app, NotesChoice::SaveCopy),
        // What the report says that only the analyst knows.
        Action::CaseTitle(text) => return super::report::set_case_title(app, &text),
        Action::Url(text) => return super::report::set_url(app, &text),
        Action::ClaimTitle(text) => return super::report::set_claim_title(app, &text),
        Action::Omits(claim) => return super::report::toggle_omits(app, &claim),
        Action::Copy => return super::copy::copy(app),
        Action::CopyTo(path) => return super::copy::copy_to(app, &path),
    }
    Vec::new()
}

/// `:export md|json|csv [FILE]`: without a file, the shell picks a new one in the data
/// directory's `reports` folder (a report beside the articles would open as one of them).
fn export(app: &mut App, args: &str) -> Vec<Effect> {
    let mut words = args.splitn(2, char::is_whitespace);
    let name = words.next().unwrap_or_default();
    let Some(format) = crate::export::Format::from_name(name) else {
        app.error(format!("unknown export format `{name}`: md, json or csv"));
        return Vec::new();
    };
    let path = words
        .next()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(std::path::PathBuf::from);
    vec![Effect::Export { format, path }]
}

fn focus_by(app: &mut App, delta: isize) {
    let n = app.panes.len();
    if n > 0 {
        app.focus = (app.focus as isize + delta).rem_euclid(n as isize) as usize;
    }
}

/// Rows in the focused pane's body.
fn page(app: &App) -> isize {
    app.focused().map_or(1, |p| p.body_height.max(1) as isize)
}

/// Moves in help or the open list by `step`, else scrolls the focused pane by `rows(app)`.
fn scroll_or_move(app: &mut App, step: Step, rows: impl FnOnce(&App) -> isize) {
    if !modal::move_in_mode(app, step) {
        let delta = rows(app);
        scroll(app, delta);
    }
}

fn scroll(app: &mut App, delta: isize) {
    scroll_pane(app, app.focus, delta);
}

/// Scrolls one pane; with sync on, the others follow to the same fact (sync by content, once
/// the panes are aligned) or else to the same fraction of their text.
pub fn scroll_pane(app: &mut App, index: usize, delta: isize) {
    let Some(pane) = app.panes.get_mut(index) else {
        return;
    };
    pane.scroll_by(delta);
    if app.sync {
        let at_bottom =
            delta > 0 && pane.top == pane.layout.clamp_top(&pane.article.text, pane.top, usize::MAX);
        let fraction = if at_bottom { 1.0 } else { pane.fraction() };
        if at_bottom || !super::content_sync::follow(app, index) {
            for (i, other) in app.panes.iter_mut().enumerate() {
                if i != index {
                    other.scroll_to_fraction(fraction);
                }
            }
        }
    }
}

fn follow_focus(app: &mut App) {
    let Some(pane) = app.panes.get_mut(app.focus) else {
        return;
    };
    // At the end of its article, the others go to the end of theirs (End, not 67%), whatever
    // fact the last screen's top line reports: the analyst asked for the ends.
    let height = pane.body_height.max(1);
    let at_end = pane.top != crate::layout::RowPos::default()
        && pane.top >= pane.layout.max_top(&pane.article.text, height);
    let fraction = if at_end { 1.0 } else { pane.fraction() };
    // A jump's hit or cursor sentence is what the analyst asked for, even on the last screen.
    let anchor = anchor(app);
    let at_end = at_end && anchor.is_none();
    if !at_end && super::content_sync::follow_at(app, app.focus, anchor) {
        return;
    }
    for (i, other) in app.panes.iter_mut().enumerate() {
        if i != app.focus {
            other.scroll_to_fraction(fraction);
            other.sync_note = None;
        }
    }
}

/// What the focused pane is showing the analyst, when it is not its top line: the search hit
/// stepped to, else the sentence under the cursor.
fn anchor(app: &App) -> Option<usize> {
    let pane = app.focused()?;
    let hit = app
        .search
        .current
        .filter(|(index, _)| *index == app.focus)
        .and_then(|(_, hit)| pane.search_hits.get(hit));
    hit.or(pane.cursor.as_ref().map(|c| &c.sentence)).map(|r| r.start)
}

fn resize_focused(app: &mut App, delta: i32) {
    if let Some(pane) = app.panes.get_mut(app.focus) {
        let weight = (i32::from(pane.weight) + delta).clamp(1, i32::from(MAX_WEIGHT));
        pane.weight = u16::try_from(weight).unwrap_or(DEFAULT_WEIGHT);
    }
}

fn move_focused(app: &mut App, delta: isize) {
    let target = app.focus as isize + delta;
    if target >= 0 && (target as usize) < app.panes.len() {
        app.panes.swap(app.focus, target as usize);
        app.focus = target as usize;
    }
}

pub fn set_override(app: &mut App, set: impl FnOnce(&mut crate::annotation::Overrides)) -> Vec<Effect> {
    let Some(key) = annotate::focused_key(app) else {
        app.error("no article open");
        return Vec::new();
    };
    let mut overrides = app
        .notes
        .notes
        .article(&key.path)
        .map(|a| a.overrides.clone())
        .unwrap_or_default();
    set(&mut overrides);
    annotate::edit(
        app,
        &crate::annotation::Edit::SetOverrides {
            article: key,
            overrides,
        },
    )
}

/// Runs a `:` command line.
pub fn run_command(app: &mut App, line: &str) -> Vec<Effect> {
    if line.trim().is_empty() {
        return Vec::new();
    }
    match line.parse::<Action>() {
        Ok(action) => apply(app, action),
        Err(e) => {
            app.error(e.to_string());
            Vec::new()
        }
    }
}

/// Focuses the article with notes key `path` and puts the cursor on the sentence at `start`.
pub fn go_to_annotation(app: &mut App, path: &str, start: usize) {
    let Some(index) = app.panes.iter().position(|p| p.key.path == path) else {
        app.error(format!("{path} is not open"));
        return;
    };
    app.focus = index;
    app.panes[index].put_cursor_at(start);
}

/// Handles a mouse event: a click focuses the pane under the pointer, the wheel scrolls it.
pub fn handle_mouse(app: &mut App, event: MouseEvent) -> Vec<Effect> {
    if !app.settings.mouse || !matches!(app.mode, Mode::Normal) {
        return Vec::new();
    }
    if let MouseEventKind::Up(_) = event.kind {
        super::mouse::release(app);
        return Vec::new();
    }
    let Some(index) = app.view.pane_at(event.column, event.row) else {
        return Vec::new();
    };
    match event.kind {
        MouseEventKind::Down(MouseButton::Left) => {
            let offset = super::mouse::offset_at(app, index, event.column, event.row);
            super::mouse::press(app, index, offset);
        }
        MouseEventKind::Down(_) => app.focus = index,
        MouseEventKind::Drag(MouseButton::Left) => {
            let offset = super::mouse::offset_at(app, index, event.column, event.row);
            super::mouse::drag_to(app, index, offset);
        }
        MouseEventKind::ScrollDown => scroll_pane(app, index, WHEEL_ROWS),
        MouseEventKind::ScrollUp => scroll_pane(app, index, -WHEEL_ROWS),
        _ => {}
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::view::prepare;
    use crate::article::Article;
    use crate::config::Config;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use ratatui::layout::Rect;

    fn app_with(n: usize, paragraphs: usize) -> App {
        let articles = (0..n)
            .map(|i| {
                let text: Vec<String> = (0..paragraphs)
                    .map(|p| format!("Article {i} paragraph {p} text."))
                    .collect();
                Article::plain(format!("a{i}.txt"), text.join("\n"))
            })
            .collect();
        let mut app = App::new(articles, &Config::default());
        prepare(&mut app, Rect::new(0, 0, 200, 50));
        app
    }

    fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
        let effects = handle_key(app, KeyEvent::new(code, KeyModifiers::NONE));
        prepare(app, app.view.area);
        effects
    }

    #[test]
    fn focus_cycles_and_jumps() {
        let mut app = app_with(3, 5);
        key(&mut app, KeyCode::Tab);
        assert_eq!(app.focus, 1);
        key(&mut app, KeyCode::BackTab);
        key(&mut app, KeyCode::BackTab);
        assert_eq!(app.focus, 2);
        key(&mut app, KeyCode::Char('1'));
        assert_eq!(app.focus, 0);
        key(&mut app, KeyCode::Char('9'));
        assert_eq!(app.focus, 0);
        assert!(app.message.as_ref().is_some_and(|m| m.error));
    }

    #[test]
    fn scrolling_moves_only_the_focused_pane_unless_synced() {
        let mut app = app_with(2, 200);
        key(&mut app, KeyCode::Char('j'));
        assert_ne!(app.panes[0].top, app.panes[1].top);
        key(&mut app, KeyCode::Char('g'));
        key(&mut app, KeyCode::Char('s'));
        assert!(app.sync);
        key(&mut app, KeyCode::Char('G'));
        let pane = &mut app.panes[1];
        let bottom1 = pane.layout.max_top(&pane.article.text, pane.body_height);
        assert_eq!(app.panes[1].top, bottom1);
        key(&mut app, KeyCode::Char('g'));
        assert_eq!(app.panes[0].top, app.panes[1].top);
    }

    #[test]
    fn zoom_shows_only_the_focused_pane() {
        let mut app = app_with(3, 5);
        key(&mut app, KeyCode::Char('2'));
        key(&mut app, KeyCode::Char('z'));
        assert_eq!(app.view.panes.len(), 1);
        assert_eq!(app.view.panes[0].index, 1);
        assert_eq!(app.view.panes[0].rect.width, 200);
        key(&mut app, KeyCode::Char('z'));
        assert_eq!(app.view.panes.len(), 3);
    }

    #[test]
    fn many_panes_page_with_the_focus() {
        let mut app = app_with(12, 5);
        assert_eq!(app.view.panes.len(), 5); // 200 / 40
        assert_eq!(crate::app::view::page_label(&app).as_deref(), Some("1–5 of 12"));
        key(&mut app, KeyCode::Char('9'));
        assert_eq!(crate::app::view::page_label(&app).as_deref(), Some("5–9 of 12"));
    }

    #[test]
    fn panes_move_resize_and_close() {
        let mut app = app_with(3, 5);
        let first = app.panes[0].article.path.clone();
        key(&mut app, KeyCode::Char('L'));
        assert_eq!(app.focus, 1);
        assert_eq!(app.panes[1].article.path, first);
        let before = app.view.panes[1].rect.width;
        key(&mut app, KeyCode::Char('>'));
        assert!(app.view.panes[1].rect.width > before);
        key(&mut app, KeyCode::Char('x'));
        assert_eq!(app.panes.len(), 2);
    }

    #[test]
    fn command_line_runs_actions_and_reports_errors() {
        let mut app = app_with(2, 5);
        for c in ":zoom".chars() {
            key(&mut app, KeyCode::Char(c));
        }
        key(&mut app, KeyCode::Enter);
        assert!(app.zoom);
        let effects = run_command(&mut app, "open other.txt");
        assert_eq!(effects, vec![Effect::Open("other.txt".into())]);
        run_command(&mut app, "nonsense");
        assert!(
            app.message
                .as_ref()
                .is_some_and(|m| m.error && m.text.contains("nonsense"))
        );
        run_command(&mut app, "outlet The Daily");
        assert_eq!(app.panes[app.focus].outlet(), "The Daily");
        assert_eq!(key(&mut app, KeyCode::Char('q')), vec![Effect::Quit]);
    }

    #[test]
    fn mouse_click_focuses_and_wheel_scrolls_the_pane_under_the_pointer() {
        let mut app = app_with(3, 200);
        let rect = app.view.panes[2].rect;
        let at = |kind| MouseEvent {
            kind,
            column: rect.x + 3,
            row: rect.y + 5,
            modifiers: KeyModifiers::NONE,
        };
        handle_mouse(&mut app, at(MouseEventKind::ScrollDown));
        assert_eq!(app.focus, 0);
        assert_ne!(app.panes[2].top, app.panes[0].top);
        handle_mouse(
            &mut app,
            at(MouseEventKind::Down(crossterm::event::MouseButton::Left)),
        );
        assert_eq!(app.focus, 2);
    }
}
