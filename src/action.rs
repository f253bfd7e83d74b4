//! Every user command, once: the keymap binds keys to these, the `:` command line parses them,
//! and the help overlay shows their one-line docs.
//!
//! Names are kebab-case; an action with an argument is written `name ARG` (`focus-pane 3`,
//! `open notes/a.txt`). The `actions!` macro generates the enum, the name table and the docs
//! table from one list, so there is no second hand-kept table.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer};

macro_rules! actions {
    ($(
        #[doc = $doc:literal]
        $variant:ident $( ( $arg:ty ) )? = $name:literal,
    )*) => {
        /// A command the user can give by key, by `:` command or from the config.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum Action {
            $(
                #[doc = $doc]
                $variant $( ( $arg ) )?,
            )*
        }

        /// Name, argument hint and one-line description of every action, in declaration order.
        pub const ACTIONS: &[ActionInfo] = &[
            $( ActionInfo {
                name: $name,
                argument: actions!(@hint $( $arg )?),
                description: $doc.trim_ascii(),
            }, )*
        ];

        impl Action {
            /// The command name (`scroll-down`).
            pub fn name(&self) -> &'static str {
                match self {
                    $( actions!(@pattern $variant $( $arg )?) => $name, )*
                }
            }

            fn parse_parts(name: &str, argument: Option<&str>) -> Result<Self, ParseActionError> {
                match name {
                    $( $name => actions!(@build $variant, $name, argument $(, $arg )?), )*
                    _ => Err(ParseActionError::Unknown(name.to_owned())),
                }
            }

            fn argument_text(&self) -> Option<String> {
                match self {
                    $( actions!(@bind value, $variant $( $arg )?) => actions!(@show value $( $arg )?), )*
                }
            }
        }
    };
    (@hint) => { None };
    (@hint $arg:ty) => { Some(stringify!($arg)) };
    (@pattern $variant:ident) => { Action::$variant };
    (@pattern $variant:ident $arg:ty) => { Action::$variant(_) };
    (@bind $value:ident, $variant:ident) => { Action::$variant };
    (@bind $value:ident, $variant:ident $arg:ty) => { Action::$variant($value) };
    (@show $value:ident) => { None };
    (@show $value:ident $arg:ty) => { Some($value.to_string()) };
    (@build $variant:ident, $name:literal, $argument:ident) => {
        match $argument {
            None => Ok(Action::$variant),
            Some(_) => Err(ParseActionError::UnexpectedArgument($name)),
        }
    };
    (@build $variant:ident, $name:literal, $argument:ident, $arg:ty) => {
        match $argument {
            None => Err(ParseActionError::MissingArgument($name)),
            Some(text) => text
                .parse::<$arg>()
                .map(Action::$variant)
                .map_err(|_| ParseActionError::BadArgument($name, text.to_owned())),
        }
    };
}

actions! {
    /// Quit Parallax
    Quit = "quit",
    /// Show or hide the help overlay
    Help = "help",
    /// Open the `:` command line
    CommandLine = "command-line",
    /// Close the overlay or prompt, clear the selection
    Cancel = "cancel",
    /// Focus the next pane
    FocusNext = "focus-next",
    /// Focus the previous pane
    FocusPrev = "focus-prev",
    /// Focus pane N (1-based)
    FocusPane(usize) = "focus-pane",
    /// Scroll down one line
    ScrollDown = "scroll-down",
    /// Scroll up one line
    ScrollUp = "scroll-up",
    /// Scroll down half a page
    HalfPageDown = "half-page-down",
    /// Scroll up half a page
    HalfPageUp = "half-page-up",
    /// Scroll down a page
    PageDown = "page-down",
    /// Scroll up a page
    PageUp = "page-up",
    /// Go to the top of the article
    Top = "top",
    /// Go to the bottom of the article
    Bottom = "bottom",
    /// Toggle synchronised scrolling of all panes
    Sync = "sync",
    /// Switch sync between the same fact and the same place
    SyncBy = "sync-by",
    /// Zoom the focused pane to full width, or back
    Zoom = "zoom",
    /// Make the focused column narrower
    Narrower = "narrower",
    /// Make the focused column wider
    Wider = "wider",
    /// Move the focused pane one place left
    MoveLeft = "move-left",
    /// Move the focused pane one place right
    MoveRight = "move-right",
    /// Close the focused pane
    Close = "close",
    /// Reopen the pane closed last, where it was
    Reopen = "reopen",
    /// Open an article in a new pane
    Open(String) = "open",
    /// Download a web page (URL) into the case folder, record its provenance, open it
    Add(String) = "add",
    /// Show where the focused source came from: URL, retrieval time, file
    SourceInfo = "source-info",
    /// Show or hide the text cleaning hid in the focused pane
    RevealHidden = "reveal-hidden",
    /// Set the focused article's title
    Title(String) = "title",
    /// Set the focused article's outlet
    Outlet(String) = "outlet",
    /// Set the focused article's date
    Date(String) = "date",
    /// Open the entities panel: who is mentioned where, filter by typing
    Entities = "entities",
    /// Jump to the next mention of the selected entity, across panes
    NextMention = "next-mention",
    /// Jump to the previous mention of the selected entity, across panes
    PrevMention = "prev-mention",
    /// Select the entity with this label and emphasise it in all panes
    Select(String) = "select",
    /// Merge the selected entity with the entity of this label
    Merge(String) = "merge",
    /// Split mentions spelled this way off the selected entity
    Split(String) = "split",
    /// Rename the selected entity
    Rename(String) = "rename",
    /// Show how each outlet names and labels the selected entity (the framing panel)
    Framing = "framing",
    /// Mark loaded terms (terrorist, regime, martyr…) in the text, or stop
    LoadedTerms = "loaded-terms",
    /// Open the comparison view: each fact a row, each outlet a column, most widely reported first
    Compare = "compare",
    /// In the comparison view: all facts, those not found in the focused outlet, or those only it reports
    CompareFilter = "compare-filter",
    /// Make the suggested group of the cursor sentence (or of the comparison view's row) a claim group
    AcceptSuggestion = "accept-suggestion",
    /// Show or hide the sentence cursor in the focused pane
    Cursor = "cursor",
    /// Move the sentence cursor to the next sentence
    SentenceNext = "sentence-next",
    /// Move the sentence cursor to the previous sentence
    SentencePrev = "sentence-prev",
    /// Start or stop a selection that extends by sentence
    Visual = "visual",
    /// Extend the selection's end by a word
    WordForward = "word-forward",
    /// Shrink the selection's end by a word
    WordBack = "word-back",
    /// Move the selection's start a word forward: a selection can start at any word
    WordStartForward = "word-start-forward",
    /// Move the selection's start a word back
    WordStartBack = "word-start-back",
    /// Tag the selection or sentence: the next key picks the tag
    TagPicker = "tag-picker",
    /// Tag the selection or sentence with this tag
    Tag(String) = "tag",
    /// Remove this tag from the annotation under the cursor
    Untag(String) = "untag",
    /// Write the note of the annotation under the cursor (\n for a line break); an existing note is kept
    Note(String) = "note",
    /// Edit the note of the annotation under the cursor
    EditNote = "edit-note",
    /// Set the focused article's note
    ArticleNote(String) = "article-note",
    /// Edit the focused article's note
    EditArticleNote = "edit-article-note",
    /// Delete the annotation under the cursor
    Delete = "delete",
    /// Undo the last annotation change
    Undo = "undo",
    /// Redo the last undone annotation change
    Redo = "redo",
    /// Jump to the next annotation in the focused pane
    NextAnnotation = "next-annotation",
    /// Jump to the previous annotation in the focused pane
    PrevAnnotation = "prev-annotation",
    /// Focus the next pane that reports the cursor sentence's fact, on its sentence of it
    NextMatch = "next-match",
    /// Focus the previous pane that reports the cursor sentence's fact
    PrevMatch = "prev-match",
    /// Start a claim link here, or complete it (then pick the stance)
    Link = "link",
    /// Complete a claim link with a stance: same, contradicts or adds-detail
    LinkAs(String) = "link-as",
    /// Pick the focused source's bias and reliability
    BiasPicker = "bias-picker",
    /// Set the focused source's bias: VALUE or AXIS=VALUE
    Bias(String) = "bias",
    /// Set the focused source's reliability, 1 to 5
    Reliability(u8) = "reliability",
    /// Add or remove a label of the focused source (e.g. state media)
    Label(String) = "label",
    /// Set the default bias of the focused source's outlet, for every case: VALUE or AXIS=VALUE
    OutletBias(String) = "outlet-bias",
    /// Set the default reliability of the focused source's outlet, 1 to 5
    OutletReliability(u8) = "outlet-reliability",
    /// Add or remove a default label of the focused source's outlet
    OutletLabel(String) = "outlet-label",
    /// List all annotations
    Annotations = "annotations",
    /// Export the report: md, json or csv, then an optional file name
    Export(String) = "export",
    /// Search every pane as you type: case and accents do not matter
    Search = "search",
    /// Go to the next hit of the search, across panes
    SearchNext = "search-next",
    /// Go to the previous hit of the search, across panes
    SearchPrev = "search-prev",
    /// Take the highlighted row or the typed command (lists, panels, the command line)
    Confirm = "confirm",
    /// Complete the command being typed
    Complete = "complete",
    /// Delete the character before the text cursor (command line, entities filter)
    DeleteBack = "delete-back",
    /// Save the note being edited
    Save = "save",
    /// In the bias picker: pick a reliability instead
    ReliabilityPicker = "reliability-picker",
    /// In the bias picker: switch between the article and its outlet's default
    BiasScope = "bias-scope",
    /// Reload the notes file changed outside Parallax and reapply your changes
    NotesReload = "notes-reload",
    /// Keep the notes file changed outside Parallax; save yours as a copy beside it
    NotesSaveCopy = "notes-save-copy",
    /// Set the case's title for reports (- clears it: the headlines make one)
    CaseTitle(String) = "case-title",
    /// Set the focused article's URL for reports and citations (- clears it)
    Url(String) = "url",
    /// Set the title of the claim under the cursor for reports (- clears it)
    ClaimTitle(String) = "claim-title",
    /// Mark the focused article as leaving out claim CLAIM (c1), or unmark it
    Omits(String) = "omits",
    /// Copy the sentence under the cursor or the selection, with its citation, to the clipboard
    Copy = "copy",
    /// Append the sentence under the cursor or the selection, with its citation, to FILE
    CopyTo(String) = "copy-to",
}

/// What the help overlay and command completion know about an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActionInfo {
    pub name: &'static str,
    /// The argument's type when the action takes one (`usize`, `String`).
    pub argument: Option<&'static str>,
    pub description: &'static str,
}

impl ActionInfo {
    /// The argument hint shown in help (`N`, `TEXT`).
    pub fn argument_hint(&self) -> Option<&'static str> {
        self.argument.map(|ty| if ty == "String" { "TEXT" } else { "N" })
    }
}

/// Looks up an action's info by name.
pub fn info(name: &str) -> Option<&'static ActionInfo> {
    ACTIONS.iter().find(|a| a.name == name)
}

/// Why a command did not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseActionError {
    Empty,
    Unknown(String),
    MissingArgument(&'static str),
    UnexpectedArgument(&'static str),
    BadArgument(&'static str, String),
}

impl fmt::Display for ParseActionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => write!(f, "empty command"),
            Self::Unknown(name) => write!(f, "unknown command `{name}` (Tab completes, `?` lists them)"),
            Self::MissingArgument(name) => write!(f, "`{name}` needs an argument"),
            Self::UnexpectedArgument(name) => write!(f, "`{name}` takes no argument"),
            Self::BadArgument(name, text) => write!(f, "`{name}`: bad argument `{text}`"),
        }
    }
}

impl std::error::Error for ParseActionError {}

impl FromStr for Action {
    type Err = ParseActionError;

    /// Parses `name` or `name ARGUMENT`; the argument is the rest of the line, trimmed.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        if text.is_empty() {
            return Err(ParseActionError::Empty);
        }
        let (name, argument) = match text.split_once(char::is_whitespace) {
            Some((name, rest)) => (name, Some(rest.trim()).filter(|a| !a.is_empty())),
            None => (text, None),
        };
        Self::parse_parts(name, argument)
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.argument_text() {
            Some(arg) => write!(f, "{} {arg}", self.name()),
            None => f.write_str(self.name()),
        }
    }
}

impl<'de> Deserialize<'de> for Action {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// Command names that start with `prefix`, for completion on the command line.
pub fn complete(prefix: &str) -> Vec<&'static str> {
    ACTIONS
        .iter()
        .map(|a| a.name)
        .filter(|n| n.starts_with(prefix))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_name_round_trips_through_parse_and_display() {
        for info in ACTIONS {
            let text = match info.argument {
                Some("usize" | "u8") => format!("{} 3", info.name),
                Some(_) => format!("{} some text", info.name),
                None => info.name.to_owned(),
            };
            let action: Action = text.parse().expect(&text);
            assert_eq!(action.name(), info.name);
            assert_eq!(action.to_string(), text);
        }
    }

    #[test]
    fn arguments_are_checked() {
        assert_eq!(
            "focus-pane".parse::<Action>(),
            Err(ParseActionError::MissingArgument("focus-pane"))
        );
        assert_eq!(
            "quit now".parse::<Action>(),
            Err(ParseActionError::UnexpectedArgument("quit"))
        );
        assert!(matches!(
            "focus-pane x".parse::<Action>(),
            Err(ParseActionError::BadArgument(..))
        ));
        assert_eq!(
            "  open  a b.txt ".parse::<Action>(),
            Ok(Action::Open("a b.txt".into()))
        );
        assert!(matches!(
            "frobnicate".parse::<Action>(),
            Err(ParseActionError::Unknown(_))
        ));
    }

    #[test]
    fn docs_come_from_the_variant_comments() {
        assert_eq!(
            info("sync").map(|i| i.description),
            Some("Toggle synchronised scrolling of all panes")
        );
        assert!(ACTIONS.iter().all(|a| !a.description.is_empty()));
    }

    #[test]
    fn completion_lists_matching_names() {
        assert_eq!(complete("zo"), vec!["zoom"]);
        assert!(complete("focus").contains(&"focus-pane"));
    }
}
