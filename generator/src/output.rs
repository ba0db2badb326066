//! Writing the generated files, and checking a folder against them.
//!
//! Two promises hold whatever happens during a run:
//! - The output folder is replaced all at once. The new crate is built in a
//!   staging folder beside it and swapped in with one atomic rename, so an
//!   error, Ctrl-C or a kill at any moment leaves the folder as it was, or
//!   (after the swap) complete and new. Files that do not change are hard
//!   links to the old ones, so they keep their bytes and timestamps and the
//!   next `cargo build` does not recompile for them.
//! - Only files that start with the generated header are replaced or
//!   removed. A user's own files (a `build.rs`, an extra module, `target/`)
//!   are carried into the new folder untouched; a user's file at a path the
//!   generator would write makes the run refuse, changing nothing.
//!
//! The manifest (`generator-manifest.txt`) records what the docs and the
//! generator were, and a hash of every file written, so a run on unchanged
//! docs can verify the folder and stop without generating anything.

use crate::emit::HEADER;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The manifest's path in the output folder.
pub const MANIFEST: &str = "generator-manifest.txt";

/// What identifies this build of the generator (see build.rs).
pub const GENERATOR_FINGERPRINT: &str = env!("GENERATOR_FINGERPRINT");

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

/// Why writing the output failed. The output folder is unchanged in every case.
#[derive(Debug)]
pub enum WriteError {
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    /// A file the user wrote sits where the generator would write.
    NotGenerated { path: PathBuf },
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Io { path, error } => write!(f, "{}: error: {error}", path.display()),
            WriteError::NotGenerated { path } => write!(
                f,
                "{}: error: this file was not written by the generator (it lacks the generated header) \
                 but the generator would write it; move it away or delete it, then run again",
                path.display()
            ),
        }
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> WriteError + '_ {
    move |error| WriteError::Io {
        path: path.to_path_buf(),
        error,
    }
}

/// Whether a file starts with the generated header. Only the start of the
/// file is read, as output folders can hold large files of the user's.
fn is_generated(path: &Path) -> bool {
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    let mut start = Vec::with_capacity(256);
    if file.take(256).read_to_end(&mut start).is_err() {
        return false;
    }
    let first = start.split(|&b| b == b'\n').next().unwrap_or_default();
    String::from_utf8_lossy(first).contains(HEADER)
}

/// Folders of the output that are never the generator's.
fn skipped_dir(name: &std::ffi::OsStr) -> bool {
    name == "target" || name == ".git"
}

/// Generated files currently in `dir` (those starting with the header),
/// relative paths, skipping `target` and `.git`.
fn existing_generated(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(ft) = entry.file_type() else { continue };
            if ft.is_dir() {
                if !skipped_dir(&entry.file_name()) {
                    stack.push(path);
                }
            } else if ft.is_file() && is_generated(&path) {
                out.push(relative(dir, &path));
            }
        }
    }
    out.sort();
    out
}

fn relative(dir: &Path, path: &Path) -> String {
    path.strip_prefix(dir)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// Compares `dir` with the files that would be generated.
pub fn check(dir: &Path, files: &BTreeMap<String, String>) -> Vec<Stale> {
    check_known(dir, files, &BTreeSet::new())
}

/// As [`check`], taking the files in `on_disk` as the folder holds them
/// without reading them: the run read each from `dir` and matched it
/// against the manifest's hash (see `pipeline::Output::on_disk`).
pub fn check_known(
    dir: &Path,
    files: &BTreeMap<String, String>,
    on_disk: &BTreeSet<String>,
) -> Vec<Stale> {
    let mut stale = Vec::new();
    for (rel, content) in files.iter().filter(|(rel, _)| !on_disk.contains(*rel)) {
        match std::fs::read(dir.join(rel)) {
            Ok(existing) if existing == content.as_bytes() => {}
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

/// The key of a run's inputs: every page (path and bytes, in path order),
/// the options, and the generator's own fingerprint. Each page is hashed
/// on its own, on all cores, and the key hashes the pages' hashes in order.
pub fn input_key<'a>(
    pages: impl IntoIterator<Item = (&'a str, &'a str)>,
    options: &crate::config::Options,
) -> String {
    let mut pages: Vec<(&str, &str)> = pages.into_iter().collect();
    pages.sort();
    let mut h = blake3::Hasher::new();
    h.update(GENERATOR_FINGERPRINT.as_bytes());
    let crate::config::Options {
        crate_name,
        tags,
        format: _,
    } = options;
    h.update(crate_name.as_bytes());
    h.update(format!("{tags:?}").as_bytes());
    h.update(&(pages.len() as u64).to_le_bytes());
    let each = crate::config::par_map(&pages, |(rel, text)| {
        let mut h = blake3::Hasher::new();
        for part in [rel, text] {
            h.update(&(part.len() as u64).to_le_bytes());
            h.update(part.as_bytes());
        }
        h.finalize()
    });
    for page in each {
        h.update(page.as_bytes());
    }
    h.finalize().to_hex().to_string()
}

/// The manifest for a set of generated files (which must not include it):
/// per file, the hash of its text, of the tokens it was formatted from
/// and of the inputs they were printed from (`-` where a file has none),
/// for `emit::Reuse`.
pub fn manifest(
    input_key: &str,
    warnings: usize,
    files: &BTreeMap<String, String>,
    tokens: &BTreeMap<String, String>,
    inputs: &BTreeMap<String, String>,
    text_hashes: &BTreeMap<String, String>,
) -> String {
    let mut s = format!(
        "# {HEADER}\n\
         # What the generator read and wrote: a run on unchanged docs verifies\n\
         # these hashes and stops early. See generator/src/output.rs.\n\
         generator {GENERATOR_FINGERPRINT}\n\
         inputs {input_key}\n\
         warnings {warnings}\n"
    );
    for (rel, text) in files {
        // Most hashes were found as the files were printed, on all cores.
        let hash = match text_hashes.get(rel) {
            Some(h) => h.clone(),
            None => crate::emit::reuse::text_hash(text.as_bytes()),
        };
        s.push_str(&format!(
            "file {hash} {} {} {rel}\n",
            tokens.get(rel).map_or("-", String::as_str),
            inputs.get(rel).map_or("-", String::as_str)
        ));
    }
    s
}

/// Each file of `dir`'s manifest, by relative path: its text, tokens and
/// inputs hashes, when the manifest is this generator's. Nothing is read
/// but the manifest; `emit::Reuse` reads a file when its inputs or tokens
/// match.
pub fn reusable(dir: &Path) -> crate::emit::Reuse {
    let mut reuse = crate::emit::Reuse {
        dir: dir.to_path_buf(),
        files: BTreeMap::new(),
    };
    let Ok(text) = std::fs::read_to_string(dir.join(MANIFEST)) else {
        return reuse;
    };
    let mut ours = false;
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        match line.split_once(' ') {
            Some(("generator", v)) => ours = v == GENERATOR_FINGERPRINT,
            Some(("file", rest)) => {
                if let Some(line) = file_line(rest) {
                    if line.tokens != "-" {
                        reuse.files.insert(
                            line.path.to_string(),
                            crate::emit::reuse::Recorded {
                                text: line.text.to_string(),
                                tokens: line.tokens.to_string(),
                                inputs: (line.inputs != "-").then(|| line.inputs.to_string()),
                            },
                        );
                    }
                }
            }
            _ => {}
        }
    }
    if !ours {
        reuse.files.clear();
    }
    reuse
}

/// A manifest's `file` line after `file `.
struct FileLine<'a> {
    text: &'a str,
    tokens: &'a str,
    inputs: &'a str,
    path: &'a str,
}

/// Reads a `file` line after `file `: text, tokens and inputs hashes, then
/// the path (which may hold spaces).
fn file_line(rest: &str) -> Option<FileLine<'_>> {
    let (text, rest) = rest.split_once(' ')?;
    let (tokens, rest) = rest.split_once(' ')?;
    let (inputs, path) = rest.split_once(' ')?;
    Some(FileLine {
        text,
        tokens,
        inputs,
        path,
    })
}

/// What a manifest found in an output folder says.
pub struct Recorded {
    pub warnings: usize,
    pub files: usize,
}

/// Whether `dir` holds exactly what a run on these inputs wrote before:
/// the manifest names the same inputs and generator, every file it lists
/// is there with the recorded hash, and no other generated file is.
pub fn unchanged(dir: &Path, input_key: &str) -> Option<Recorded> {
    let text = std::fs::read_to_string(dir.join(MANIFEST)).ok()?;
    let mut generator = None;
    let mut inputs = None;
    let mut warnings = None;
    let mut files = BTreeMap::new();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        match line.split_once(' ')? {
            ("generator", v) => generator = Some(v),
            ("inputs", v) => inputs = Some(v),
            ("warnings", v) => warnings = v.parse().ok(),
            ("file", rest) => {
                let line = file_line(rest)?;
                files.insert(line.path.to_string(), line.text);
            }
            _ => return None,
        }
    }
    if generator? != GENERATOR_FINGERPRINT || inputs? != input_key {
        return None;
    }
    // Every file is read and hashed, on all cores: this is all a run on
    // unchanged docs does besides reading them.
    let listed: Vec<(&String, &&str)> = files.iter().collect();
    let intact = crate::config::par_map(&listed, |(rel, hash)| {
        std::fs::read(dir.join(rel))
            .is_ok_and(|bytes| crate::emit::reuse::text_hash(&bytes) == **hash)
    });
    if intact.contains(&false) {
        return None;
    }
    let expected = files.len() + 1;
    let present = existing_generated(dir);
    if present.len() != expected
        || present
            .iter()
            .any(|rel| rel != MANIFEST && !files.contains_key(rel))
    {
        return None;
    }
    Some(Recorded {
        warnings: warnings?,
        files: expected,
    })
}

/// The sibling folders a run works in: `.NAME.generator-staging-PID`.
fn work_dir(dir: &Path, kind: &str) -> PathBuf {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".to_string());
    dir.with_file_name(format!(".{name}.generator-{kind}-{}", std::process::id()))
}

/// Removes work folders left by runs that were killed. Folders of a process
/// that is still running (another generator on the same folder) are kept
/// where that can be told (Linux).
fn remove_leftovers(dir: &Path) {
    let (Some(parent), Some(name)) = (dir.parent(), dir.file_name()) else {
        return;
    };
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    let prefix = format!(".{}.generator-", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file_name.strip_prefix(&prefix) else {
            continue;
        };
        let pid = rest.rsplit('-').next().and_then(|p| p.parse::<u32>().ok());
        let alive = pid.is_some_and(|pid| {
            pid == std::process::id()
                || (cfg!(target_os = "linux") && Path::new(&format!("/proc/{pid}")).exists())
        });
        if !alive {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Copies the folder's tree into `to`, as hard links, leaving out the
/// generated files that are about to change.
fn link_tree(from: &Path, to: &Path, skip: &dyn Fn(&str) -> bool) -> Result<(), WriteError> {
    std::fs::create_dir_all(to).map_err(io(to))?;
    for entry in std::fs::read_dir(from).map_err(io(from))? {
        let entry = entry.map_err(io(from))?;
        let path = entry.path();
        let target = to.join(entry.file_name());
        let ft = entry.file_type().map_err(io(&path))?;
        if ft.is_dir() {
            link_tree(&path, &target, &|rel| {
                skip(&format!("{}/{rel}", entry.file_name().to_string_lossy()))
            })?;
        } else if ft.is_symlink() {
            let link = std::fs::read_link(&path).map_err(io(&path))?;
            symlink(&link, &target).map_err(io(&target))?;
        } else if !skip(&entry.file_name().to_string_lossy()) {
            // Where hard links are not allowed, a copy does as well.
            if std::fs::hard_link(&path, &target).is_err() {
                std::fs::copy(&path, &target).map_err(io(&path))?;
            }
        }
    }
    Ok(())
}

#[cfg(unix)]
fn symlink(link: &Path, at: &Path) -> std::io::Result<()> {
    std::os::unix::fs::symlink(link, at)
}

#[cfg(not(unix))]
fn symlink(link: &Path, at: &Path) -> std::io::Result<()> {
    std::fs::copy(link, at).map(|_| ())
}

/// Puts `staging` in the place of `dir` in one step. On Linux both folders
/// are exchanged atomically; elsewhere (or on file systems without
/// exchange) `dir` is moved aside first, which leaves a moment in which
/// `dir` does not exist.
fn swap_in(staging: &Path, dir: &Path) -> Result<(), WriteError> {
    if !dir.exists() {
        return std::fs::rename(staging, dir).map_err(io(dir));
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{renameat_with, RenameFlags, CWD};
        if renameat_with(CWD, staging, CWD, dir, RenameFlags::EXCHANGE).is_ok() {
            // `staging` now holds the old folder.
            let _ = std::fs::remove_dir_all(staging);
            return Ok(());
        }
    }
    let old = work_dir(dir, "old");
    std::fs::rename(dir, &old).map_err(io(dir))?;
    if let Err(error) = std::fs::rename(staging, dir) {
        let _ = std::fs::rename(&old, dir);
        return Err(WriteError::Io {
            path: dir.to_path_buf(),
            error,
        });
    }
    let _ = std::fs::remove_dir_all(&old);
    Ok(())
}

/// Writes the generated files: a no-op when `dir` already holds them, else
/// a new folder with the new files and everything else of the old one,
/// swapped in at once. Returns the number of files written or removed.
pub fn write(dir: &Path, files: &BTreeMap<String, String>) -> Result<usize, WriteError> {
    write_known(dir, files, &BTreeSet::new())
}

/// As [`write`], taking the files in `on_disk` as the folder holds them
/// (see [`check_known`]).
pub fn write_known(
    dir: &Path,
    files: &BTreeMap<String, String>,
    on_disk: &BTreeSet<String>,
) -> Result<usize, WriteError> {
    // Swap the folder a symlink points to, not the symlink.
    let dir = &std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    remove_leftovers(dir);
    let stale = check_known(dir, files, on_disk);
    if stale.is_empty() {
        return Ok(0);
    }
    // Refuse before any work if a user's file is in the way.
    for s in &stale {
        if let Stale::Different(rel) = s {
            let path = dir.join(rel);
            if !is_generated(&path) {
                return Err(WriteError::NotGenerated { path });
            }
        }
    }
    let replaced: std::collections::BTreeSet<&str> = stale
        .iter()
        .map(|s| match s {
            Stale::Missing(r) | Stale::Different(r) | Stale::Extra(r) => r.as_str(),
        })
        .collect();
    let staging = work_dir(dir, "staging");
    let result = (|| {
        if dir.exists() {
            link_tree(dir, &staging, &|rel| replaced.contains(rel))?;
        }
        for s in &stale {
            if let Stale::Missing(rel) | Stale::Different(rel) = s {
                let path = staging.join(rel);
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent).map_err(io(parent))?;
                }
                std::fs::write(&path, &files[rel]).map_err(io(&path))?;
            }
        }
        swap_in(&staging, dir)
    })();
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    result.map(|()| stale.len())
}
