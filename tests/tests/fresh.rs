//! The checked-in generated crates are what the docs generate today.

use generator::config::Options;
use generator::{pipeline, source};
use std::path::Path;

fn assert_fresh(docs: &str, out: &str, crate_name: &str, command: &str) {
    let root = workspace_tests::workspace();
    let sources = source::read_docs(&root.join(docs)).expect("docs folder reads");
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
    let mut sources = source::read_docs(&root.join("docs-input")).expect("reads");
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
/// Changes one property's type on seed page 000, as a docs edit would.
fn change_a_seed(sources: &mut [generator::source::SourceFile]) {
    let page = sources
        .iter_mut()
        .find(|s| s.rel.starts_with("000_"))
        .expect("seed 000");
    assert!(page.text.contains("|inUse|Boolean|"));
    page.text = page.text.replace("|inUse|Boolean|", "|inUse|Int32|");
}

#[test]
fn a_changed_seed_makes_the_output_stale() {
    let root = workspace_tests::workspace();
    let mut sources = source::read_docs(&root.join("docs-input")).expect("reads");
    change_a_seed(&mut sources);
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
    let sources = source::read_docs(&root.join("docs-input")).expect("reads");
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

/// A run after a one-page change reuses the last run's text of every file
/// whose tokens did not change, and writes the same bytes as a full run;
/// a file edited on disk since is formatted again, not reused, and
/// written back.
#[test]
fn a_run_reusing_the_last_output_equals_a_full_run() {
    let root = workspace_tests::workspace();
    let out = std::env::temp_dir().join(format!("reuse-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let mut sources = source::read_docs(&root.join("docs-input")).expect("reads");
    let first = pipeline::generate(&sources, &Options::default());
    generator::output::write(&out, &first.files).expect("writes");

    change_a_seed(&mut sources);
    // Damage a file that the change does not touch: it must not be reused.
    // Its generated header stays, so the write may replace it.
    let damaged = first.files["src/request.rs"].clone() + "// edited by hand\n";
    std::fs::write(out.join("src/request.rs"), damaged).expect("edits");

    let reuse = generator::output::reusable(&out);
    let again = pipeline::generate_reusing(&sources, &Options::default(), &reuse);
    let full = pipeline::generate(&sources, &Options::default());
    assert_eq!(again.files, full.files);
    assert_ne!(again.files, first.files);
    let formatted = again.files.len() - again.reused();
    // Everything but the changed types file, the damaged file and the
    // files not formatted from tokens (Cargo.toml, README, manifest).
    assert!(again.reused() > 0, "nothing reused");
    // Files whose printed items are unchanged are taken without building
    // their tokens (`emit::inputs`).
    assert!(again.unbuilt > 0, "every file's tokens were built");
    assert!(
        (2..=8).contains(&formatted),
        "{formatted} of {} files formatted",
        again.files.len()
    );
    // The reused files are not read again to write the folder; the damaged
    // one was not reused, and the folder ends up as a full run's.
    assert!(!again.on_disk.contains("src/request.rs"));
    generator::output::write_known(&out, &again.files, &again.on_disk).expect("writes");
    assert_eq!(generator::output::check(&out, &full.files), vec![]);
    // A manifest of another generator is not trusted.
    let manifest = out.join(generator::output::MANIFEST);
    let text = std::fs::read_to_string(&manifest).expect("manifest");
    assert!(text.contains("\ngenerator "));
    let other = text.replacen("\ngenerator ", "\ngenerator x", 1);
    std::fs::write(&manifest, other).expect("writes");
    let reuse = generator::output::reusable(&out);
    let full_again = pipeline::generate_reusing(&sources, &Options::default(), &reuse);
    assert_eq!(full_again.reused(), 0);
    assert_eq!(full_again.files, full.files);
    let _ = std::fs::remove_dir_all(&out);
}
