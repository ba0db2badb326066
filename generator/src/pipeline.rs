//! The whole run: read a docs folder, parse, build the model, emit files, and
//! write or check them. Each stage is timed for the benchmark.

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::model::{self, Model};
use crate::parse::{self, Page};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A markdown file read from the docs folder.
pub struct SourceFile {
    /// Relative path with `/` separators.
    pub rel: String,
    pub text: String,
}

/// Time spent in each stage.
#[derive(Debug, Default, Clone)]
pub struct Timings {
    pub read: Duration,
    pub parse: Duration,
    pub model: Duration,
    pub emit: Duration,
    pub format: Duration,
    pub write: Duration,
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

/// Reads every `.md` file below `dir`, sorted by relative path.
pub fn read_docs(dir: &Path) -> Result<Vec<SourceFile>, RunError> {
    let mut out = Vec::new();
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
            let ft = entry.file_type().map_err(|error| RunError::Io {
                path: path.clone(),
                error,
            })?;
            if ft.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                let bytes = std::fs::read(&path).map_err(|error| RunError::Io {
                    path: path.clone(),
                    error,
                })?;
                let rel = path
                    .strip_prefix(dir)
                    .unwrap_or(&path)
                    .to_string_lossy()
                    .replace('\\', "/");
                // Invalid UTF-8 is replaced rather than fatal; the page is still read.
                let text = String::from_utf8(bytes)
                    .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
                out.push(SourceFile { rel, text });
            }
        }
    }
    if out.is_empty() {
        return Err(RunError::NoPages {
            dir: dir.to_path_buf(),
        });
    }
    out.sort_by(|a, b| a.rel.cmp(&b.rel));
    Ok(out)
}

/// Parses all pages, on all cores; page order is kept.
pub fn parse_all(sources: &[SourceFile], diags: &mut Diagnostics) -> Vec<Page> {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(8);
    let chunk = sources.len().div_ceil(threads).max(1);
    let results: Vec<Vec<(Page, Vec<parse::ParseIssue>)>> = std::thread::scope(|s| {
        let handles: Vec<_> = sources
            .chunks(chunk)
            .map(|c| {
                s.spawn(move || {
                    c.iter()
                        .map(|f| parse::parse_page(&f.rel, &f.text))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_default())
            .collect()
    });
    let mut pages = Vec::with_capacity(sources.len());
    for (page, issues) in results.into_iter().flatten() {
        for issue in issues {
            diags.warning(
                "parse",
                &Location::new(page.file.clone(), issue.line),
                issue.message,
            );
        }
        pages.push(page);
    }
    pages
}

/// Everything one run produces.
pub struct Output {
    pub model: Model,
    /// Relative path in the output folder to file content.
    pub files: BTreeMap<String, String>,
    pub diagnostics: Vec<Diagnostic>,
    pub timings: Timings,
}

/// Options of the emitted crate.
#[derive(Debug, Clone)]
pub struct Options {
    pub crate_name: String,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            crate_name: "graph-api".to_string(),
        }
    }
}

/// Runs parse, model and emit on files already read.
pub fn generate(sources: &[SourceFile], options: &Options) -> Output {
    let mut diags = Diagnostics::default();
    let mut timings = Timings::default();
    let t = Instant::now();
    let pages = parse_all(sources, &mut diags);
    timings.parse = t.elapsed();
    let t = Instant::now();
    let model = model::build::build(&pages, &mut diags);
    drop(pages);
    timings.model = t.elapsed();
    let files = crate::emit::emit(&model, options, &mut diags, &mut timings);
    Output {
        model,
        files,
        diagnostics: diags.into_sorted(),
        timings,
    }
}
