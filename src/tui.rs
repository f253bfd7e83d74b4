//! The imperative shell: terminal setup and restore, the event loop, and performing effects.
//!
//! Input, signals and background results arrive on one channel, so the loop blocks until
//! something happens and never polls. All pending events are handled before a frame is drawn,
//! so a storm of resize events costs one frame. The terminal is restored on every way out:
//! quit, error, panic (a hook), SIGTERM/SIGHUP/SIGINT (a signal thread feeds the same loop).
//! A failed save of the notes is retried every couple of seconds and at exit; when it still
//! fails at exit, a copy of the notes is written beside the notes file (or in the temporary
//! directory) and the way out says where. So does a note being typed when a signal ends the
//! reader (`draft`).

mod clipboard;
mod draft;
mod fetching;
mod quotes;
mod saving;
mod view_file;

use saving::{SAVE_RETRY, resolve_notes_change, save_at_exit, save_notes, save_outlet_defaults};

use std::io::{self, BufWriter, Stdout, Write};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, LazyLock};
use std::thread;

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use crossterm::execute;
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

use crate::annotation::{Notes, WritableStore};
use crate::app::update::{handle_key, handle_mouse};
use crate::app::view::prepare;
use crate::app::{App, Effect};
use crate::article::Article;
use crate::article::load::{LoadOptions, load_path};
use crate::article::sanitize::sanitize_line;
use crate::config::Theme;
use crate::entity::{Decisions, EntityIndex, Gazetteer};
use crate::export::{Format, export_loaded, export_with_index};

/// Something that wakes the event loop.
enum Wake {
    Input(Event),
    InputClosed(String),
    Signal(i32),
    /// An entity analysis of these articles with these decisions.
    Entities(Vec<Arc<Article>>, Decisions, EntityIndex),
    /// The framing of these articles, found after their entities on the same worker.
    Framing(Vec<Arc<Article>>, crate::framing::Framing),
    /// The alignment of these articles, computed after their entity pass.
    Aligned(Vec<Arc<Article>>, crate::compare::Alignment),
    /// An article `:open` asked for, loaded on a worker thread.
    Loaded(Box<Result<Article, crate::article::load::LoadError>>),
    /// A page `:add` asked for, downloaded and loaded on a worker thread.
    Fetched(Box<fetching::Fetched>),
}

/// How the reader ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The user quit.
    Quit,
    /// A signal ended it; the conventional exit status is 128 + the signal number.
    Signal(i32),
}

/// Puts the terminal back as it was. Safe to call more than once and when setup failed halfway.
pub fn restore_terminal() {
    let mut out = io::stdout();
    let _ = execute!(
        out,
        DisableMouseCapture,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    let _ = terminal::disable_raw_mode();
    let _ = out.flush();
}

/// The terminal as the reader draws to it. A frame is written whole, then flushed: one `write`
/// for a full 200×50 frame rather than one per kilobyte (stdout's own buffer).
type Screen = Terminal<CrosstermBackend<BufWriter<Stdout>>>;

fn setup_terminal(mouse: bool) -> io::Result<Screen> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
    }));
    terminal::enable_raw_mode()?;
    let mut out = io::stdout();
    execute!(out, EnterAlternateScreen)?;
    if mouse {
        execute!(out, EnableMouseCapture)?;
    }
    let mut terminal = Terminal::new(CrosstermBackend::new(BufWriter::with_capacity(256 * 1024, out)))?;
    crate::ui::write_every_cell_next(&mut terminal);
    Ok(terminal)
}

fn spawn_input(tx: Sender<Wake>) {
    thread::spawn(move || {
        loop {
            match event::read() {
                Ok(e) => {
                    if tx.send(Wake::Input(e)).is_err() {
                        return;
                    }
                }
                Err(e) => {
                    let _ = tx.send(Wake::InputClosed(e.to_string()));
                    return;
                }
            }
        }
    });
}

fn spawn_signals(tx: Sender<Wake>) -> io::Result<()> {
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    thread::spawn(move || {
        for signal in signals.forever() {
            if tx.send(Wake::Signal(signal)).is_err() {
                return;
            }
        }
    });
    Ok(())
}

/// The gazetteer, read when the first entity pass needs it (on its thread, after the first
/// frame) unless it was read before, to check a user's file at start.
pub type SharedGazetteer = Arc<LazyLock<Gazetteer, Box<dyn FnOnce() -> Gazetteer + Send>>>;

/// Finds entities, then the framing, on a worker thread, so the first frame never waits for
/// them: the highlights come first, the framing (a few milliseconds later) after.
fn spawn_analysis(effect: Effect, shell: &Shell<'_>, tx: Sender<Wake>) {
    let Effect::Analyze { docs, decisions } = effect else {
        return;
    };
    let gazetteer = Arc::clone(&shell.gazetteer);
    let lexicon = Arc::clone(&shell.lexicon);
    thread::spawn(move || {
        let refs: Vec<&Article> = docs.iter().map(AsRef::as_ref).collect();
        let index = crate::entity::analyze(&refs, &gazetteer, &decisions);
        let framing = crate::framing::analyze(&refs, &index, &gazetteer, &lexicon);
        if tx.send(Wake::Entities(docs.clone(), decisions, index)).is_ok() {
            let _ = tx.send(Wake::Framing(docs, framing));
        }
    });
}

/// Aligns the articles of an entity pass on a worker thread, after it: the alignment needs the
/// entity clusters, and the panes never wait for it.
fn spawn_alignment(docs: Vec<Arc<Article>>, index: Arc<EntityIndex>, tx: Sender<Wake>) {
    thread::spawn(move || {
        let alignment = crate::app::alignment::compute(&docs, &index);
        let _ = tx.send(Wake::Aligned(docs, alignment));
    });
}

/// The reader's `:export` of the open articles, in the order given. The entity analysis the
/// panes already show is reused when it is of exactly these articles with the notes' entity
/// decisions: the report then has the bytes of `parallax export`, without a second analysis on
/// the UI thread. Otherwise (none has arrived yet, or it is older than the last `:open` or
/// entity decision) the articles are analysed here.
fn export_text(
    app: &App,
    gazetteer: &Gazetteer,
    analysed_with: Option<&Decisions>,
    format: Format,
) -> String {
    let docs = app.export_docs();
    let articles: Vec<Article> = docs.iter().map(|a| Article::clone(a)).collect();
    let notes = &app.notes.notes;
    let (outlets, dir) = (&app.outlets.defaults, &app.notes.dir);
    let context = crate::export::report_context(&app.tags, &(app.notes.clock)());
    match app
        .entity_index_of(&docs)
        .filter(|_| analysed_with == Some(&notes.entities))
    {
        Some(index) => export_with_index(&articles, notes, outlets, dir, index, &context, format),
        None => export_loaded(&articles, notes, outlets, dir, gazetteer, &context, format),
    }
}

/// "the quote (12 words)": what a copy took, for the status bar.
fn quoted_what(text: &str) -> String {
    let words = text.lines().next().unwrap_or_default().split_whitespace().count();
    format!(
        "the quote ({words} {})",
        if words == 1 { "word" } else { "words" }
    )
}

/// Loads an article for `:open` on a worker thread: a big or hostile page must not freeze the
/// reader, which keeps taking keys and signals meanwhile.
fn spawn_load(path: std::path::PathBuf, options: LoadOptions, tx: Sender<Wake>) {
    thread::spawn(move || {
        let loaded = load_path(&path, &options).map(|mut article| {
            crate::fetch::attach_provenance(std::slice::from_mut(&mut article), &options);
            article
        });
        let _ = tx.send(Wake::Loaded(Box::new(loaded)));
    });
}

/// What the event loop needs besides the app: how to load, where to save, the gazetteer.
pub struct Shell<'a> {
    pub theme: Theme,
    pub load: LoadOptions,
    pub store: Option<&'a WritableStore<Notes>>,
    /// The outlet-defaults file; None when there is no data directory.
    pub outlet_defaults: Option<std::path::PathBuf>,
    pub gazetteer: SharedGazetteer,
    /// The loaded-language lexicon of the framing lens.
    pub lexicon: Arc<crate::framing::Lexicon>,
    /// The notes file, writable or not: an export must never go over it.
    pub notes_file: Option<std::path::PathBuf>,
    /// Where `:export` without a file name writes: the data directory's `reports` folder.
    pub reports_dir: Option<std::path::PathBuf>,
    /// Where each case's view state is kept: the data directory's `views` folder.
    pub views_dir: Option<std::path::PathBuf>,
}

impl Shell<'_> {
    /// A new report file for the open case: `<case folder>-<UTC time>.<ext>` in the reports
    /// folder (made if needed). None without a data directory.
    fn default_report_path(&self, app: &App, format: crate::export::Format) -> Option<std::path::PathBuf> {
        let dir = self.reports_dir.as_ref()?;
        let _ = std::fs::create_dir_all(dir);
        let case = crate::annotation::location::case_name(&app.notes.dir);
        let stamp: String = (app.notes.clock)().chars().filter(|c| *c != ':').collect();
        Some(dir.join(format!("{case}-{stamp}.{}", format.extension())))
    }

    /// The case's own files, which no export may replace: the articles, the notes file and its
    /// lock, the outlet defaults.
    fn case_files(&self, app: &App) -> Vec<std::path::PathBuf> {
        let mut files: Vec<std::path::PathBuf> = app.panes.iter().map(|p| p.article.path.clone()).collect();
        if let Some(notes) = &self.notes_file {
            files.push(crate::annotation::lock::lock_path(notes));
            files.push(notes.clone());
        }
        files.extend(self.outlet_defaults.clone());
        files
    }
}

/// Runs the reader until the user quits or a signal arrives. Restores the terminal either way.
pub fn run(mut app: App, shell: &Shell<'_>) -> io::Result<Exit> {
    let (tx, rx) = mpsc::channel();
    spawn_signals(tx.clone())?;
    let mouse = app.settings.mouse;
    let mut unsaved = false;
    let view_file = shell
        .views_dir
        .as_ref()
        .map(|dir| view_file::path(dir, &app.notes.dir));
    let result = setup_terminal(mouse).and_then(|mut terminal| {
        spawn_input(tx.clone());
        if let Some(path) = &view_file {
            restore_view(&mut terminal, &mut app, path)?;
        }
        let analysis = app.analyze();
        event_loop(&mut terminal, &mut app, shell, analysis, (&rx, &tx), &mut unsaved)
    });
    restore_terminal();
    if result.is_ok()
        && let Some(path) = &view_file
        && let Err(message) = view_file::save(path, &crate::app::view_state::capture(&mut app))
    {
        eprintln!("parallax: {}", sanitize_line(&message));
    }
    if let crate::app::Mode::Editor(editor) = &app.mode
        && let Some(message) = draft::rescue(editor, shell.store.map(WritableStore::path))
    {
        eprintln!("parallax: {}", sanitize_line(&message));
    }
    if unsaved {
        save_at_exit(&app, shell.store, result)
    } else {
        result
    }
}

/// Puts the case back as it was left, from its view-state file; a file that cannot be used is
/// said in the status bar and otherwise ignored.
fn restore_view(terminal: &mut Screen, app: &mut App, path: &std::path::Path) -> io::Result<()> {
    match view_file::load(path) {
        Ok(Some(state)) => {
            let size = terminal.size()?;
            let area = ratatui::layout::Rect::new(0, 0, size.width, size.height);
            if let Some(message) = crate::app::view_state::restore(app, &state, area) {
                app.info(message);
            }
        }
        Ok(None) => {}
        Err(message) => app.error(message),
    }
    Ok(())
}

/// `analysis` is the first entity pass: it starts once the first frame is out, so that on a
/// machine with few cores it does not compete with the first frame (or with the terminal
/// drawing it).
fn event_loop(
    terminal: &mut Screen,
    app: &mut App,
    shell: &Shell<'_>,
    analysis: Effect,
    (rx, tx): (&Receiver<Wake>, &Sender<Wake>),
    unsaved: &mut bool,
) -> io::Result<Exit> {
    let mut analysis = Some(analysis);
    // The decisions the index the app holds was computed with: `:export` reuses that index
    // only when they are the notes' (two analyses in flight can leave an older one shown).
    let mut analysed_with: Option<Decisions> = None;
    loop {
        let size = terminal.size()?;
        let area = ratatui::layout::Rect::new(0, 0, size.width, size.height);
        prepare(app, area);
        terminal.draw(|frame| crate::ui::render(frame, app, &shell.theme))?;
        if let Some(first) = analysis.take() {
            spawn_analysis(first, shell, tx.clone());
        }

        let first = if *unsaved || app.outlets.has_pending() {
            match rx.recv_timeout(SAVE_RETRY) {
                Ok(wake) => wake,
                Err(RecvTimeoutError::Timeout) => {
                    // A file changed outside waits for the analyst's choice, not for a retry.
                    if *unsaved && !app.notes.changed_outside {
                        save_notes(app, shell.store, unsaved);
                    }
                    save_outlet_defaults(app, shell.outlet_defaults.as_deref());
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => return Ok(Exit::Quit),
            }
        } else {
            let Ok(wake) = rx.recv() else {
                return Ok(Exit::Quit);
            };
            wake
        };
        let mut pending = vec![first];
        pending.extend(rx.try_iter());
        for wake in pending {
            let effects = match wake {
                Wake::Input(Event::Key(key)) => handle_key(app, key),
                Wake::Input(Event::Mouse(mouse)) => handle_mouse(app, mouse),
                Wake::Input(_) => Vec::new(),
                Wake::InputClosed(e) => return Err(io::Error::other(format!("terminal input closed: {e}"))),
                Wake::Signal(signal) => return Ok(Exit::Signal(signal)),
                Wake::Entities(docs, decisions, index) => {
                    analysed_with = Some(decisions);
                    app.set_entities(docs.clone(), index);
                    if let Some(index) = app.entities.index.clone() {
                        spawn_alignment(docs, index, tx.clone());
                    }
                    Vec::new()
                }
                Wake::Aligned(docs, alignment) => {
                    app.alignment.set(docs, alignment);
                    // Synced panes followed proportionally until now: bring them to the fact.
                    crate::app::update::keep_sync(app);
                    crate::app::cursor_fact::refresh(app);
                    crate::app::comparison::refresh(app);
                    Vec::new()
                }
                Wake::Framing(docs, framing) => {
                    app.framing.set(docs, framing);
                    Vec::new()
                }
                Wake::Loaded(loaded) => {
                    match *loaded {
                        Ok(article) => {
                            let analyze = app.add_article(article);
                            spawn_analysis(analyze, shell, tx.clone());
                        }
                        Err(e) => app.error(e.to_string()),
                    }
                    Vec::new()
                }
                Wake::Fetched(fetched) => {
                    if let Some(analyze) = fetching::finish(app, *fetched) {
                        spawn_analysis(analyze, shell, tx.clone());
                    }
                    Vec::new()
                }
            };
            for effect in effects {
                match effect {
                    Effect::Quit => return Ok(Exit::Quit),
                    Effect::Open(path) => {
                        app.info(format!("loading {}…", path.display()));
                        spawn_load(path, shell.load.clone(), tx.clone());
                    }
                    Effect::Fetch { url, case } => {
                        fetching::spawn_fetch(url, case, shell.load.clone(), tx.clone());
                    }
                    analyze @ Effect::Analyze { .. } => spawn_analysis(analyze, shell, tx.clone()),
                    Effect::SaveNotes => {
                        save_notes(app, shell.store, unsaved);
                        save_outlet_defaults(app, shell.outlet_defaults.as_deref());
                    }
                    Effect::ResolveNotesChange(choice) => {
                        resolve_notes_change(app, shell.store, unsaved, choice);
                    }
                    Effect::SaveOutletDefaults => {
                        save_outlet_defaults(app, shell.outlet_defaults.as_deref());
                    }
                    Effect::Clipboard(text) => match clipboard::copy(terminal.backend_mut(), &text) {
                        Ok(()) => app.info(format!("copied {} with its citation", quoted_what(&text))),
                        Err(e) => app.error(format!("cannot copy: {e}")),
                    },
                    Effect::AppendQuote { path, text } => {
                        let case_files = shell.case_files(app);
                        let inputs: Vec<&std::path::Path> = case_files.iter().map(AsRef::as_ref).collect();
                        match quotes::append(&path, &text, &inputs) {
                            Ok(()) => app.info(format!(
                                "appended {} to {}",
                                quoted_what(&text),
                                crate::article::sanitize::sanitize_line(&path.display().to_string())
                            )),
                            Err(e) => app.error(e),
                        }
                    }
                    Effect::Export { format, path } => {
                        let Some(path) = path.or_else(|| shell.default_report_path(app, format)) else {
                            app.error("no data directory for reports: give a file name (:export md FILE)");
                            continue;
                        };
                        let text = export_text(app, &shell.gazetteer, analysed_with.as_ref(), format);
                        let case_files = shell.case_files(app);
                        let inputs: Vec<&std::path::Path> = case_files.iter().map(AsRef::as_ref).collect();
                        match crate::commands::export::write_file(&path, &text, &inputs) {
                            Ok(()) => app.info(format!("exported to {}", path.display())),
                            Err(e) => app.error(e.to_string()),
                        }
                    }
                }
            }
            // Page sizes and the mouse use the layout: refresh it between events.
            prepare(app, area);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::entity::{Entity, Kind, Mention, Reason};

    fn reader() -> App {
        let articles = vec![
            Article::plain("a.txt", "Angela Merkel met Emmanuel Macron in Berlin on Monday."),
            Article::plain("b.txt", "In Berlin, Macron told Merkel that talks would go on."),
        ];
        App::new(articles, &Config::default())
    }

    /// Performs the app's `Analyze` effect as the worker thread does; returns its decisions.
    fn analyse(app: &mut App, gazetteer: &Gazetteer) -> Decisions {
        let Effect::Analyze { docs, decisions } = app.analyze() else {
            panic!("analyze asks for an analysis");
        };
        let refs: Vec<&Article> = docs.iter().map(AsRef::as_ref).collect();
        let index = crate::entity::analyze(&refs, gazetteer, &decisions);
        app.set_entities(docs, index);
        decisions
    }

    /// An index no analysis would find, so a report that shows it used the app's index.
    fn planted(app: &mut App) -> Decisions {
        let docs = app.export_docs();
        let mention = |doc| Mention { doc, range: 0..6 };
        let index = EntityIndex {
            entities: vec![Entity {
                label: "Planted Zebra".into(),
                kind: Kind::Other,
                reason: Reason::User,
                mentions: vec![mention(0), mention(1)],
            }],
        };
        app.set_entities(docs, index);
        app.notes.notes.entities.clone()
    }

    #[test]
    fn export_with_the_readers_analysis_is_the_export_with_a_fresh_one() {
        let gazetteer = Gazetteer::builtin();
        let mut app = reader();
        let fresh = export_text(&app, &gazetteer, None, Format::Json);
        let decisions = analyse(&mut app, &gazetteer);
        assert!(app.entity_index_of(&app.export_docs()).is_some());
        for format in [Format::Markdown, Format::Json, Format::Csv] {
            assert_eq!(
                export_text(&app, &gazetteer, Some(&decisions), format),
                export_text(&app, &gazetteer, None, format),
            );
        }
        assert_eq!(
            export_text(&app, &gazetteer, Some(&decisions), Format::Json),
            fresh
        );
        assert!(fresh.contains("Merkel"), "{fresh}");
    }

    #[test]
    fn export_reuses_the_index_only_for_the_same_articles_and_decisions() {
        let gazetteer = Gazetteer::builtin();
        let mut app = reader();
        let decisions = planted(&mut app);
        let reused = export_text(&app, &gazetteer, Some(&decisions), Format::Json);
        assert!(
            reused.contains("Planted Zebra"),
            "the app's index was not used: {reused}"
        );

        // Other decisions than the notes': the index is stale, so the export analyses.
        let mut other = decisions.clone();
        other.renames.push(crate::entity::Rename {
            label: "Merkel".into(),
            to: "Chancellor".into(),
        });
        let analysed = export_text(&app, &gazetteer, Some(&other), Format::Json);
        assert!(!analysed.contains("Planted Zebra"), "{analysed}");

        // A third article opened: the index covers two of three until a new one arrives.
        let _ = app.add_article(Article::plain("c.txt", "Merkel left Berlin."));
        assert!(app.entity_index_of(&app.export_docs()).is_none());
        let analysed = export_text(&app, &gazetteer, Some(&decisions), Format::Json);
        assert!(!analysed.contains("Planted Zebra"), "{analysed}");
    }
}
