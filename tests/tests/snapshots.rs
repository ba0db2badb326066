//! Snapshots of the model of each seed page, of the merged model, and of
//! every emitted file.

use generator::config::Options;
use generator::diag::Diagnostics;
use generator::{pipeline, source};

#[test]
fn model_of_each_seed_page() {
    let root = workspace_tests::workspace();
    let sources = source::read_docs(&root.join("docs-input")).expect("reads");
    for source in &sources {
        let mut diags = Diagnostics::default();
        let pages = generator::parse::parse_all(std::slice::from_ref(source), &mut diags);
        let model = generator::model::build::build(&pages, &mut diags);
        let name = source.rel.trim_end_matches(".md").to_string();
        insta::assert_json_snapshot!(format!("model_{name}"), model);
    }
}

#[test]
fn merged_model_and_diagnostics() {
    let root = workspace_tests::workspace();
    let sources = source::read_docs(&root.join("docs-input")).expect("reads");
    let out = pipeline::generate(&sources, &Options::default());
    insta::assert_json_snapshot!("model_merged", out.model);
    let diags: Vec<String> = out.diagnostics.iter().map(|d| d.to_string()).collect();
    insta::assert_snapshot!("diagnostics", diags.join("\n"));
}

#[test]
fn emitted_files() {
    let root = workspace_tests::workspace();
    let sources = source::read_docs(&root.join("docs-input")).expect("reads");
    let out = pipeline::generate(&sources, &Options::default());
    for (path, text) in &out.files {
        // The manifest holds the generator's own fingerprint, which every
        // change to the generator moves; `fresh.rs` keeps it honest.
        if path == generator::output::MANIFEST {
            continue;
        }
        insta::assert_snapshot!(format!("emitted_{}", path.replace('/', "__")), text);
    }
}

/// Docs in ApiDoctor's own style (no front matter, `@type`, operations known
/// only by their examples, `[INCLUDE]` and `[TAGS]`): the model and the
/// diagnostics, with every section read, and with `--tags v1`.
#[test]
fn spec_style_fixture() {
    let root = workspace_tests::workspace();
    let sources = source::read_docs(&root.join("tests/fixtures/spec/docs")).expect("reads");
    let out = pipeline::generate(&sources, &Options::default());
    insta::assert_json_snapshot!("spec_model", out.model);
    let diags: Vec<String> = out.diagnostics.iter().map(|d| d.to_string()).collect();
    insta::assert_snapshot!("spec_diagnostics", diags.join("\n"));
    let v1 = pipeline::generate(
        &sources,
        &Options {
            tags: generator::config::Tags::parse("v1"),
            ..Options::default()
        },
    );
    let calls: Vec<String> = v1
        .model
        .operations
        .iter()
        .map(|op| format!("{} {}", op.method, op.paths[0].raw))
        .collect();
    insta::assert_snapshot!(calls.join("\n"), @r"
    GET /gardeners
    GET /plots/7/gardeners
    POST /gardeners
    POST /gardeners
    GET /seasons/items
    GET /seasons/items/{item-id}
    DELETE /seasons/items/bed-4
    GET /seasons/harvest
    ");
}
