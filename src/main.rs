//! The `parallax` binary: parse arguments, load config and articles, run the reader or a
//! scripting subcommand. Exit codes: 0 ok, 1 runtime failure, 2 bad usage, config or input.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, LazyLock};

use clap::Parser;
use parallax::annotation::location::{LocationInput, choose_notes_location};
use parallax::annotation::{Notes, Opened, OpenedStore, OutletBias, store};
use parallax::app::App;
use parallax::app::outlets::OutletState;
use parallax::article::load::{LoadOptions, load_all};
use parallax::article::sanitize::sanitize_line;
use parallax::cli::{Cli, Command};
use parallax::config::{Config, Theme, paths};
use parallax::entity::Gazetteer;
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
    if let Err(e) = parallax::commands::install_lexicons(&config) {
        return fail(2, &e);
    }
    match &cli.command {
        Some(Command::Entities(args)) => {
            let mut out = std::io::stdout().lock();
            match parallax::commands::entities::run(args, cli.notes.as_deref(), &config, &mut out) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(2, &e),
            }
        }
        Some(Command::Align(args)) => {
            let mut out = std::io::stdout().lock();
            match parallax::commands::align::run(args, &config, &mut out) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(2, &e),
            }
        }
        Some(Command::Framing(args)) => {
            let mut out = std::io::stdout().lock();
            match parallax::commands::framing::run(args, cli.notes.as_deref(), &config, &mut out) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(2, &e),
            }
        }
        Some(Command::Export(args)) => {
            let mut out = std::io::stdout().lock();
            let outlets = paths::outlet_defaults_file();
            match parallax::commands::export::run(
                args,
                cli.notes.as_deref(),
                outlets.as_deref(),
                &config,
                &mut out,
            ) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(e.exit_code(), &e.to_string()),
            }
        }
        Some(Command::Add(args)) => {
            let code =
                parallax::commands::add::run(args, &config, &mut std::io::stdout(), &mut std::io::stderr());
            ExitCode::from(code)
        }
        None => reader(&cli, &config),
    }
}

fn looks_like_url(path: &Path) -> bool {
    let text = path.to_string_lossy().to_ascii_lowercase();
    text.starts_with("http://") || text.starts_with("https://")
}

/// Whether a file can be created in `dir` (tried, not guessed from permission bits).
fn dir_writable(dir: &Path) -> bool {
    let probe = dir.join(format!(".parallax-probe-{}", std::process::id()));
    let ok = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
        .is_ok();
    let _ = std::fs::remove_file(&probe);
    ok
}

/// Finds, locks and loads the case's notes file, and hands the notes to the app. The returned
/// store is what saves; None (or a read-only store) means changes stay in memory, as the status
/// bar says.
fn open_notes(cli: &Cli, app: &mut App) -> Option<Opened<Notes>> {
    // The case's identity is its canonical folder (article paths already have theirs, see
    // `load_path`): the notes of a read-only case in the data directory are keyed on it, never
    // on the path as typed, so two folders never share notes.
    let first_dir = app.panes.first().map(|p| match p.article.path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf()),
        _ => PathBuf::from("."),
    });
    let data_dir = paths::data_dir();
    let input = LocationInput {
        explicit: cli.notes.as_deref(),
        first_article_dir: first_dir.as_deref(),
        first_article_dir_writable: first_dir.as_deref().is_some_and(dir_writable),
        is_sample_case: cli.paths.is_empty(),
        data_dir: data_dir.as_deref(),
    };
    let Some(location) = choose_notes_location(&input) else {
        app.notes.read_only = Some("no writable place for a notes file".into());
        app.error("notes will not be saved: no writable place for a notes file (use --notes FILE)");
        return None;
    };
    if let Some(parent) = location.path.parent() {
        let _ = std::fs::create_dir_all(parent);
    }
    let notes_path = parallax::files::canonical_folder(&location.path);
    let opened = store::open::<Notes>(&notes_path);
    let read_only = match &opened.store {
        OpenedStore::Writable(_) => None,
        OpenedStore::ReadOnly(store) => Some(store.to_string()),
    };
    // Article keys are relative to the folder the notes file is named in (canonical, like the
    // articles' paths), also when it is a symlink to a file elsewhere.
    let notes_dir = notes_path
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    app.set_notes(
        opened.document.clone(),
        &notes_dir,
        location.description,
        read_only.clone(),
    );
    if let Some(reason) = read_only {
        app.error(reason);
    }
    Some(opened)
}

/// Reads the outlet bias defaults from the data directory and hands them to the app; returns
/// the file to save them to. The file is not locked now: each save locks it briefly (see
/// `tui`), because every case shares it. A file that does not parse makes the defaults
/// read-only, so it is never overwritten.
fn open_outlet_defaults(app: &mut App) -> Option<PathBuf> {
    let Some(path) = paths::outlet_defaults_file() else {
        app.outlets.read_only = Some("no data directory for outlet defaults".into());
        return None;
    };
    match store::load::<OutletBias>(&path) {
        Ok(defaults) => {
            if let Some(parent) = path.parent() {
                let _ = std::fs::create_dir_all(parent);
            }
            app.outlets = OutletState::new(defaults, None);
            Some(path)
        }
        Err(e) => {
            let reason = e.to_string();
            app.error(format!("outlet defaults read-only: {reason}"));
            app.outlets.read_only = Some(reason);
            None
        }
    }
}

fn reader(cli: &Cli, config: &Config) -> ExitCode {
    // `parallax https://…` used to say "No such file or directory": name the way to do it.
    if let Some(url) = cli.paths.iter().find(|p| looks_like_url(p) && !p.exists()) {
        return fail(
            2,
            &format!(
                "{} is a web address, not a file: download it into a case folder first with \
                 `parallax add --case DIR URL...`, then open DIR",
                url.display()
            ),
        );
    }
    if !std::io::stdout().is_terminal() {
        return fail(
            2,
            "the reader needs a terminal, and stdout is not one. For scripts, use \
             `parallax entities PATH...` (see `parallax --help`).",
        );
    }
    if paths::term_is_dumb() {
        return fail(
            2,
            "TERM=dumb: this terminal cannot draw the reader (it needs cursor movement). Run it in \
             a terminal emulator, or use `parallax entities PATH...` or `parallax export PATH...`.",
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
    let (mut articles, problems) = load_all(&paths, &options);
    parallax::fetch::attach_provenance(&mut articles, &options);
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
    let opened = open_notes(cli, &mut app);
    let outlet_defaults = open_outlet_defaults(&mut app);
    let store = opened.as_ref().and_then(|o| o.store.writable());
    let gazetteer: tui::SharedGazetteer = if config.entities.gazetteer.is_empty() {
        // The bundled gazetteer always parses (tested): read it when the entity pass needs it,
        // off the path to the first frame.
        Arc::new(LazyLock::new(Box::new(Gazetteer::builtin)))
    } else {
        // A user's file is read now, so that a mistake in it stops the start with its message.
        match parallax::commands::load_gazetteer(&config.entities.gazetteer) {
            Ok(g) => Arc::new(LazyLock::new(Box::new(move || g))),
            Err(e) => return fail(2, &e),
        }
    };
    // The loaded-language lexicon: a mistake in the user's file stops the start, like the gazetteer's.
    let lexicon = match parallax::commands::framing::load_lexicon(&config.framing.lexicon) {
        Ok(lexicon) => Arc::new(lexicon),
        Err(e) => return fail(2, &e),
    };
    let shell = tui::Shell {
        lexicon,
        theme: Theme::new(&config.theme, paths::no_color()).with_depth(paths::colour_depth()),
        load: options,
        store,
        outlet_defaults,
        gazetteer,
        reports_dir: paths::data_dir().map(|d| d.join("reports")),
        views_dir: paths::data_dir().map(|d| d.join("views")),
        notes_file: opened.as_ref().map(|o| match &o.store {
            OpenedStore::Writable(store) => store.path().to_path_buf(),
            OpenedStore::ReadOnly(store) => store.path.clone(),
        }),
    };
    match tui::run(app, &shell) {
        Ok(Exit::Quit) => ExitCode::SUCCESS,
        Ok(Exit::Signal(signal)) => ExitCode::from(128 + u8::try_from(signal).unwrap_or(0)),
        Err(e) => fail(1, &e.to_string()),
    }
}
