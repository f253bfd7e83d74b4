//! Large cases open and stay usable: 50 articles, a 20 MB article (end to end, in tmux), and
//! 100,000 annotations (the store and the app, as the reader drives them). No timings are
//! asserted here; `benches/load_hardening.rs` and `benches/load.sh` measure them.

mod common;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use parallax::annotation::Notes;
use parallax::annotation::store::{self, OpenedStore};
use parallax::app::update::{handle_key, run_command};
use parallax::app::view::prepare;
use parallax::app::{App, Effect};
use parallax::config::{Config, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

use common::Tmux;
use common::cases::{big_case, news_text, seeds};

fn screen(app: &mut App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    prepare(app, Rect::new(0, 0, width, height));
    terminal
        .draw(|f| parallax::ui::render(f, app, &Theme::default()))
        .expect("draw");
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| (0..width).map(|x| buffer[(x, y)].symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    handle_key(app, KeyEvent::new(code, KeyModifiers::NONE))
}

#[test]
fn fifty_articles_open_page_and_focus_end_to_end() {
    let dir = tempfile::tempdir().expect("tempdir");
    let seeds = seeds();
    for i in 0..50 {
        let text = format!("Report number {i} on the meeting\n\n{}", seeds[i % seeds.len()]);
        std::fs::write(dir.path().join(format!("a{i:02}.txt")), text).expect("write");
    }
    let tmux = Tmux::start("fifty", 200, 50, &[dir.path().to_str().expect("utf-8")]);
    let screen = tmux.wait_for("NORMAL");
    assert!(
        screen.contains("[1/50]") && screen.contains("1–5 of 50"),
        "{screen}"
    );
    tmux.keys(&[":focus-pane 50", "Enter"]);
    let screen = tmux.wait_for("[50/50]");
    assert!(
        screen.contains("46–50 of 50") && screen.contains("┏ 50 "),
        "{screen}"
    );
    // Sync on, a page down moves all fifty; then back to the first page.
    tmux.keys(&["s", "C-d", ":focus-pane 1", "Enter"]);
    tmux.wait_for("[1/50]");
    tmux.keys(&["q"]);
    tmux.wait_for("EXIT=0");
}

#[test]
fn a_20_mb_article_opens_scrolls_and_takes_a_cursor_end_to_end() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = format!("Twenty megabytes of news\n\n{}", news_text(20_000_000));
    assert!(text.len() >= 20_000_000);
    let path = dir.path().join("big.txt");
    std::fs::write(&path, &text).expect("write");
    drop(text);
    let tmux = Tmux::start("big", 160, 40, &[path.to_str().expect("utf-8")]);
    let screen = tmux.wait_for("NORMAL");
    assert!(
        screen.contains("big.txt") || screen.contains("Twenty megabytes"),
        "{screen}"
    );
    tmux.keys(&["G"]);
    // The last seed's last visible paragraph (what follows it is hidden as its trailer).
    tmux.wait_for("going on for two");
    tmux.keys(&["g"]);
    tmux.wait_for("Top");
    // The sentence cursor splits the whole article into sentences.
    tmux.keys(&["c", "j", "t", "c"]);
    tmux.wait_for("add annotation");
    tmux.keys(&["q"]);
    tmux.wait_for("EXIT=0");
    let notes = std::fs::read_to_string(dir.path().join("parallax-notes.toml")).expect("saved");
    assert!(notes.contains("tags = [\"claim\"]"), "{notes}");
}

#[test]
fn a_hundred_thousand_annotations_open_draw_edit_and_save() {
    let dir = tempfile::tempdir().expect("tempdir");
    let articles = big_case(dir.path(), 5, 20_000);
    let path = dir.path().join("parallax-notes.toml");
    let started = std::time::Instant::now();
    let opened = store::open::<Notes>(&path);
    eprintln!("open (parse) 100k annotations: {:?}", started.elapsed());
    let OpenedStore::Writable(writable) = &opened.store else {
        panic!("{:?}", opened.store)
    };
    let count: usize = opened.document.articles.iter().map(|a| a.annotations.len()).sum();
    assert_eq!(count, 100_000);

    let mut app = App::new(articles, &Config::default());
    let started = std::time::Instant::now();
    app.set_notes(opened.document.clone(), dir.path(), "test".into(), None);
    eprintln!("set_notes: {:?}", started.elapsed());
    assert!(
        app.message.is_none(),
        "nothing re-anchored or orphaned: {:?}",
        app.message
    );
    let started = std::time::Instant::now();
    let shown = screen(&mut app, 200, 50);
    eprintln!("first frame: {:?}", started.elapsed());
    assert!(shown.contains("20000 annotations"), "{shown}");

    // Tag the sentence under a new cursor, as the keys do (it overlaps an annotation, which
    // gets the tag); save as the event loop does.
    let started = std::time::Instant::now();
    key(&mut app, KeyCode::Char('c'));
    let effects = key(&mut app, KeyCode::Char('t'));
    assert!(effects.is_empty());
    let effects = key(&mut app, KeyCode::Char('f'));
    eprintln!("cursor, tag: {:?}", started.elapsed());
    assert_eq!(effects, vec![Effect::SaveNotes]);
    let tagged = |notes: &Notes| {
        notes
            .articles
            .iter()
            .flat_map(|a| &a.annotations)
            .filter(|a| a.tags.iter().any(|t| t == "fact"))
            .count()
    };
    assert_eq!(tagged(&app.notes.notes), 1);
    let started = std::time::Instant::now();
    writable.save(&app.notes.notes).expect("saves");
    eprintln!("save: {:?}", started.elapsed());
    let started = std::time::Instant::now();
    screen(&mut app, 200, 50);
    eprintln!("frame: {:?}", started.elapsed());
    // The annotations panel lists them all; undo takes the tag back.
    key(&mut app, KeyCode::Char('m'));
    let panel = screen(&mut app, 200, 50);
    assert!(
        panel.contains("Annotations (100000)") && panel.contains("claim,fact"),
        "{panel}"
    );
    key(&mut app, KeyCode::Esc);
    let effects = run_command(&mut app, "undo");
    assert_eq!(effects, vec![Effect::SaveNotes]);
    assert_eq!(tagged(&app.notes.notes), 0);
    writable.save(&app.notes.notes).expect("saves");
    drop(opened);
    let reread = store::load::<Notes>(&path).expect("parses");
    assert_eq!(reread, app.notes.notes);
    assert_eq!(
        reread.articles.iter().map(|a| a.annotations.len()).sum::<usize>(),
        100_000
    );
}

/// The sentence cursor finds sentences near it instead of splitting the whole article; on a
/// large article with hidden Markdown, long lines of short sentences and news text, where `c`
/// lands and where `j`/`k` go are those of the full split, hidden text hidden or revealed.
#[test]
fn sentence_cursor_on_a_large_article_moves_as_over_the_full_split() {
    let mut text = String::from("# Storm log\n\n");
    while text.len() < 3_000_000 {
        text.push_str(
            "Rain **fell**. Roads [shut](http://x). Mr. Lee spoke. "
                .repeat(400)
                .trim_end(),
        );
        text.push_str("\n\n");
        text.push_str(&news_text(20_000));
    }
    let article =
        parallax::article::load::from_bytes(std::path::Path::new("big.md"), text.as_bytes()).expect("loads");
    assert!(!article.hidden.is_empty(), "Markdown markup is hidden");
    let mut app = App::new(vec![article], &Config::default());
    screen(&mut app, 100, 30);
    for reveal in [false, true] {
        if reveal {
            key(&mut app, KeyCode::Char('.'));
        }
        let all = parallax::app::annotate::split_sentences(&app.panes[0].article, reveal);
        for _ in 0..400 {
            key(&mut app, KeyCode::PageDown);
        }
        prepare(&mut app, Rect::new(0, 0, 100, 30));
        let top = app.panes[0].top_offset();
        key(&mut app, KeyCode::Char('c'));
        let index = |app: &App| {
            let sentence = &app.panes[0].cursor.as_ref().expect("cursor").sentence;
            all.iter()
                .position(|s| s == sentence)
                .expect("a sentence of the full split")
        };
        let mut expected = all.partition_point(|s| s.end <= top);
        assert_eq!(index(&app), expected, "c lands on the sentence at the top");
        for (code, steps, delta) in [(KeyCode::Char('j'), 1500, 1), (KeyCode::Char('k'), 700, -1)] {
            for _ in 0..steps {
                key(&mut app, code);
                expected = expected.saturating_add_signed(delta).min(all.len() - 1);
                assert_eq!(index(&app), expected);
            }
        }
        // Cursor off, to the end, cursor on at the top of the last page, then past the end.
        key(&mut app, KeyCode::Char('c'));
        key(&mut app, KeyCode::Char('G'));
        key(&mut app, KeyCode::Char('c'));
        for _ in 0..500 {
            key(&mut app, KeyCode::Char('j'));
        }
        assert_eq!(index(&app), all.len() - 1, "j stops at the last sentence");
        key(&mut app, KeyCode::Char('c'));
    }
}
