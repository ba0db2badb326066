//! Writing the generated files, and checking a folder against them.
//!
//! Only files that start with the generated header are ever changed or
//! removed, so a user's own files in the output folder are safe, and each
//! file is replaced atomically (written beside, then renamed).

use crate::emit::HEADER;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// How a file in the output folder differs from what would be generated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stale {
    Missing(String),
    Different(String),
    /// A generated file that would no longer be generated.
    Extra(String),
}

impl std::fmt::Display for Stale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Stale::Missing(p) => write!(f, "{p}: missing"),
            Stale::Different(p) => write!(f, "{p}: differs from what the docs generate"),
            Stale::Extra(p) => write!(f, "{p}: generated earlier, no longer generated"),
        }
    }
}

/// Generated files currently in `dir` (those starting with the header),
/// relative paths, skipping `target`.
fn existing_generated(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                if path
                    .file_name()
                    .is_some_and(|n| n != "target" && n != ".git")
                {
                    stack.push(path);
                }
            } else if let Ok(text) = std::fs::read_to_string(&path) {
                if text.lines().next().is_some_and(|l| l.contains(HEADER)) {
                    let rel = path
                        .strip_prefix(dir)
                        .unwrap_or(&path)
                        .to_string_lossy()
                        .replace('\\', "/");
                    out.push(rel);
                }
            }
        }
    }
    out.sort();
    out
}

/// Compares `dir` with the files that would be generated.
pub fn check(dir: &Path, files: &BTreeMap<String, String>) -> Vec<Stale> {
    let mut stale = Vec::new();
    for (rel, content) in files {
        match std::fs::read_to_string(dir.join(rel)) {
            Ok(existing) if &existing == content => {}
            Ok(_) => stale.push(Stale::Different(rel.clone())),
            Err(_) => stale.push(Stale::Missing(rel.clone())),
        }
    }
    for rel in existing_generated(dir) {
        if !files.contains_key(&rel) {
            stale.push(Stale::Extra(rel));
        }
    }
    stale
}

/// Writes the files that changed and removes generated files that are no
/// longer generated. Returns the number of files written or removed.
pub fn write(
    dir: &Path,
    files: &BTreeMap<String, String>,
) -> Result<usize, (PathBuf, std::io::Error)> {
    let mut changed = 0;
    for stale in check(dir, files) {
        match stale {
            Stale::Missing(rel) | Stale::Different(rel) => {
                let path = dir.join(&rel);
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent).map_err(|e| (parent.to_path_buf(), e))?;
                }
                let tmp = path.with_extension("generator-tmp");
                std::fs::write(&tmp, &files[&rel]).map_err(|e| (tmp.clone(), e))?;
                std::fs::rename(&tmp, &path).map_err(|e| (path.clone(), e))?;
                changed += 1;
            }
            Stale::Extra(rel) => {
                let path = dir.join(&rel);
                std::fs::remove_file(&path).map_err(|e| (path.clone(), e))?;
                changed += 1;
            }
        }
    }
    Ok(changed)
}
