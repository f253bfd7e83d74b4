//! The fuzz targets' properties in `cargo test`: every file of the kept corpus
//! (`fuzz/corpus/<target>/`) and every input that once failed (`fuzz/regressions/<target>/`) is run
//! through the same check the fuzzer runs (`fuzz/checks.rs`). Fuzzing itself: see the README.

#[path = "../fuzz/checks.rs"]
mod checks;

use std::path::Path;

fn run_all(target: &str, check: fn(&[u8])) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut count = 0;
    for dir in [
        root.join("corpus").join(target),
        root.join("regressions").join(target),
    ] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<_> = entries.map(|e| e.expect("entry").path()).collect();
        paths.sort();
        for path in paths.iter().filter(|p| p.is_file()) {
            let data = std::fs::read(path).expect("readable");
            if let Err(panic) = std::panic::catch_unwind(|| check(&data)) {
                let why = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                    .unwrap_or_default();
                panic!("{} fails: {why}", path.display());
            }
            count += 1;
        }
    }
    assert!(count >= 5, "{target}: only {count} inputs; is the corpus there?");
}

#[test]
fn article_load_corpus_and_regressions() {
    run_all("article_load", checks::article_load);
}

#[test]
fn notes_parse_corpus_and_regressions() {
    run_all("notes_parse", checks::notes_parse);
}

#[test]
fn reanchor_corpus_and_regressions() {
    run_all("reanchor", checks::reanchor);
}

#[test]
fn html_depth_corpus_and_regressions() {
    run_all("html_depth", checks::html_depth);
}
