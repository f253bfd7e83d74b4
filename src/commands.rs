//! The scripting subcommands, `parallax entities`, `parallax export` and `parallax add`
//! (which downloads pages into a case through `crate::fetch`): they read the files they are
//! given (articles, notes, outlet defaults, the user's gazetteer), call the pure
//! engines (`entity`, `export`) and print or write the result.
//!
//! This is an IO edge, like `tui`: the modules it calls never read a file themselves, and the
//! clap argument types (`cli`) stop here.

pub mod add;
pub mod entities;
pub mod export;

use crate::entity::Gazetteer;

/// The largest user gazetteer read.
const MAX_GAZETTEER_BYTES: u64 = 64 * 1024 * 1024;

/// The bundled gazetteer, plus the user's file when the config names one (`path` not empty).
/// Both subcommands and the reader read it through here, so one file gives one set of entities.
pub fn load_gazetteer(path: &str) -> Result<Gazetteer, String> {
    if path.is_empty() {
        return Ok(Gazetteer::builtin());
    }
    // A regular file only, and bounded: `gazetteer = "/dev/zero"` must fail, not fill memory.
    let (bytes, _) = crate::files::read_regular(std::path::Path::new(path), MAX_GAZETTEER_BYTES)
        .map_err(|e| e.to_string())?;
    let text = String::from_utf8(bytes).map_err(|e| format!("{path}: not UTF-8 text ({e})"))?;
    Gazetteer::with_user_file(&text).map_err(|e| format!("{path}: {e}"))
}
