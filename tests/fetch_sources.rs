//! `parallax add` and `fetch::add` against a local HTTP server (tests/common/http.rs): pages
//! saved byte for byte with their provenance, versions kept, and every failure of issue #17 with
//! its one line and exit code, nothing half-written left. No network: 127.0.0.1 only.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use common::http::{HttpServer, Reply, article_page as page};
use parallax::fetch::{self, FailureKind, Limits, Outcome, provenance};

const NOW: &str = "2031-03-12T09:30:00Z";

fn limits() -> Limits {
    Limits {
        timeout: Duration::from_secs(10),
        ..Limits::default()
    }
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("ls")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn sources_of(dir: &Path) -> provenance::Sources {
    provenance::parse(&std::fs::read_to_string(dir.join(provenance::FILE_NAME)).expect("provenance file"))
        .expect("parses")
}

#[test]
fn a_page_is_saved_byte_for_byte_under_a_readable_name_with_its_provenance() {
    let server = HttpServer::start();
    let html = page("Dam toll rises", "Continental Wire", "2031-03-10", "QASR NOUR —");
    server.route("/world/dam-toll-rises", Reply::html(html.clone()));
    let case = tempfile::tempdir().expect("tempdir");
    let url = server.url("/world/dam-toll-rises");
    let added = fetch::add(case.path(), &url, &limits(), NOW).expect("added");
    assert_eq!(added.outcome, Outcome::New);
    assert_eq!(
        added.path.file_name().and_then(|n| n.to_str()),
        Some("127-0-0-1-2031-03-10-dam-toll-rises.html")
    );
    assert_eq!(std::fs::read(&added.path).expect("saved"), html.as_bytes());
    let sources = sources_of(case.path());
    let record = &sources.sources[0];
    assert_eq!(record.requested_url, url);
    assert_eq!(record.final_url, url);
    assert_eq!(record.retrieved, NOW);
    assert_eq!(record.status, 200);
    assert_eq!(record.content_type, "text/html; charset=utf-8");
    assert_eq!(record.sha256, fetch::sha256_hex(html.as_bytes()));
    // The provenance file is not an article: opening the folder shows the page only.
    assert!(!parallax::article::load::is_supported(
        &case.path().join(provenance::FILE_NAME)
    ));
}

#[test]
fn a_redirect_chain_is_followed_and_both_urls_recorded() {
    let server = HttpServer::start();
    server.route("/short", Reply::redirect(301, "/hop"));
    server.route(
        "/hop",
        Reply::redirect(302, &server.url("/2031/03/10/final-story")),
    );
    server.route(
        "/2031/03/10/final-story",
        Reply::html(page("Final", "Wire", "2031-03-10", "x")),
    );
    let case = tempfile::tempdir().expect("tempdir");
    fetch::add(case.path(), &server.url("/short"), &limits(), NOW).expect("added");
    let record = &sources_of(case.path()).sources[0];
    assert_eq!(record.requested_url, server.url("/short"));
    assert_eq!(record.final_url, server.url("/2031/03/10/final-story"));
}

#[test]
fn a_redirect_loop_stops_at_the_limit() {
    let server = HttpServer::start();
    server.route("/loop", Reply::redirect(302, "/loop"));
    let case = tempfile::tempdir().expect("tempdir");
    let failure = fetch::add(case.path(), &server.url("/loop"), &limits(), NOW).expect_err("refused");
    assert_eq!(failure.kind, FailureKind::Redirects, "{failure}");
    assert!(files_in(case.path()).is_empty());
}

#[test]
fn a_404_and_a_500_are_named_and_nothing_is_written() {
    let server = HttpServer::start();
    server.route("/down", Reply::status(503));
    let case = tempfile::tempdir().expect("tempdir");
    let missing = fetch::add(case.path(), &server.url("/gone"), &limits(), NOW).expect_err("404");
    assert_eq!(missing.kind, FailureKind::ClientError);
    assert!(missing.message.contains("HTTP 404 Not Found"), "{missing}");
    let down = fetch::add(case.path(), &server.url("/down"), &limits(), NOW).expect_err("503");
    assert_eq!(down.kind, FailureKind::ServerError);
    assert!(down.message.contains("HTTP 503"), "{down}");
    assert!(files_in(case.path()).is_empty());
}

#[test]
fn a_server_that_stalls_times_out() {
    let server = HttpServer::start();
    let mut slow = Reply::html(page("Slow", "Wire", "2031-03-10", "x"));
    slow.stall = Some(Duration::from_secs(60));
    server.route("/slow", slow);
    let case = tempfile::tempdir().expect("tempdir");
    let quick = Limits {
        timeout: Duration::from_millis(300),
        ..Limits::default()
    };
    let failure = fetch::add(case.path(), &server.url("/slow"), &quick, NOW).expect_err("timeout");
    assert_eq!(failure.kind, FailureKind::Timeout, "{failure}");
    assert!(files_in(case.path()).is_empty());
}

#[test]
fn a_body_over_the_limit_is_refused_while_reading_even_without_a_length() {
    let server = HttpServer::start();
    let mut big = Reply::html(page("Big", "Wire", "2031-03-10", &"word ".repeat(2000)));
    big.no_length = true;
    server.route("/big", big);
    let case = tempfile::tempdir().expect("tempdir");
    let small = Limits {
        max_bytes: 4096,
        ..limits()
    };
    let failure = fetch::add(case.path(), &server.url("/big"), &small, NOW).expect_err("too large");
    assert_eq!(failure.kind, FailureKind::TooLarge, "{failure}");
    assert!(failure.message.contains("4096 bytes"), "{failure}");
    assert!(files_in(case.path()).is_empty());
}

#[test]
fn a_gzip_response_is_saved_decompressed() {
    let server = HttpServer::start();
    let gz = std::fs::read("tests/fixtures/fetch/gzip_page.html.gz").expect("fixture");
    server.route(
        "/gz",
        Reply::typed("text/html", gz).header("Content-Encoding", "gzip"),
    );
    let case = tempfile::tempdir().expect("tempdir");
    let added = fetch::add(case.path(), &server.url("/gz"), &limits(), NOW).expect("added");
    let saved = std::fs::read_to_string(&added.path).expect("saved");
    assert!(saved.contains("Compressed dam report"), "{saved}");
    assert!(
        added
            .path
            .to_string_lossy()
            .ends_with("127-0-0-1-2031-03-11-gz.html")
    );
}

#[test]
fn a_wrong_charset_header_loses_to_the_page_and_a_silent_page_takes_the_header() {
    let server = HttpServer::start();
    let arabic = page("انهيار سد تل ميرا", "وكالة", "2031-03-10", "قالت السلطات");
    server.route(
        "/ar",
        Reply::typed("text/html; charset=iso-8859-1", arabic.clone()),
    );
    let mut latin1 = b"<html><head><title>Caf\xE9 d\xE9bat</title></head><body><article><p>".to_vec();
    latin1.extend_from_slice(&b"Le d\xE9bat sur le barrage a dur\xE9 toute la nuit au conseil. ".repeat(8));
    latin1.extend_from_slice(b"</p></article></body></html>");
    server.route(
        "/fr/1",
        Reply::typed("text/html; charset=windows-1252", latin1.clone()),
    );
    let case = tempfile::tempdir().expect("tempdir");
    let added = fetch::add(case.path(), &server.url("/ar"), &limits(), NOW).expect("added");
    assert_eq!(std::fs::read(&added.path).expect("saved"), arabic.as_bytes());
    let french = fetch::add(case.path(), &server.url("/fr/1"), &limits(), NOW).expect("added");
    assert_eq!(
        std::fs::read(&french.path).expect("saved"),
        latin1,
        "bytes as received"
    );
    let sources = sources_of(case.path());
    let charset = |file: &Path| {
        let name = file.file_name().and_then(|n| n.to_str()).expect("name");
        sources.for_file(name).expect("record").charset.clone()
    };
    assert_eq!(charset(&added.path), "UTF-8 (page)");
    assert_eq!(charset(&french.path), "windows-1252 (header)");
    // The title, read with the chosen charset, named the file.
    assert!(
        french.path.to_string_lossy().ends_with("-café-débat.html"),
        "{}",
        french.path.display()
    );
    // And the saved page reads as the page said.
    let article =
        parallax::article::load::load_path(&added.path, &parallax::article::load::LoadOptions::default())
            .expect("loads");
    assert!(article.text.contains("قالت السلطات"), "{}", article.text);
    // A page that names no charset reads with its server's, which the provenance file kept.
    let options = parallax::article::load::LoadOptions::default();
    let plain = parallax::article::load::load_path(&french.path, &options).expect("loads");
    assert!(!plain.text.contains("débat"), "read as UTF-8 alone it is garbled");
    let mut articles = vec![plain];
    fetch::attach_provenance(&mut articles, &options);
    assert!(
        articles[0].text.contains("Le débat sur le barrage"),
        "{}",
        articles[0].text
    );
    assert_eq!(
        articles[0].meta.url.as_deref(),
        Some(server.url("/fr/1").as_str())
    );
}

#[test]
fn a_pdf_is_refused_naming_its_type_declared_or_sniffed() {
    let server = HttpServer::start();
    server.route(
        "/report.pdf",
        Reply::typed("application/pdf", b"%PDF-1.7\n...".to_vec()),
    );
    server.route(
        "/untyped",
        Reply {
            status: 200,
            body: b"%PDF-1.4\n...".to_vec(),
            ..Reply::default()
        },
    );
    let case = tempfile::tempdir().expect("tempdir");
    for path in ["/report.pdf", "/untyped"] {
        let failure = fetch::add(case.path(), &server.url(path), &limits(), NOW).expect_err("refused");
        assert_eq!(failure.kind, FailureKind::NotHtml, "{failure}");
        assert!(failure.message.contains("application/pdf"), "{failure}");
    }
    assert!(files_in(case.path()).is_empty());
}

#[test]
fn a_refused_connection_and_an_unknown_host_are_told_apart() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = closed.local_addr().expect("addr").port();
    drop(closed);
    let case = tempfile::tempdir().expect("tempdir");
    let refused =
        fetch::add(case.path(), &format!("http://127.0.0.1:{port}/x"), &limits(), NOW).expect_err("refused");
    assert_eq!(refused.kind, FailureKind::Refused, "{refused}");
    // `.invalid` never resolves (RFC 6761), with or without a network.
    let unknown =
        fetch::add(case.path(), "http://no-such-outlet.invalid/story", &limits(), NOW).expect_err("unknown");
    assert_eq!(unknown.kind, FailureKind::UnknownHost, "{unknown}");
    assert!(files_in(case.path()).is_empty());
}

#[test]
fn tls_to_a_server_that_does_not_speak_it_is_a_tls_failure() {
    // One server answers the handshake with plain HTTP, the other reads it and hangs up.
    let garbled = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let hangs_up = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let ports = [&garbled, &hangs_up].map(|l| l.local_addr().expect("addr").port());
    std::thread::spawn(move || {
        for stream in garbled.incoming().flatten() {
            let mut stream = stream;
            let _ = std::io::Write::write_all(
                &mut stream,
                b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n",
            );
        }
    });
    std::thread::spawn(move || {
        for stream in hangs_up.incoming().flatten() {
            let mut buffer = [0u8; 64];
            let _ = std::io::Read::read(&mut &stream, &mut buffer);
        }
    });
    let case = tempfile::tempdir().expect("tempdir");
    for port in ports {
        let url = format!("https://127.0.0.1:{port}/secure");
        let failure = fetch::add(case.path(), &url, &limits(), NOW).expect_err("tls");
        assert_eq!(failure.kind, FailureKind::Tls, "{failure}");
        assert!(failure.message.contains("TLS failure"), "{failure}");
    }
    assert!(files_in(case.path()).is_empty());
}

#[test]
fn hostile_text_never_reaches_a_file_name_or_the_terminal() {
    let server = HttpServer::start();
    let hostile = std::fs::read("tests/fixtures/hostile/entities.html").expect("fixture");
    server.route("/%1B%5D2%3Bpwn%07", Reply::html(hostile.clone()));
    let case = tempfile::tempdir().expect("tempdir");
    let output = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(["add", "--case"])
        .arg(case.path())
        .arg(server.url("/%1B%5D2%3Bpwn%07"))
        .arg(format!("{}\u{1b}]2;x\u{7}", server.url("/missing")))
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    for text in [&stdout, &stderr] {
        assert!(!text.contains('\u{1b}') && !text.contains('\u{7}'), "{text:?}");
    }
    let pages: Vec<String> = files_in(case.path())
        .into_iter()
        .filter(|n| Path::new(n).extension().is_some_and(|e| e == "html"))
        .collect();
    assert_eq!(pages.len(), 1, "{pages:?}");
    assert!(
        pages[0]
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '.'),
        "{pages:?}"
    );
    assert_eq!(
        std::fs::read(case.path().join(&pages[0])).expect("saved"),
        hostile,
        "bytes as received"
    );
}

#[test]
fn a_changed_page_is_saved_beside_the_old_one_and_an_unchanged_one_is_rechecked() {
    let server = HttpServer::start();
    let first = page("Toll rises", "Wire", "2031-03-10", "At least 63 dead.");
    server.route("/toll", Reply::html(first.clone()));
    let case = tempfile::tempdir().expect("tempdir");
    let url = server.url("/toll");
    let one = fetch::add(case.path(), &url, &limits(), "2031-03-10T10:00:00Z").expect("first");
    let again = fetch::add(case.path(), &url, &limits(), "2031-03-10T11:00:00Z").expect("again");
    assert_eq!(again.outcome, Outcome::Unchanged);
    assert_eq!(again.path, one.path);
    let second = page("Toll rises", "Wire", "2031-03-10", "At least 71 dead.");
    server.route("/toll", Reply::html(second.clone()));
    let two = fetch::add(case.path(), &url, &limits(), "2031-03-10T12:00:00Z").expect("changed");
    let previous = one
        .path
        .file_name()
        .and_then(|n| n.to_str())
        .expect("name")
        .to_owned();
    assert_eq!(two.outcome, Outcome::Changed { previous });
    assert!(
        two.path.to_string_lossy().ends_with("-toll-2.html"),
        "{}",
        two.path.display()
    );
    assert!(two.message().contains("changed"), "{}", two.message());
    assert_eq!(std::fs::read(&one.path).expect("old kept"), first.as_bytes());
    assert_eq!(std::fs::read(&two.path).expect("new saved"), second.as_bytes());
    let sources = sources_of(case.path());
    assert_eq!(sources.sources.len(), 2);
    let first_name = one.path.file_name().and_then(|n| n.to_str()).expect("name");
    assert_eq!(
        sources.for_file(first_name).expect("first version").rechecked,
        ["2031-03-10T11:00:00Z"]
    );
}

#[test]
fn a_provenance_file_that_does_not_parse_is_left_alone_and_no_page_is_kept() {
    let server = HttpServer::start();
    server.route("/p", Reply::html(page("P", "Wire", "2031-03-10", "x")));
    let case = tempfile::tempdir().expect("tempdir");
    let sources = case.path().join(provenance::FILE_NAME);
    std::fs::write(&sources, "schema_version = 9\n").expect("write");
    let failure = fetch::add(case.path(), &server.url("/p"), &limits(), NOW).expect_err("refused");
    assert_eq!(failure.kind, FailureKind::Case, "{failure}");
    assert_eq!(
        std::fs::read_to_string(&sources).expect("kept"),
        "schema_version = 9\n"
    );
    assert_eq!(
        files_in(case.path()),
        [provenance::FILE_NAME, fetch::LOCK_FILE_NAME]
    );
}

#[test]
fn the_command_goes_on_after_a_failure_and_exits_with_the_most_serious_code() {
    let server = HttpServer::start();
    server.route("/a", Reply::html(page("A story", "Wire", "2031-03-10", "a")));
    server.route("/b.pdf", Reply::typed("application/pdf", b"%PDF".to_vec()));
    server.route("/c", Reply::html(page("C story", "Wire", "2031-03-10", "c")));
    let case = tempfile::tempdir().expect("tempdir");
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let refused = format!("http://127.0.0.1:{}/", closed.local_addr().expect("addr").port());
    drop(closed);
    let run = |urls: &[String]| {
        Command::new(env!("CARGO_BIN_EXE_parallax"))
            .arg("add")
            .arg("--case")
            .arg(case.path().join("new-case"))
            .args(urls)
            .output()
            .expect("runs")
    };
    let output = run(&[
        server.url("/a"),
        server.url("/missing"),
        server.url("/b.pdf"),
        refused,
        server.url("/c"),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(9),
        "refused (9) beats not-HTML (5) and 404 (3): {stderr}"
    );
    assert_eq!(stderr.lines().count(), 3, "one line per failure: {stderr}");
    assert!(
        stderr.contains("HTTP 404") && stderr.contains("application/pdf") && stderr.contains("refused"),
        "{stderr}"
    );
    assert_eq!(
        stdout.lines().filter(|l| l.contains("saved as")).count(),
        2,
        "{stdout}"
    );
    let pages = files_in(&case.path().join("new-case"));
    assert_eq!(
        pages.len(),
        4,
        "two pages, the provenance file and its lock: {pages:?}"
    );
    let only_404 = run(&[server.url("/missing")]);
    assert_eq!(only_404.status.code(), Some(3));
    let again = run(&[server.url("/a")]);
    assert_eq!(again.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&again.stdout).contains("unchanged"));
}

#[test]
fn the_exit_codes_are_in_the_help() {
    let output = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(["add", "--help"])
        .output()
        .expect("runs");
    let help = String::from_utf8_lossy(&output.stdout);
    for line in [
        "3   HTTP 4xx",
        "5   not an HTML page",
        "6   larger than",
        "8   timed out",
        "9   connection refused",
        "10  unknown host",
        "11  TLS failure",
    ] {
        assert!(help.contains(line), "{line} missing from:\n{help}");
    }
}

#[test]
fn a_saved_page_without_provenance_is_cited_by_its_canonical_url() {
    let case = tempfile::tempdir().expect("tempdir");
    let html = page("Saved by hand", "Wire", "2031-03-10", "x").replace(
        "<title>",
        "<link rel=\"canonical\" href=\"https://wire.example/saved-by-hand\"><title>",
    );
    let saved = case.path().join("saved.html");
    std::fs::write(&saved, html).expect("write");
    let json = parallax::commands::export::run_to_string(
        parallax::export::Format::Json,
        &[saved],
        None,
        None,
        &parallax::config::Config::default(),
    )
    .expect("exports");
    let report: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(report["sources"][0]["url"], "https://wire.example/saved-by-hand");
    assert_eq!(report["sources"][0]["retrieved"], serde_json::Value::Null);
}

#[test]
fn adds_running_at_once_into_one_case_keep_every_record() {
    let server = HttpServer::start();
    for i in 0..8 {
        server.route(
            &format!("/story-{i}"),
            Reply::html(page("Same title", "Wire", "2031-03-10", &format!("Story {i}."))),
        );
    }
    let case = tempfile::tempdir().expect("tempdir");
    let handles: Vec<_> = (0..8)
        .map(|i| {
            let url = server.url(&format!("/story-{i}"));
            let dir = case.path().to_path_buf();
            std::thread::spawn(move || fetch::add(&dir, &url, &limits(), NOW).expect("added"))
        })
        .collect();
    let mut saved: Vec<_> = handles
        .into_iter()
        .map(|h| h.join().expect("thread").path)
        .collect();
    saved.sort();
    saved.dedup();
    assert_eq!(saved.len(), 8, "eight distinct files");
    assert_eq!(sources_of(case.path()).sources.len(), 8, "eight records");
}

#[test]
fn a_url_given_to_the_reader_points_to_parallax_add() {
    let output = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .arg("https://example.org/story")
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("is a web address") && stderr.contains("parallax add"),
        "{stderr}"
    );
}
