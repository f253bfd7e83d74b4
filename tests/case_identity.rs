//! A case's identity is its canonical folder (issue #12, item 4): two read-only folders each
//! opened as `parallax story.txt` from inside must not share a notes file in the data
//! directory. One test in its own binary, because it changes the working directory.

use std::path::Path;

use parallax::annotation::location::{LocationInput, choose_notes_location};
use parallax::article::load::{LoadOptions, load_path};

#[test]
fn two_folders_opened_by_the_same_relative_name_do_not_share_notes() {
    let data = tempfile::tempdir().expect("data dir");
    let location_from = |case: &Path| {
        std::fs::write(case.join("story.txt"), "Officials met on Tuesday.\n").expect("article");
        std::env::set_current_dir(case).expect("cd");
        let article = load_path(Path::new("story.txt"), &LoadOptions::default()).expect("loads");
        let dir = article.path.parent().expect("a folder").to_path_buf();
        choose_notes_location(&LocationInput {
            explicit: None,
            first_article_dir: Some(&dir),
            first_article_dir_writable: false,
            is_sample_case: false,
            data_dir: Some(data.path()),
        })
        .expect("a location")
        .path
    };
    let (first, second) = (
        tempfile::tempdir().expect("case"),
        tempfile::tempdir().expect("case"),
    );
    let first_notes = location_from(first.path());
    let second_notes = location_from(second.path());
    assert!(first_notes.starts_with(data.path()), "{}", first_notes.display());
    assert_ne!(
        first_notes, second_notes,
        "two cases must not share one notes file"
    );
    // The same folder reached another way is the same case.
    let again = location_from(&first.path().join(".").join("."));
    assert_eq!(again, first_notes);
}
