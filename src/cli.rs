//! Command-line definitions (clap). Parsing only; `main` decides what to run and `commands`
//! turns these types into the engines' own. Depends on nothing else in the crate, so the
//! pure modules never see clap.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Read several news articles side by side, see the same people, organisations and places
/// highlighted across outlets, and annotate claims.
///
/// With no PATH, opens the bundled sample case. A PATH may be a file (.txt, .md, .html, or no
/// extension) or a directory (its supported files, sorted by name).
#[derive(Debug, Parser)]
#[command(name = "parallax", version, about, long_about)]
#[command(
    after_help = "Keys: press ? in the reader. Config: see config.example.toml.\n\
Exit codes: 0 ok, 1 runtime failure, 2 bad usage, bad config or unreadable input \
(`parallax add` has one per kind of download failure: see `parallax add --help`)."
)]
pub struct Cli {
    /// Config file [default: config.toml in the platform config directory]
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,

    /// Notes file for this case [default: parallax-notes.toml beside the first article]
    #[arg(long, value_name = "FILE", global = true)]
    pub notes: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,

    /// Articles or directories to open side by side
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

/// Scripting subcommands: they print and exit, without the interactive view.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the entities found across the articles
    Entities(EntitiesArgs),
    /// Group the sentences of different articles that report the same fact
    Align(AlignArgs),
    /// Show how each article names and labels each entity (descriptors, loaded terms)
    Framing(FramingArgs),
    /// Write the case's notes as a report (Markdown, JSON or CSV)
    Export(ExportArgs),
    /// Download web pages into a case folder and record where and when they were read
    Add(AddArgs),
}

/// `parallax add`
#[derive(Debug, Args)]
#[command(after_help = "\
Each page is saved byte for byte as OUTLET-DATE-SLUG.html in the case folder; its URL, final URL \
after redirects, retrieval time (UTC), HTTP status, content type and SHA-256 go to \
parallax-sources.toml there. A URL already in the case is fetched again: an unchanged page is \
recorded as re-checked, a changed one is saved beside the old version (NAME-2.html); nothing \
saved is ever overwritten. The other URLs go on when one fails.

Exit codes (with several failures, the most serious, from the bottom of this list up):
  0   every URL saved or re-checked
  2   not an http:// or https:// URL, or bad usage
  3   HTTP 4xx (the page is missing or forbidden)
  4   HTTP 5xx (the server failed)
  5   not an HTML page (a PDF, an image: refused by its type)
  6   larger than reader.max_file_size
  7   too many redirects, or a broken response
  8   timed out (--timeout)
  9   connection refused
  10  unknown host
  11  TLS failure (certificate or handshake)
  1   the case folder could not be written; nothing half-written is left")]
pub struct AddArgs {
    /// The case folder the pages go to (created if missing)
    #[arg(long = "case", value_name = "DIR", default_value = ".")]
    pub case: PathBuf,

    /// Give up on a URL after this many seconds (the whole request, redirects and body)
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0)]
    pub timeout: f64,

    /// Web pages to download (http:// or https://)
    #[arg(value_name = "URL", required = true)]
    pub urls: Vec<String>,
}

/// `parallax export`
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = ExportFormat::Markdown)]
    pub format: ExportFormat,

    /// Write to FILE (replaced atomically) instead of stdout
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,

    /// Articles or directories, in the order the report lists them
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
}

/// `parallax entities`
#[derive(Debug, Args)]
pub struct EntitiesArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = EntitiesFormat::Table)]
    pub format: EntitiesFormat,

    /// Articles or directories
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
}

/// `parallax align`
#[derive(Debug, Args)]
pub struct AlignArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = AlignFormat::Table)]
    pub format: AlignFormat,

    /// Articles or directories
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
}

/// `parallax framing`
#[derive(Debug, Args)]
pub struct FramingArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = FramingFormat::Table)]
    pub format: FramingFormat,

    /// Articles or directories
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
}

/// How `parallax framing` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FramingFormat {
    /// Per entity, each article's descriptors with counts, for people
    Table,
    /// Entities with name mentions and descriptors as byte offsets (see ../shared/framing/README.md)
    Json,
    /// One row per name, descriptor, title and loaded term, for spreadsheets
    Csv,
}

/// How `parallax align` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AlignFormat {
    /// Each fact with the outlets that report it and those that do not, for people
    Table,
    /// Groups of sentences as byte offsets (see ../shared/align/README.md)
    Json,
}

/// The formats `parallax export` writes (`export::Format`, converted in `commands::export`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// A report for people
    #[value(name = "md")]
    Markdown,
    /// Everything, for other tools (see docs/export-json.md)
    Json,
    /// One row per annotation, for spreadsheets
    Csv,
}

/// How `parallax entities` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EntitiesFormat {
    /// One row per entity, for people
    Table,
    /// Machine-readable clusters with byte offsets
    Json,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn paths_and_subcommands_parse() {
        let cli = Cli::try_parse_from(["parallax", "a.txt", "dir"]).expect("parses");
        assert_eq!(cli.paths.len(), 2);
        let cli = Cli::try_parse_from(["parallax", "entities", "--format", "json", "a.txt"]).expect("parses");
        assert!(matches!(
            cli.command,
            Some(Command::Entities(EntitiesArgs {
                format: EntitiesFormat::Json,
                ..
            }))
        ));
    }

    #[test]
    fn add_takes_urls_a_case_and_a_timeout() {
        let cli = Cli::try_parse_from([
            "parallax",
            "add",
            "--case",
            "c",
            "--timeout",
            "0.5",
            "http://a",
            "http://b",
        ])
        .expect("parses");
        let Some(Command::Add(args)) = cli.command else {
            panic!("expected add, got {:?}", cli.command);
        };
        assert_eq!(args.urls, ["http://a", "http://b"]);
        assert!((args.timeout - 0.5).abs() < f64::EPSILON);
        assert!(Cli::try_parse_from(["parallax", "add"]).is_err());
    }

    #[test]
    fn align_parses_its_format() {
        let cli =
            Cli::try_parse_from(["parallax", "align", "--format", "json", "a.txt", "b.txt"]).expect("parses");
        let Some(Command::Align(args)) = cli.command else {
            panic!("expected align, got {:?}", cli.command);
        };
        assert_eq!(args.format, AlignFormat::Json);
        assert_eq!(args.paths.len(), 2);
        assert!(Cli::try_parse_from(["parallax", "align"]).is_err());
    }

    #[test]
    fn export_takes_the_global_notes_option_after_the_subcommand() {
        let cli = Cli::try_parse_from([
            "parallax", "export", "--format", "csv", "--notes", "n.toml", "--out", "r.csv", "a.txt", "b.txt",
        ])
        .expect("parses");
        assert_eq!(cli.notes.as_deref(), Some(std::path::Path::new("n.toml")));
        let Some(Command::Export(args)) = cli.command else {
            panic!("expected export, got {:?}", cli.command);
        };
        assert_eq!(args.format, ExportFormat::Csv);
        assert_eq!(args.paths.len(), 2);
        let cli = Cli::try_parse_from(["parallax", "export", "a.txt"]).expect("parses");
        assert!(matches!(
            cli.command,
            Some(Command::Export(ExportArgs {
                format: ExportFormat::Markdown,
                out: None,
                ..
            }))
        ));
    }
}
