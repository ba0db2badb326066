//! Helpers shared by the workspace tests.

use std::path::{Path, PathBuf};

/// The workspace root.
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

/// The Graph v1.0 corpus: `$GRAPH_DOCS_DIR`, else `../shared/graph-docs/v1.0`
/// beside the workspace. `None` (and one line saying so) when absent.
pub fn corpus() -> Option<PathBuf> {
    let dir = match std::env::var_os("GRAPH_DOCS_DIR") {
        Some(d) => PathBuf::from(d),
        None => workspace().join("../shared/graph-docs/v1.0"),
    };
    if dir.join("api").is_dir() {
        Some(dir)
    } else {
        println!(
            "skipped: Graph docs corpus not found at {} (set GRAPH_DOCS_DIR)",
            dir.display()
        );
        None
    }
}
