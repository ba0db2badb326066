//! Settings and helpers every stage may use: the run's options, which
//! `[TAGS=...]` sections it reads, the time spent in each stage, and the
//! threads the stages run on. This module imports no stage, so any stage
//! can import it and the stages import one another only forward.

use std::collections::BTreeSet;
use std::time::Duration;

/// Options of the emitted crate.
#[derive(Debug, Clone)]
pub struct Options {
    pub crate_name: String,
    /// The `[TAGS=...]` sections to read (`--tags`).
    pub tags: Tags,
    /// Whether to format the emitted code. `lint` runs every check but
    /// leaves the files empty, as no one reads them.
    pub format: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            crate_name: "graph-api".to_string(),
            tags: Tags::All,
            format: true,
        }
    }
}

/// Which `[TAGS=...]` sections a run reads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Tags {
    /// No `--tags`: every section.
    #[default]
    All,
    /// Only sections that name one of these tags (lowercased).
    Only(BTreeSet<String>),
}

impl Tags {
    /// Tags as given on the command line: `a,b`.
    pub fn parse(list: &str) -> Tags {
        Tags::Only(
            list.split(',')
                .map(|t| t.trim().to_ascii_lowercase())
                .filter(|t| !t.is_empty())
                .collect(),
        )
    }

    /// Whether a section with these tags is read.
    pub fn selects(&self, section: &[String]) -> bool {
        match self {
            Tags::All => true,
            Tags::Only(tags) => section.iter().any(|t| tags.contains(t)),
        }
    }
}

/// Time spent in each stage.
#[derive(Debug, Default, Clone)]
pub struct Timings {
    pub read: Duration,
    pub parse: Duration,
    pub model: Duration,
    pub plan: Duration,
    pub emit: Duration,
    pub format: Duration,
    pub write: Duration,
}

/// How many threads the stages that run on all cores use.
pub fn threads() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(8)
}

/// Maps `f` over `items` on [`threads`] threads, one contiguous chunk each,
/// keeping the items' order. A panic in `f` is a generator bug: it is
/// raised again here rather than losing that chunk's results.
pub fn par_map<'a, T: Sync, R: Send>(items: &'a [T], f: impl Fn(&'a T) -> R + Sync) -> Vec<R> {
    let chunk = items.len().div_ceil(threads()).max(1);
    let f = &f;
    std::thread::scope(|s| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|c| s.spawn(move || c.iter().map(f).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    })
}
