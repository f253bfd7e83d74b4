//! Fuzz target: see `checks::article_load` for the input format and the properties checked.

#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::article_load(data));
