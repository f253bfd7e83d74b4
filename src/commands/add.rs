//! `parallax add URL… [--case DIR]`: download each page into the case folder (`crate::fetch`),
//! one line per URL, going on after a failure; the exit code is that of the most serious one.

use std::io::Write;
use std::time::Duration;

use crate::annotation::clock::now_rfc3339;
use crate::article::sanitize::sanitize_line;
use crate::cli::AddArgs;
use crate::config::Config;
use crate::fetch::{self, Failure, FailureKind, Limits};

/// The most a `--timeout` may ask for: a day, far past any page worth waiting for.
const MAX_TIMEOUT_SECONDS: f64 = 86_400.0;

/// The limits of a fetch: the config's size limit and the command's timeout.
pub fn limits(config: &Config, timeout_seconds: f64) -> Limits {
    let defaults = Limits::default();
    let timeout = Duration::from_secs_f64(timeout_seconds.clamp(0.001, MAX_TIMEOUT_SECONDS));
    Limits {
        max_bytes: config.reader.max_file_size,
        timeout,
        connect_timeout: defaults.connect_timeout.min(timeout),
        ..defaults
    }
}

/// Runs the subcommand; returns the exit code. What was saved goes to `out`, failures to
/// `err`, one terminal-safe line each (a URL or a server's reason can hold escapes).
pub fn run(args: &AddArgs, config: &Config, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    if !args.timeout.is_finite() || args.timeout <= 0.0 {
        let _ = writeln!(err, "parallax: --timeout must be a positive number of seconds");
        return 2;
    }
    if let Err(e) = std::fs::create_dir_all(&args.case) {
        let _ = writeln!(
            err,
            "parallax: cannot create the case folder {}: {e}",
            sanitize_line(&args.case.display().to_string())
        );
        return FailureKind::Case.exit_code();
    }
    let limits = limits(config, args.timeout);
    let mut worst: Option<FailureKind> = None;
    for url in &args.urls {
        match fetch::add(&args.case, url, &limits, &now_rfc3339()) {
            Ok(added) => {
                let _ = writeln!(out, "{}", sanitize_line(&added.message()));
            }
            Err(Failure { kind, message }) => {
                let _ = writeln!(err, "parallax: {}", sanitize_line(&message));
                worst = worst.max(Some(kind));
            }
        }
    }
    let _ = out.flush();
    worst.map_or(0, FailureKind::exit_code)
}
