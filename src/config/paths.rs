//! Where Parallax's files live. The only module that reads the environment and `directories`.

use std::path::{Path, PathBuf};

use super::{Config, ConfigError};

/// The platform config file path (`$XDG_CONFIG_HOME/parallax/config.toml` on Linux).
pub fn default_config_file() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "parallax").map(|d| d.config_dir().join("config.toml"))
}

/// The platform data directory, for notes of the bundled sample case and outlet defaults.
pub fn data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "parallax").map(|d| d.data_dir().to_path_buf())
}

/// The outlet bias defaults, shared by every case: `outlet-bias.toml` in the data directory.
pub fn outlet_defaults_file() -> Option<PathBuf> {
    data_dir().map(|d| d.join("outlet-bias.toml"))
}

/// Whether the user asked for no colours (<https://no-color.org>: set and not empty).
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// The colours the terminal shows: true colour when `COLORTERM` says `truecolor` or `24bit`,
/// 256 when `TERM` ends in `256color`, else the 16 ANSI colours.
pub fn colour_depth() -> super::theme::ColourDepth {
    use super::theme::ColourDepth;
    let colorterm = std::env::var("COLORTERM").unwrap_or_default();
    let term = std::env::var("TERM").unwrap_or_default();
    if matches!(colorterm.as_str(), "truecolor" | "24bit") {
        ColourDepth::TrueColour
    } else if term.contains("256") {
        ColourDepth::Indexed
    } else {
        ColourDepth::Basic
    }
}

/// Whether `TERM` says the terminal cannot take escape sequences (`dumb`: Emacs shell buffers,
/// some CI logs). The reader draws with cursor moves and styles, so it refuses to start there.
pub fn term_is_dumb() -> bool {
    std::env::var_os("TERM").is_some_and(|term| term == "dumb")
}

/// The largest config file read (the shipped example is 5 kB).
const MAX_CONFIG_BYTES: u64 = 4 * 1024 * 1024;

/// Loads the config: `explicit` (from `--config`) must exist; the default path may be absent.
pub fn load_config(explicit: Option<&Path>) -> Result<Config, ConfigError> {
    let path = match explicit {
        Some(path) => path.to_path_buf(),
        None => match default_config_file() {
            Some(path) if path.exists() => path,
            _ => return Ok(Config::default()),
        },
    };
    let file = path.display().to_string();
    let cannot_read = |message: String| ConfigError {
        file: crate::article::sanitize::sanitize_line(&file),
        line: 1,
        column: 1,
        message: format!(
            "cannot read config: {}",
            crate::article::sanitize::sanitize_line(&message)
        ),
    };
    // A regular file only, and a bounded one: a config path may be a FIFO or `/dev/zero`.
    let (bytes, _) =
        crate::files::read_regular(&path, MAX_CONFIG_BYTES).map_err(|e| cannot_read(e.to_string()))?;
    let text = String::from_utf8(bytes).map_err(|e| cannot_read(format!("not UTF-8 text ({e})")))?;
    Config::from_user_toml(&file, &text)
}
