//! The analyst's annotations: claims, tags, notes, links and source-bias tags, and their anchors
//! in the article text. Model and anchoring are pure; `store` does the file IO.
//!
//! - [`model`]: the case file's content ([`Notes`]), one entry per article.
//! - [`bias`]: source bias tags per article and per outlet, and [`bias::effective_bias`].
//! - [`claims`]: claim groups linking annotations across articles.
//! - [`edit`]: every change to [`Notes`] as an [`Edit`] value; [`history`] makes them undoable.
//! - [`anchor`]: finding an annotation again when the article text changed.
//! - [`store`], [`lock`], [`document`]: the notes file on disk (IO, through [`crate::files`]).
//! - [`location`]: where the notes file goes (pure), [`clock`]: timestamps (the one clock read).
//! - [`merge`]: this session's changes reapplied onto a file changed outside (pure).

pub mod accept;
pub mod anchor;
pub mod bias;
pub mod claims;
pub mod clock;
pub mod document;
pub mod edit;
pub mod hash;
pub mod history;
pub mod location;
pub mod lock;
pub mod merge;
pub mod model;
pub mod similarity;
pub mod store;

pub use accept::SuggestedMember;
pub use anchor::{AnchorOutcome, reanchor};
pub use bias::{Bias, OutletBias, Reliability, effective_bias};
pub use claims::{ClaimGroup, ClaimMember, Coverage, Origin, Stance};
pub use edit::{DocFile, Edit, EditError, Workspace};
pub use history::{Changes, History};
pub use model::{Anchor, Annotation, ArticleKey, ArticleNotes, Notes, Overrides};
pub use store::{Opened, OpenedStore, ReadOnlyReason, WritableStore};
