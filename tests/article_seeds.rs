//! The five real seed articles: what each shows, what it hides, and its metadata.

mod article_support;

use article_support::{first_visible_line, load, seed_path, visible};
use parallax::article::{Article, HideReason};

fn seed(name: &str) -> Article {
    load(&seed_path(name))
}

fn hidden_with(article: &Article, needle: &str) -> Option<HideReason> {
    let at = article.text.find(needle)?;
    article
        .hidden
        .iter()
        .find(|h| h.range.contains(&at))
        .map(|h| h.reason)
}

#[test]
fn seed_000_title_shown_once_and_outlet_from_source_line() {
    let a = seed("000_5b8a859aa158a433.txt");
    let title = "Iran-backed groups hold rare meeting with IRGC chiefs in Tehran amid Raisi mourning";
    assert_eq!(a.meta.title.as_deref(), Some(title));
    // msn republished it (The National's story): where it was read, not its outlet (#16).
    assert_eq!(a.meta.outlet, None);
    assert_eq!(a.meta.via.as_deref(), Some("msn"));
    let shown = visible(&a);
    assert!(!shown.contains(title), "the title is in the header, not the body");
    assert!(!shown.contains("Source"));
    assert_eq!(hidden_with(&a, "Source »"), Some(HideReason::Metadata));
    assert!(first_visible_line(&a).starts_with("Senior commanders and representatives"));
    assert!(shown.trim_end().ends_with("it said."));
}

#[test]
fn seed_001_date_prefix_hidden_and_body_starts_at_the_heads_of() {
    let a = seed("001_56e621f07d0aef18.txt");
    assert_eq!(a.meta.date.as_deref(), Some("2024-05-23"));
    assert!(first_visible_line(&a).starts_with("The heads of Iran"));
    assert_eq!(hidden_with(&a, " date 2024-05-23"), Some(HideReason::Metadata));
    assert!(visible(&a).contains("Maj. Gen. Hossein Salami"));
}

#[test]
fn seed_002_outlet_caption_and_related_post() {
    let a = seed("002_7f28ae3cf18b3830.txt");
    assert_eq!(a.meta.outlet.as_deref(), Some("The Algemeiner"));
    // "By The Algemeiner" is the byline too: the report and the JSON show it (#16).
    assert_eq!(a.meta.byline.as_deref(), Some("The Algemeiner"));
    assert!(
        a.meta
            .title
            .as_deref()
            .is_some_and(|t| t.starts_with("Iran’s acting FM meets Hamas"))
    );
    assert_eq!(
        hidden_with(&a, "(AP/Vahid Salemi, File)"),
        Some(HideReason::Caption)
    );
    assert_eq!(hidden_with(&a, "Related Post"), Some(HideReason::Related));
    assert_eq!(hidden_with(&a, "By The Algemeiner"), Some(HideReason::Metadata));
    // The standfirst under the headline is the article's own summary: shown, first (#16).
    assert_eq!(
        hidden_with(&a, "The meeting came one day after a high-ranking general"),
        None
    );
    assert!(first_visible_line(&a).starts_with("The meeting came one day after a high-ranking general"));
    assert!(visible(&a).contains("\nIran’s acting foreign minister Ali Bagheri Kani"));
    assert!(visible(&a).trim_end().ends_with("normalization agreement."));
}

#[test]
fn seed_003_outlet_credit_and_subheadings() {
    let a = seed("003_dd875831dc3b93f6.txt");
    assert_eq!(a.meta.outlet.as_deref(), Some("Palestine Chronicle"));
    assert_eq!(hidden_with(&a, "(PC, AJA)"), Some(HideReason::Caption));
    let shown = visible(&a);
    assert!(shown.contains("\nPalestinian Resistance\n"));
    assert!(shown.contains("\nGaza Genocide\n"));
    assert!(first_visible_line(&a).starts_with("A high-level meeting of leaders"));
}

#[test]
fn seed_004_al_mayadeen_acceptance() {
    let a = seed("004_935a2b3b5b57ed09.txt");
    assert_eq!(
        a.meta.title.as_deref(),
        Some("Axis of Resistance factions, IRGC leaders meet in Tehran")
    );
    assert_eq!(a.meta.outlet.as_deref(), Some("Al Mayadeen English"));
    assert_eq!(a.meta.date.as_deref(), Some("2024-05-23"));
    assert!(first_visible_line(&a).starts_with("A meeting was held between a group of Resistance factions"));
    let shown = visible(&a);
    for menu in [
        "Infographs",
        "In Pictures",
        "Digital Series",
        "Arts&Culture",
        "Slogan",
    ] {
        assert!(!shown.contains(menu), "menu item {menu:?} is visible");
    }
    for gone in [
        "BREAKING",
        "Al-Quds Brigades seize Israeli drone",
        "Al-Quds Brigades target IOF",
        "https://t.co/",
        "(@MayadeenEnglish)",
        "Israeli occupation forces\n",
        "Most Read",
        "Read Next",
        "Coverage",
        "All Rights Reserved",
        "Privacy Policy",
        "The attendees discussed the political",
        "(Al Mayadeen)",
        "5 Min Read",
        "Trump’s approval rating",
    ] {
        assert!(!shown.contains(gone), "{gone:?} is visible");
    }
    assert_eq!(hidden_with(&a, "BREAKING"), Some(HideReason::Ticker));
    assert_eq!(hidden_with(&a, "Related News"), Some(HideReason::Related));
    assert_eq!(
        hidden_with(&a, "— Al Mayadeen English (@"),
        Some(HideReason::Social)
    );
    assert_eq!(
        hidden_with(&a, "  • Islamic Jihad Movement"),
        Some(HideReason::Footer)
    );
    assert_eq!(
        hidden_with(&a, "  • By Al Mayadeen English"),
        Some(HideReason::Metadata)
    );
    // Subheadings inside the body and the article's last paragraph stay.
    assert!(shown.contains("Ismail Haniyeh met with Sayyed Ali Khamenei"));
    assert!(shown.contains("Khorasan bids Pres. Raisi farewell"));
    assert!(shown.contains("\"No one would have believed"));
    assert!(shown.trim_end().ends_with("going on for two days."));
}

#[test]
fn seed_sentences_split_at_real_boundaries() {
    use parallax::article::sentences;
    let a = seed("001_56e621f07d0aef18.txt");
    let ranges = sentences::split(&a.text, &a.visible_ranges());
    let texts: Vec<&str> = ranges.iter().map(|r| &a.text[r.clone()]).collect();
    assert!(texts[0].starts_with("The heads of Iran"));
    assert!(texts[0].ends_with("revealed on Wednesday."));
    assert!(texts.iter().any(|s| s.starts_with("Iran’s regime-affiliated Tasnim News Agency reported that the head of the IRGC, Maj. Gen. Hossein Salami,") && s.ends_with("oversaw the meeting.")));
    for r in &ranges {
        assert!(
            !a.is_hidden(r.start) && !a.is_hidden(r.end - 1),
            "sentence in hidden text"
        );
        assert_eq!(a.text[r.clone()].trim(), &a.text[r.clone()]);
    }
    let b = seed("002_7f28ae3cf18b3830.txt");
    let texts: Vec<String> = sentences::split(&b.text, &b.visible_ranges())
        .into_iter()
        .map(|r| b.text[r].to_string())
        .collect();
    assert!(
        texts
            .iter()
            .any(|s| s.starts_with("Hamas’ Oct. 7 invasion") && s.ends_with("launched the war in Gaza."))
    );
}

#[test]
fn a_large_article_loads_whole_and_keeps_the_seed_clean() {
    // Speed is measured in `cargo bench --bench load`, not here.
    let one = std::fs::read_to_string(seed_path("004_935a2b3b5b57ed09.txt")).expect("seed");
    let big = one.repeat(2_000_000 / one.len() + 1);
    let a =
        parallax::article::load::from_bytes(std::path::Path::new("big.txt"), big.as_bytes()).expect("loads");
    assert_eq!(a.text, big, "the canonical text is the file itself");
    assert!(
        a.visible_ranges()
            .iter()
            .map(ExactSizeIterator::len)
            .sum::<usize>()
            > 0
    );
}
