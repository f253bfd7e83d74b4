//! Synthetic pages in other styles than the seeds, so the cleaning rules stay general.

mod article_support;

use std::path::Path;

use article_support::{first_visible_line, fixture_path, load, visible};
use parallax::article::load::{LoadError, LoadOptions, from_bytes, load_path};
use parallax::article::{Format, HideReason};

#[test]
fn wire_story_with_share_lines_and_read_more_teasers() {
    let a = load(&fixture_path("wire_story.txt"));
    assert_eq!(
        a.meta.title.as_deref(),
        Some("Central bank holds rates steady as inflation cools")
    );
    assert_eq!(a.meta.byline.as_deref(), Some("Maria Keller"));
    assert_eq!(a.meta.outlet.as_deref(), Some("Reuters"));
    assert_eq!(a.meta.date.as_deref(), Some("2024-03-14"));
    assert!(first_visible_line(&a).starts_with("FRANKFURT (Reuters) - The central bank"));
    let shown = visible(&a);
    for gone in [
        "World News",
        "Share",
        "Tweet",
        "Read more:",
        "More from Reuters",
        "Oil rises",
        "©",
    ] {
        assert!(!shown.contains(gone), "{gone:?} is visible");
    }
    assert!(shown.contains("Economists polled by Reuters"));
    assert!(shown.contains("Prof. Anna Weber"));
}

#[test]
fn blog_with_tag_list_footer() {
    let a = load(&fixture_path("blog_post.txt"));
    assert_eq!(
        a.meta.title.as_deref(),
        Some("Why I stopped using peat in my garden")
    );
    assert_eq!(a.meta.byline.as_deref(), Some("Jane Doe"));
    assert_eq!(a.meta.outlet, None);
    assert_eq!(a.meta.date.as_deref(), Some("2024-03-03"));
    let shown = visible(&a);
    assert!(first_visible_line(&a).starts_with("Last spring I decided"));
    assert!(shown.contains("\nWhat worked\n"), "subheading stays");
    for gone in [
        "My Garden Diary",
        "Tags",
        "compost\n",
        "Leave a comment",
        "Instagram",
        "Privacy",
    ] {
        assert!(!shown.contains(gone), "{gone:?} is visible");
    }
    assert!(shown.trim_end().ends_with("the whole garden next year."));
}

#[test]
fn markdown_article_hides_markup_only() {
    let a = load(&fixture_path("harbour.md"));
    assert_eq!(a.format, Format::Markdown);
    assert_eq!(
        a.meta.title.as_deref(),
        Some("Harbour reopens after storm repairs")
    );
    assert_eq!(a.meta.byline.as_deref(), Some("Tom Hughes"));
    assert_eq!(a.meta.date.as_deref(), Some("2024-06-02"));
    let shown = visible(&a);
    assert!(
        first_visible_line(&a)
            .starts_with("The harbour reopened on Monday after three months of repairs to the sea wall")
    );
    assert!(!shown.contains("**") && !shown.contains("](") && !shown.contains("## "));
    assert!(shown.contains("\nWhat changed\n"));
    assert!(shown.contains("a wider slipway"), "the article's own list stays");
    assert!(a.hidden.iter().any(|h| h.reason == HideReason::Markup));
    // The canonical text is the file, byte for byte.
    assert_eq!(
        a.text,
        std::fs::read_to_string(fixture_path("harbour.md")).expect("fixture")
    );
}

#[test]
fn html_page_is_read_in_reader_mode() {
    let a = load(&fixture_path("river_page.html"));
    assert_eq!(a.format, Format::Html);
    assert_eq!(
        a.meta.title.as_deref(),
        Some("River cleanup draws hundreds of volunteers")
    );
    assert_eq!(a.meta.outlet.as_deref(), Some("The Valley Times"));
    assert_eq!(a.meta.byline.as_deref(), Some("Sam Rivera"));
    assert_eq!(a.meta.date.as_deref(), Some("2024-04-20"));
    assert!(first_visible_line(&a).starts_with("More than four hundred volunteers"));
    let shown = visible(&a);
    assert!(shown.contains("bottles from the banks and the shallows.\n\n\"Every year"));
    assert!(!shown.contains("Privacy Policy") && !shown.contains("<p>"));
}

#[test]
fn html_in_windows_1256_is_decoded_not_mojibake() {
    let mut page =
        b"<html><head><meta charset=\"windows-1256\"><title>t</title></head><body><article><p>".to_vec();
    for _ in 0..20 {
        page.extend_from_slice(&[0xC7, 0xE1, 0xD3, 0xE1, 0xC7, 0xE3, b' ']); // "السلام "
    }
    page.extend_from_slice(b"</p></article></body></html>");
    let a = from_bytes(Path::new("ar.html"), &page).expect("decodes");
    assert!(a.text.contains("السلام"));
    let unknown = b"<html><head><meta charset=\"x-made-up\"></head><body><p>x</p></body></html>";
    let err = from_bytes(Path::new("ar.html"), unknown).expect_err("refused");
    assert!(matches!(err, LoadError::UnknownEncoding { .. }));
    assert!(err.to_string().contains("x-made-up") && err.to_string().contains("ar.html"));
}

#[test]
fn special_files_and_limits() {
    let dir = tempfile::tempdir().expect("tempdir");
    let options = LoadOptions { max_bytes: 100 };
    let err = load_path(dir.path(), &options).expect_err("directory");
    assert!(matches!(err, LoadError::NotAFile { .. }));
    let big = dir.path().join("big.txt");
    std::fs::write(&big, "x".repeat(101)).expect("write");
    assert!(matches!(
        load_path(&big, &options),
        Err(LoadError::TooLarge { .. })
    ));
    let bin = dir.path().join("bin.txt");
    std::fs::write(&bin, b"a\0b").expect("write");
    assert!(matches!(load_path(&bin, &options), Err(LoadError::Binary { .. })));
    let missing = dir.path().join("missing.txt");
    let err = load_path(&missing, &options).expect_err("missing");
    assert!(err.to_string().contains("missing.txt"));
    #[cfg(unix)]
    {
        let fifo = dir.path().join("pipe.txt");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            assert!(matches!(
                load_path(&fifo, &options),
                Err(LoadError::NotAFile { .. })
            ));
        }
        let zero = Path::new("/dev/zero");
        if zero.exists() {
            assert!(load_path(zero, &options).is_err());
        }
    }
}

#[test]
fn expand_paths_lists_supported_files_sorted() {
    let dir = tempfile::tempdir().expect("tempdir");
    for name in ["b.txt", "a.md", "c.pdf", "d.html"] {
        std::fs::write(dir.path().join(name), "x").expect("write");
    }
    let (files, errors) = parallax::article::load::expand_paths(&[dir.path().to_path_buf()]);
    assert!(errors.is_empty());
    let names: Vec<_> = files.iter().filter_map(|p| p.file_name()?.to_str()).collect();
    assert_eq!(names, vec!["a.md", "b.txt", "d.html"]);
}
