//! The notes store against processes that die: `kill -9` in the middle of saving, a lock left by
//! a killed process, several processes opening one case at once. The children are this test
//! binary run again (`child_helper`, selected by `--exact` and an environment variable), doing
//! the real store calls.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::Duration;

use parallax::annotation::lock::LockError;
use parallax::annotation::store::{self, OpenedStore, ReadOnlyReason};
use parallax::annotation::{ArticleKey, Edit, Notes};

const CHILD_ENV: &str = "PARALLAX_STORE_CHILD";
const PATH_ENV: &str = "PARALLAX_STORE_PATH";

/// A child process of this test binary, killed and reaped when dropped (also when a test fails).
struct Kid {
    child: Child,
    stdout: BufReader<ChildStdout>,
}

impl Drop for Kid {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Kid {
    /// Runs `child_helper` in a new process of this test binary, with `mode` and `path`.
    fn spawn(mode: &str, path: &Path) -> Self {
        let mut child = Command::new(std::env::current_exe().expect("test binary"))
            .args([
                "--exact",
                "child_helper",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, mode)
            .env(PATH_ENV, path)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("child starts");
        let stdout = BufReader::new(child.stdout.take().expect("stdout"));
        Self { child, stdout }
    }

    /// The next line of ours the child wrote (the test harness writes its own, and may put
    /// `test child_helper ... ` in front of ours).
    fn next_line(&mut self) -> Option<String> {
        loop {
            let mut line = String::new();
            if self.stdout.read_line(&mut line).expect("read") == 0 {
                return None;
            }
            if let Some((_, ours)) = line.trim_end().split_once("CHILD ") {
                return Some(ours.to_owned());
            }
        }
    }

    fn kill(&mut self) {
        self.child.kill().expect("SIGKILL");
        self.child.wait().expect("reaped");
    }

    fn id(&self) -> u32 {
        self.child.id()
    }
}

/// The note that save number `n` writes.
fn key(n: u64) -> ArticleKey {
    ArticleKey::new(format!("k{n:05}.txt"), "text")
}

fn note(n: u64) -> String {
    format!("save {n}: {}", "x".repeat((n % 50) as usize))
}

/// Not a test: the child process's side. `hold-lock` opens the store, says whether it is
/// writable, and keeps it open until its stdin closes. `save-loop` opens the store and saves one
/// more change after another, printing `ack N` after each save returned.
#[test]
#[ignore = "helper: run as a child process by the other tests"]
fn child_helper() {
    let (Ok(mode), Some(path)) = (std::env::var(CHILD_ENV), std::env::var_os(PATH_ENV)) else {
        return;
    };
    let path = PathBuf::from(path);
    let opened = store::open::<Notes>(&path);
    let say = |what: String| {
        let mut out = std::io::stdout().lock();
        writeln!(out, "CHILD {what}").expect("write");
        out.flush().expect("flush");
    };
    match (mode.as_str(), &opened.store) {
        ("hold-lock", OpenedStore::Writable(_)) => say("writable".into()),
        ("hold-lock", OpenedStore::ReadOnly(read_only)) => say(format!("read-only {read_only}")),
        ("save-loop", OpenedStore::Writable(writable)) => {
            let mut notes = opened.document.clone();
            let first = notes.articles.len() as u64;
            say(format!("start {first}"));
            for n in first.. {
                let edit = Edit::SetArticleNote {
                    article: key(n),
                    note: note(n),
                };
                notes.apply(&edit, "2025-01-01T00:00:00Z").expect("applies");
                writable.save(&notes).expect("saves");
                say(format!("ack {n}"));
            }
        }
        (_, other) => say(format!("unexpected {other:?}")),
    }
    // Hold the lock until the parent closes our stdin.
    let _ = std::io::stdin().lines().count();
}

fn temp_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("dir")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.contains(".tmp-"))
        .collect()
}

#[cfg(unix)]
#[test]
fn kill_9_while_saving_never_loses_an_acknowledged_change() {
    const KILLS: u64 = 200;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("parallax-notes.toml");
    let mut acked: BTreeSet<u64> = BTreeSet::new();
    let mut on_disk = 0;
    // Temp files found after a kill (a save killed between creating and renaming its file).
    let mut litter = 0;
    for round in 0..KILLS {
        let mut child = Kid::spawn("save-loop", &path);
        let start: u64 = child
            .next_line()
            .and_then(|l| l.strip_prefix("start ")?.parse().ok())
            .expect("the child opened the store writable");
        // It read back everything on disk: every change acknowledged so far, and maybe one that
        // reached the disk just before the last kill, unacknowledged.
        assert_eq!(start, on_disk, "round {round}");
        // Let it acknowledge 0 to 6 saves, then kill it a varied time later: before its first
        // save, between saves, or in the middle of one (write, fsync, rename, directory fsync).
        for _ in 0..round % 7 {
            let line = child.next_line().expect("an ack");
            acked.insert(line.strip_prefix("ack ").expect("ack").parse().expect("n"));
        }
        std::thread::sleep(Duration::from_micros((round * 7919) % 4000));
        child.kill();
        // Acks written before it died are in the pipe still.
        while let Some(line) = child.next_line() {
            acked.insert(line.strip_prefix("ack ").expect("ack").parse().expect("n"));
        }
        let notes = store::load::<Notes>(&path)
            .unwrap_or_else(|e| panic!("round {round}: the notes file does not parse: {e}"));
        for &n in &acked {
            let entry = notes
                .article(&key(n).path)
                .unwrap_or_else(|| panic!("round {round}: acknowledged save {n} is missing"));
            assert_eq!(entry.note, note(n), "round {round}");
        }
        // At most the one save it was in the middle of got to disk unacknowledged.
        let last_ack = acked.last().map_or(start, |&n| (n + 1).max(start));
        assert!(
            (last_ack..=last_ack + 1).contains(&(notes.articles.len() as u64)),
            "round {round}: {} on disk, acknowledged up to {last_ack}",
            notes.articles.len()
        );
        on_disk = notes.articles.len() as u64;
        litter += temp_files(dir.path()).len();
    }
    eprintln!(
        "kill -9 loop: {KILLS} kills, {} saves acknowledged, every one on disk; {litter} kills left a temp file, removed by the next open",
        acked.len()
    );
    assert!(acked.len() as u64 >= KILLS, "too few saves to mean anything");
    // The next session cleans up the temp files killed saves left behind.
    let opened = store::open::<Notes>(&path);
    assert!(matches!(opened.store, OpenedStore::Writable(_)));
    assert_eq!(temp_files(dir.path()), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn a_lock_left_by_a_killed_process_is_not_stale() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("parallax-notes.toml");
    let mut child = Kid::spawn("hold-lock", &path);
    assert_eq!(child.next_line().as_deref(), Some("writable"));
    let opened = store::open::<Notes>(&path);
    match &opened.store {
        OpenedStore::ReadOnly(read_only) => match &read_only.reason {
            ReadOnlyReason::Locked(LockError::HeldBy { pid }) => assert_eq!(*pid, Some(child.id())),
            other => panic!("expected the child's lock, got {other:?}"),
        },
        OpenedStore::Writable(_) => panic!("opened writable while the child holds the lock"),
    }
    drop(opened);
    child.kill();
    // The lock file is still there with the dead process's pid in it; the OS lock died with it.
    let lock = parallax::annotation::lock::lock_path(&path);
    assert_eq!(
        std::fs::read_to_string(&lock).expect("lock file").trim(),
        child.id().to_string()
    );
    let opened = store::open::<Notes>(&path);
    assert!(
        matches!(opened.store, OpenedStore::Writable(_)),
        "{:?}",
        opened.store
    );
    assert_eq!(
        std::fs::read_to_string(&lock).expect("lock file").trim(),
        std::process::id().to_string()
    );
}

#[test]
fn processes_racing_to_open_one_case_get_exactly_one_writer() {
    const RACERS: usize = 8;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("parallax-notes.toml");
    let mut children: Vec<Kid> = (0..RACERS).map(|_| Kid::spawn("hold-lock", &path)).collect();
    let answers: Vec<String> = children
        .iter_mut()
        .map(|kid| kid.next_line().expect("an answer"))
        .collect();
    let writers: Vec<usize> = (0..RACERS).filter(|&i| answers[i] == "writable").collect();
    assert_eq!(writers.len(), 1, "{answers:#?}");
    let writer_pid = children[writers[0]].id();
    for (i, answer) in answers.iter().enumerate() {
        if i != writers[0] {
            // The pid is written just after the lock is taken: a racer may see the file empty.
            assert!(
                answer
                    == &format!(
                        "read-only opened read-only: another Parallax (pid {writer_pid}) has this case open"
                    )
                    || answer == "read-only opened read-only: another Parallax has this case open",
                "{answer}"
            );
        }
    }
    // Closing their stdin ends them; the writer's lock goes with it.
    for mut kid in children {
        drop(kid.child.stdin.take());
        assert!(kid.child.wait().expect("exits").success());
    }
    assert!(matches!(
        store::open::<Notes>(&path).store,
        OpenedStore::Writable(_)
    ));
}

#[test]
fn rescue_copy_goes_beside_or_to_the_temp_dir_and_never_overwrites() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("parallax-notes.toml");
    let mut notes = Notes::default();
    notes
        .apply(
            &Edit::SetArticleNote {
                article: key(1),
                note: note(1),
            },
            "2025-01-01T00:00:00Z",
        )
        .expect("applies");
    let first = store::rescue(&path, &notes).expect("written");
    assert_eq!(first.parent(), Some(dir.path()));
    assert_eq!(store::load::<Notes>(&first).expect("parses"), notes);
    // The same name exists now: the second copy goes to the temporary directory.
    let second = store::rescue(&path, &Notes::default()).expect("written");
    assert_ne!(first, second);
    assert!(second.starts_with(std::env::temp_dir()));
    assert_eq!(
        store::load::<Notes>(&first).expect("parses"),
        notes,
        "not overwritten"
    );
    std::fs::remove_file(&second).expect("cleanup");
}
