//! The `parallax` binary: parse arguments, load config and articles, run the reader or a
//! scripting subcommand.

use std::process::ExitCode;

use clap::Parser;
use parallax::cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let config = match parallax::config::paths::load_config(cli.config.as_deref()) {
        Ok(config) => config,
        Err(e) => {
            eprintln!("parallax: {e}");
            return ExitCode::from(2);
        }
    };
    match &cli.command {
        Some(Command::Entities(args)) => {
            let mut out = std::io::stdout().lock();
            match parallax::entity::report::run(args, &config, &mut out) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("parallax: {}", parallax::article::sanitize::sanitize_line(&e));
                    ExitCode::from(2)
                }
            }
        }
        None => ExitCode::SUCCESS,
    }
}
