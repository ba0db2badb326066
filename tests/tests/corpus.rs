//! The Graph v1.0 corpus: its coverage summary is pinned, the crate it
//! generates compiles with no warnings, whole and with one area's feature,
//! and every documented example it tests passes against a mock server.
//! Skipped, with one line saying so, when the corpus is not there.

use generator::config::Options;
use generator::{pipeline, source};
use std::path::Path;
use std::process::Command;

fn generate() -> Option<pipeline::Output> {
    let dir = workspace_tests::corpus()?;
    let sources = source::read_docs(&dir).expect("the corpus reads");
    Some(pipeline::generate(&sources, &Options::default()))
}

#[test]
fn v1_coverage_summary() {
    let Some(out) = generate() else { return };
    let files = out.model.pages_by_doc_type.values().sum();
    let summary = generator::coverage::summary(&out.model, &out.diagnostics, files, false);
    insta::assert_snapshot!("v1_coverage", summary);
    let errors: Vec<_> = out
        .diagnostics
        .iter()
        .filter(|d| d.severity == generator::diag::Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

/// With one function per operation, the path builders are how a user
/// reaches each documented path: every path of every operation must be a
/// node of the tree, and the plan's tests must cover the examples the
/// summary counts.
#[test]
fn every_documented_path_is_reached_through_the_path_builders() {
    let Some(out) = generate() else { return };
    let mut diags = generator::diag::Diagnostics::default();
    let plan = generator::plan::plan(&out.model, &Options::default(), &mut diags);
    let unreached: Vec<String> = (0..plan.endpoints.len())
        .filter(|&i| generator::plan::paths::chain_to(&plan.paths, i).is_none())
        .map(|i| {
            let f = &plan.endpoints[i];
            let op = &out.model.operations[f.op];
            format!("{} {}", op.method, op.paths[f.path].raw)
        })
        .collect();
    assert!(unreached.is_empty(), "{unreached:#?}");
    assert_eq!(plan.counts.tested, plan.tests.len());
}

/// Runs cargo in the generated crate; returns its output, failing on errors.
fn cargo(dir: &Path, args: &[&str]) -> String {
    let target = workspace_tests::workspace().join("target/corpus-check");
    let out = Command::new(env!("CARGO"))
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", &target)
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    let text = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "cargo {args:?} failed:\n{text}");
    text
}

#[test]
fn v1_crate_compiles_and_its_examples_pass() {
    let Some(out) = generate() else { return };
    let tmp = tempfile::tempdir().expect("temp dir");
    generator::output::write(tmp.path(), &out.files).expect("writes");
    // The workspace's lock file pins the dependencies to versions that are
    // already downloaded.
    std::fs::copy(
        workspace_tests::workspace().join("Cargo.lock"),
        tmp.path().join("Cargo.lock"),
    )
    .expect("lock file");
    let whole = cargo(tmp.path(), &["check", "--lib"]);
    assert!(!whole.contains("warning"), "{whole}");
    let users = cargo(
        tmp.path(),
        &[
            "check",
            "--lib",
            "--no-default-features",
            "--features",
            "users",
        ],
    );
    assert!(!users.contains("warning"), "{users}");
    // Every documented example that fits its operation: through the client
    // to a local mock server. The counts go to the log.
    let target = workspace_tests::workspace().join("target/corpus-check");
    let run = Command::new(env!("CARGO"))
        .args(["test", "--test", "examples", "--no-fail-fast"])
        .current_dir(tmp.path())
        .env("CARGO_TARGET_DIR", &target)
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    let summary = stdout
        .lines()
        .find(|l| l.starts_with("test result"))
        .unwrap_or("no test result line");
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "v1.0 documented examples: {summary}");
    assert!(
        run.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
}
