//! The alignment engine (`compare::align`, entity pass excluded: it has its own bench): the
//! five seeds (target ≤ 20 ms), 50 articles of 10 kB (target ≤ 300 ms), and how the cost grows
//! with the number of articles. Run with `cargo bench --bench align`.

use parallax::article::Article;
use parallax::compare::{Options, align};
use parallax::entity::{Decisions, EntityIndex, Gazetteer, analyze};

fn main() {
    divan::main();
}

fn seeds() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.retain(|p: &std::path::PathBuf| p.extension().is_some_and(|e| e == "txt"));
    paths.sort();
    let seeds: Vec<String> = paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    assert!(!seeds.is_empty(), "the seeds are in ../shared/seeds");
    seeds
}

/// `n` articles of about 10 kB: the seeds' sentences dealt round-robin from a rotating start,
/// so articles share some facts and differ in others, as outlets on one event do.
fn articles(n: usize) -> Vec<Article> {
    let sentences: Vec<String> = seeds()
        .iter()
        .flat_map(|s| {
            s.split_inclusive(['.', '\n'])
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .filter(|s| s.trim().len() > 20)
        .collect();
    (0..n)
        .map(|i| {
            let mut text = String::new();
            let mut k = i * 7;
            while text.len() < 10_000 {
                text.push_str(sentences[k % sentences.len()].trim());
                text.push('\n');
                k += 3 + i % 5;
            }
            Article::plain(format!("{i}.txt"), text)
        })
        .collect()
}

fn prepared(articles: &[Article]) -> EntityIndex {
    let refs: Vec<&Article> = articles.iter().collect();
    analyze(&refs, &Gazetteer::builtin(), &Decisions::default())
}

#[divan::bench(sample_count = 20)]
fn seeds_five(bencher: divan::Bencher) {
    let articles: Vec<Article> = seeds()
        .into_iter()
        .enumerate()
        .map(|(i, t)| Article::plain(format!("{i}.txt"), t))
        .collect();
    let index = prepared(&articles);
    let refs: Vec<&Article> = articles.iter().collect();
    bencher.bench(|| align(&refs, &index, &Options::default()));
}

#[divan::bench(args = [5, 10, 25, 50, 100], sample_count = 10)]
fn articles_10kb(bencher: divan::Bencher, n: usize) {
    let articles = articles(n);
    let index = prepared(&articles);
    let refs: Vec<&Article> = articles.iter().collect();
    bencher.bench(|| align(&refs, &index, &Options::default()));
}
