//! End to end, the analyst's workflow of issue #16 on copies of the seeds: the real binary in
//! tmux (private socket, fixed size, waiting for the screen, never sleeping). One test per
//! problem the issue numbers; the data and config directories are a temporary home.

mod common;

use common::Tmux;
use common::cases::copy_seeds;

/// Sends one key and waits until the screen, styles included, shows that the reader took it.
fn key(tmux: &Tmux, k: &str) {
    let before = tmux.capture_escapes();
    tmux.keys(&[k]);
    tmux.wait_for_styled_change(&before, &format!("the screen to change after `{k}`"));
}

/// Types a `:` command and waits for the reader to take it and say `expect` (a message left
/// on the screen by the command before does not count).
fn command(tmux: &Tmux, line: &str, expect: &str) -> String {
    key(tmux, ":");
    tmux.keys(&[line]);
    let start: String = line.chars().take(12).collect();
    let typed = tmux.wait_for(&format!(":{start}"));
    tmux.keys(&["Enter"]);
    tmux.wait_until(
        |s| s != typed && !s.contains(&format!(":{start}")) && s.contains(expect),
        &format!("`{expect}` after `:{line}`"),
    )
}

fn wait_ready(tmux: &Tmux) -> String {
    tmux.wait_until(
        |s| s.contains("NORMAL") && !s.contains("finding entities"),
        "the reader with its entities",
    )
}

/// A case of the five seeds and a home for the data and config directories.
struct Case {
    dir: tempfile::TempDir,
    home: tempfile::TempDir,
}

impl Case {
    fn new() -> Self {
        let case = Self {
            dir: tempfile::tempdir().expect("tempdir"),
            home: tempfile::tempdir().expect("tempdir"),
        };
        copy_seeds(case.dir.path());
        case
    }

    fn start(&self, name: &str, width: u16, height: u16) -> Tmux {
        let home = self.home.path().to_str().expect("utf-8");
        let env = [("XDG_DATA_HOME", home), ("XDG_CONFIG_HOME", home), ("HOME", home)];
        let tmux = Tmux::start_with_env(
            name,
            width,
            height,
            &[self.dir.path().to_str().expect("utf-8")],
            &env,
        );
        wait_ready(&tmux);
        tmux
    }
}

/// Problem 3: the report says what is known: a contradicting source is "contradicted by", an
/// unlinked one "not linked", "omitted by" only where the analyst marked it; a case title, an
/// export date, claim titles, source URLs and bylines; no byte offsets, ids or hash file names
/// in Markdown; dates as they are.
#[test]
fn problem_3_the_report_says_what_is_known_and_no_more() {
    let case = Case::new();
    let tmux = case.start("report", 200, 50);
    // Pane 1: tag the first sentence as a claim and start a link.
    for k in ["c", "t", "c"] {
        key(&tmux, k);
    }
    tmux.wait_for("add annotation");
    key(&tmux, "L");
    tmux.wait_for("linking a1");
    // Pane 2: tag a claim there and complete the link as contradicting.
    for k in ["Escape", "Tab", "c", "t", "c"] {
        key(&tmux, k);
    }
    key(&tmux, "L");
    key(&tmux, "c");
    tmux.wait_for("link claims");
    command(&tmux, "claim-title Who met in Tehran", "claim title");
    command(&tmux, "case-title IRGC meeting in Tehran", "case title");
    // Pane 3 gets a URL; pane 4 is marked as leaving the claim out; pane 5 stays unlinked.
    key(&tmux, "Tab");
    command(
        &tmux,
        "url https://www.algemeiner.com/2024/05/21/iran-fm-meets-hamas/",
        "metadata overrides",
    );
    key(&tmux, "Tab");
    command(&tmux, "omits c1", "omitted by");
    let out = tempfile::tempdir().expect("tempdir");
    let md = out.path().join("report.md");
    let json = out.path().join("report.json");
    command(&tmux, &format!("export md {}", md.display()), "exported to");
    command(&tmux, &format!("export json {}", json.display()), "exported to");
    key(&tmux, "q");
    tmux.wait_for("EXIT=0");

    let report = std::fs::read_to_string(&md).expect("the report");
    assert!(
        report.starts_with("# IRGC meeting in Tehran\n\nExported 20"),
        "{report}"
    );
    assert!(report.contains("### 1. Who met in Tehran\n"), "{report}");
    let coverage = report
        .lines()
        .find(|l| l.starts_with("Reported by"))
        .expect("a coverage line");
    assert!(coverage.starts_with("Reported by 1 of 5: 1. "), "{coverage}");
    assert!(coverage.contains(" · contradicted by: 2. "), "{coverage}");
    assert!(
        coverage.contains(" · omitted by: 4. Palestine Chronicle"),
        "{coverage}"
    );
    assert!(
        coverage.contains(" · not linked: 3. The Algemeiner, 5. Al Mayadeen English."),
        "{coverage}"
    );
    assert!(
        report.contains("by The Algemeiner · <https://www.algemeiner.com/2024/05/21/iran-fm-meets-hamas/>"),
        "{report}"
    );
    // Two seeds are dated, three are not: no single date for all of them.
    assert!(
        report.contains("5 sources. 2 dated 2024-05-23; 3 undated."),
        "{report}"
    );
    assert!(report.contains("## Tags\n"), "{report}");
    for tool_only in [
        "bytes",
        "a1",
        "a2",
        "c1",
        "5b8a859aa158a433",
        "56e621f07d0aef18",
        ".txt",
    ] {
        assert!(
            !report.contains(tool_only),
            "`{tool_only}` in the report:\n{report}"
        );
    }
    let value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).expect("the JSON")).expect("JSON");
    assert_eq!(value["sources"][2]["byline"], "The Algemeiner");
    assert_eq!(value["claims"][0]["omitted_by"], serde_json::json!([4]));
    assert_eq!(value["claims"][0]["not_linked"], serde_json::json!([3, 5]));
    assert_eq!(value["annotations"][0]["id"], "a1", "ids stay in the JSON");
}

/// Problem 4: `y` copies the sentence under the cursor with its citation to the system
/// clipboard through the terminal (OSC 52, here tmux's buffer), and `:copy-to` appends it.
#[test]
fn problem_4_a_quote_is_copied_with_its_citation() {
    let case = Case::new();
    let tmux = case.start("copy", 200, 50);
    // tmux takes OSC 52 into its paste buffer only with set-clipboard on.
    tmux.tmux(&["set-option", "-s", "set-clipboard", "on"]);
    key(&tmux, "Tab");
    key(&tmux, "Tab");
    command(
        &tmux,
        "url https://www.algemeiner.com/2024/05/21/iran-fm-meets-hamas/",
        "metadata overrides",
    );
    key(&tmux, "c");
    tmux.keys(&["y"]);
    tmux.wait_for("with its citation");
    let copied = tmux.tmux(&["show-buffer"]);
    assert!(copied.starts_with("“"), "{copied}");
    assert!(
        copied.contains(
            "\n— The Algemeiner, “Iran’s acting FM meets Hamas and Palestinian Islamic Jihad leaders \
             in Syria, calls for Gaza ceasefire”, undated. https://www.algemeiner.com/2024/05/21/iran-fm-meets-hamas/"
        ),
        "{copied}"
    );
    let out = tempfile::tempdir().expect("tempdir");
    let file = out.path().join("quotes.txt");
    command(&tmux, &format!("copy-to {}", file.display()), "appended");
    key(&tmux, "j");
    command(&tmux, &format!("copy-to {}", file.display()), "appended");
    let saved = std::fs::read_to_string(&file).expect("quotes file");
    assert_eq!(saved.matches("— The Algemeiner").count(), 2, "{saved}");
    assert!(saved.starts_with(copied.trim_end()), "{saved}");
    // Beside the articles it would open as one: refused.
    let beside = case.dir.path().join("quotes.md");
    command(
        &tmux,
        &format!("copy-to {}", beside.display()),
        "would open as an article",
    );
    assert!(!beside.exists());
    key(&tmux, "q");
    tmux.wait_for("EXIT=0");
}

/// The screen without its last line (the status bar, which carries messages).
fn panes_of(screen: &str) -> String {
    let lines: Vec<&str> = screen.lines().collect();
    lines[..lines.len().saturating_sub(1)].join("\n")
}

/// Problem 5: pane order, widths, zoom, scroll positions and sync come back when the case is
/// opened again; the view state lives in the data directory, not in the notes; a broken view
/// file is ignored with a message.
#[test]
fn problem_5_the_case_is_as_you_left_it() {
    let case = Case::new();
    let tmux = case.start("view", 200, 50);
    // Pane 3 moved first and made wider; scrolled two pages; sync on.
    for k in ["3", "H", "H", ">", ">", "space", "space", "s"] {
        key(&tmux, k);
    }
    // The status bar, drawn last, says sync is on: the whole frame is out.
    let left = panes_of(&tmux.wait_for("sync on"));
    assert!(left.starts_with("┏ 1 The Algemeiner"), "{left}");
    key(&tmux, "q");
    tmux.wait_for("EXIT=0");
    drop(tmux);
    let notes = std::fs::read_to_string(case.dir.path().join("parallax-notes.toml")).unwrap_or_default();
    assert!(!notes.contains("weight") && !notes.contains("zoom"), "{notes}");
    let views = case.home.path().join("parallax/views");
    let view_file = std::fs::read_dir(&views)
        .expect("a views folder in the data directory")
        .next()
        .expect("a view file")
        .expect("entry")
        .path();

    let tmux = case.start("view-again", 200, 50);
    let again = tmux.wait_until(|s| panes_of(s) == left, "the same panes as before quitting");
    assert!(again.contains("sync on"), "{again}");
    // Zoom too; then a smaller terminal: the zoomed pane, at its place in the text.
    key(&tmux, "z");
    key(&tmux, "q");
    tmux.wait_for("EXIT=0");
    drop(tmux);
    let tmux = case.start("view-zoomed", 120, 40);
    let zoomed = tmux.capture();
    let header = zoomed.lines().next().unwrap_or_default();
    assert!(header.contains("1 The Algemeiner"), "{zoomed}");
    assert_eq!(header.matches(['┓', '╮']).count(), 1, "one pane shows:\n{zoomed}");
    key(&tmux, "q");
    tmux.wait_for("EXIT=0");
    drop(tmux);

    // A broken view file: ignored with its place, the reader opens as usual, nothing crashes.
    std::fs::write(&view_file, "schema_version = 1\nsync = maybe\n").expect("break it");
    let tmux = case.start("view-broken", 200, 50);
    let screen = tmux.wait_for("ignored");
    assert!(screen.contains(":2 ignored"), "{screen}");
    assert!(
        screen
            .lines()
            .next()
            .unwrap_or_default()
            .starts_with("┏ 1 unknown outlet (via msn)"),
        "{screen}"
    );
    key(&tmux, "q");
    tmux.wait_for("EXIT=0");
}

/// Problem 6: the annotations panel uses the width and lists article notes, an annotation
/// with a note is marked in the text, plurals are right, a long message is not cut.
#[test]
fn problem_6_panels_use_the_width_and_notes_show() {
    let case = Case::new();
    let tmux = case.start("panels", 200, 50);
    // Pane 4 (Palestine Chronicle): tag its first sentence, write a note on it.
    key(&tmux, "4");
    for k in ["c", "t", "c"] {
        key(&tmux, k);
    }
    tmux.wait_for("add annotation");
    command(&tmux, "note Who else names Qaani?", "annotation note");
    command(&tmux, "article-note Staff byline, no author", "article note");
    // The pane's footer counts one annotation, and the margin marks the noted one.
    let screen = tmux.wait_for("1 annotation ");
    assert!(screen.contains('✎'), "{screen}");
    key(&tmux, "Escape");
    key(&tmux, "m");
    let panel = tmux.wait_for("Article notes");
    let row = panel
        .lines()
        .find(|l| l.contains("Who else names Qaani?"))
        .expect("the annotation's row");
    assert!(row.contains("Palestine Chronicle "), "{row}");
    let quote = &row[row.find('“').expect("quote")..row.find('”').expect("quote end")];
    assert!(quote.chars().count() > 80, "the quote is cut short: {row}");
    assert!(
        panel.contains("Palestine Chronicle: Staff byline, no author"),
        "{panel}"
    );
    key(&tmux, "Escape");
    // A message longer than the status bar is shown whole.
    let label = "a very long entity label that no article mentions ".repeat(4) + "THE END";
    command(&tmux, &format!("select {label}"), "THE END");
    key(&tmux, "q");
    tmux.wait_for("EXIT=0");
}

/// Problem 7: the aggregator is not the outlet, no hash file name stands for a title or an
/// outlet, a cut headline ends in an ellipsis, the standfirst shows.
#[test]
fn problem_7_metadata_names_the_publisher_and_never_a_hash() {
    let case = Case::new();
    let tmux = case.start("metadata", 200, 50);
    let screen = tmux.capture();
    let header = screen.lines().next().unwrap_or_default();
    assert!(header.contains("1 unknown outlet (via msn)"), "{screen}");
    assert!(!header.contains(" msn ─"), "{screen}");
    for hash in ["5b8a859aa158a433", "56e621f07d0aef18", "dd875831dc3b93f6"] {
        assert!(!screen.contains(hash), "a hash file name on screen:\n{screen}");
    }
    let titles = screen.lines().nth(1).unwrap_or_default();
    assert!(titles.contains("untitled"), "{screen}");
    // The Algemeiner's headline does not fit its column: cut with an ellipsis.
    let algemeiner = titles
        .split(['│', '┃'])
        .find(|column| column.contains("Iran’s acting FM"))
        .expect("The Algemeiner's headline");
    assert!(algemeiner.trim_end().ends_with('…'), "{titles}");
    // Its standfirst opens the article.
    assert!(
        screen.contains("The meeting came one day after a"),
        "the standfirst is hidden:\n{screen}"
    );
    // The publisher, once the analyst knows it, is the outlet.
    command(&tmux, "outlet The National", "metadata overrides");
    tmux.wait_for("1 The National");
    key(&tmux, "q");
    tmux.wait_for("EXIT=0");
}

/// The bottom border row of the screen (the pane footers).
fn footers(screen: &str) -> String {
    let lines: Vec<&str> = screen.lines().collect();
    lines
        .get(lines.len().saturating_sub(2))
        .copied()
        .unwrap_or_default()
        .to_owned()
}

/// Problem 8: reveal at the top shows what was hidden above; sync at the end takes every pane
/// to its end; a closed pane can be reopened; Tab completes paths and arguments and cycles.
#[test]
fn problem_8_small_things() {
    let case = Case::new();
    let tmux = case.start("small", 200, 50);
    // Al Mayadeen's page starts with its menus, hidden: revealed at the top, they show.
    key(&tmux, "5");
    assert!(!tmux.capture().contains("Arts&Culture"));
    key(&tmux, ".");
    let revealed = tmux.wait_for("[revealed]");
    assert!(revealed.contains("Arts&Culture"), "{revealed}");
    key(&tmux, ".");
    // The end of pane 1, then sync: every footer says where it is, none a percentage.
    key(&tmux, "1");
    key(&tmux, "G");
    key(&tmux, "s");
    let synced = tmux.wait_for("sync on");
    let bottom = footers(&synced);
    assert!(!bottom.contains('%'), "{bottom}");
    assert!(
        bottom.matches(" End ").count() + bottom.matches(" All ").count() == 5,
        "{bottom}"
    );
    key(&tmux, "s");
    // Close pane 2, reopen it where it was.
    key(&tmux, "2");
    key(&tmux, "x");
    let closed = tmux.wait_for("X reopens it");
    assert!(!closed.contains("5 Al Mayadeen"), "{closed}");
    key(&tmux, "X");
    let reopened = tmux.wait_for("reopened");
    assert!(
        reopened.contains("5 Al Mayadeen") && reopened.contains("2 unknown outlet"),
        "{reopened}"
    );
    // Tab completes a tag and cycles; a path folder by folder.
    key(&tmux, ":");
    tmux.keys(&["tag c"]);
    tmux.wait_for(":tag c");
    key(&tmux, "Tab");
    tmux.wait_for(":tag claim");
    key(&tmux, "Tab");
    tmux.wait_for(":tag corroborated");
    key(&tmux, "Escape");
    let folder = case.dir.path().display().to_string();
    key(&tmux, ":");
    tmux.keys(&[&format!("open {folder}/004")]);
    tmux.wait_for("004");
    key(&tmux, "Tab");
    tmux.wait_for("004_935a2b3b5b57ed09.txt");
    key(&tmux, "Escape");
    key(&tmux, "q");
    tmux.wait_for("EXIT=0");
}

/// Problem 8: a notes file with one unknown field added by hand opens read-only with its
/// place, shows the analyst's work, and is never overwritten.
#[test]
fn problem_8_a_notes_file_with_an_unknown_field_shows_the_work_read_only() {
    let case = Case::new();
    let tmux = case.start("unknown-field", 200, 50);
    for k in ["c", "t", "c"] {
        key(&tmux, k);
    }
    tmux.wait_for("add annotation");
    key(&tmux, "q");
    tmux.wait_for("EXIT=0");
    drop(tmux);
    let path = case.dir.path().join("parallax-notes.toml");
    let saved = std::fs::read_to_string(&path).expect("notes");
    let edited = saved.replacen("[[article]]\n", "[[article]]\nreviewed_by = \"desk\"\n", 1);
    std::fs::write(&path, &edited).expect("hand edit");
    let line = edited
        .lines()
        .position(|l| l.starts_with("reviewed_by"))
        .expect("the field")
        + 1;

    let tmux = case.start("unknown-field-again", 200, 50);
    let screen = tmux.wait_for("read-only");
    assert!(
        screen.contains(&format!(":{line}:1: unknown field `reviewed_by`")),
        "{screen}"
    );
    key(&tmux, "m");
    let panel = tmux.wait_for("Annotations (1)");
    assert!(panel.contains("claim"), "the work is not shown:\n{panel}");
    key(&tmux, "Escape");
    // A change is refused; the file stays as the analyst left it.
    for k in ["c", "j", "t", "f"] {
        key(&tmux, k);
    }
    tmux.wait_for("notes are read-only (opened read-only");
    key(&tmux, "q");
    tmux.wait_for("EXIT=0");
    assert_eq!(std::fs::read_to_string(&path).expect("notes"), edited);
}
