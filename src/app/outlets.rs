//! Outlet-level bias defaults as the reader holds them: the defaults read at startup, the
//! changes made in this session (undoable), and the changes not yet written.
//!
//! The defaults file is shared by every case, so two readers may have it open at once. It is
//! therefore not locked for the session: each save locks it briefly, reads it again, applies
//! only the outlets changed here and writes it back (see the event loop), so neither reader's
//! changes overwrite the other's.

use std::collections::BTreeMap;

use crate::annotation::{Bias, OutletBias};

/// The outlet defaults and this session's changes to them.
#[derive(Debug, Clone, Default)]
pub struct OutletState {
    pub defaults: OutletBias,
    /// Why changes cannot be saved (file unreadable, no data directory); None when they can.
    pub read_only: Option<String>,
    /// Outlet → its new default, changed here and not yet saved (None: removed).
    pending: BTreeMap<String, Option<Bias>>,
    undo: Vec<Change>,
    redo: Vec<Change>,
}

/// One change to one outlet's default, with the values before and after.
#[derive(Debug, Clone)]
struct Change {
    outlet: String,
    before: Option<Bias>,
    after: Option<Bias>,
}

impl OutletState {
    pub fn new(defaults: OutletBias, read_only: Option<String>) -> Self {
        Self {
            defaults,
            read_only,
            ..Self::default()
        }
    }

    /// The default for `outlet`, if one is set.
    pub fn get(&self, outlet: &str) -> Option<&Bias> {
        self.defaults.get(outlet)
    }

    /// Changes `outlet`'s default with `change` (starting from an empty tag when there is
    /// none) and records it for undo and saving. Err when the defaults are read-only.
    pub fn change(&mut self, outlet: &str, change: impl FnOnce(&mut Bias)) -> Result<(), String> {
        if let Some(reason) = &self.read_only {
            return Err(format!(
                "outlet defaults are read-only ({reason}); nothing was changed"
            ));
        }
        let before = self.get(outlet).cloned();
        let mut bias = before.clone().unwrap_or_default();
        change(&mut bias);
        let after = (!bias.is_empty()).then_some(bias);
        self.set(outlet, after.clone());
        self.undo.push(Change {
            outlet: outlet.to_owned(),
            before,
            after,
        });
        self.redo.clear();
        Ok(())
    }

    /// Reverts the last change; returns the outlet it was about.
    pub fn undo(&mut self) -> Option<String> {
        self.step(true)
    }

    /// Re-applies the last undone change; returns the outlet it was about.
    pub fn redo(&mut self) -> Option<String> {
        self.step(false)
    }

    fn step(&mut self, undo: bool) -> Option<String> {
        let (from, to) = if undo {
            (&mut self.undo, &mut self.redo)
        } else {
            (&mut self.redo, &mut self.undo)
        };
        let change = from.pop()?;
        let value = if undo { &change.before } else { &change.after }.clone();
        let outlet = change.outlet.clone();
        to.push(change);
        self.set(&outlet, value);
        Some(outlet)
    }

    /// Forgets the redo steps (a new change of another kind was made).
    pub fn clear_redo(&mut self) {
        self.redo.clear();
    }

    /// The changes to write, emptied; give them back with [`Self::keep_pending`] if the write
    /// fails.
    pub fn take_pending(&mut self) -> BTreeMap<String, Option<Bias>> {
        std::mem::take(&mut self.pending)
    }

    /// Puts back changes that could not be written (newer changes made meanwhile win).
    pub fn keep_pending(&mut self, unsaved: BTreeMap<String, Option<Bias>>) {
        for (outlet, bias) in unsaved {
            self.pending.entry(outlet).or_insert(bias);
        }
    }

    pub fn has_pending(&self) -> bool {
        !self.pending.is_empty()
    }

    fn set(&mut self, outlet: &str, bias: Option<Bias>) {
        self.defaults.set(outlet, bias.clone().unwrap_or_default());
        self.pending.insert(outlet.to_owned(), bias);
    }
}

/// Applies pending changes to the defaults as read from disk just now: only the outlets
/// changed in this session are touched.
pub fn merge_pending(on_disk: &mut OutletBias, pending: &BTreeMap<String, Option<Bias>>) {
    for (outlet, bias) in pending {
        on_disk.set(outlet, bias.clone().unwrap_or_default());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::Reliability;

    fn rated(n: u8) -> impl FnOnce(&mut Bias) {
        move |b| b.reliability = Some(Reliability::try_from(n).expect("1 to 5"))
    }

    #[test]
    fn changes_are_undoable_and_queued_for_saving() {
        let mut state = OutletState::default();
        state.change("Wire", rated(4)).expect("writable");
        state
            .change("Wire", |b| b.labels.push("wire copy".into()))
            .expect("writable");
        assert_eq!(state.get("Wire").map(|b| b.labels.len()), Some(1));
        assert_eq!(state.undo().as_deref(), Some("Wire"));
        let wire = state.get("Wire").expect("still rated");
        assert!(wire.labels.is_empty() && wire.reliability.is_some());
        assert_eq!(state.undo().as_deref(), Some("Wire"));
        assert!(state.get("Wire").is_none(), "back to no default at all");
        let pending = state.take_pending();
        assert_eq!(
            pending.get("Wire"),
            Some(&None),
            "the removal is what gets written"
        );
        assert_eq!(state.redo().as_deref(), Some("Wire"));
        assert_eq!(
            state
                .get("Wire")
                .and_then(|b| b.reliability)
                .map(Reliability::get),
            Some(4)
        );
        assert!(state.has_pending());
    }

    #[test]
    fn read_only_defaults_refuse_changes() {
        let mut state = OutletState::new(OutletBias::default(), Some("broken file".into()));
        let error = state.change("Wire", rated(2)).expect_err("read-only");
        assert!(error.contains("broken file"), "{error}");
        assert!(state.get("Wire").is_none() && !state.has_pending());
    }

    #[test]
    fn failed_writes_are_kept_but_newer_changes_win() {
        let mut state = OutletState::default();
        state.change("A", rated(1)).expect("writable");
        let unsaved = state.take_pending();
        state.change("A", rated(5)).expect("writable");
        state.keep_pending(unsaved);
        let pending = state.take_pending();
        let a = pending["A"]
            .as_ref()
            .and_then(|b| b.reliability)
            .map(Reliability::get);
        assert_eq!(a, Some(5));
    }

    #[test]
    fn merge_touches_only_the_outlets_changed_here() {
        let mut on_disk = OutletBias::default();
        on_disk.set(
            "Other reader's outlet",
            Bias {
                note: "theirs".into(),
                ..Bias::default()
            },
        );
        on_disk.set(
            "Gone",
            Bias {
                note: "x".into(),
                ..Bias::default()
            },
        );
        let mut state = OutletState::default();
        state.change("Mine", rated(3)).expect("writable");
        let mut pending = state.take_pending();
        pending.insert("Gone".into(), None);
        merge_pending(&mut on_disk, &pending);
        assert!(on_disk.get("Other reader's outlet").is_some());
        assert!(on_disk.get("Mine").is_some());
        assert!(on_disk.get("Gone").is_none());
    }
}
