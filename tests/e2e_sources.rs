//! The acceptance of issue #17 end to end, in tmux: a local server serves three article pages;
//! `parallax add` puts them into an empty case; the reader opens the case, shows a source's
//! URL and retrieval time, tags a claim, `:add`s a page that changed (saved beside the old
//! version, which is kept, and opened), shows a failed `:add` as one line, keeps taking keys
//! while a slow server stalls, and exports: every source in the report carries its URL
//! and retrieval time. No network: the server is on 127.0.0.1.

mod common;

use common::Tmux;
use common::http::{HttpServer, Reply, article_page};

/// Sends one key and waits until the screen, styles included, shows the reader took it.
fn key(tmux: &Tmux, k: &str) {
    let before = tmux.capture_escapes();
    tmux.keys(&[k]);
    tmux.wait_for_styled_change(&before, &format!("the screen to change after `{k}`"));
}

#[test]
fn add_three_pages_open_tag_add_a_changed_one_and_export_with_provenance() {
    let server = HttpServer::start();
    let pages = [
        (
            "/wire/dam-toll-rises",
            "Dam toll rises to 63",
            "Continental Wire",
            "2031-03-10",
            "At least 63 people died.",
        ),
        (
            "/state/heroic-rescue",
            "Heroic rescue after sabotage",
            "National Broadcaster",
            "2031-03-09",
            "Units worked all night.",
        ),
        (
            "/voice/regime-knew",
            "The regime knew",
            "Free Voice",
            "2031-03-10",
            "More than 200 are dead or missing.",
        ),
    ];
    for (path, title, outlet, date, body) in pages {
        server.route(path, Reply::html(article_page(title, outlet, date, body)));
    }
    let root = tempfile::tempdir().expect("tempdir");
    let case = root.path().join("case");
    let case_arg = case.to_str().expect("utf-8");
    let urls: Vec<String> = pages.iter().map(|(path, ..)| server.url(path)).collect();
    let mut args = vec!["add", "--case", case_arg];
    args.extend(urls.iter().map(String::as_str));
    let tmux = Tmux::start("sources", 200, 50, &args);
    tmux.wait_for("EXIT=0");
    let saved: Vec<String> = std::fs::read_dir(&case)
        .expect("case folder created")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| std::path::Path::new(n).extension().is_some_and(|e| e == "html"))
        .collect();
    assert_eq!(saved.len(), 3, "{saved:?}");

    // Open the case: the three pages, not the provenance file.
    tmux.keys(&["clear", "Enter"]);
    tmux.keys(&[
        &format!("{} '{case_arg}'; echo EXIT=$?", env!("CARGO_BIN_EXE_parallax")),
        "Enter",
    ]);
    tmux.wait_until(
        |s| s.contains("NORMAL") && s.contains("[1/3]") && !s.contains("finding entities"),
        "the reader with three panes",
    );
    key(&tmux, "i");
    tmux.wait_for("· retrieved 20");
    // Tag a claim in the first pane.
    for k in ["c", "t", "c"] {
        key(&tmux, k);
    }
    tmux.wait_for("add annotation");
    key(&tmux, "Escape");

    // The wire story changes; `:add` it again from the reader.
    server.route(
        pages[0].0,
        Reply::html(article_page(
            pages[0].1,
            pages[0].2,
            pages[0].3,
            "At least 71 people died.",
        )),
    );
    tmux.keys(&[&format!(":add {}", urls[0]), "Enter"]);
    tmux.wait_for("the page changed since");
    tmux.wait_for("[4/4]");
    let old = case.join(format!("127-0-0-1-{}-dam-toll-rises.html", pages[0].3));
    let new = case.join(format!("127-0-0-1-{}-dam-toll-rises-2.html", pages[0].3));
    assert!(
        std::fs::read_to_string(&old)
            .expect("old version kept")
            .contains("At least 63")
    );
    assert!(
        std::fs::read_to_string(&new)
            .expect("new version saved")
            .contains("At least 71")
    );

    // A failure is one line in the status bar; a slow server does not hold the reader up.
    tmux.keys(&[&format!(":add {}", server.url("/missing")), "Enter"]);
    tmux.wait_for("HTTP 404 Not Found");
    let mut stalled = Reply::html(article_page("Slow", "Slow Times", "2031-03-10", "x"));
    stalled.stall = Some(std::time::Duration::from_secs(120));
    server.route("/slow", stalled);
    tmux.keys(&[&format!(":add {}", server.url("/slow")), "Enter"]);
    tmux.wait_for("fetching");
    key(&tmux, "i");
    tmux.wait_for("· retrieved 20");

    let out = tempfile::tempdir().expect("tempdir");
    let report = out.path().join("report.md");
    tmux.keys(&[&format!(":export md {}", report.display()), "Enter"]);
    tmux.wait_for("exported to");
    key(&tmux, "q");
    tmux.wait_for("EXIT=0");

    let text = std::fs::read_to_string(&report).expect("report written");
    // Each source is its headline line and, below it, date, byline and URL.
    let lines: Vec<&str> = text.lines().collect();
    let sources: Vec<String> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.starts_with(|c: char| c.is_ascii_digit()) && l.contains(". **"))
        .map(|(i, l)| format!("{l}{}", lines.get(i + 1).unwrap_or(&"")))
        .collect();
    assert_eq!(sources.len(), 4, "three pages and the new version:\n{text}");
    for line in &sources {
        assert!(line.contains(&server.url("/")), "no URL in {line}");
        assert!(line.contains("(retrieved 20"), "no retrieval time in {line}");
    }
    assert!(
        text.contains("claim"),
        "the tagged claim is in the report:\n{text}"
    );

    // And the CLI's JSON says the same, field by field.
    let json = std::process::Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(["export", "--format", "json", case_arg])
        .output()
        .expect("export runs");
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    let sources = report["sources"].as_array().expect("sources");
    assert_eq!(sources.len(), 4);
    for source in sources {
        assert!(
            source["url"]
                .as_str()
                .is_some_and(|u| u.starts_with("http://127.0.0.1:")),
            "{source}"
        );
        assert!(
            source["retrieved"].as_str().is_some_and(|r| r.ends_with('Z')),
            "{source}"
        );
    }
}
