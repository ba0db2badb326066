//! Diagnostics: what the generator has to say about the docs it read.
//!
//! Every diagnostic names where in the docs it comes from (file and line) and
//! says whose problem it is: the docs (wrong or contradictory), the generator
//! (a construct it does not support yet), or the generator itself (a bug).
//! A second location is kept for conflicts, so both sources are reported.

use serde::Serialize;
use std::fmt;

/// How serious a diagnostic is. Only `Error` makes the run fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

/// Whose problem a diagnostic describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// The docs are wrong, incomplete or contradict themselves.
    Docs,
    /// The docs use a construct the generator does not understand (yet).
    Unsupported,
    /// The generator reached a state it should never reach.
    GeneratorBug,
}

/// A place in the docs folder: a file relative to the folder, and a 1-based line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Location {
    pub file: String,
    pub line: u32,
}

impl Location {
    pub fn new(file: impl Into<String>, line: u32) -> Self {
        Location {
            file: file.into(),
            line,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// One message about the docs.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Diagnostic {
    pub location: Location,
    pub severity: Severity,
    pub origin: Origin,
    /// A short stable key used to count diagnostics by reason in the coverage summary.
    pub reason: &'static str,
    pub message: String,
    /// The other source of a conflict, if any.
    pub related: Option<Location>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        let origin = match self.origin {
            Origin::Docs => "docs",
            Origin::Unsupported => "unsupported",
            Origin::GeneratorBug => "generator bug",
        };
        write!(
            f,
            "{}: {sev}: {} [{origin}: {}]",
            self.location, self.message, self.reason
        )?;
        if let Some(related) = &self.related {
            write!(f, " (see also {related})")?;
        }
        Ok(())
    }
}

/// Collects diagnostics during a run.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(
        &mut self,
        severity: Severity,
        origin: Origin,
        reason: &'static str,
        location: &Location,
        message: impl Into<String>,
    ) {
        self.items.push(Diagnostic {
            location: location.clone(),
            severity,
            origin,
            reason,
            message: message.into(),
            related: None,
        });
    }

    /// Records a conflict between two sources; both are printed.
    pub fn conflict(
        &mut self,
        reason: &'static str,
        location: &Location,
        related: &Location,
        message: impl Into<String>,
    ) {
        self.related(Severity::Warning, reason, location, related, message);
    }

    /// An info about two sources that agree, e.g. one operation on two pages.
    pub fn related_info(
        &mut self,
        reason: &'static str,
        location: &Location,
        related: &Location,
        message: impl Into<String>,
    ) {
        self.related(Severity::Info, reason, location, related, message);
    }

    fn related(
        &mut self,
        severity: Severity,
        reason: &'static str,
        location: &Location,
        related: &Location,
        message: impl Into<String>,
    ) {
        self.items.push(Diagnostic {
            location: location.clone(),
            severity,
            origin: Origin::Docs,
            reason,
            message: message.into(),
            related: Some(related.clone()),
        });
    }

    pub fn info(&mut self, reason: &'static str, at: &Location, message: impl Into<String>) {
        self.push(Severity::Info, Origin::Docs, reason, at, message);
    }

    pub fn warning(&mut self, reason: &'static str, at: &Location, message: impl Into<String>) {
        self.push(Severity::Warning, Origin::Docs, reason, at, message);
    }

    pub fn unsupported(&mut self, reason: &'static str, at: &Location, message: impl Into<String>) {
        self.push(Severity::Warning, Origin::Unsupported, reason, at, message);
    }

    pub fn error(&mut self, reason: &'static str, at: &Location, message: impl Into<String>) {
        self.push(Severity::Error, Origin::Docs, reason, at, message);
    }

    pub fn bug(&mut self, reason: &'static str, at: &Location, message: impl Into<String>) {
        self.push(Severity::Error, Origin::GeneratorBug, reason, at, message);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Sorted, de-duplicated diagnostics, so output is the same on every run.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort();
        self.items.dedup();
        self.items
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// Counts for the summary line printed at the end of a run.
pub fn summary(diags: &[Diagnostic]) -> String {
    let count = |s| diags.iter().filter(|d| d.severity == s).count();
    format!(
        "{} error(s), {} warning(s), {} info",
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info)
    )
}
