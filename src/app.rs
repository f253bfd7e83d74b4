//! Application state and the pure `update` step: actions in, new state and effects out.

pub mod action;
