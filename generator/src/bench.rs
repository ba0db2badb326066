//! The benchmark: times every stage on a docs folder. Filled in by issue 3.

use std::path::Path;

pub fn run(_docs: &Path, _runs: usize) -> Result<String, String> {
    Err("bench: not available yet".to_string())
}
