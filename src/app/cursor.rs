//! The sentence cursor and the selection of a pane: showing, moving and extending them, and the
//! byte range they target (what a tag, note or link applies to). The behaviour is on [`Pane`]
//! (it borrows only the pane); the functions below apply it to the focused pane and report.

use std::ops::Range;

use super::annotate::focused_key;
use super::{App, Pane};
use crate::article::sentences;

/// The sentence cursor of a pane, and the selection when `v` started one. Sentences are held as
/// byte ranges, not as indices into a list of all of them, so that none has to be split.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    /// The sentence under the cursor.
    pub sentence: Range<usize>,
    /// The selected byte range, when selecting.
    pub selection: Option<Selection>,
}

/// A selection: the sentence it started at and its current byte range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    pub anchor: Range<usize>,
    pub range: Range<usize>,
}

/// The cursor's behaviour belongs to the pane it is in: these borrow only that pane.
impl Pane {
    /// Hides the cursor, or shows it on the sentence at the top of the pane. False when there
    /// was no cursor and the article has no sentence to put it on.
    pub fn toggle_cursor(&mut self) -> bool {
        if self.cursor.take().is_some() {
            return true;
        }
        let top = self.top_offset();
        let Some(sentence) = self.sentences().at(top) else {
            return false;
        };
        self.cursor = Some(Cursor {
            sentence,
            selection: None,
        });
        true
    }

    /// Shows the cursor if it is hidden; true when it shows.
    pub fn ensure_cursor(&mut self) -> bool {
        if self.cursor.is_none() {
            self.toggle_cursor();
        }
        self.cursor.is_some()
    }

    /// Moves the cursor to the next (or previous) sentence, extending a selection; at the first
    /// or last sentence it stays.
    pub fn move_sentence(&mut self, forward: bool) {
        if !self.ensure_cursor() {
            return;
        }
        let Some(here) = self.cursor.as_ref().map(|c| c.sentence.clone()) else {
            return;
        };
        let sentences = self.sentences();
        let moved = if forward {
            sentences.next(&here)
        } else {
            sentences.prev(&here)
        };
        let current = moved.unwrap_or(here);
        let Some(cursor) = self.cursor.as_mut() else {
            return;
        };
        cursor.sentence = current.clone();
        if let Some(selection) = cursor.selection.as_mut() {
            let anchor = &selection.anchor;
            selection.range = anchor.start.min(current.start)..anchor.end.max(current.end);
        }
        self.reveal_offset(current.start, current.end);
    }

    /// Starts a selection at the cursor's sentence, or ends the one open.
    pub fn toggle_selection(&mut self) {
        if !self.ensure_cursor() {
            return;
        }
        if let Some(cursor) = self.cursor.as_mut() {
            cursor.selection = if cursor.selection.is_some() {
                None
            } else {
                Some(Selection {
                    anchor: cursor.sentence.clone(),
                    range: cursor.sentence.clone(),
                })
            };
        }
    }

    /// Moves the selection's end one word forward or back (a selection of the sentence starts).
    pub fn adjust_selection_by_word(&mut self, forward: bool) {
        if self.cursor.as_ref().is_none_or(|c| c.selection.is_none()) {
            self.toggle_selection();
        }
        let text = &self.article.text;
        let Some(selection) = self.cursor.as_mut().and_then(|c| c.selection.as_mut()) else {
            return;
        };
        let end = selection.range.end;
        let new_end = if forward {
            let rest = &text[end..];
            let skip_space = rest.len() - rest.trim_start().len();
            let word = rest[skip_space..]
                .find(char::is_whitespace)
                .unwrap_or(rest.len() - skip_space);
            end + skip_space + word
        } else {
            let before = text[selection.range.start..end].trim_end();
            before
                .rfind(char::is_whitespace)
                .map_or(end, |i| selection.range.start + i)
        };
        if new_end > selection.range.start && !text[selection.range.start..new_end].contains('\n') {
            selection.range.end = new_end;
        }
    }

    /// The range the next tag or note applies to: the selection, else the cursor's sentence.
    pub fn target_range(&self) -> Option<Range<usize>> {
        let cursor = self.cursor.as_ref()?;
        match &cursor.selection {
            Some(selection) => Some(selection.range.clone()),
            None => Some(cursor.sentence.clone()),
        }
    }

    /// Puts the cursor on the sentence at `offset` and scrolls it into view.
    pub fn put_cursor_at(&mut self, offset: usize) {
        if let Some(sentence) = self.sentences().at(offset) {
            self.cursor = Some(Cursor {
                sentence,
                selection: None,
            });
        }
        self.show_offset(offset);
    }
}

/// `c`: the cursor in the focused pane.
pub fn toggle_cursor(app: &mut App) {
    let shown = app.panes.get_mut(app.focus).is_none_or(Pane::toggle_cursor);
    if !shown {
        app.error("no sentences in this article");
    }
}

/// Makes sure the focused pane shows a cursor; true when it does.
pub fn ensure_cursor(app: &mut App) -> bool {
    let shown = app.panes.get_mut(app.focus).is_some_and(Pane::ensure_cursor);
    if !shown && !app.panes.is_empty() {
        app.error("no sentences in this article");
    }
    shown
}

/// `j`/`k` with the cursor shown.
pub fn move_sentence(app: &mut App, forward: bool) {
    if ensure_cursor(app)
        && let Some(pane) = app.panes.get_mut(app.focus)
    {
        pane.move_sentence(forward);
    }
}

/// `v`.
pub fn start_selection(app: &mut App) {
    if ensure_cursor(app)
        && let Some(pane) = app.panes.get_mut(app.focus)
    {
        pane.toggle_selection();
    }
}

/// `w`/`b` in a selection.
pub fn adjust_by_word(app: &mut App, forward: bool) {
    if ensure_cursor(app)
        && let Some(pane) = app.panes.get_mut(app.focus)
    {
        pane.adjust_selection_by_word(forward);
    }
}

/// The focused pane's target range.
pub fn target_range(app: &App) -> Option<Range<usize>> {
    app.focused()?.target_range()
}

/// The annotation of the focused article that overlaps the cursor's target.
pub fn annotation_at_target(app: &App) -> Option<String> {
    let range = target_range(app)?;
    let key = focused_key(app)?;
    let article = app.notes.notes.article(&key.path)?;
    article
        .annotations
        .iter()
        .find(|a| !a.orphan && a.anchor.start < range.end && range.start < a.anchor.end)
        .map(|a| a.id.clone())
}

pub fn jump_annotation(app: &mut App, forward: bool) {
    let Some(key) = focused_key(app) else { return };
    let starts: Vec<usize> = app
        .notes
        .notes
        .article(&key.path)
        .map(|a| {
            a.annotations
                .iter()
                .filter(|a| !a.orphan)
                .map(|a| a.anchor.start)
                .collect()
        })
        .unwrap_or_default();
    let Some(pane) = app.panes.get_mut(app.focus) else {
        return;
    };
    let here = match pane.cursor.as_ref() {
        Some(cursor) => cursor.sentence.start,
        None => pane.top_offset(),
    };
    let target = if forward {
        starts.iter().copied().find(|&s| s > here)
    } else {
        starts.iter().rev().copied().find(|&s| s < here)
    };
    let Some(target) = target else {
        app.info(if forward {
            "no annotation below"
        } else {
            "no annotation above"
        });
        return;
    };
    pane.put_cursor_at(target);
}

/// Every sentence of an article's visible text, split at once: what [`crate::article::sentences::Near`]
/// must agree with (tests compare the two), not what the reader uses.
pub fn split_sentences(article: &crate::article::Article, reveal: bool) -> Vec<Range<usize>> {
    let visible = if reveal {
        vec![0..article.text.len()]
    } else {
        article.visible_ranges()
    };
    sentences::split(&article.text, &visible)
}
