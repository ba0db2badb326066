//! Stage 0: reading the docs folder. Every `.md` file below it becomes a
//! [`SourceFile`], its bytes checked; folders are followed through links,
//! and a link that loops is reported, not followed.

use crate::config::par_map;
use crate::diag::{Code, ParseIssue};
use std::path::{Path, PathBuf};

/// A markdown file read from the docs folder.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Relative path with `/` separators.
    pub rel: String,
    pub text: String,
    /// What was wrong with the bytes of the file (not UTF-8, binary, too
    /// large); reported with the page's other parse issues.
    pub issues: Vec<ParseIssue>,
    /// Where the lines of a page expanded by [`crate::expand`] came from;
    /// empty for a page read as it is.
    pub origins: Vec<crate::source::LineOrigin>,
}

/// Pages larger than this are not read: no page of the Graph docs comes
/// near it (the largest is under 1 MiB), and reading one would only cost
/// memory and time.
pub const MAX_PAGE_BYTES: usize = 16 << 20;

impl SourceFile {
    /// Checks the bytes of a page and makes them text. Problems become
    /// issues of the page, never errors of the run: a binary or oversized
    /// file is an error diagnostic naming it, bytes that are not UTF-8 are
    /// replaced and reported where they start.
    pub fn from_bytes(rel: String, bytes: Vec<u8>) -> SourceFile {
        let mut issues = Vec::new();
        if bytes.len() > MAX_PAGE_BYTES {
            issues.push(ParseIssue::error(
                Code::PageTooLarge,
                1,
                format!(
                    "page is {} bytes, more than the {} MiB a page may have; it is not read",
                    bytes.len(),
                    MAX_PAGE_BYTES >> 20
                ),
            ));
            return SourceFile {
                rel,
                text: String::new(),
                issues,
                origins: Vec::new(),
            };
        }
        // `contains` on bytes is a vectorized search: over 13 MB of pages
        // it took 0.9 ms where a byte-by-byte `position` took 3.8 ms. The
        // offset is found only for the error.
        if let Some(nul) = bytes
            .contains(&0)
            .then(|| bytes.iter().position(|&b| b == 0))
            .flatten()
        {
            issues.push(ParseIssue::error(
                Code::BinaryFile,
                line_of(&bytes, nul),
                format!("file holds a NUL byte at offset {nul}; it is not read as a page"),
            ));
            return SourceFile {
                rel,
                text: String::new(),
                issues,
                origins: Vec::new(),
            };
        }
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let bytes = e.as_bytes();
                let bad = e.utf8_error().valid_up_to();
                let before = &bytes[..bad];
                let line = line_of(bytes, bad);
                let line_start = before
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |i| i + 1);
                let column = 1 + String::from_utf8_lossy(&before[line_start..])
                    .chars()
                    .count() as u32;
                issues.push(ParseIssue {
                    column,
                    ..ParseIssue::warning(
                        Code::NotUtf8,
                        line,
                        format!("byte 0x{:02x} at offset {bad} is not UTF-8", bytes[bad]),
                    )
                });
                String::from_utf8_lossy(bytes).into_owned()
            }
        };
        SourceFile {
            rel,
            text,
            issues,
            origins: Vec::new(),
        }
    }
}

/// Where a run of lines of an expanded page comes from: lines from `line`
/// on are lines from `source_line` on of `file`, up to the next origin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineOrigin {
    pub line: u32,
    pub file: String,
    pub source_line: u32,
}

/// An error that stops the run (as opposed to diagnostics about the docs).
#[derive(Debug)]
pub enum RunError {
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    NoPages {
        dir: PathBuf,
    },
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RunError::Io { path, error } => write!(f, "{}: error: {error}", path.display()),
            RunError::NoPages { dir } => {
                write!(f, "{}: error: no `.md` pages in this folder", dir.display())
            }
        }
    }
}

impl std::error::Error for RunError {}

/// Reads every `.md` file below `dir`, sorted by relative path, on all
/// cores (checking each file's bytes is most of the work).
pub fn read_docs(dir: &Path) -> Result<Vec<SourceFile>, RunError> {
    let mut found = Vec::new();
    // Folders are followed through symbolic links; a link back to a folder
    // already read is a loop, reported and not read again.
    let mut seen = std::collections::BTreeSet::new();
    let mut loops = Vec::new();
    if let Ok(canonical) = std::fs::canonicalize(dir) {
        seen.insert(canonical);
    }
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = std::fs::read_dir(&d).map_err(|error| RunError::Io {
            path: d.clone(),
            error,
        })?;
        for entry in entries {
            let entry = entry.map_err(|error| RunError::Io {
                path: d.clone(),
                error,
            })?;
            let path = entry.path();
            let mut ft = entry.file_type().map_err(|error| RunError::Io {
                path: path.clone(),
                error,
            })?;
            if ft.is_symlink() {
                // A dangling link is not a page.
                match std::fs::metadata(&path) {
                    Ok(m) => ft = m.file_type(),
                    Err(_) => continue,
                }
            }
            let rel = path
                .strip_prefix(dir)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            if ft.is_dir() {
                match std::fs::canonicalize(&path) {
                    Ok(canonical) if !seen.insert(canonical.clone()) => {
                        loops.push((rel, canonical));
                    }
                    _ => stack.push(path),
                }
            } else if path.extension().is_some_and(|e| e == "md") {
                found.push((rel, path));
            }
        }
    }
    if found.is_empty() {
        return Err(RunError::NoPages {
            dir: dir.to_path_buf(),
        });
    }
    found.sort();
    let read = par_map(&found, |(rel, path)| read_page(path, rel.clone()));
    let mut sources: Vec<SourceFile> = read.into_iter().collect::<Result<_, _>>()?;
    // A loop is reported at the link, as a page of its own with no content.
    loops.sort();
    for (rel, target) in loops {
        let mut source = SourceFile::from_bytes(format!("{rel}/"), Vec::new());
        source.issues.push(ParseIssue::warning(
            Code::SymlinkLoop,
            1,
            format!(
                "folder link `{rel}` leads to `{}`, which is already read; it is not read again",
                target.display()
            ),
        ));
        sources.push(source);
    }
    Ok(sources)
}

/// The 1-based line of a byte offset.
fn line_of(bytes: &[u8], offset: usize) -> u32 {
    1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count() as u32
}

/// Reads one page; a file larger than a page may be is not read whole.
fn read_page(path: &Path, rel: String) -> Result<SourceFile, RunError> {
    use std::io::Read;
    let io = |error| RunError::Io {
        path: path.to_path_buf(),
        error,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    // Sized from the metadata, so a page is read in one go rather than
    // probed and grown.
    let len = file
        .metadata()
        .map_or(0, |m| m.len())
        .min(MAX_PAGE_BYTES as u64) as usize;
    let mut bytes = Vec::with_capacity(len + 1);
    // One byte more than the limit tells an oversized page from a full one.
    file.take(MAX_PAGE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    Ok(SourceFile::from_bytes(rel, bytes))
}
