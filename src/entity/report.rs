//! `parallax entities`: load the articles, find the entities, print them as a table or JSON.

use std::io::Write;

use crate::cli::{EntitiesArgs, EntitiesFormat};
use crate::config::Config;

/// Runs the subcommand, writing to `out`. Errors are messages for stderr.
pub fn run(args: &EntitiesArgs, config: &Config, out: &mut dyn Write) -> Result<(), String> {
    let _ = (args.format == EntitiesFormat::Json, config, out);
    Err("the entities subcommand is not built yet".into())
}
