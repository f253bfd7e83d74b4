//! Application state and the pure `update` step: actions in, new state and effects out.
//!
//! [`App`] holds the panes, focus and modes; [`update::apply`] changes it in answer to an
//! [`Action`] and returns [`Effect`]s (quit, open a file) for the event loop to perform, so that
//! everything here is tested without a terminal. [`view::prepare`] computes the screen layout
//! for an area and wraps what will show, so that drawing only reads.

pub mod alignment;
pub mod annotate;
pub mod annotation_list;
pub mod bias;
pub mod changes;
pub mod comparison;
pub mod complete;
pub mod content_sync;
pub mod copy;
pub mod cursor;
pub mod cursor_fact;
pub mod editor;
pub mod entities;
pub mod framing;
pub mod keys;
pub mod modal;
pub mod mouse;
pub mod outlets;
pub mod prompt;
pub mod report;
pub mod search;
pub mod sources;
pub mod suggestion;
pub mod update;
pub mod view;
pub mod view_state;
pub mod word_select;

use std::path::PathBuf;
use std::sync::Arc;

use crate::annotation::{ArticleKey, Notes};
use crate::article::sanitize::sanitize_line;
use crate::article::{Article, Meta};
use crate::config::{BiasAxis, Config, Keymap, ReaderConfig, TagConfig};
use crate::entity::{Decisions, EntityIndex};
use crate::layout::{PaneLayout, RowPos};
// The one Action enum is a top-level module, so `config` (keymap) can name it without
// depending on `app`; re-exported so `app::Action` keeps working.
pub use crate::action::{self, Action};
pub use annotate::NotesState;
pub use entities::{EntityState, Highlight};
pub use prompt::Prompt;
pub use view::ViewLayout;

/// Something `update` asks the event loop to do, because it needs IO or ends the program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Quit,
    /// Load this file and add it as a pane (`App::add_article`), or report the error.
    Open(PathBuf),
    /// Download this URL into the case folder `case` (`fetch::add`), then open the saved page.
    Fetch {
        url: String,
        case: PathBuf,
    },
    /// Write the notes (`App::notes`) to the notes file.
    SaveNotes,
    /// Write the changed outlet defaults (`App::outlets`) to the outlet-defaults file.
    SaveOutletDefaults,
    /// Write the report of the open case to `path` (`App::export_articles` and the notes);
    /// without one, to a new file in the reports folder of the data directory, never where a
    /// case loads its articles from.
    Export {
        format: crate::export::Format,
        path: Option<PathBuf>,
    },
    /// The analyst's answer to a notes file changed by another program.
    ResolveNotesChange(NotesChoice),
    /// Put this text on the system clipboard through the terminal (OSC 52).
    Clipboard(String),
    /// Append this text (a quote with its citation) to the file at `path`.
    AppendQuote {
        path: PathBuf,
        text: String,
    },
    /// Find the entities of these articles off the UI thread, then call `App::set_entities`.
    Analyze {
        docs: Vec<Arc<Article>>,
        decisions: Decisions,
    },
}

/// What to do when the notes file was changed by another program since Parallax read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotesChoice {
    /// Load the file as it is now and reapply this session's changes on top.
    ReloadAndReapply,
    /// Leave the file as the other program made it; write this session's notes to a new copy
    /// beside it, then show the file's version.
    SaveCopy,
}

/// Which input the keys go to.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Mode {
    #[default]
    Normal,
    /// The `:` command line.
    Command(Prompt),
    /// The `/` search line.
    Search(Prompt),
    /// The help overlay, scrolled down by this many rows.
    Help { scroll: usize },
    /// The entities panel; keys type into its filter.
    Entities,
    /// The next key picks a tag.
    TagPick,
    /// The next key picks the stance of `to` towards `from` (s, c, d).
    StancePick { from: String, to: String },
    /// The bias picker: digits pick a step, `r` then 1–5 the reliability, `o` switches between
    /// the article and its outlet's default.
    BiasPick {
        reliability: bool,
        scope: annotate::Scope,
    },
    /// The note editor.
    Editor(editor::Editor),
    /// The list of annotations as it was when opened, with the highlighted row.
    Annotations {
        cursor: usize,
        list: Arc<annotation_list::AnnotationList>,
    },
    /// The notes file changed outside: the next key picks a [`NotesChoice`].
    NotesChanged,
    /// The framing panel of one entity, built when opened, with the highlighted line.
    Framing {
        cursor: usize,
        panel: Arc<framing::Panel>,
    },
    /// The comparison view: facts as rows, outlets as columns, built when opened.
    Compare(Box<comparison::View>),
}

impl Mode {
    /// The name shown in the status bar.
    pub fn label(&self) -> &'static str {
        match self {
            Self::Normal => "NORMAL",
            Self::Command(_) => "COMMAND",
            Self::Search(_) => "SEARCH",
            Self::Help { .. } => "HELP",
            Self::Entities => "ENTITIES",
            Self::TagPick => "TAG",
            Self::StancePick { .. } => "LINK",
            Self::BiasPick { .. } => "BIAS",
            Self::Editor(_) => "NOTE",
            Self::Annotations { .. } => "ANNOTATIONS",
            Self::NotesChanged => "CHANGED",
            Self::Framing { .. } => "FRAMING",
            Self::Compare(_) => "COMPARE",
        }
    }
}

/// A line for the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

/// One open article and how it is shown.
#[derive(Debug, Clone)]
pub struct Pane {
    pub article: Arc<Article>,
    /// Title/outlet/date set by the user; each field overrides the article's own.
    pub overrides: Meta,
    pub layout: PaneLayout,
    /// The first row shown.
    pub top: RowPos,
    /// Relative column width; `<`/`>` change it.
    pub weight: u16,
    /// Body rows and columns at the last layout.
    pub body_height: usize,
    /// Entity mentions to highlight, sorted by start.
    pub highlights: Vec<Highlight>,
    /// How the notes name this article: path relative to the notes file, and text hash.
    pub key: ArticleKey,
    /// The sentence cursor, when shown.
    pub cursor: Option<annotate::Cursor>,
    /// When the article was opened, relative to the others: the export keeps this order.
    pub order: usize,
    /// Hits of the search shown, sorted (see [`search`]).
    pub search_hits: Vec<std::ops::Range<usize>>,
    /// The text folded for searching, made on the pane's first search.
    pub folded: Option<Arc<crate::search::Folded>>,
    /// Set when sync by content found no match near the leading pane's top line.
    pub sync_note: Option<&'static str>,
}

/// Default relative width of a column.
pub const DEFAULT_WEIGHT: u16 = 4;
const MAX_WEIGHT: u16 = 16;

impl Pane {
    /// A pane showing `article` from the top.
    pub fn new(article: Arc<Article>, reveal: bool) -> Self {
        let layout = PaneLayout::new(&article, reveal);
        Self {
            overrides: Meta::default(),
            layout,
            top: RowPos::default(),
            weight: DEFAULT_WEIGHT,
            body_height: 0,
            highlights: Vec::new(),
            key: ArticleKey::new(article.path.to_string_lossy(), &article.text),
            cursor: None,
            order: 0,
            search_hits: Vec::new(),
            folded: None,
            sync_note: None,
            article,
        }
    }

    /// The sentences as shown (hidden text revealed or not), found near a place when asked:
    /// the sentence cursor never splits the whole article.
    pub fn sentences(&self) -> crate::article::sentences::Near<'_> {
        crate::article::sentences::Near::new(&self.article, self.layout.reveal())
    }

    /// Scrolls the least needed to show `start..end`.
    pub fn reveal_offset(&mut self, start: usize, end: usize) {
        let text = &self.article.text;
        let top_offset = self.layout.offset_of(text, self.top);
        let height = self.body_height.max(1);
        let last = self.layout.down(text, self.top, height - 1);
        let bottom_offset = self.layout.offset_of(text, last);
        if start < top_offset {
            self.top = self.layout.pos_of_offset(text, start);
        } else if end > bottom_offset {
            let at = self.layout.pos_of_offset(text, end.saturating_sub(1));
            let top = self.layout.up(text, at, height - 1);
            self.top = self.layout.clamp_top(text, top.max(self.top), height);
        }
    }

    /// The outlet to show: the user's, the article's, else the file name. Terminal-safe.
    pub fn outlet(&self) -> String {
        sanitize_line(
            &self
                .overrides
                .outlet
                .clone()
                .unwrap_or_else(|| self.article.outlet_or_file_name()),
        )
    }

    /// The outlet's name when the user or the text gives one (not the file-name fallback):
    /// the key of its outlet-level bias defaults. Terminal-safe.
    pub fn outlet_name(&self) -> Option<String> {
        let name = self
            .overrides
            .outlet
            .as_ref()
            .or(self.article.meta.outlet.as_ref())?;
        Some(sanitize_line(name.trim())).filter(|n| !n.is_empty())
    }

    /// The bias to show: the article's own tag over its outlet's default.
    pub fn effective_bias(&self, notes: &Notes, outlets: &outlets::OutletState) -> crate::annotation::Bias {
        let own = notes
            .article(&self.key.path)
            .map(|a| a.bias.clone())
            .unwrap_or_default();
        let outlet = self.outlet_name();
        crate::annotation::effective_bias(&own, outlet.as_deref().and_then(|o| outlets.get(o)))
    }

    /// The title to show, if any. Terminal-safe.
    pub fn title(&self) -> Option<String> {
        self.overrides
            .title
            .as_ref()
            .or(self.article.meta.title.as_ref())
            .map(|t| sanitize_line(t))
    }

    /// The date to show, if any. Terminal-safe.
    pub fn date(&self) -> Option<String> {
        self.overrides
            .date
            .as_ref()
            .or(self.article.meta.date.as_ref())
            .map(|t| sanitize_line(t))
    }

    /// The URL to cite, if any: the analyst's, else the provenance record's or the page's own.
    /// Terminal-safe.
    pub fn url(&self) -> Option<String> {
        self.overrides
            .url
            .as_ref()
            .or(self.article.meta.url.as_ref())
            .map(|u| sanitize_line(u))
    }

    /// Rebuilds the layout with or without hidden text, keeping the same text at the top.
    pub fn set_reveal(&mut self, reveal: bool) {
        self.cursor = None;
        let text = &self.article.text;
        let offset = self.layout.offset_of(text, self.top);
        let width = self.layout.width();
        self.layout = PaneLayout::new(&self.article, reveal);
        self.layout.set_width(width);
        self.top = self.layout.pos_of_offset(text, offset);
    }

    /// Moves the top row by `delta` rows, within the article.
    pub fn scroll_by(&mut self, delta: isize) {
        let text = &self.article.text;
        let top = if delta >= 0 {
            self.layout.down(text, self.top, delta.unsigned_abs())
        } else {
            self.layout.up(text, self.top, delta.unsigned_abs())
        };
        self.top = self.layout.clamp_top(text, top, self.body_height.max(1));
    }

    /// The byte offset of the top row.
    pub fn top_offset(&mut self) -> usize {
        self.layout.offset_of(&self.article.text, self.top)
    }

    /// Scrolls so that byte `offset` shows a third of the way down the pane.
    pub fn show_offset(&mut self, offset: usize) {
        let text = &self.article.text;
        let at = self.layout.pos_of_offset(text, offset);
        let top = self.layout.up(text, at, self.body_height / 3);
        self.top = self.layout.clamp_top(text, top, self.body_height.max(1));
    }

    /// How far down the article the top row is, 0.0–1.0.
    pub fn fraction(&mut self) -> f64 {
        self.layout.fraction(&self.article.text, self.top)
    }

    /// Scrolls so that byte `offset` is on the top row (sync by content).
    pub fn scroll_to_offset(&mut self, offset: usize) {
        self.scroll_to_offset_at_row(offset, 0);
    }

    /// Scrolls so that byte `offset` is `rows` rows below the top row, as far as the article's
    /// ends allow (sync by content, after a jump).
    pub fn scroll_to_offset_at_row(&mut self, offset: usize, rows: usize) {
        let text = &self.article.text;
        let at = self.layout.pos_of_offset(text, offset);
        let top = self.layout.up(text, at, rows);
        self.top = self.layout.clamp_top(text, top, self.body_height.max(1));
    }

    /// Rows from the row holding byte `from` down to the row holding byte `to` (`to` ≥ `from`),
    /// counted up to the pane's height.
    pub fn rows_between(&mut self, from: usize, to: usize) -> usize {
        let text = &self.article.text;
        let (start, end) = (
            self.layout.pos_of_offset(text, from),
            self.layout.pos_of_offset(text, to),
        );
        let mut pos = start;
        let mut rows = 0;
        while pos < end && rows < self.body_height {
            let next = self.layout.down(text, pos, 1);
            if next == pos {
                break;
            }
            pos = next;
            rows += 1;
        }
        rows
    }

    /// Scrolls so that the top row is at `fraction` of the article.
    pub fn scroll_to_fraction(&mut self, fraction: f64) {
        let text = &self.article.text;
        let top = if fraction >= 1.0 {
            self.layout.last(text)
        } else {
            self.layout.pos_at_fraction(text, fraction)
        };
        self.top = self.layout.clamp_top(text, top, self.body_height.max(1));
    }
}

/// The whole state of the reader.
#[derive(Debug, Clone)]
pub struct App {
    pub panes: Vec<Pane>,
    /// Index of the focused pane (0 when there are none).
    pub focus: usize,
    /// First pane of the page shown when not all fit.
    pub first_shown: usize,
    pub sync: bool,
    pub zoom: bool,
    pub mode: Mode,
    pub message: Option<Message>,
    pub keymap: Keymap,
    /// The first keys of a sequence being typed (`]` of `] a`).
    pub pending_keys: Vec<crate::config::Key>,
    /// Where the mouse button went down, while it is held.
    pub drag: Option<mouse::Drag>,
    pub settings: ReaderConfig,
    /// The screen layout of the last frame: pane rectangles, for the mouse and page sizes.
    pub view: ViewLayout,
    pub entities: EntityState,
    /// The framing lens (descriptors and loaded terms), from the entity worker.
    pub framing: framing::FramingState,
    /// Which sentences of the panes report the same fact, once the worker has found them.
    pub alignment: alignment::AlignmentState,
    /// Who reports the cursor sentence's fact, for the status bar (`cursor_fact`).
    pub cursor_fact: Option<String>,
    /// The other panes' sentences of that fact, (pane, range), marked in them.
    pub cursor_matches: Vec<(usize, std::ops::Range<usize>)>,
    pub notes: NotesState,
    /// Bias defaults per outlet, shared by every case.
    pub outlets: outlets::OutletState,
    /// Undo and redo of every change to the notes and the outlet defaults, in order.
    pub history: crate::annotation::History,
    /// The search being typed or shown.
    pub search: search::SearchState,
    /// Panes closed (`x`), with where each was, the last closed last: `X` reopens it.
    pub closed: Vec<(usize, Pane)>,
    /// Lists a folder for path completion on the command line (`files::list_dir`; tests put
    /// a fake one here, as they do the clock).
    pub list_dir: fn(&std::path::Path) -> Vec<(String, bool)>,
    /// The claim-tag vocabulary.
    pub tags: Vec<TagConfig>,
    pub bias_axes: Vec<BiasAxis>,
}

impl App {
    /// A reader over `articles` with the given config.
    pub fn new(articles: Vec<Article>, config: &Config) -> Self {
        let settings = config.reader.clone();
        // Paragraphs and text hashes of big articles take milliseconds: one thread per core.
        let panes = crate::par::map(
            articles,
            |a| a.text.len(),
            |a| Pane::new(Arc::new(a), settings.reveal_hidden),
        );
        Self {
            panes,
            focus: 0,
            first_shown: 0,
            sync: settings.sync,
            zoom: false,
            mode: Mode::Normal,
            message: None,
            keymap: config.keymap(),
            pending_keys: Vec::new(),
            drag: None,
            settings,
            view: ViewLayout::default(),
            entities: EntityState::default(),
            framing: framing::FramingState::default(),
            alignment: alignment::AlignmentState::default(),
            cursor_fact: None,
            cursor_matches: Vec::new(),
            notes: NotesState::default(),
            outlets: outlets::OutletState::default(),
            history: crate::annotation::History::default(),
            search: search::SearchState::default(),
            closed: Vec::new(),
            list_dir: crate::files::list_dir,
            tags: config.tags.clone(),
            bias_axes: config.bias_axes.clone(),
        }
    }

    /// Takes the notes that replace this session's after the notes file changed outside
    /// (merged, or the file's own), keeping where they are saved; `on_disk` is the file's
    /// version, the new base for this session's changes.
    pub fn replace_notes(&mut self, notes: Notes, on_disk: Notes) {
        let dir = self.notes.dir.clone();
        let location = self.notes.location.clone();
        let read_only = self.notes.read_only.clone();
        self.set_notes(notes, &dir, location, read_only);
        self.notes.on_disk = on_disk;
        self.notes.changed_outside = false;
    }

    /// Takes loaded notes: keys the panes relative to `notes_dir`, re-anchors annotations of
    /// articles that changed, and applies the saved entity decisions and overrides.
    pub fn set_notes(
        &mut self,
        notes: Notes,
        notes_dir: &std::path::Path,
        location: String,
        read_only: Option<String>,
    ) {
        self.notes.on_disk.clone_from(&notes);
        self.notes.notes = notes;
        self.notes.dir = notes_dir.to_path_buf();
        self.notes.location = location;
        self.notes.read_only = read_only;
        let mut orphans = 0;
        for index in 0..self.panes.len() {
            let pane = &mut self.panes[index];
            let path = crate::annotation::location::article_key(notes_dir, &pane.article.path);
            // Only the path is relative to the notes; the hash of the text was taken by `Pane::new`.
            pane.key.path = path;
            orphans += self.reanchor_if_changed(index).unwrap_or(0);
        }
        self.refresh_overrides();
        if orphans > 0 {
            self.error(if orphans == 1 {
                "1 annotation could not be found in a changed article: kept as an orphan (m lists it)".to_owned()
            } else {
                format!("{orphans} annotations could not be found in changed articles: kept as orphans (m lists them)")
            });
        }
    }

    /// Re-anchors the annotations of pane `index`'s article when its text is not the one the
    /// notes were anchored in. Returns the number of orphans, or `None` when nothing changed.
    fn reanchor_if_changed(&mut self, index: usize) -> Option<usize> {
        let pane = &self.panes[index];
        let changed = self
            .notes
            .notes
            .article(&pane.key.path)
            .is_some_and(|a| a.text_hash != pane.key.text_hash);
        if !changed {
            return None;
        }
        let outcomes = self.notes.notes.reanchor_article(&pane.key, &pane.article.text);
        Some(
            outcomes
                .iter()
                .filter(|(_, o)| matches!(o, crate::annotation::AnchorOutcome::Orphan { .. }))
                .count(),
        )
    }

    /// The open articles in the order they were given (the order the CLI's export uses).
    pub fn export_articles(&self) -> Vec<Article> {
        self.export_docs().iter().map(|a| Article::clone(a)).collect()
    }

    /// The open articles as the panes hold them, in the order they were given.
    pub fn export_docs(&self) -> Vec<Arc<Article>> {
        let mut panes: Vec<&Pane> = self.panes.iter().collect();
        panes.sort_by_key(|p| p.order);
        panes.iter().map(|p| Arc::clone(&p.article)).collect()
    }

    /// The entity index the panes show, when it is the analysis of exactly `docs`: the same
    /// articles (by identity, so a reloaded file does not count) in the same order, since its
    /// mentions name documents by position. None while no analysis of them has arrived.
    pub fn entity_index_of(&self, docs: &[Arc<Article>]) -> Option<&EntityIndex> {
        let analysed = &self.entities.docs;
        let same = analysed.len() == docs.len() && analysed.iter().zip(docs).all(|(a, b)| Arc::ptr_eq(a, b));
        if same {
            self.entities.index.as_deref()
        } else {
            None
        }
    }

    /// Copies the notes' title/outlet/date overrides into the panes' headers.
    pub fn refresh_overrides(&mut self) {
        for pane in &mut self.panes {
            let overrides = self
                .notes
                .notes
                .article(&pane.key.path)
                .map(|a| a.overrides.clone())
                .unwrap_or_default();
            pane.overrides = Meta {
                title: overrides.title,
                outlet: overrides.outlet,
                date: overrides.date,
                url: overrides.url,
                ..Meta::default()
            };
        }
    }

    /// Asks for a fresh entity analysis of the open articles.
    pub fn analyze(&mut self) -> Effect {
        self.entities.pending = true;
        Effect::Analyze {
            docs: self.panes.iter().map(|p| Arc::clone(&p.article)).collect(),
            decisions: self.notes.notes.entities.clone(),
        }
    }

    /// Takes the result of an analysis of `docs`; the selected entity stays selected by label.
    pub fn set_entities(&mut self, docs: Vec<Arc<Article>>, index: EntityIndex) {
        let selected_label = self.entities.selected.and_then(|i| {
            self.entities
                .index
                .as_ref()?
                .entities
                .get(i)
                .map(|e| e.label.clone())
        });
        self.entities.set_index(docs, index);
        let wanted = self.entities.reselect.take().or(selected_label);
        self.entities.selected = wanted.and_then(|l| self.entities.find_label(&l));
        for pane in &mut self.panes {
            pane.highlights = self.entities.highlights_for(&pane.article);
        }
    }

    /// Adds an article as a new pane after the others and focuses it. An article whose path is
    /// already open replaces that pane's text instead (a reload): two panes of one path would
    /// draw the same annotations over two different texts. When the text is not the one the notes
    /// were anchored in (the file changed since), the annotations are re-anchored, as when a case
    /// is opened, and the undo history, which holds anchors into the old text, is cleared.
    pub fn add_article(&mut self, article: Article) -> Effect {
        let shown_path = sanitize_line(&article.path.display().to_string());
        let mut pane = Pane::new(Arc::new(article), self.settings.reveal_hidden);
        pane.key.path = crate::annotation::location::article_key(&self.notes.dir, &pane.article.path);
        let reloaded = self.panes.iter().position(|p| p.key.path == pane.key.path);
        match reloaded {
            Some(index) => {
                pane.order = self.panes[index].order;
                pane.weight = self.panes[index].weight;
                self.panes[index] = pane;
                self.focus = index;
            }
            None => {
                pane.order = self.panes.iter().map(|p| p.order + 1).max().unwrap_or(0);
                self.panes.push(pane);
                self.focus = self.panes.len() - 1;
            }
        }
        let verb = if reloaded.is_some() { "reloaded" } else { "opened" };
        match self.reanchor_if_changed(self.focus) {
            None => self.info(format!("{verb} {shown_path}")),
            Some(orphans) => {
                self.history.forget_notes_steps();
                let text = format!(
                    "{verb} {shown_path}: its text changed since the notes were written; annotations \
                     re-anchored ({orphans} kept as orphans), undo history cleared"
                );
                if orphans > 0 {
                    self.error(text);
                } else {
                    self.info(text);
                }
            }
        }
        self.refresh_overrides();
        self.analyze()
    }

    /// The name of the mode for the status bar: in normal mode, whether the sentence cursor or
    /// a selection is active, since they change what keys do (their own key layers).
    pub fn mode_label(&self) -> &'static str {
        let cursor = self.focused().and_then(|p| p.cursor.as_ref());
        match (&self.mode, cursor) {
            (Mode::Normal, Some(cursor)) if cursor.selection.is_some() => "SELECT",
            (Mode::Normal, Some(_)) => "CURSOR",
            (mode, _) => mode.label(),
        }
    }

    /// The focused pane, if any.
    pub fn focused(&self) -> Option<&Pane> {
        self.panes.get(self.focus)
    }

    /// Shows an informational message in the status bar.
    pub fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: sanitize_line(&text.into()),
            error: false,
        });
    }

    /// Shows an error in the status bar.
    pub fn error(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: sanitize_line(&text.into()),
            error: true,
        });
    }
}
