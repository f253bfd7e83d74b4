//! Layout: wrapping one paragraph, splitting an article into paragraphs, laying out the first
//! screen of a pane, and wrapping a whole article, at several widths and sizes. Run with
//! `cargo bench --bench layout`.
//!
//! The layout is lazy (a paragraph is wrapped when a row of it is first needed) and cached per
//! width, so only `paragraphs` and `wrap_all` grow with the article; `first_screen` and
//! `resize` should not.

#[path = "support/mod.rs"]
mod support;

use std::path::Path;

use parallax::article::Article;
use parallax::layout::{PaneLayout, RowPos, wrap_paragraph};

fn main() {
    divan::main();
}

/// Body rows of a pane on a 50-row terminal (border, title and status bar take three).
const ROWS: usize = 47;

fn article(bytes: usize) -> Article {
    let seeds = support::seeds();
    let seed = support::Seed {
        name: "a.txt".into(),
        text: support::repeat_to(&seeds[seeds.len() - 1].text, bytes),
    };
    support::article(Path::new("/bench"), &seed)
}

/// The longest paragraph of the seeds.
fn long_paragraph() -> String {
    support::seeds()
        .iter()
        .flat_map(|s| s.text.lines().map(str::to_owned).collect::<Vec<_>>())
        .max_by_key(String::len)
        .expect("a paragraph")
}

/// One paragraph (the seeds' longest) wrapped at a pane body width.
#[divan::bench(args = [16, 36, 76, 196])]
fn wrap_one_paragraph(bencher: divan::Bencher, width: usize) {
    let text = long_paragraph();
    bencher
        .counter(divan::counter::BytesCount::of_str(&text))
        .bench_local(|| wrap_paragraph(&text, &[0..text.len()], width));
}

/// Splitting an article into paragraphs (visible pieces, hidden text skipped): the eager part.
#[divan::bench(args = [10_000, 100_000, 2_000_000], sample_count = 20)]
fn paragraphs(bencher: divan::Bencher, bytes: usize) {
    let article = article(bytes);
    bencher
        .counter(divan::counter::BytesCount::of_str(&article.text))
        .bench_local(|| PaneLayout::new(&article, false));
}

/// The layout work of a pane's first frame in a 2 MB article: wrap what shows at the top.
#[divan::bench(args = [16, 36, 76, 196])]
fn first_screen_2mb(bencher: divan::Bencher, width: usize) {
    let article = article(2_000_000);
    let fresh = PaneLayout::new(&article, false);
    bencher
        .with_inputs(|| fresh.clone())
        .bench_local_values(|mut layout| {
            layout.set_width(width);
            let top = layout.clamp_top(&article.text, RowPos::default(), ROWS);
            layout.prepare(&article.text, top, ROWS);
            layout
        });
}

/// A resize in the middle of a 2 MB article: keep the top line, rewrap what shows.
#[divan::bench(args = [36, 76])]
fn resize_2mb(bencher: divan::Bencher, width: usize) {
    let article = article(2_000_000);
    let text = &article.text;
    let mut layout = PaneLayout::new(&article, false);
    layout.set_width(width);
    let top = layout.pos_at_fraction(text, 0.5);
    layout.prepare(text, top, ROWS);
    bencher
        .with_inputs(|| layout.clone())
        .bench_local_values(|mut layout| {
            let offset = layout.offset_of(text, top);
            layout.set_width(width - 1);
            let top = layout.pos_of_offset(text, offset);
            layout.prepare(text, top, ROWS);
            layout
        });
}

/// Wrapping every paragraph (what scrolling through the whole article costs, once per width).
#[divan::bench(args = [10_000, 100_000, 2_000_000], sample_count = 10, sample_size = 1)]
fn wrap_all_at_36(bencher: divan::Bencher, bytes: usize) {
    let article = article(bytes);
    let fresh = PaneLayout::new(&article, false);
    bencher
        .counter(divan::counter::BytesCount::of_str(&article.text))
        .with_inputs(|| fresh.clone())
        .bench_local_values(|mut layout| {
            layout.set_width(36);
            layout.down(&article.text, RowPos::default(), usize::MAX);
            layout
        });
}
