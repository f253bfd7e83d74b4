//! The notes file a small case produces: checked into `tests/fixtures/notes/sample.toml` so a
//! change to the format shows up as a diff, and so the file stays readable by people.

use parallax::annotation::bias::{Bias, DEFAULT_AXIS, Reliability};
use parallax::annotation::claims::Stance;
use parallax::annotation::document::{parse, render};
use parallax::annotation::{Anchor, ArticleKey, Edit, History, Notes, Overrides};
use parallax::entity::{Decisions, Merge};

const BBC: &str = "On Monday the foreign minister resigned after weeks of protests in the capital.\n\
Officials said the decision was final.";
const RT: &str = "The foreign minister has not resigned, a spokesman said on Monday.";

/// A small case built through the same edits the reader makes.
pub fn sample_notes() -> Notes {
    let mut notes = Notes::default();
    let mut history = History::default();
    let now = "2025-03-01T14:05:09Z";
    let bbc = ArticleKey::new("articles/bbc.txt", BBC);
    let rt = ArticleKey::new("articles/rt.txt", RT);
    let anchor = |text: &str, quote: &str| {
        let start = text.find(quote).expect("quote in text");
        Anchor::new(text, start..start + quote.len()).expect("valid range")
    };
    let edits = [
        Edit::AddAnnotation {
            article: bbc.clone(),
            id: "a1".into(),
            anchor: anchor(BBC, "the foreign minister resigned"),
            tags: vec!["claim".into()],
            note: "Only source for the resignation.\nCheck the ministry's site.".into(),
        },
        Edit::AddAnnotation {
            article: rt.clone(),
            id: "a2".into(),
            anchor: anchor(RT, "has not resigned"),
            tags: vec!["claim".into(), "denial".into()],
            note: String::new(),
        },
        Edit::Link {
            claim: "a1".into(),
            other: "a2".into(),
            stance: Stance::Contradicts,
        },
        Edit::SetArticleNote {
            article: bbc.clone(),
            note: "Wire copy, lightly edited.".into(),
        },
        Edit::SetOverrides {
            article: rt.clone(),
            overrides: Overrides {
                outlet: Some("RT".into()),
                date: Some("2025-03-01".into()),
                title: None,
                url: None,
            },
        },
        Edit::SetBias {
            article: rt,
            bias: Bias {
                scale: [(DEFAULT_AXIS.to_owned(), "right".to_owned())].into(),
                reliability: Some(Reliability::try_from(2).expect("in range")),
                labels: vec!["state media".into()],
                note: String::new(),
            },
        },
    ];
    let mut outlets = parallax::annotation::OutletBias::default();
    for edit in &edits {
        let mut ws = parallax::annotation::Workspace {
            notes: &mut notes,
            outlets: &mut outlets,
        };
        history.apply(&mut ws, edit, now).expect("edit applies");
    }
    notes.entities = Decisions {
        merges: vec![Merge {
            labels: vec!["Foreign Minister".into(), "the minister".into()],
        }],
        ..Decisions::default()
    };
    notes
}

#[test]
fn sample_matches_the_checked_in_fixture_and_parses_back() {
    let rendered = render(&sample_notes()).expect("renders");
    let fixture_path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/notes/sample.toml");
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        std::fs::write(fixture_path, &rendered).expect("fixture written");
    }
    let fixture = std::fs::read_to_string(fixture_path).expect("fixture present");
    assert_eq!(
        rendered, fixture,
        "rerun with UPDATE_FIXTURES=1 if the change is intended"
    );
    let parsed: Notes = parse(std::path::Path::new("sample.toml"), &fixture).expect("parses");
    assert_eq!(parsed, sample_notes());
}
