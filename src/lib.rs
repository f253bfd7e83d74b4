//! Parallax: several news articles side by side, the same entities highlighted across them, and
//! the analyst's annotations kept safe.
//!
//! Data flow (see README, Architecture):
//!
//! ```text
//! files ──article::load──► Article { canonical text, hidden ranges, metadata }
//!                              └──entity::analyze (worker thread)──► EntityIndex
//!                                     ├──compare::align──► Alignment { facts as byte ranges }
//!                                     └──framing::analyze (same worker)──► Framing { descriptors }
//! key/mouse ──config::Keymap──► Action ──app::update (pure)──► App' + Vec<Effect>
//! resize/scroll ──layout (pure, cached per width)──► visual lines (byte ranges)
//! draw: ui::render(frame, &App)   read-only
//! ```
//!
//! Pure modules: `action`, `article` (but `article::load`), `layout`, `entity`, `compare`, `framing`,
//! `annotation` (but its store and lock), `export`, `app`, `config` (but `config::paths`), `ui`.
//! IO lives in
//! `files` (how any file is opened, read, created and replaced), `article::load`,
//! `config::paths`, the notes store, `fetch` (downloading pages into a case and its provenance
//! file; its naming, charset and provenance parts are pure), `commands` (the `entities`,
//! `align`, `framing`, `export` and `add` subcommands) and `tui`, the event loop that performs effects.
//! The top-level modules import each other without a cycle (`tests/module_cycles.rs`).

pub mod action;
pub mod annotation;
pub mod app;
pub mod article;
pub mod cli;
pub mod commands;
pub mod compare;
pub mod config;
pub mod entity;
pub mod export;
pub mod fetch;
pub mod files;
pub mod framing;
pub mod layout;
pub mod location;
pub mod par;
pub mod search;
pub mod tui;
pub mod ui;
