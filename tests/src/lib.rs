//! Helpers shared by the workspace tests.

use std::path::{Path, PathBuf};

/// The workspace root.
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

/// The Graph v1.0 corpus: `$GRAPH_DOCS_DIR` (the v1.0 folder, the corpus
/// folder or `shared/`), else `../shared/graph-docs/v1.0` beside the
/// workspace. `None` (and one line saying so) when absent.
pub fn corpus() -> Option<PathBuf> {
    let dir = match std::env::var_os("GRAPH_DOCS_DIR") {
        // Relative to the workspace, where the test command is typed, not to
        // the package folder cargo runs tests in.
        Some(d) => workspace().join(d),
        None => workspace().join("../shared/graph-docs/v1.0"),
    };
    // The variable may name the v1.0 folder, the corpus, or `shared/`.
    let found = [dir.clone(), dir.join("v1.0"), dir.join("graph-docs/v1.0")]
        .into_iter()
        .find(|d| d.join("api").is_dir());
    if let Some(found) = found {
        Some(found)
    } else {
        // Once per test binary, and to the process's stderr directly: the
        // test harness captures `println!` of passing tests, and this line
        // must be seen.
        static SAID: std::sync::Once = std::sync::Once::new();
        SAID.call_once(|| {
            use std::io::Write;
            let _ = writeln!(
                std::io::stderr(),
                "skipped: Graph docs corpus not found at {} (set GRAPH_DOCS_DIR)",
                dir.display()
            );
        });
        None
    }
}
