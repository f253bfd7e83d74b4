//! Properties every loaded article keeps, on arbitrary input: no panic, valid hidden ranges,
//! the UTF-8 text kept byte for byte, sentences inside the visible text.

use std::path::Path;

use parallax::article::clean::units;
use parallax::article::load::from_bytes;
use parallax::article::{ranges, sentences};
use proptest::prelude::*;

/// Text made of the pieces scraped pages are made of, so the rules actually fire.
fn scraped_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\n\n".to_string()),
        Just("  • ".to_string()),
        Just("Related News".to_string()),
        Just("BREAKING".to_string()),
        Just("By The Daily Staff".to_string()),
        Just(" date 2024-05-23 ".to_string()),
        Just("23 May 2024 11:17".to_string()),
        Just("Share".to_string()),
        Just("(AP/Name, File)".to_string()),
        Just("# ".to_string()),
        Just("**".to_string()),
        Just("\u{feff}".to_string()),
        Just("Maj. Gen. Salami met the U.S. envoy on Oct. 7 and said 1.5 percent was fine. ".to_string()),
        Just("The council voted on Tuesday to approve the new budget for the coming year.".to_string()),
        "[a-zA-Zé€ .,!?()\u{201c}\u{201d}:-]{0,40}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

proptest! {
    #[test]
    fn words_are_counted_as_split_whitespace_does(text in prop_oneof![
        any::<String>(),
        "[ a-z!\t\n\r\u{8}\u{b}\u{c}\u{e}\u{1f}]{0,100}",
        "[a-z \t\n\u{85}\u{a0}\u{1680}\u{2000}-\u{200b}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}\u{2019}\u{201c}\u{e9}]{0,100}",
    ]) {
        prop_assert_eq!(units::count_words(&text), text.split_whitespace().count());
    }

    #[test]
    fn loaded_articles_keep_their_invariants(text in scraped_text(), ext in prop_oneof![Just("txt"), Just("md")]) {
        let name = format!("a.{ext}");
        let article = from_bytes(Path::new(&name), text.as_bytes()).expect("text loads");
        prop_assert_eq!(&article.text, &text);
        prop_assert!(ranges::check(&article.text, &article.hidden).is_ok(), "{:?}", ranges::check(&article.text, &article.hidden));
        let visible = article.visible_ranges();
        for s in sentences::split(&article.text, &visible) {
            prop_assert!(s.start < s.end);
            prop_assert!(!article.is_hidden(s.start) && !article.is_hidden(s.end - 1));
            let sentence = &article.text[s.clone()];
            prop_assert_eq!(sentence.trim(), sentence);
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let _ = from_bytes(Path::new("a.txt"), &bytes);
        let _ = from_bytes(Path::new("a.md"), &bytes);
    }
}
