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

/// Maps `f` over `items` on [`threads`] threads, keeping the items' order.
/// The items are cut into small chunks that each thread takes in turn as it
/// becomes free: items differ in cost (v1.0's API pages, the first half of
/// the folder in path order, hold 57% of its bytes), so one equal share per
/// thread left a core idle while the other finished. A panic in `f` is a
/// generator bug: it is raised again here rather than losing that chunk's
/// results.
pub fn par_map<'a, T: Sync, R: Send>(items: &'a [T], f: impl Fn(&'a T) -> R + Sync) -> Vec<R> {
    let threads = threads();
    if threads == 1 || items.len() < 2 {
        return items.iter().map(f).collect();
    }
    // An [`Ahead`] with every thread helping at once: the calling thread
    // maps chunks too, and waits for the others' last chunks.
    let ahead = Ahead::new(items, f);
    std::thread::scope(|s| {
        for _ in 1..threads {
            s.spawn(|| ahead.help());
        }
        ahead.results()
    })
}

/// A [`par_map`] started ahead of need: helper threads take its chunks
/// while the thread that will need the results does other work, and that
/// thread takes the chunks still left when it asks for them
/// ([`Ahead::results`]). The model uses it to read pages on the second
/// core while its first core merges what was read before: the merge is
/// sequential, and without this one core idled through it.
///
/// The results keep the items' order. A panic in `f` is raised again in the
/// thread that asks for the results.
pub struct Ahead<'a, T, R, F> {
    chunks: Vec<&'a [T]>,
    next: std::sync::atomic::AtomicUsize,
    done: std::sync::Mutex<Done<R>>,
    finished: std::sync::Condvar,
    f: F,
}

/// The chunks an [`Ahead`] has mapped, by index, and the first panic.
struct Done<R> {
    count: usize,
    slots: Vec<Option<Vec<R>>>,
    panic: Option<Box<dyn std::any::Any + Send>>,
}

impl<'a, T: Sync, R: Send, F: Fn(&'a T) -> R + Sync> Ahead<'a, T, R, F> {
    pub fn new(items: &'a [T], f: F) -> Self {
        let chunks: Vec<&'a [T]> = items
            .chunks((items.len() / (threads() * 16)).max(1))
            .collect();
        let slots = std::iter::repeat_with(|| None).take(chunks.len()).collect();
        Ahead {
            chunks,
            next: std::sync::atomic::AtomicUsize::new(0),
            done: std::sync::Mutex::new(Done {
                count: 0,
                slots,
                panic: None,
            }),
            finished: std::sync::Condvar::new(),
            f,
        }
    }

    /// Maps chunks until none is left to take.
    pub fn help(&self) {
        loop {
            let i = self.next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(chunk) = self.chunks.get(i) else {
                break;
            };
            let mapped = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                chunk.iter().map(&self.f).collect::<Vec<R>>()
            }));
            let mut done = self.done.lock().unwrap_or_else(|e| e.into_inner());
            match mapped {
                Ok(results) => done.slots[i] = Some(results),
                Err(panic) => {
                    done.panic.get_or_insert(panic);
                }
            }
            done.count += 1;
            if done.count == self.chunks.len() {
                self.finished.notify_all();
            }
        }
    }

    /// Takes the chunks no thread has taken yet, waits for the others, and
    /// returns every result in the items' order.
    pub fn results(&self) -> Vec<R> {
        self.help();
        let mut done = self.done.lock().unwrap_or_else(|e| e.into_inner());
        while done.count < self.chunks.len() {
            done = self.finished.wait(done).unwrap_or_else(|e| e.into_inner());
        }
        if let Some(panic) = done.panic.take() {
            std::panic::resume_unwind(panic);
        }
        std::mem::take(&mut done.slots)
            .into_iter()
            .flatten()
            .flatten()
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn par_map_keeps_the_order_of_items_of_uneven_cost() {
        for n in [0, 1, 2, 31, 1000] {
            let items: Vec<u64> = (0..n).collect();
            let out = par_map(&items, |&i| {
                // The first items cost the most, as API pages do.
                if i < n / 4 {
                    std::thread::sleep(std::time::Duration::from_micros(50));
                }
                i * 2
            });
            assert_eq!(out, items.iter().map(|i| i * 2).collect::<Vec<_>>());
        }
    }

    #[test]
    #[should_panic(expected = "item 7")]
    fn a_panic_in_an_item_is_raised_again() {
        let items: Vec<u64> = (0..100).collect();
        par_map(&items, |&i| assert_ne!(i, 7, "item {i}"));
    }

    #[test]
    fn ahead_keeps_the_order_whoever_maps_the_chunks() {
        for n in [0, 1, 2, 31, 1000] {
            let items: Vec<u64> = (0..n).collect();
            let ahead = Ahead::new(&items, |&i| {
                if i % 7 == 0 {
                    std::thread::sleep(std::time::Duration::from_micros(20));
                }
                i * 2
            });
            let out = std::thread::scope(|s| {
                s.spawn(|| ahead.help());
                ahead.results()
            });
            assert_eq!(out, items.iter().map(|i| i * 2).collect::<Vec<_>>());
        }
    }

    #[test]
    fn ahead_without_a_helper_maps_everything_itself() {
        let items: Vec<u64> = (0..100).collect();
        let ahead = Ahead::new(&items, |&i| i + 1);
        assert_eq!(ahead.results(), (1..101).collect::<Vec<_>>());
    }

    #[test]
    #[should_panic(expected = "item 7")]
    fn a_panic_on_a_helper_is_raised_where_the_results_are_asked_for() {
        let items: Vec<u64> = (0..100).collect();
        let ahead = Ahead::new(&items, |&i| assert_ne!(i, 7, "item {i}"));
        std::thread::scope(|s| {
            s.spawn(|| ahead.help());
            ahead.results();
        });
    }
}
