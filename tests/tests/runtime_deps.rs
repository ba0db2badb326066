//! The runtime crate is tested with the dependencies a generated crate
//! gets: the `[dependencies]` of `runtime/Cargo.toml` and of the generated
//! crate's Cargo.toml template must name the same crates and versions.

use std::collections::BTreeSet;

fn dependencies(toml: &str) -> BTreeSet<String> {
    let mut in_section = false;
    let mut out = BTreeSet::new();
    for line in toml.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_section = line == "[dependencies]";
            continue;
        }
        if in_section && !line.is_empty() && !line.starts_with('#') {
            out.insert(line.to_string());
        }
    }
    out
}

#[test]
fn the_runtime_is_tested_with_a_generated_crates_dependencies() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let runtime = std::fs::read_to_string(format!("{root}/runtime/Cargo.toml")).unwrap();
    let template =
        std::fs::read_to_string(format!("{root}/generator/templates/Cargo.toml.txt")).unwrap();
    assert_eq!(dependencies(&runtime), dependencies(&template));
}
