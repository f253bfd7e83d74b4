//! From an article to rows on screen: wrapping cached per width, and scrolling by rows. The
//! paragraphs it wraps come from [`paragraphs`].
//!
//! Wrapping is lazy: a paragraph is wrapped the first time a row of it is needed, and the result
//! is kept until the width changes. Scrolling, jumping and clamping touch only the paragraphs
//! they pass, so the first frame of a 2 MB article costs about what a 2 kB one does. Positions
//! are stored as rows within a paragraph and converted through byte offsets when the width
//! changes, so the text at the top of a pane stays put across a resize.

pub mod paragraphs;
pub mod wrap;

use std::ops::Range;

use crate::article::Article;
pub use paragraphs::{Paragraph, Paragraphs, paragraphs};
pub use wrap::{VisualLine, text_width, wrap_paragraph};

/// A row position: row `row` of paragraph `para`. Row 0 of every paragraph but the first is the
/// blank spacer line above it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct RowPos {
    pub para: usize,
    pub row: usize,
}

/// What a row shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Spacer,
    Text(VisualLine),
}

/// An article's paragraphs and their wrapping at one width.
#[derive(Debug, Clone)]
pub struct PaneLayout {
    paragraphs: Paragraphs,
    reveal: bool,
    width: usize,
    wrapped: Vec<Option<Vec<VisualLine>>>,
    span: Range<usize>,
}

impl PaneLayout {
    /// Splits the article into paragraphs; nothing is wrapped yet.
    pub fn new(article: &Article, reveal: bool) -> Self {
        let paragraphs = paragraphs(article, reveal);
        let span = match (paragraphs.list.first(), paragraphs.list.last()) {
            (Some(first), Some(last)) => first.start()..last.end(),
            _ => 0..0,
        };
        let wrapped = vec![None; paragraphs.list.len()];
        Self {
            paragraphs,
            reveal,
            width: 0,
            wrapped,
            span,
        }
    }

    /// Whether hidden text is included.
    pub fn reveal(&self) -> bool {
        self.reveal
    }

    /// The paragraphs.
    pub fn paragraphs(&self) -> &[Paragraph] {
        &self.paragraphs.list
    }

    /// The width wrapping is cached for.
    pub fn width(&self) -> usize {
        self.width
    }

    /// Sets the wrap width; drops the cache when it changes.
    pub fn set_width(&mut self, width: usize) {
        let width = width.max(1);
        if width != self.width {
            self.width = width;
            self.wrapped.iter_mut().for_each(|w| *w = None);
        }
    }

    fn is_empty(&self) -> bool {
        self.paragraphs.list.is_empty()
    }

    /// The wrapped lines of paragraph `para`, wrapping it now if needed.
    pub fn lines(&mut self, text: &str, para: usize) -> &[VisualLine] {
        let width = self.width.max(1);
        let pieces = self.paragraphs.pieces(&self.paragraphs.list[para]);
        self.wrapped[para].get_or_insert_with(|| wrap_paragraph(text, pieces, width))
    }

    /// The wrapped lines of `para` if already wrapped (for the read-only renderer).
    pub fn cached_lines(&self, para: usize) -> Option<&[VisualLine]> {
        self.wrapped.get(para)?.as_deref()
    }

    fn rows(&mut self, text: &str, para: usize) -> usize {
        usize::from(para > 0) + self.lines(text, para).len()
    }

    /// The row at `pos`, from the cache.
    pub fn row(&self, pos: RowPos) -> Option<Row> {
        // A paragraph past the end, or not wrapped yet, has no rows, not even its spacer: the
        // spacer of a paragraph that does not exist made the end of an article look like more
        // rows to come (the pane said "67%" at the bottom).
        let lines = self.cached_lines(pos.para)?;
        let spacer = usize::from(pos.para > 0);
        if pos.row < spacer {
            return Some(Row::Spacer);
        }
        lines.get(pos.row - spacer).copied().map(Row::Text)
    }

    /// More rows than the article can have at any width: a paragraph is at least one byte and
    /// a visual line at least one grapheme, plus one spacer row per paragraph.
    fn more_rows_than_any_wrap(&self, text: &str, n: usize) -> bool {
        n > 2 * text.len() + self.paragraphs.list.len() + 1
    }

    /// The position `n` rows below `pos`, stopping at the last row.
    pub fn down(&mut self, text: &str, mut pos: RowPos, mut n: usize) -> RowPos {
        if self.is_empty() {
            return RowPos::default();
        }
        if self.more_rows_than_any_wrap(text, n) {
            // "To the end" (`G`): no need to wrap every paragraph on the way.
            return self.last(text);
        }
        loop {
            let rows = self.rows(text, pos.para);
            let left = rows.saturating_sub(pos.row + 1);
            if n <= left {
                pos.row += n;
                return pos;
            }
            if pos.para + 1 >= self.paragraphs.list.len() {
                pos.row = rows - 1;
                return pos;
            }
            n -= left + 1;
            pos = RowPos {
                para: pos.para + 1,
                row: 0,
            };
        }
    }

    /// The position `n` rows above `pos`, stopping at the first row.
    pub fn up(&mut self, text: &str, mut pos: RowPos, mut n: usize) -> RowPos {
        if self.more_rows_than_any_wrap(text, n) {
            return RowPos::default();
        }
        loop {
            if n <= pos.row {
                pos.row -= n;
                return pos;
            }
            if pos.para == 0 {
                return RowPos::default();
            }
            n -= pos.row + 1;
            let para = pos.para - 1;
            pos = RowPos {
                para,
                row: self.rows(text, para) - 1,
            };
        }
    }

    /// The last row.
    pub fn last(&mut self, text: &str) -> RowPos {
        if self.is_empty() {
            return RowPos::default();
        }
        let para = self.paragraphs.list.len() - 1;
        RowPos {
            para,
            row: self.rows(text, para) - 1,
        }
    }

    /// The lowest top position that still fills a viewport of `height` rows.
    pub fn max_top(&mut self, text: &str, height: usize) -> RowPos {
        let last = self.last(text);
        self.up(text, last, height.saturating_sub(1))
    }

    /// `top` moved no further down than [`Self::max_top`].
    pub fn clamp_top(&mut self, text: &str, top: RowPos, height: usize) -> RowPos {
        // When the viewport ends before the last paragraph, `top` stands; knowing that needs
        // only the rows on screen, not the end of the article wrapped.
        if top.para < self.paragraphs.list.len() {
            let bottom = self.down(text, top, height.saturating_sub(1));
            if bottom.para + 1 < self.paragraphs.list.len() {
                return top;
            }
        }
        top.min(self.max_top(text, height))
    }

    /// Wraps every paragraph that shows in a viewport of `height` rows starting at `top`.
    pub fn prepare(&mut self, text: &str, top: RowPos, height: usize) {
        if !self.is_empty() && top.para < self.paragraphs.list.len() {
            self.down(text, top, height);
        }
    }

    /// The byte offset a row stands for (a spacer stands for its paragraph's start).
    pub fn offset_of(&mut self, text: &str, pos: RowPos) -> usize {
        if self.is_empty() {
            return 0;
        }
        let para = pos.para.min(self.paragraphs.list.len() - 1);
        let spacer = usize::from(para > 0);
        if pos.row < spacer {
            return self.paragraphs.list[para].start();
        }
        let lines = self.lines(text, para);
        lines
            .get(pos.row - spacer)
            .or(lines.last())
            .map_or(0, |l| l.start)
    }

    /// The row showing byte `offset` (or the nearest row after it).
    pub fn pos_of_offset(&mut self, text: &str, offset: usize) -> RowPos {
        if self.is_empty() {
            return RowPos::default();
        }
        let para = self
            .paragraphs
            .list
            .partition_point(|p| p.end() <= offset)
            .min(self.paragraphs.list.len() - 1);
        let spacer = usize::from(para > 0);
        let lines = self.lines(text, para);
        let line = lines.partition_point(|l| l.end < offset).min(lines.len() - 1);
        RowPos {
            para,
            row: spacer + line,
        }
    }

    /// Where `pos` is through the visible text, from 0.0 (top) to 1.0 (end).
    pub fn fraction(&mut self, text: &str, pos: RowPos) -> f64 {
        let span = self.span.clone();
        if span.len() <= 1 {
            return 0.0;
        }
        let offset = self.offset_of(text, pos);
        (offset.saturating_sub(span.start) as f64 / span.len() as f64).clamp(0.0, 1.0)
    }

    /// The row at `fraction` of the visible text.
    pub fn pos_at_fraction(&mut self, text: &str, fraction: f64) -> RowPos {
        let span = self.span.clone();
        let offset = span.start + (fraction.clamp(0.0, 1.0) * span.len() as f64) as usize;
        self.pos_of_offset(text, offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(text: &str) -> Article {
        Article::plain("t.txt", text)
    }

    fn numbered(n: usize) -> String {
        (0..n)
            .map(|i| format!("paragraph {i} with some words"))
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn scrolling_moves_by_rows_and_stops_at_the_ends() {
        let a = article(&numbered(10));
        let mut l = PaneLayout::new(&a, false);
        l.set_width(14); // "paragraph 0" / "with some" / "words": 3 lines each
        let text = &a.text;
        let p = l.down(text, RowPos::default(), 3);
        assert_eq!(p, RowPos { para: 1, row: 0 }); // the spacer above paragraph 1
        assert_eq!(l.row(p), Some(Row::Spacer));
        assert_eq!(l.up(text, p, 3), RowPos::default());
        assert_eq!(l.up(text, p, 100), RowPos::default());
        let last = l.last(text);
        assert_eq!(last, RowPos { para: 9, row: 3 });
        assert_eq!(l.down(text, RowPos::default(), 1000), last);
        // 10 paragraphs of 3 lines + 9 spacers = 39 rows; a 10-row viewport stops at row 29.
        let max = l.max_top(text, 10);
        assert_eq!(l.down(text, max, 9), last);
        assert_eq!(l.clamp_top(text, last, 10), max);
    }

    #[test]
    fn only_paragraphs_on_screen_are_wrapped() {
        let a = article(&numbered(10_000));
        let mut l = PaneLayout::new(&a, false);
        l.set_width(40);
        l.prepare(&a.text, RowPos::default(), 20);
        let wrapped = (0..10_000).filter(|&i| l.cached_lines(i).is_some()).count();
        assert!(wrapped <= 21, "{wrapped} paragraphs wrapped for one screen");
    }

    #[test]
    fn clamping_the_top_wraps_only_what_shows_unless_near_the_end() {
        let a = article(&numbered(1_000));
        let mut l = PaneLayout::new(&a, false);
        l.set_width(14);
        assert_eq!(l.clamp_top(&a.text, RowPos::default(), 20), RowPos::default());
        assert!(l.cached_lines(999).is_none(), "the end was wrapped");
        // Near the end it clamps as before: to the last full viewport.
        let max = l.max_top(&a.text, 20);
        let near_end = l.up(&a.text, max, 3);
        for top in [near_end, max, l.down(&a.text, max, 5), l.last(&a.text)] {
            assert_eq!(l.clamp_top(&a.text, top, 20), top.min(max), "{top:?}");
        }
    }

    #[test]
    fn the_top_line_survives_a_width_change() {
        let a = article(&numbered(50));
        let mut l = PaneLayout::new(&a, false);
        l.set_width(12);
        let top = l.down(&a.text, RowPos::default(), 57);
        let offset = l.offset_of(&a.text, top);
        l.set_width(60);
        let new_top = l.pos_of_offset(&a.text, offset);
        let new_offset = l.offset_of(&a.text, new_top);
        let para = &l.paragraphs()[new_top.para];
        assert!(para.start() <= offset && offset <= para.end());
        assert!(new_offset <= offset);
    }

    #[test]
    fn fractions_map_proportionally() {
        let a = article(&numbered(100));
        let mut l = PaneLayout::new(&a, false);
        l.set_width(80);
        assert!(l.fraction(&a.text, RowPos::default()) < 0.001);
        let mid = l.pos_at_fraction(&a.text, 0.5);
        assert!((45..=55).contains(&mid.para), "{mid:?}");
        let end = l.last(&a.text);
        assert!(l.fraction(&a.text, end) > 0.98);
    }

    #[test]
    fn empty_article_has_no_rows_and_does_not_panic() {
        let a = article("");
        let mut l = PaneLayout::new(&a, false);
        l.set_width(10);
        assert_eq!(l.down(&a.text, RowPos::default(), 5), RowPos::default());
        assert_eq!(l.max_top(&a.text, 10), RowPos::default());
        assert_eq!(l.row(RowPos::default()), None);
        l.prepare(&a.text, RowPos::default(), 10);
    }

    #[test]
    fn scrolling_past_either_end_skips_wrapping_what_lies_between() {
        // Narrow columns and words of one to many letters, so rows are as many as can be.
        let text: String = (0..400).fold(String::new(), |mut text, i| {
            text.push_str(&"x".repeat(i % 7 + 1));
            text.push_str(" w\n");
            text
        });
        let a = article(&text);
        for width in [1, 3, 20] {
            let mut walked = PaneLayout::new(&a, false);
            walked.set_width(width);
            let mut pos = RowPos::default();
            let mut rows = 0;
            loop {
                let next = walked.down(&a.text, pos, 1);
                if next == pos {
                    break;
                }
                pos = next;
                rows += 1;
            }
            assert_eq!(pos, walked.last(&a.text));
            // Any distance the text could cover is walked; anything beyond is the end.
            let mut l = PaneLayout::new(&a, false);
            l.set_width(width);
            assert_eq!(l.down(&a.text, RowPos::default(), rows), pos, "width {width}");
            assert_eq!(l.down(&a.text, RowPos::default(), rows + 1), pos);
            let mut fresh = PaneLayout::new(&a, false);
            fresh.set_width(width);
            assert_eq!(fresh.down(&a.text, RowPos::default(), usize::MAX / 2), pos);
            assert!(fresh.cached_lines(200).is_none(), "wrapped the middle on the way");
            assert_eq!(fresh.up(&a.text, pos, usize::MAX / 2), RowPos::default());
            assert!(fresh.cached_lines(200).is_none());
            assert_eq!(l.up(&a.text, pos, rows), RowPos::default());
        }
    }
}
