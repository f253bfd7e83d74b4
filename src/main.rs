//! The `parallax` binary: parse arguments, load config and articles, run the reader or a
//! scripting subcommand. Exit codes: 0 ok, 1 runtime failure, 2 bad usage, config or input.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use parallax::app::App;
use parallax::article::Article;
use parallax::article::load::{LoadOptions, expand_paths, load_path};
use parallax::article::sanitize::sanitize_line;
use parallax::cli::{Cli, Command};
use parallax::config::{Config, Theme, paths};
use parallax::tui::{self, Exit};

/// Where `cargo run` finds the bundled sample case.
const SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/samples");

fn fail(code: u8, message: &str) -> ExitCode {
    eprintln!("parallax: {}", sanitize_line(message));
    ExitCode::from(code)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let config = match paths::load_config(cli.config.as_deref()) {
        Ok(config) => config,
        Err(e) => return fail(2, &e.to_string()),
    };
    match &cli.command {
        Some(Command::Entities(args)) => {
            let mut out = std::io::stdout().lock();
            match parallax::entity::report::run(args, &config, &mut out) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(2, &e),
            }
        }
        Some(Command::Export(args)) => {
            let mut out = std::io::stdout().lock();
            match parallax::export::run(args, cli.notes.as_deref(), &config, &mut out) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(e.exit_code(), &e.to_string()),
            }
        }
        None => reader(&cli, &config),
    }
}

/// Loads every article it can; the errors of the others are returned for the status bar.
fn load_articles(paths: &[PathBuf], options: &LoadOptions) -> (Vec<Article>, Vec<String>) {
    let (files, errors) = expand_paths(paths);
    let mut messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
    let mut articles = Vec::new();
    for file in files {
        match load_path(&file, options) {
            Ok(article) => {
                messages.extend(
                    article
                        .warnings
                        .iter()
                        .map(|w| format!("{}: {w}", file.display())),
                );
                articles.push(article);
            }
            Err(e) => messages.push(e.to_string()),
        }
    }
    (articles, messages)
}

fn reader(cli: &Cli, config: &Config) -> ExitCode {
    if !std::io::stdout().is_terminal() {
        return fail(
            2,
            "the reader needs a terminal, and stdout is not one. For scripts, use \
             `parallax entities PATH...` (see `parallax --help`).",
        );
    }
    let paths = if cli.paths.is_empty() {
        vec![PathBuf::from(SAMPLES)]
    } else {
        cli.paths.clone()
    };
    let options = LoadOptions {
        max_bytes: config.reader.max_file_size,
    };
    let (articles, problems) = load_articles(&paths, &options);
    if articles.is_empty() {
        let detail = if problems.is_empty() {
            "no supported files (.txt, .md, .html)".to_owned()
        } else {
            problems.join("\n")
        };
        return fail(2, &format!("nothing to open: {detail}"));
    }
    let mut app = App::new(articles, config);
    match problems.as_slice() {
        [] => {}
        [one] => app.error(one.clone()),
        [first, rest @ ..] => app.error(format!("{first} (and {} more problems)", rest.len())),
    }
    let theme = Theme::new(&config.theme, paths::no_color());
    match tui::run(app, &theme, &options) {
        Ok(Exit::Quit) => ExitCode::SUCCESS,
        Ok(Exit::Signal(signal)) => ExitCode::from(128 + u8::try_from(signal).unwrap_or(0)),
        Err(e) => fail(1, &e.to_string()),
    }
}
