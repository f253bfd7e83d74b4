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
Exit codes: 0 ok, 1 runtime failure, 2 bad usage, bad config or unreadable input."
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
    /// Write the case's notes as a report (Markdown, JSON or CSV)
    Export(ExportArgs),
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
