//! Fingerprints the generator itself, so that a run can tell whether the
//! output in a folder was made by this very generator (the manifest in the
//! output records it; see `output.rs`). The fingerprint covers the sources,
//! the templates and the locked dependency versions, with line endings
//! normalised so a Windows checkout fingerprints the same.

use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        // Hidden files are tools' leftovers (insta's `.pending-snap`, editor
        // swap files), not sources: a fresh clone has none of them.
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let mut inputs = Vec::new();
    files(&root.join("src"), &mut inputs);
    files(&root.join("templates"), &mut inputs);
    // The runtime's sources are copied into every generated crate.
    files(&root.join("../runtime/src"), &mut inputs);
    inputs.push(root.join("Cargo.toml"));
    inputs.push(root.join("../Cargo.lock"));
    inputs.sort();
    let mut hasher = blake3::Hasher::new();
    hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
    for path in &inputs {
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let rel = path.strip_prefix(&root).unwrap_or(path);
        let text: Vec<u8> = bytes.into_iter().filter(|&b| b != b'\r').collect();
        hasher.update(rel.to_string_lossy().replace('\\', "/").as_bytes());
        hasher.update(&(text.len() as u64).to_le_bytes());
        hasher.update(&text);
    }
    let hex = hasher.finalize().to_hex();
    println!("cargo:rustc-env=GENERATOR_FINGERPRINT={}", &hex[..16]);
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=templates");
    println!("cargo:rerun-if-changed=../runtime/src");
    println!("cargo:rerun-if-changed=Cargo.toml");
    println!("cargo:rerun-if-changed=../Cargo.lock");
}
