//! Property: whatever the analyst writes — tags, notes with newlines, quotes, control
//! characters, Arabic — survives save and load unchanged.

use parallax::annotation::bias::{Bias, Reliability};
use parallax::annotation::claims::Stance;
use parallax::annotation::document::{parse, render};
use parallax::annotation::store;
use parallax::annotation::{Anchor, ArticleKey, Edit, Notes, OpenedStore};
use proptest::prelude::*;

/// Text mixing the hard cases: any char (incl. control chars and NUL), Arabic, quotes, newlines.
fn tricky_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-z \"'\\\\\n\r\t]{0,40}",
        "[\u{0600}-\u{06FF} \u{200C}\u{200D}\n]{0,30}",
        "[\u{0}-\u{1F}\u{7F}\u{202E}]{0,10}",
    ]
}

#[derive(Debug, Clone)]
struct AnnotationSpec {
    article: usize,
    text: String,
    tags: Vec<String>,
    note: String,
}

fn annotation_spec() -> impl Strategy<Value = AnnotationSpec> {
    (
        0..3usize,
        "[^\u{0}]{1,60}",
        prop::collection::vec(tricky_text(), 0..4),
        tricky_text(),
    )
        .prop_map(|(article, text, tags, note)| AnnotationSpec {
            article,
            text,
            tags,
            note,
        })
}

fn build(specs: &[AnnotationSpec], article_note: &str, reliability: u8) -> Notes {
    let mut notes = Notes::default();
    let now = "2025-03-01T14:05:09Z";
    for spec in specs {
        let text = format!("prefix {} suffix", spec.text);
        let key = ArticleKey::new(format!("dir/article {}.txt", spec.article), &text);
        let edit = Edit::AddAnnotation {
            article: key,
            id: notes.next_annotation_id(),
            anchor: Anchor::new(&text, 7..7 + spec.text.len()).expect("valid range"),
            tags: spec.tags.clone(),
            note: spec.note.clone(),
        };
        notes.apply(&edit, now).expect("applies");
    }
    let key = ArticleKey::new("dir/article 0.txt", "x");
    let bias = Bias {
        scale: [("left-right".to_owned(), article_note.to_owned())].into(),
        reliability: Some(Reliability::try_from(reliability).expect("1..=5")),
        labels: vec![article_note.to_owned()],
        note: article_note.to_owned(),
    };
    for edit in [
        Edit::SetArticleNote {
            article: key.clone(),
            note: article_note.to_owned(),
        },
        Edit::SetBias { article: key, bias },
    ] {
        notes.apply(&edit, now).expect("applies");
    }
    if specs.len() >= 2 {
        let edit = Edit::Link {
            claim: "a1".into(),
            other: "a2".into(),
            stance: Stance::AddsDetail,
        };
        notes.apply(&edit, now).expect("applies");
    }
    notes
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn render_then_parse_gives_back_the_same_notes(
        specs in prop::collection::vec(annotation_spec(), 0..6),
        article_note in tricky_text(),
        reliability in 1u8..=5,
    ) {
        let notes = build(&specs, &article_note, reliability);
        let text = render(&notes).expect("renders");
        let parsed: Notes = parse(std::path::Path::new("n.toml"), &text).expect("parses");
        prop_assert_eq!(&parsed, &notes);
        // Stable: saving what was loaded gives the same bytes.
        prop_assert_eq!(render(&parsed).expect("renders"), text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn save_then_load_through_the_store(
        specs in prop::collection::vec(annotation_spec(), 0..4),
        article_note in tricky_text(),
    ) {
        let notes = build(&specs, &article_note, 3);
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("parallax-notes.toml");
        let opened = store::open::<Notes>(&path);
        let OpenedStore::Writable(writable) = &opened.store else { panic!("writable") };
        writable.save(&notes).expect("saves");
        prop_assert_eq!(store::load::<Notes>(&path).expect("loads"), notes);
    }
}
