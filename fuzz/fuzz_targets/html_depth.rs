//! Fuzz target: see `checks::html_depth` for the input format and the properties checked.

#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::html_depth(data));
