//! Sets of hidden ranges: overlaying one set on another and checking the invariants.

use std::ops::Range;

use super::{Hidden, HideReason};

/// `base` with `top` laid over it: where they overlap, `top` wins. Both must be sorted and
/// non-overlapping; so is the result. Linear in the total length.
pub fn overlay(base: &[Hidden], top: &[Hidden]) -> Vec<Hidden> {
    let mut out: Vec<Hidden> = Vec::with_capacity(base.len() + top.len());
    let mut tops = top.iter().peekable();
    for b in base {
        let mut start = b.range.start;
        while start < b.range.end {
            // Emit every top range that begins before what is left of `b`.
            while let Some(t) = tops.peek() {
                if t.range.start > start {
                    break;
                }
                push(&mut out, Hidden::clone(t));
                start = start.max(t.range.end);
                tops.next();
            }
            if start >= b.range.end {
                break;
            }
            let end = tops
                .peek()
                .map_or(b.range.end, |t| t.range.start.min(b.range.end));
            push(
                &mut out,
                Hidden {
                    range: start..end,
                    reason: b.reason,
                },
            );
            start = end;
        }
    }
    for t in tops {
        push(&mut out, t.clone());
    }
    out
}

/// Appends `h`, trimming what an earlier range already covers and merging with a touching range
/// of the same reason.
fn push(out: &mut Vec<Hidden>, mut h: Hidden) {
    if let Some(last) = out.last_mut() {
        h.range.start = h.range.start.max(last.range.end);
        if h.range.start >= h.range.end {
            return;
        }
        if last.range.end == h.range.start && last.reason == h.reason {
            last.range.end = h.range.end;
            return;
        }
    }
    if h.range.start < h.range.end {
        out.push(h);
    }
}

/// Lays one range over `hidden` with `reason`, replacing what was there.
pub fn set(hidden: &mut Vec<Hidden>, range: Range<usize>, reason: HideReason) {
    if range.is_empty() {
        return;
    }
    *hidden = overlay(hidden, &[Hidden { range, reason }]);
}

/// Shows `range` again: removes it from every hidden range, splitting one that spans it.
pub fn unset(hidden: &mut Vec<Hidden>, range: &Range<usize>) {
    if range.is_empty() {
        return;
    }
    let mut out = Vec::with_capacity(hidden.len() + 1);
    for h in hidden.drain(..) {
        if h.range.end <= range.start || range.end <= h.range.start {
            out.push(h);
            continue;
        }
        if h.range.start < range.start {
            out.push(Hidden {
                range: h.range.start..range.start,
                reason: h.reason,
            });
        }
        if range.end < h.range.end {
            out.push(Hidden {
                range: range.end..h.range.end,
                reason: h.reason,
            });
        }
    }
    *hidden = out;
}

/// The reason hiding the byte at `offset`, if it is hidden.
pub fn reason_at(hidden: &[Hidden], offset: usize) -> Option<HideReason> {
    let i = hidden.partition_point(|h| h.range.end <= offset);
    hidden
        .get(i)
        .filter(|h| h.range.start <= offset)
        .map(|h| h.reason)
}

/// Whether every byte of `range` is hidden.
pub fn covers(hidden: &[Hidden], range: &Range<usize>) -> bool {
    let mut cursor = range.start;
    let first = hidden.partition_point(|h| h.range.end <= range.start);
    for h in &hidden[first..] {
        if h.range.start > cursor || cursor >= range.end {
            break;
        }
        cursor = h.range.end;
    }
    cursor >= range.end
}

/// Checks the invariants every cleaner output must keep: sorted, non-overlapping, non-empty,
/// inside `text` and on char boundaries. Returns the first violation.
pub fn check(text: &str, hidden: &[Hidden]) -> Result<(), String> {
    let mut previous_end = 0;
    for h in hidden {
        let r = &h.range;
        if r.start >= r.end {
            return Err(format!("empty range {r:?}"));
        }
        if r.start < previous_end {
            return Err(format!("range {r:?} overlaps or is out of order"));
        }
        if r.end > text.len() {
            return Err(format!("range {r:?} past the end ({})", text.len()));
        }
        if !text.is_char_boundary(r.start) || !text.is_char_boundary(r.end) {
            return Err(format!("range {r:?} not on char boundaries"));
        }
        previous_end = r.end;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(range: Range<usize>, reason: HideReason) -> Hidden {
        Hidden { range, reason }
    }

    #[test]
    fn overlay_lets_top_win_and_keeps_order() {
        let base = [h(0..10, HideReason::Boilerplate), h(20..30, HideReason::Footer)];
        let top = [h(5..8, HideReason::Metadata), h(25..40, HideReason::Metadata)];
        let out = overlay(&base, &top);
        assert_eq!(
            out,
            vec![
                h(0..5, HideReason::Boilerplate),
                h(5..8, HideReason::Metadata),
                h(8..10, HideReason::Boilerplate),
                h(20..25, HideReason::Footer),
                h(25..40, HideReason::Metadata),
            ]
        );
    }

    #[test]
    fn overlay_merges_touching_ranges_of_one_reason() {
        let base = [h(0..4, HideReason::Markup)];
        let top = [h(4..6, HideReason::Markup), h(6..9, HideReason::Social)];
        assert_eq!(
            overlay(&base, &top),
            vec![h(0..6, HideReason::Markup), h(6..9, HideReason::Social)]
        );
    }

    #[test]
    fn covers_and_reason_at() {
        let hidden = vec![h(0..4, HideReason::Markup), h(4..9, HideReason::Social)];
        assert!(covers(&hidden, &(1..9)));
        assert!(!covers(&hidden, &(1..10)));
        assert_eq!(reason_at(&hidden, 5), Some(HideReason::Social));
        assert_eq!(reason_at(&hidden, 9), None);
        assert!(check("0123456789", &hidden).is_ok());
        assert!(check("0123", &hidden).is_err());
    }
}
