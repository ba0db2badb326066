//! Fuzzes the whole pipeline on one page: parse, model, emit and format.
//! Any bytes must give files and diagnostics, never a panic, and never a
//! diagnostic that says the generator itself has a bug (such as emitted
//! tokens that are not Rust).
#![no_main]

use generator::diag::Origin;
use generator::config::Options;
use generator::pipeline::generate;
use generator::source::SourceFile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let source = SourceFile::from_bytes("api/fuzz.md".into(), data.to_vec());
    let out = generate(&[source], &Options::default());
    if let Some(bug) = out
        .diagnostics
        .iter()
        .find(|d| d.origin == Origin::GeneratorBug)
    {
        panic!("generator bug: {bug}");
    }
});
