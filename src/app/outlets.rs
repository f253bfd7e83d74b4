//! Outlet-level bias defaults as the reader holds them: the defaults read at startup and the
//! changes not yet written. Changes themselves are [`Edit::SetOutletDefault`]s and go through
//! the one history with the notes' edits (see `app::annotate::edit`), which calls
//! [`OutletState::mark_changed`] for every outlet a step touched.
//!
//! The defaults file is shared by every case, so two readers may have it open at once. It is
//! therefore not locked for the session: each save locks it briefly, reads it again, applies
//! only the outlets changed here and writes it back (see the event loop), so neither reader's
//! changes overwrite the other's.
//!
//! [`Edit::SetOutletDefault`]: crate::annotation::Edit::SetOutletDefault

use std::collections::BTreeMap;

use crate::annotation::{Bias, OutletBias};

/// The outlet defaults and this session's changes to them not yet written.
#[derive(Debug, Clone, Default)]
pub struct OutletState {
    pub defaults: OutletBias,
    /// Why changes cannot be saved (file unreadable, no data directory); None when they can.
    pub read_only: Option<String>,
    /// Outlet → its new default, changed here and not yet saved (None: removed).
    pending: BTreeMap<String, Option<Bias>>,
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

    /// Queues `outlet`'s current default for writing (after an edit, undo or redo changed it).
    pub fn mark_changed(&mut self, outlet: &str) {
        self.pending
            .insert(outlet.to_owned(), self.defaults.get(outlet).cloned());
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

    fn rated(n: u8) -> Bias {
        Bias {
            reliability: Some(Reliability::try_from(n).expect("1 to 5")),
            ..Bias::default()
        }
    }

    #[test]
    fn a_changed_outlet_is_queued_with_its_current_value_and_a_removal_too() {
        let mut state = OutletState::default();
        state.defaults.set("Wire", rated(4));
        state.mark_changed("Wire");
        state.defaults.set("Wire", Bias::default());
        state.mark_changed("Wire");
        assert_eq!(
            state.take_pending().get("Wire"),
            Some(&None),
            "the removal is what gets written"
        );
        assert!(!state.has_pending());
    }

    #[test]
    fn failed_writes_are_kept_but_newer_changes_win() {
        let mut state = OutletState::default();
        state.defaults.set("A", rated(1));
        state.mark_changed("A");
        let unsaved = state.take_pending();
        state.defaults.set("A", rated(5));
        state.mark_changed("A");
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
        state.defaults.set("Mine", rated(3));
        state.mark_changed("Mine");
        let mut pending = state.take_pending();
        pending.insert("Gone".into(), None);
        merge_pending(&mut on_disk, &pending);
        assert!(on_disk.get("Other reader's outlet").is_some());
        assert!(on_disk.get("Mine").is_some());
        assert!(on_disk.get("Gone").is_none());
    }
}
