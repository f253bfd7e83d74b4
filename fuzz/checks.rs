//! What the fuzz targets check, shared with `tests/fuzz_regressions.rs` (which runs every corpus
//! file and every past crash through the same functions in `cargo test`). Each function takes the
//! fuzzer's raw bytes and panics when a property fails.

#![allow(dead_code)]

#[path = "../tests/common/terminal.rs"]
mod terminal;

use std::path::Path;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use parallax::annotation::anchor::{AnchorOutcome, FUZZY_MIN_SIMILARITY, reanchor as find_again};
use parallax::annotation::document::{parse, render};
use parallax::annotation::similarity::similarity;
use parallax::annotation::{Anchor, ArticleKey, Notes};
use parallax::app::App;
use parallax::app::update::handle_key;
use parallax::article::load::from_bytes;
use parallax::article::sanitize::sanitize_line;
use parallax::article::{Article, ranges, sentences};
use parallax::config::{Config, Theme};

/// Draws `app` small and checks the bytes a terminal would get; then a few keys that walk the
/// text, the sentence cursor and the annotations, drawing after each.
fn draw_and_walk(app: &mut App) {
    let theme = Theme::default();
    terminal::assert_only_backend_sequences(&terminal::frame_bytes(app, 60, 12, &theme));
    for c in ['G', 'c', 'j', ']', '[', 'm', 'j'] {
        handle_key(app, KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        terminal::assert_only_backend_sequences(&terminal::frame_bytes(app, 60, 12, &theme));
    }
}

/// Article loader and cleaner: the first byte picks the file name (`.txt`, `.md`, `.html`, no
/// extension), the rest is the file. Loading never panics; a loaded article keeps its
/// invariants (valid hidden ranges, UTF-8 text kept byte for byte, sentences inside the visible
/// text) and draws without a control reaching the terminal; a refusal names the file.
pub fn article_load(data: &[u8]) {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let name = ["a.txt", "a.md", "a.html", "a"][usize::from(selector % 4)];
    let article = match from_bytes(Path::new(name), bytes) {
        Ok(article) => article,
        Err(error) => {
            let message = error.to_string();
            assert!(message.starts_with(name), "{message}");
            return;
        }
    };
    ranges::check(&article.text, &article.hidden).expect("hidden ranges are valid");
    let utf16 = matches!(bytes, [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..]);
    if let (Ok(text), false, false) = (
        std::str::from_utf8(bytes),
        utf16,
        article.format == parallax::article::Format::Html,
    ) {
        assert_eq!(article.text, text, "text and Markdown are kept byte for byte");
    }
    let visible = article.visible_ranges();
    for s in sentences::split(&article.text, &visible) {
        assert!(s.start < s.end && article.text.get(s.clone()).is_some(), "{s:?}");
        assert!(
            !article.is_hidden(s.start) && !article.is_hidden(s.end - 1),
            "{s:?}"
        );
    }
    let meta = &article.meta;
    for field in [&meta.title, &meta.outlet, &meta.date, &meta.byline]
        .into_iter()
        .flatten()
    {
        let shown = sanitize_line(field);
        assert!(!shown.chars().any(terminal::forbidden_char) && !shown.chars().any(char::is_control));
    }
    let mut app = App::new(vec![article], &Config::default());
    draw_and_walk(&mut app);
}

/// The article text the notes target draws its annotations on.
const NOTES_ARTICLE: &str = "The dam failed at dawn on Sunday. Officials counted 63 dead by Monday.\n\nRescue teams searched the valley. Families said more were missing.\n";

/// Notes parser: UTF-8 text as a notes file. A file that parses renders and parses back to the
/// same notes (saving never changes or drops what was read); a refusal is a terminal-safe
/// message naming the file. The parsed notes are then opened in the reader over an article whose
/// hash they are made to match, so hand-edited anchors (out of range, mid-character) are drawn
/// and walked as they are, without re-anchoring.
pub fn notes_parse(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let path = Path::new("n.toml");
    let notes: Notes = match parse(path, text) {
        Ok(notes) => notes,
        Err(error) => {
            let message = error.to_string();
            assert!(message.starts_with("n.toml"), "{message}");
            assert!(!message.chars().any(char::is_control), "{message:?}");
            return;
        }
    };
    let rendered = render(&notes).expect("parsed notes render");
    let again: Notes =
        parse(path, &rendered).unwrap_or_else(|e| panic!("what was written does not parse: {e}\n{rendered}"));
    assert_eq!(again, notes, "a save would change the notes:\n{rendered}");

    let Some(first) = notes.articles.first() else {
        return;
    };
    let mut notes = notes.clone();
    let key = ArticleKey::new(first.path.clone(), NOTES_ARTICLE);
    notes.articles[0].text_hash.clone_from(&key.text_hash);
    let article = Article::plain(&first.path, NOTES_ARTICLE);
    let mut app = App::new(vec![article], &Config::default());
    app.set_notes(notes, Path::new(""), "fuzz".into(), None);
    draw_and_walk(&mut app);
}

fn boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Re-anchoring. Bytes 0..8: mode, anchor start and length, edit position and length; the rest
/// (lossy UTF-8) is the text and, after the first U+0001, the inserted text. Mode even: the
/// anchor is made on the text, the edit applied, and the anchor looked for in the edited text.
/// Mode odd: a hand-made anchor (any range, the inserted text as its quote) is looked for in
/// the text as it is. Either way the outcome is exact, moved, fuzzy or orphan, and never points
/// at a wrong range silently: exact and moved ranges hold the quote, a fuzzy range is valid and
/// similar enough and only when the quote is nowhere exactly, an orphan only when the quote is
/// not in the text.
pub fn reanchor(data: &[u8]) {
    if data.len() < 8 {
        return;
    }
    let number = |i: usize| usize::from(u16::from_le_bytes([data[i], data[i + 1]]));
    let body = String::from_utf8_lossy(&data[8..]);
    let (text, insert) = body.split_once('\u{1}').unwrap_or((&body, ""));
    let (anchor, edited) = if data[0].is_multiple_of(2) {
        let start = boundary(text, number(1));
        let end = boundary(text, start + 1 + usize::from(data[3]));
        let Some(anchor) = Anchor::new(text, start..end) else {
            return;
        };
        let at = boundary(text, number(4));
        let until = boundary(text, at + usize::from(data[6]));
        (anchor, format!("{}{insert}{}", &text[..at], &text[until..]))
    } else {
        let start = number(1);
        let anchor = Anchor {
            start,
            end: start + insert.len(),
            quote: insert.to_owned(),
            before: text.chars().take(usize::from(data[3] % 40)).collect(),
            after: text.chars().rev().take(usize::from(data[4] % 40)).collect(),
        };
        (anchor, text.to_owned())
    };
    let outcome = find_again(&anchor, &edited);
    let quote = anchor.quote.as_str();
    let found_exactly = !quote.is_empty() && edited.contains(quote);
    match &outcome {
        AnchorOutcome::Exact => assert_eq!(edited.get(anchor.range()), Some(quote)),
        AnchorOutcome::Moved { range } => assert_eq!(edited.get(range.clone()), Some(quote)),
        AnchorOutcome::Fuzzy {
            range,
            similarity: reported,
        } => {
            let found = edited
                .get(range.clone())
                .expect("a fuzzy range is on char boundaries");
            let actual = similarity(quote, found);
            assert!(actual >= FUZZY_MIN_SIMILARITY, "{quote:?} ~ {found:?} = {actual}");
            assert!(
                (actual - reported).abs() < 1e-9,
                "{actual} reported as {reported}"
            );
            assert!(!found_exactly, "fuzzy while {quote:?} is in the text");
        }
        AnchorOutcome::Orphan { reason } => {
            assert!(
                !found_exactly,
                "orphan ({reason:?}) while {quote:?} is in the text"
            );
        }
    }
    // Through the notes, as the reader does when an article changed: the stored anchor is the
    // found range of the new text, or the old anchor flagged as an orphan.
    let mut notes = Notes::default();
    let old_key = ArticleKey::new("a.txt", "the old text");
    let edit = parallax::annotation::Edit::AddAnnotation {
        article: old_key,
        id: "a1".into(),
        anchor: anchor.clone(),
        tags: Vec::new(),
        note: String::new(),
    };
    if notes.apply(&edit, "2025-01-01T00:00:00Z").is_err() {
        return;
    }
    notes.reanchor_article(&ArticleKey::new("a.txt", &edited), &edited);
    let stored = &notes.articles[0].annotations[0];
    match outcome.range(&anchor) {
        Some(range) if Anchor::new(&edited, range.clone()).is_some() => {
            assert!(!stored.orphan);
            assert_eq!(stored.anchor, Anchor::new(&edited, range).expect("valid"));
        }
        _ => {
            assert!(stored.orphan);
            assert_eq!(stored.anchor, anchor);
        }
    }
}

/// HTML nesting depth: the first two bytes give a depth (up to 65,535), the third which tags
/// nest (bit per tag of a list that mixes ordinary, implied-end, formatting and table tags) and
/// whether they are closed; the rest is the innermost text. Loading such a page never overflows
/// the stack, never panics, and the parser never sees more than `MAX_DEPTH` levels.
pub fn html_depth(data: &[u8]) {
    use parallax::article::html::depth::{MAX_DEPTH, limit_depth, max_depth};
    let [high, low, mask, text @ ..] = data else {
        return;
    };
    let depth = usize::from(u16::from_be_bytes([*high, *low]));
    let tags = ["div", "b", "i", "p", "li", "span", "table", "td", "font", "a"];
    let chosen: Vec<&str> = tags
        .iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << (i % 7)) != 0 || (*i >= 7 && mask & 0x40 != 0))
        .map(|(_, t)| *t)
        .collect();
    let chosen = if chosen.is_empty() { vec!["div"] } else { chosen };
    let closed = mask & 0x80 == 0;
    let mut page = String::from("<html><body>");
    for level in 0..depth {
        page.push('<');
        page.push_str(chosen[level % chosen.len()]);
        page.push('>');
    }
    page.push_str(&String::from_utf8_lossy(text));
    if closed {
        for level in (0..depth).rev() {
            page.push_str("</");
            page.push_str(chosen[level % chosen.len()]);
            page.push('>');
        }
    }
    page.push_str("</body></html>");
    assert!(max_depth(&limit_depth(&page, MAX_DEPTH)) <= MAX_DEPTH);
    // Whatever the estimate says, the tree reader mode recurses through is bounded.
    let document = parallax::article::html::reader_document(&page);
    let depth = parallax::article::html::tree_depth(&document);
    assert!(
        depth <= parallax::article::html::MAX_TREE_DEPTH,
        "reader mode gets a tree {depth} deep"
    );
    match from_bytes(Path::new("deep.html"), page.as_bytes()) {
        Ok(article) => ranges::check(&article.text, &article.hidden).expect("hidden ranges are valid"),
        Err(error) => assert!(error.to_string().starts_with("deep.html"), "{error}"),
    }
}
