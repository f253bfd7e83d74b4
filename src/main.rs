//! The `parallax` binary: parse arguments, load config and articles, run the reader or a
//! scripting subcommand.

use std::process::ExitCode;

use clap::Parser;
use parallax::cli::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let _config = match parallax::config::paths::load_config(cli.config.as_deref()) {
        Ok(config) => config,
        Err(e) => {
            eprintln!("parallax: {e}");
            return ExitCode::from(2);
        }
    };
    ExitCode::SUCCESS
}
