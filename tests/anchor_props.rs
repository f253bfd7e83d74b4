//! Properties of re-anchoring: edits outside an annotation keep it exact (same quote, shifted
//! range); edits inside make it fuzzy or an orphan, and a fuzzy match is always similar to the
//! quote — never a different passage chosen silently.

use parallax::annotation::Anchor;
use parallax::annotation::anchor::{AnchorOutcome, FUZZY_MIN_SIMILARITY, reanchor};
use parallax::annotation::similarity::similarity;
use proptest::prelude::*;

/// Article-like text: words from a small vocabulary (so repeats happen) with some non-ASCII.
fn article_text() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        "[a-z]{1,8}",
        Just("the".to_owned()),
        Just("minister".to_owned()),
        Just("وزير".to_owned()),
        Just("Zürich".to_owned()),
        Just("said".to_owned()),
    ];
    prop::collection::vec(word, 20..200).prop_map(|words| words.join(" "))
}

/// Rounds `index` down to a char boundary of `text`.
fn boundary(text: &str, index: usize) -> usize {
    let mut index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// Rounds `index` up to a char boundary of `text`.
fn ceil_boundary(text: &str, index: usize) -> usize {
    let mut index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index += 1;
    }
    index
}

/// An article, a range in it (on char boundaries, non-empty) and an edit (replace `at..at+len`
/// by `insert`).
fn case() -> impl Strategy<Value = (String, usize, usize, f64, f64, String)> {
    (
        article_text(),
        0.0..1.0f64,
        0.0..1.0f64,
        0.0..1.0f64,
        0.0..1.0f64,
        "[a-zé ]{0,12}",
    )
        .prop_map(|(text, a, b, c, d, insert)| (text, (a * 1e6) as usize, (b * 1e6) as usize, c, d, insert))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn edits_outside_keep_the_exact_quote(
        (text, seed_start, seed_len, edit_pos, edit_len, insert) in case(),
    ) {
        let start = boundary(&text, seed_start % text.len());
        let end = ceil_boundary(&text, start + 1 + seed_len % 40);
        let Some(anchor) = Anchor::new(&text, start..end) else { return Ok(()) };
        // The edit lies wholly before or wholly after the annotation.
        let (edit_start, edit_end) = if edit_pos < 0.5 {
            let s = boundary(&text, (edit_pos * 2.0 * start as f64) as usize);
            (s, boundary(&text, s + ((edit_len * (start - s) as f64) as usize)))
        } else {
            let s = boundary(&text, end + ((edit_pos - 0.5) * 2.0 * (text.len() - end) as f64) as usize).max(end);
            (s, boundary(&text, s + ((edit_len * (text.len() - s) as f64) as usize)).max(s))
        };
        let edited = format!("{}{}{}", &text[..edit_start], insert, &text[edit_end..]);
        let expected = if edit_end <= start {
            let moved = |old: usize| old - (edit_end - edit_start) + insert.len();
            moved(start)..moved(end)
        } else {
            start..end
        };
        prop_assert_eq!(&edited[expected.clone()], anchor.quote.as_str());

        let outcome = reanchor(&anchor, &edited);
        let range = outcome.range(&anchor);
        prop_assert!(
            matches!(outcome, AnchorOutcome::Exact | AnchorOutcome::Moved { .. }),
            "outside edit gave {:?}", outcome
        );
        let range = range.expect("found");
        prop_assert_eq!(&edited[range.clone()], anchor.quote.as_str());
        // Where the quote is unique, it must be exactly the shifted range.
        // (Counting overlapping occurrences: "Zürich Zürich" occurs twice in "Zürich Zürich Zürich".)
        let occurrences = edited.char_indices().filter(|(i, _)| edited[*i..].starts_with(anchor.quote.as_str())).count();
        if occurrences == 1 {
            prop_assert_eq!(range, expected);
        }
    }

    #[test]
    fn edits_inside_are_fuzzy_or_orphaned_never_silently_wrong(
        (text, seed_start, seed_len, edit_pos, edit_len, insert) in case(),
    ) {
        let start = boundary(&text, seed_start % text.len());
        let end = boundary(&text, start + 8 + seed_len % 80);
        let Some(anchor) = Anchor::new(&text, start..end) else { return Ok(()) };
        let quote_len = end - start;
        let edit_start = boundary(&text, start + 1 + (edit_pos * (quote_len - 1) as f64) as usize).max(start);
        let edit_end = boundary(&text, edit_start + (edit_len * (end - edit_start) as f64) as usize).max(edit_start);
        let edited = format!("{}{}{}", &text[..edit_start], insert, &text[edit_end..]);
        if edited.contains(anchor.quote.as_str()) {
            // The edit changed nothing, or the quote also occurs elsewhere: exact matching applies.
            return Ok(());
        }
        match reanchor(&anchor, &edited) {
            AnchorOutcome::Fuzzy { range, similarity: reported } => {
                let found = &edited[range];
                let actual = similarity(&anchor.quote, found);
                prop_assert!(actual >= FUZZY_MIN_SIMILARITY, "{:?} ~ {:?} = {}", anchor.quote, found, actual);
                prop_assert!((actual - reported).abs() < 1e-9);
            }
            AnchorOutcome::Orphan { .. } => {}
            other => prop_assert!(false, "quote is gone, yet {:?}", other),
        }
    }
}
