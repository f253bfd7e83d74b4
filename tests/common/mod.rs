//! Shared helpers for the integration tests: a tmux session on a private socket, killed on drop.

#![allow(dead_code)]

pub mod cases;
pub mod http;
pub mod terminal;

use std::process::Command;
use std::time::{Duration, Instant};

#[allow(unused_imports)]
pub use cases::seeds_dir;

/// `parallax align --format json` on the seed articles (`cases::seed_paths`, in that order):
/// each group's members as (doc, start, end), byte offsets into the files.
#[allow(dead_code)]
pub fn seed_groups() -> Vec<Vec<(usize, usize, usize)>> {
    let mut args: Vec<std::ffi::OsString> = vec!["align".into(), "--format".into(), "json".into()];
    args.extend(
        cases::seed_paths()
            .into_iter()
            .map(std::path::PathBuf::into_os_string),
    );
    let json = parallax_json(args);
    let n = |v: &serde_json::Value| usize::try_from(v.as_u64().expect("a number")).expect("small");
    json["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .map(|g| {
            g["members"]
                .as_array()
                .expect("members")
                .iter()
                .map(|m| (n(&m["doc"]), n(&m["start"]), n(&m["end"])))
                .collect()
        })
        .collect()
}

/// Runs the built `parallax` with `args` and parses what it prints as JSON; a failed run or
/// invalid JSON fails the test with the command's error output.
pub fn parallax_json<I, S>(args: I) -> serde_json::Value
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let output = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(args)
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("valid JSON")
}

/// A shell in a detached tmux session of a given size, on a socket of its own.
pub struct Tmux {
    socket: String,
    /// The data directory of the session unless the test gives one (`XDG_DATA_HOME`): notes of
    /// read-only cases and the view state of every case go there, and one test's session must
    /// not find another's (nor the user's).
    _data: Option<tempfile::TempDir>,
}

const TIMEOUT: Duration = Duration::from_secs(15);

impl Tmux {
    /// Starts a shell in tmux and runs the built binary with `args` in it, followed by
    /// `echo EXIT=$?`. Panics when tmux is not installed.
    pub fn start(name: &str, width: u16, height: u16, args: &[&str]) -> Self {
        Self::start_with_env(name, width, height, args, &[])
    }

    /// Like `start`, with extra environment variables for the binary.
    pub fn start_with_env(name: &str, width: u16, height: u16, args: &[&str], env: &[(&str, &str)]) -> Self {
        // A missing tmux fails the test: an end-to-end test that skips proves nothing.
        assert!(
            Command::new("tmux").arg("-V").output().is_ok(),
            "{name}: tmux is not installed, and the end-to-end tests need it (apt-get install tmux)"
        );
        let data = (!env.iter().any(|(key, _)| *key == "XDG_DATA_HOME"))
            .then(|| tempfile::tempdir().expect("a data directory for the session"));
        let data_env = data.as_ref().map(|dir| {
            (
                "XDG_DATA_HOME",
                dir.path().to_str().expect("utf-8 temp path").to_owned(),
            )
        });
        let tmux = Self {
            socket: format!("parallax-test-{name}-{}", std::process::id()),
            _data: data,
        };
        let status = tmux
            .command()
            .args([
                "new-session",
                "-d",
                "-x",
                &width.to_string(),
                "-y",
                &height.to_string(),
            ])
            .args(["bash", "--norc", "--noprofile"])
            .env("PS1", "$ ")
            .status()
            .expect("tmux runs");
        assert!(status.success(), "tmux new-session failed");
        let quoted: Vec<String> = args
            .iter()
            .map(|a| format!("'{}'", a.replace('\'', "'\\''")))
            .collect();
        let env: Vec<String> = env
            .iter()
            .map(|(k, v)| format!("{k}='{v}'"))
            .chain(data_env.map(|(k, v)| format!("{k}='{v}'")))
            .collect();
        let line = format!(
            "{} {} {}; echo EXIT=$?",
            env.join(" "),
            env!("CARGO_BIN_EXE_parallax"),
            quoted.join(" ")
        );
        tmux.keys(&[&line, "Enter"]);
        tmux
    }

    fn command(&self) -> Command {
        let mut c = Command::new("tmux");
        c.args(["-L", &self.socket, "-f", "/dev/null"]);
        c
    }

    /// Runs a tmux command on this session's server (`show-buffer`, `set-option ...`); its
    /// standard output.
    pub fn tmux(&self, args: &[&str]) -> String {
        let out = self.command().args(args).output().expect("tmux runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Sends keys (tmux names: "Enter", "Tab", "C-d", or literal text).
    pub fn keys(&self, keys: &[&str]) {
        for key in keys {
            let status = self
                .command()
                .args(["send-keys", "-t", "0", key])
                .status()
                .expect("send-keys");
            assert!(status.success());
        }
    }

    /// The visible screen.
    pub fn capture(&self) -> String {
        let out = self
            .command()
            .args(["capture-pane", "-p", "-t", "0"])
            .output()
            .expect("capture-pane");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The visible screen with its escape sequences (colours, attributes).
    pub fn capture_escapes(&self) -> String {
        let out = self
            .command()
            .args(["capture-pane", "-p", "-e", "-t", "0"])
            .output()
            .expect("capture-pane");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// A tmux format evaluated for the pane, e.g. `#{alternate_on}` (1 while a program uses the
    /// alternate screen) or `#{mouse_any_flag}`.
    pub fn pane_format(&self, format: &str) -> String {
        let out = self
            .command()
            .args(["display-message", "-p", "-t", "0", format])
            .output()
            .expect("display-message");
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    }

    /// Resizes the window (tmux then sends SIGWINCH to the program in it).
    pub fn resize(&self, width: u16, height: u16) {
        let status = self
            .command()
            .args([
                "resize-window",
                "-t",
                "0",
                "-x",
                &width.to_string(),
                "-y",
                &height.to_string(),
            ])
            .status()
            .expect("resize-window");
        assert!(status.success(), "resize-window failed");
    }

    /// Panics unless the terminal is back to normal: no alternate screen, cursor shown, no mouse
    /// reporting, and the shell echoes and runs a command (so raw mode is off).
    pub fn assert_terminal_restored(&self) {
        assert_eq!(
            self.pane_format("#{alternate_on}"),
            "0",
            "still on the alternate screen"
        );
        assert_eq!(self.pane_format("#{cursor_flag}"), "1", "cursor still hidden");
        assert_eq!(
            self.pane_format("#{mouse_any_flag}"),
            "0",
            "mouse reporting still on"
        );
        let marker = format!("restored-{}", std::process::id());
        self.keys(&[&format!("echo {marker}"), "Enter"]);
        // Echoed as typed and printed as output: two occurrences.
        self.wait_until(
            |s| s.matches(&marker).count() >= 2,
            "the shell to echo and run a command",
        );
    }

    /// Waits until the screen contains `text`; panics with the screen after a timeout.
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(|s| s.contains(text), &format!("`{text}`"))
    }

    /// Waits until the screen differs from `before`.
    pub fn wait_for_change(&self, before: &str) -> String {
        self.wait_until(|s| s != before, "a change")
    }

    pub fn wait_until(&self, done: impl Fn(&str) -> bool, what: &str) -> String {
        self.wait_on(Self::capture, done, what)
    }

    /// Waits until the screen with its styles ([`Tmux::capture_escapes`]) differs from
    /// `before`: the way to see a key taken that moves only a style, like the sentence cursor.
    pub fn wait_for_styled_change(&self, before: &str, what: &str) -> String {
        self.wait_on(Self::capture_escapes, |s| s != before, what)
    }

    fn wait_on(&self, capture: impl Fn(&Self) -> String, done: impl Fn(&str) -> bool, what: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = capture(self);
            if done(&screen) {
                return screen;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "timed out waiting for {what}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(40));
        }
    }

    /// The pid of a child of the pane's shell with this command name.
    pub fn child_pid(&self, name: &str) -> Option<u32> {
        let out = self
            .command()
            .args(["display-message", "-p", "-t", "0", "#{pane_pid}"])
            .output()
            .ok()?;
        let shell: u32 = String::from_utf8_lossy(&out.stdout).trim().parse().ok()?;
        for entry in std::fs::read_dir("/proc").ok()?.flatten() {
            let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
                continue;
            };
            // pid (comm) state ppid ...
            let Some((head, rest)) = stat.rsplit_once(") ") else {
                continue;
            };
            let comm = head.split_once(" (").map(|(_, c)| c);
            let ppid = rest.split_whitespace().nth(1).and_then(|p| p.parse::<u32>().ok());
            if comm == Some(name) && ppid == Some(shell) {
                return entry.file_name().to_str()?.parse().ok();
            }
        }
        None
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.command().arg("kill-server").status();
    }
}
