//! The framing pass on the seed articles (five outlets, one event): the target is under 10 ms,
//! off the UI thread. Also the entity pass and framing together, and framing on 1 MB (the seeds
//! repeated) to see how it grows. Run with `cargo bench --bench framing`.

use parallax::article::Article;
use parallax::entity::{Decisions, Gazetteer, analyze};
use parallax::framing::{self, Lexicon};

fn main() {
    divan::main();
}

/// The seed articles (`.txt` only: a reader's lock file may sit beside them). Panics when the
/// shared folder is missing: a figure measured on something else would mislead.
fn seeds() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{dir}: {e}: the bench needs the shared/ folder beside the repository"))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    let seeds: Vec<String> = paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
        .collect();
    assert!(!seeds.is_empty(), "no seed articles in {dir}");
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
