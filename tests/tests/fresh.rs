//! The checked-in generated crates are what the docs generate today.

use generator::pipeline::{self, Options};
use std::path::Path;

fn assert_fresh(docs: &str, out: &str, crate_name: &str, command: &str) {
    let root = workspace_tests::workspace();
    let sources = pipeline::read_docs(&root.join(docs)).expect("docs folder reads");
    let generated = pipeline::generate(
        &sources,
        &Options {
            crate_name: crate_name.into(),
            ..Options::default()
        },
    );
    let stale = generator::output::check(&root.join(out), &generated.files);
    assert!(
        stale.is_empty(),
        "{out} is stale:\n{}\nrun `{command}` and commit",
        stale
            .iter()
            .map(|s| format!("  {s}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn generated_is_fresh() {
    assert_fresh(
        "docs-input",
        "generated",
        "graph-api",
        "cargo run -p generator",
    );
}

#[test]
fn spec_fixture_is_fresh() {
    assert_fresh(
        "tests/fixtures/spec/docs",
        "tests/fixtures/spec/generated",
        "spec-api",
        "cargo run -p generator -- tests/fixtures/spec/docs tests/fixtures/spec/generated --crate-name spec-api",
    );
}

/// One resource, no enums and no operations: a workspace member, so its
/// crate is compiled (warnings denied by CI's clippy) with the workspace.
#[test]
fn minimal_fixture_is_fresh() {
    assert_fresh(
        "tests/fixtures/minimal/docs",
        "tests/fixtures/minimal/generated",
        "minimal-api",
        "cargo run -p generator -- tests/fixtures/minimal/docs tests/fixtures/minimal/generated --crate-name minimal-api",
    );
}

#[test]
fn cursed_fixture_is_fresh() {
    assert_fresh(
        "tests/fixtures/cursed/docs",
        "tests/fixtures/cursed/generated",
        "cursed-api",
        "cargo run -p generator -- tests/fixtures/cursed/docs tests/fixtures/cursed/generated --crate-name cursed-api",
    );
}

/// Two runs give the same bytes, and so does a run on pages listed in
/// another order.
#[test]
fn output_is_deterministic() {
    let root = workspace_tests::workspace();
    let mut sources = pipeline::read_docs(&root.join("docs-input")).expect("reads");
    let first = pipeline::generate(&sources, &Options::default());
    let second = pipeline::generate(&sources, &Options::default());
    assert_eq!(first.files, second.files);
    sources.reverse();
    let reversed = pipeline::generate(&sources, &Options::default());
    assert_eq!(first.files, reversed.files);
    let ir = |o: &pipeline::Output| serde_json::to_string(&o.model).expect("serializes");
    assert_eq!(ir(&first), ir(&reversed));
}

/// A change to a seed page shows up as stale output.
#[test]
fn a_changed_seed_makes_the_output_stale() {
    let root = workspace_tests::workspace();
    let mut sources = pipeline::read_docs(&root.join("docs-input")).expect("reads");
    let page = sources
        .iter_mut()
        .find(|s| s.rel.starts_with("000_"))
        .expect("seed 000");
    assert!(page.text.contains("|inUse|Boolean|"));
    page.text = page.text.replace("|inUse|Boolean|", "|inUse|Int32|");
    let generated = pipeline::generate(&sources, &Options::default());
    let stale = generator::output::check(&root.join("generated"), &generated.files);
    assert!(
        stale
            .iter()
            .any(|s| s.to_string().starts_with("src/graph/mod.rs")),
        "{stale:?}"
    );
}

/// Every generated file starts with the line that says so.
#[test]
fn every_file_says_it_is_generated() {
    let root = workspace_tests::workspace();
    let sources = pipeline::read_docs(&root.join("docs-input")).expect("reads");
    let generated = pipeline::generate(&sources, &Options::default());
    for (path, text) in &generated.files {
        let first = text.lines().next().unwrap_or_default();
        assert!(
            first.contains("@generated") && first.contains("Do not edit"),
            "{path}: {first}"
        );
    }
    assert!(Path::new(&root.join("generated/Cargo.toml")).exists());
}
