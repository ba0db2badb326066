//! Helpers shared by the command-line tests: run the generator binary and
//! read its diagnostics.
#![allow(dead_code)] // Each test file uses a part of these.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The seed pages of the workspace.
pub fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input")
}

/// Runs the generator; returns success and everything it printed.
pub fn run(args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_generator"))
        .args(args)
        .output()
        .expect("runs");
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

/// Runs with `--format json`; returns success, the diagnostics, and what
/// was printed to stderr.
pub fn run_json(args: &[&str]) -> (bool, Vec<serde_json::Value>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_generator"))
        .args(args)
        .args(["--format", "json"])
        .output()
        .expect("runs");
    let diags = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is a JSON diagnostic"))
        .collect();
    (
        out.status.success(),
        diags,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Whether a diagnostic with this code sits at `file:line` and its message
/// contains `text`.
pub fn has(diags: &[serde_json::Value], code: &str, file: &str, line: u64, text: &str) -> bool {
    diags.iter().any(|d| {
        d["code"] == code
            && d["file"].as_str().is_some_and(|f| f.ends_with(file))
            && d["line"] == line
            && d["message"].as_str().is_some_and(|m| m.contains(text))
    })
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}

/// Every file below `dir` (relative path to bytes), for byte-for-byte
/// comparisons of whole folders.
pub fn snapshot(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    out
}
