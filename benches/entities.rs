//! The entity pass over 10 MB of news text (the seed articles repeated): the target is under a
//! second on one core. Run with `cargo bench --bench entities`.

use parallax::article::Article;
use parallax::entity::{Decisions, Gazetteer, analyze};

const TARGET_BYTES: usize = 10_000_000;

fn main() {
    divan::main();
}

/// Five articles, each one seed repeated until the five add up to 10 MB.
fn corpus() -> Vec<Article> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds");
    let mut seeds: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            let mut paths: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
            paths.sort();
            paths
                .iter()
                .filter_map(|p| std::fs::read_to_string(p).ok())
                .collect()
        })
        .unwrap_or_default();
    if seeds.is_empty() {
        seeds.push("Iran’s Foreign Minister Hossein Amir-Abdollahian met Hamas leader Ismail Haniyeh in Tehran. Haniyeh thanked the Islamic Revolutionary Guard Corps (IRGC).\n".into());
    }
    let per_article = TARGET_BYTES / seeds.len();
    seeds
        .iter()
        .enumerate()
        .map(|(i, seed)| Article::plain(format!("{i}.txt"), seed.repeat(per_article / seed.len() + 1)))
        .collect()
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn analyze_10mb(bencher: divan::Bencher) {
    let articles = corpus();
    let refs: Vec<&Article> = articles.iter().collect();
    let gazetteer = Gazetteer::builtin();
    let decisions = Decisions::default();
    bencher
        .counter(divan::counter::BytesCount::new(
            articles.iter().map(|a| a.text.len()).sum::<usize>(),
        ))
        .bench(|| analyze(&refs, &gazetteer, &decisions));
}
