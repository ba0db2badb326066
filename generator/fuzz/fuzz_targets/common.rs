//! What the `model` and `plan` targets share: the input split into pages
//! at lines holding only `=====`, named so that they can include each other
//! (`a.md`, `includes/b.md`, ...), expanded, parsed and built into a model;
//! and the check that no diagnostic says the generator has a bug.

use generator::config::Tags;
use generator::diag::{Diagnostics, Origin};
use generator::expand::expand;
use generator::model::Model;
use generator::source::SourceFile;

const NAMES: &[&str] = &["a.md", "includes/b.md", "api/c.md", "resources/d.md"];

/// The model of the pages an input holds.
pub fn model_of(data: &[u8], diags: &mut Diagnostics) -> Model {
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
    generator::model::build::build(&pages, diags)
}

/// Fails on a diagnostic that says the generator itself has a bug.
pub fn no_generator_bug(diags: Diagnostics) {
    if let Some(bug) = diags
        .into_sorted()
        .iter()
        .find(|d| d.origin == Origin::GeneratorBug)
    {
        panic!("generator bug: {bug}");
    }
}
