//! Fuzzes reading without emitting: expand, parse, model and plan, fast enough
//! (thousands of inputs a second) to find something. The input is split
//! into pages at lines holding only `=====`, named so that they can include
//! each other (`a.md`, `includes/b.md`, ...). Any bytes must give a model
//! and diagnostics, never a panic, and never a diagnostic that says the
//! generator itself has a bug.
#![no_main]

use generator::diag::{Diagnostics, Origin};
use generator::config::{Options, Tags};
use generator::expand::expand;
use generator::source::SourceFile;
use libfuzzer_sys::fuzz_target;

const NAMES: &[&str] = &["a.md", "includes/b.md", "api/c.md", "resources/d.md"];

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let sources: Vec<SourceFile> = text
        .split("\n=====\n")
        .zip(NAMES)
        .map(|(page, name)| SourceFile::from_bytes(name.to_string(), page.as_bytes().to_vec()))
        .collect();
    let tags = if data.first().is_some_and(|b| b & 1 == 1) {
        Tags::parse("v1")
    } else {
        Tags::All
    };
    let expanded = expand(&sources, &tags);
    let mut diags = Diagnostics::default();
    // One thread: the pipeline's parse spreads pages over threads, which
    // costs more than these pages take to parse.
    let pages: Vec<_> = expanded
        .as_deref()
        .unwrap_or(&sources)
        .iter()
        .map(|s| {
            let (mut page, _) = generator::parse::parse_page(&s.rel, &s.text);
            page.origins = s.origins.clone();
            page
        })
        .collect();
    let model = generator::model::build::build(&pages, &mut diags);
    // The plan names everything and decides the tests, with no tokens: as
    // cheap as the model, so it is fuzzed with it.
    let _plan = generator::plan::plan(&model, &Options::default(), &mut diags);
    if let Some(bug) = diags
        .into_sorted()
        .iter()
        .find(|d| d.origin == Origin::GeneratorBug)
    {
        panic!("generator bug: {bug}");
    }
});
