//! The framing pass on the seed articles (five outlets, one event): the target is under 10 ms,
//! off the UI thread. Also the entity pass and framing together, and framing on 1 MB (the seeds
//! repeated) to see how it grows. Run with `cargo bench --bench framing`.

use parallax::article::Article;
use parallax::entity::{Decisions, Gazetteer, analyze};
use parallax::framing::{self, Lexicon};

fn main() {
    divan::main();
}

fn seeds() -> Vec<String> {
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
        seeds.push("Iran’s Foreign Minister Hossein Amir-Abdollahian met Hamas leader Ismail Haniyeh in Tehran. Haniyeh, the head of the group, thanked the regime.\n".into());
    }
    seeds
}

fn articles(repeat: usize) -> Vec<Article> {
    seeds()
        .iter()
        .enumerate()
        .map(|(i, seed)| Article::plain(format!("{i}.txt"), seed.repeat(repeat)))
        .collect()
}

#[divan::bench(sample_count = 50)]
fn framing_seeds(bencher: divan::Bencher) {
    let articles = articles(1);
    let refs: Vec<&Article> = articles.iter().collect();
    let gazetteer = Gazetteer::builtin();
    let lexicon = Lexicon::builtin();
    let index = analyze(&refs, &gazetteer, &Decisions::default());
    bencher.bench(|| framing::analyze(&refs, &index, &gazetteer, &lexicon));
}

#[divan::bench(sample_count = 20)]
fn entities_and_framing_seeds(bencher: divan::Bencher) {
    let articles = articles(1);
    let refs: Vec<&Article> = articles.iter().collect();
    let gazetteer = Gazetteer::builtin();
    let lexicon = Lexicon::builtin();
    bencher.bench(|| {
        let index = analyze(&refs, &gazetteer, &Decisions::default());
        framing::analyze(&refs, &index, &gazetteer, &lexicon)
    });
}

#[divan::bench(sample_count = 5)]
fn framing_1mb(bencher: divan::Bencher) {
    let total: usize = seeds().iter().map(String::len).sum();
    let articles = articles(1_000_000 / total + 1);
    let refs: Vec<&Article> = articles.iter().collect();
    let gazetteer = Gazetteer::builtin();
    let lexicon = Lexicon::builtin();
    let index = analyze(&refs, &gazetteer, &Decisions::default());
    bencher
        .counter(divan::counter::BytesCount::new(
            articles.iter().map(|a| a.text.len()).sum::<usize>(),
        ))
        .bench(|| framing::analyze(&refs, &index, &gazetteer, &lexicon));
}
