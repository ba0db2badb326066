//! The benchmark: times every stage on a docs folder, beside a floor
//! measured in the same run (pulldown-cmark parsing the same files, on the
//! same threads, doing nothing else), and reports peak memory.

use crate::config::{self, Options, Timings};
use crate::pipeline;
use crate::source::{self, SourceFile};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;
use std::time::{Duration, Instant};

/// Parses every file with pulldown-cmark and nothing else, on as many
/// threads as the generator's parse stage uses.
fn floor(sources: &[SourceFile]) -> Duration {
    let t = Instant::now();
    let mut opts = pulldown_cmark::Options::empty();
    opts.insert(pulldown_cmark::Options::ENABLE_TABLES);
    opts.insert(pulldown_cmark::Options::ENABLE_YAML_STYLE_METADATA_BLOCKS);
    let events: usize = config::par_map(sources, |f| {
        pulldown_cmark::Parser::new_ext(&f.text, opts).count()
    })
    .into_iter()
    .sum();
    std::hint::black_box(events);
    t.elapsed()
}

/// The least the required formatter can cost: `prettyplease::unparse`
/// alone on every emitted Rust file, on as many threads as the emit stage
/// uses. Each thread first parses its share of the files (not timed), then
/// all start printing together; the result is the wall time from that start
/// to the last thread's end. It leaves out everything the generator does
/// before (reading, parsing the docs, the model, building tokens, turning
/// them into a `syn::File`), so no run that formats with prettyplease can be
/// faster than read + this.
fn formatter_floor(files: &std::collections::BTreeMap<String, String>) -> Duration {
    let threads = config::threads();
    // Largest first onto the least loaded thread, so shares are even.
    let mut rust: Vec<&String> = files
        .iter()
        .filter(|(path, _)| path.ends_with(".rs"))
        .map(|(_, text)| text)
        .collect();
    rust.sort_by_key(|t| std::cmp::Reverse(t.len()));
    let mut shares: Vec<(usize, Vec<&String>)> = vec![(0, Vec::new()); threads];
    for text in rust {
        if let Some(share) = shares.iter_mut().min_by_key(|(load, _)| *load) {
            share.0 += text.len();
            share.1.push(text);
        }
    }
    let barrier = std::sync::Barrier::new(threads);
    let spans: Vec<(Instant, Instant)> = std::thread::scope(|s| {
        let handles: Vec<_> = shares
            .iter()
            .map(|(_, texts)| {
                let barrier = &barrier;
                s.spawn(move || {
                    let parsed: Vec<syn::File> = texts
                        .iter()
                        .filter_map(|t| syn::parse_file(t).ok())
                        .collect();
                    barrier.wait();
                    let start = Instant::now();
                    let printed: usize =
                        parsed.iter().map(|f| prettyplease::unparse(f).len()).sum();
                    std::hint::black_box(printed);
                    (start, Instant::now())
                })
            })
            .collect();
        handles.into_iter().filter_map(|h| h.join().ok()).collect()
    });
    match (
        spans.iter().map(|s| s.0).min(),
        spans.iter().map(|s| s.1).max(),
    ) {
        (Some(start), Some(end)) => end.duration_since(start),
        _ => Duration::ZERO,
    }
}

/// One page's change as a docs pull request would make it: a sentence
/// added to a line of prose of the middle resource page in path order. The
/// line is the first whose edit changes a Rust file of the output, found
/// with untimed runs against `base`, the output of the docs as read: the
/// page's first paragraph may be its `Namespace:` line, whose edit changes
/// nothing a run must print again.
#[derive(Clone, Copy)]
struct OnePageEdit {
    /// The page's index in the sources.
    page: usize,
    /// The line (0-based).
    line: usize,
    kind: EditKind,
}

/// What a one-page edit does to its line.
#[derive(Clone, Copy)]
enum EditKind {
    /// A sentence appended to a line of prose: the model's shape stays,
    /// a description changes.
    Prose,
    /// A property table's row repeated under a new name after itself: a
    /// property added to a type, which changes the type's struct and its
    /// field names but no other type's names.
    NewProperty,
}

impl OnePageEdit {
    fn find(sources: &[SourceFile], base: &BTreeMap<String, String>) -> Option<OnePageEdit> {
        let mut resources: Vec<usize> = (0..sources.len())
            .filter(|&i| sources[i].rel.contains("resources/"))
            .collect();
        resources.sort_by(|&a, &b| sources[a].rel.cmp(&sources[b].rel));
        let page = *resources.get(resources.len() / 2)?;
        let mut in_front_matter = false;
        let candidates: Vec<usize> = sources[page]
            .text
            .lines()
            .enumerate()
            .filter(|(i, l)| {
                if l.trim() == "---" {
                    in_front_matter = *i == 0 || !in_front_matter;
                    return false;
                }
                !in_front_matter
                    && !l.trim().is_empty()
                    && !l.starts_with('#')
                    && !l.starts_with('<')
                    && !l.starts_with('|')
                    && !l.starts_with('[')
            })
            .map(|(i, _)| i)
            .collect();
        candidates
            .into_iter()
            .map(|line| OnePageEdit {
                page,
                line,
                kind: EditKind::Prose,
            })
            .find(|edit| {
                let mut changed = sources.to_vec();
                edit.apply(&mut changed);
                let out = pipeline::generate(&changed, &Options::default());
                out.files
                    .iter()
                    .any(|(path, text)| path.ends_with(".rs") && base.get(path) != Some(text))
            })
    }

    /// The same page's first property table row whose name is a plain
    /// word, as an edit that adds a property after it (see
    /// [`EditKind::NewProperty`]).
    fn new_property(&self, sources: &[SourceFile]) -> Option<OnePageEdit> {
        let mut in_table = false;
        let line = sources[self.page]
            .text
            .lines()
            .enumerate()
            .find_map(|(i, l)| {
                let cells: Vec<&str> = l.split('|').map(str::trim).collect();
                if !l.trim_start().starts_with('|') || cells.len() < 3 {
                    in_table = false;
                    return None;
                }
                if cells[1].eq_ignore_ascii_case("property") {
                    in_table = true;
                    return None;
                }
                let word =
                    !cells[1].is_empty() && cells[1].chars().all(|c| c.is_ascii_alphanumeric());
                (in_table && word).then_some(i)
            })?;
        Some(OnePageEdit {
            page: self.page,
            line,
            kind: EditKind::NewProperty,
        })
    }

    /// Makes the edit; returns the page's path.
    fn apply(&self, sources: &mut [SourceFile]) -> String {
        let page = &mut sources[self.page];
        let mut lines: Vec<String> = page.text.lines().map(str::to_string).collect();
        match self.kind {
            EditKind::Prose => lines[self.line].push_str(" Changed by the benchmark."),
            EditKind::NewProperty => {
                let mut cells: Vec<String> =
                    lines[self.line].split('|').map(str::to_string).collect();
                cells[1] = format!("{}AddedByBenchmark", cells[1].trim());
                lines.insert(self.line + 1, cells.join("|"));
            }
        }
        page.text = lines.join("\n");
        page.rel.clone()
    }

    /// How the benchmark's report names the edit.
    fn describe(&self, sources: &mut [SourceFile]) -> String {
        let what = match self.kind {
            EditKind::Prose => "a sentence added to line",
            EditKind::NewProperty => "a property added after the table row at line",
        };
        format!("{what} {} of {}", self.line + 1, self.apply(sources))
    }
}

/// A page with line `i` (0-based) changed: a word added, the line removed
/// or repeated, in turn by `i`. The edits the incremental checks make.
pub fn edit_line(text: &str, i: usize) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    if i >= lines.len() {
        return text.to_string();
    }
    match i % 3 {
        0 => lines[i].push_str(" changed"),
        1 => {
            lines.remove(i);
        }
        _ => lines.insert(i, lines[i].clone()),
    }
    lines.join("\n")
}

/// Makes `edits` one-line edits spread over the folder, one at a time
/// (page `k * pages / edits` in path order, its middle line, see
/// [`edit_line`]), each regenerated reusing the output the edit before
/// left in `out_dir` and compared byte for byte with a full run. Returns
/// how many files built no tokens, over all edits.
fn check_edits(docs: &Path, out_dir: &Path, edits: usize) -> Result<usize, String> {
    let mut base = source::read_docs(docs).map_err(|e| e.to_string())?;
    base.sort_by(|a, b| a.rel.cmp(&b.rel));
    let mut unbuilt = 0;
    for k in 0..edits {
        let mut sources = base.clone();
        let page = &mut sources[k * base.len() / edits];
        let line = page.text.lines().count() / 2;
        page.text = edit_line(&page.text, line);
        let rel = page.rel.clone();
        let reuse = crate::output::reusable(out_dir);
        let out = pipeline::generate_reusing(&sources, &Options::default(), &reuse);
        let full = pipeline::generate(&sources, &Options::default());
        if out.files != full.files {
            return Err(format!(
                "after an edit of line {} of {rel}, a run reusing the last run's files differs from a full run",
                line + 1
            ));
        }
        unbuilt += out.unbuilt;
        crate::output::write_known(out_dir, &out.files, &out.on_disk).map_err(|e| e.to_string())?;
        // The folder, read back whole, holds the full run's files.
        if !crate::output::check(out_dir, &full.files).is_empty() {
            return Err(format!(
                "after an edit of line {} of {rel}, the folder written differs from a full run",
                line + 1
            ));
        }
    }
    Ok(unbuilt)
}

/// One one-page edit's best time in process, and what its run reused.
struct EditTiming {
    what: String,
    time: Duration,
    reused: usize,
    unbuilt: usize,
    files: usize,
}

/// Times a run after `edit`, reusing the output in `out_dir` of the docs
/// as read, best of `runs`; checks each byte for byte against a full run
/// on the same docs, and writes the unchanged docs' output back after.
fn time_edit(
    docs: &Path,
    out_dir: &Path,
    edit: &OnePageEdit,
    runs: usize,
) -> Result<EditTiming, String> {
    let mut best = EditTiming {
        what: String::new(),
        time: Duration::MAX,
        reused: 0,
        unbuilt: 0,
        files: 0,
    };
    for _ in 0..runs {
        let t = Instant::now();
        let mut sources = source::read_docs(docs).map_err(|e| e.to_string())?;
        let what = edit.describe(&mut sources);
        let reuse = crate::output::reusable(out_dir);
        let out = pipeline::generate_reusing(&sources, &Options::default(), &reuse);
        crate::output::write_known(out_dir, &out.files, &out.on_disk).map_err(|e| e.to_string())?;
        let elapsed = t.elapsed();
        let full = pipeline::generate(&sources, &Options::default());
        if out.files != full.files {
            return Err(format!(
                "after {what}, a run reusing the last run's files differs from a full run"
            ));
        }
        // Back to the unchanged docs for the next round.
        let sources = source::read_docs(docs).map_err(|e| e.to_string())?;
        let back = pipeline::generate(&sources, &Options::default());
        crate::output::write(out_dir, &back.files).map_err(|e| e.to_string())?;
        if elapsed < best.time {
            best = EditTiming {
                what,
                time: elapsed,
                reused: out.reused(),
                unbuilt: out.unbuilt,
                files: out.files.len(),
            };
        }
    }
    Ok(best)
}

/// What a user waits for: each run a new process of the generator, as
/// `cargo run -p generator` starts it once built. The figures above are
/// taken in one process, whose memory is already faulted in after the
/// first run; a new process pays for every page of memory it touches, and
/// prints its diagnostics.
struct CommandLine {
    full: Duration,
    no_change: Duration,
    /// One per edit, in the order given.
    one_page: Vec<Duration>,
}

/// Times `exe` on copies of the folder, written from the pages read: as
/// read, and with each one-page edit. Best of `runs` each: a full run
/// (`--force`), a run on unchanged docs, a run after each one-page change
/// reusing the full run's output.
fn command_line(
    exe: &Path,
    sources: &[SourceFile],
    edits: &[OnePageEdit],
    runs: usize,
) -> Result<CommandLine, String> {
    let root = std::env::temp_dir().join(format!("generator-bench-cli-{}", std::process::id()));
    let (before, out) = (root.join("before"), root.join("out"));
    let afters: Vec<std::path::PathBuf> = (0..edits.len())
        .map(|i| root.join(format!("after{i}")))
        .collect();
    let result = (|| {
        write_docs(&before, sources)?;
        for (edit, after) in edits.iter().zip(&afters) {
            let mut changed = sources.to_vec();
            edit.apply(&mut changed);
            write_docs(after, &changed)?;
        }
        let run = |docs: &Path, force: bool| -> Result<Duration, String> {
            let mut command = std::process::Command::new(exe);
            command.arg(docs).arg(&out);
            if force {
                command.arg("--force");
            }
            command
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null());
            let t = Instant::now();
            let status = command
                .status()
                .map_err(|e| format!("{}: {e}", exe.display()))?;
            let elapsed = t.elapsed();
            if !status.success() {
                return Err(format!(
                    "`{} {}` failed ({status})",
                    exe.display(),
                    docs.display()
                ));
            }
            Ok(elapsed)
        };
        let mut best = CommandLine {
            full: Duration::MAX,
            no_change: Duration::MAX,
            one_page: vec![Duration::MAX; edits.len()],
        };
        for _ in 0..runs {
            for (best_one, after) in best.one_page.iter_mut().zip(&afters) {
                best.full = best.full.min(run(&before, true)?);
                best.no_change = best.no_change.min(run(&before, false)?);
                *best_one = (*best_one).min(run(after, false)?);
            }
        }
        Ok(best)
    })();
    let _ = std::fs::remove_dir_all(&root);
    result
}

/// Writes each page's text at its path under `dir`.
fn write_docs(dir: &Path, sources: &[SourceFile]) -> Result<(), String> {
    for s in sources {
        let path = dir.join(&s.rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&path, &s.text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

/// Peak resident memory of this process, from `/proc/self/status`.
fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Runs the whole pipeline `runs` times and reports the best run, then
/// checks `edits` one-line edits (see [`check_edits`]). With `exe`, the
/// generator's own binary, also times it from the command line (see
/// [`CommandLine`]).
pub fn run(docs: &Path, runs: usize, edits: usize, exe: Option<&Path>) -> Result<String, String> {
    let runs = runs.max(1);
    let out_dir = std::env::temp_dir().join(format!("generator-bench-{}", std::process::id()));
    let mut best: Option<(Duration, Timings, Duration, usize, usize, usize)> = None;
    let mut floors = Vec::new();
    let mut last_files = None;
    let mut first_run_peak = None;
    for _ in 0..runs {
        let start = Instant::now();
        let t = Instant::now();
        let sources = source::read_docs(docs).map_err(|e| e.to_string())?;
        let read = t.elapsed();
        let mut out = pipeline::generate(&sources, &Options::default());
        out.timings.read = read;
        // Each run writes a whole crate, not just what changed since the last.
        let _ = std::fs::remove_dir_all(&out_dir);
        let t = Instant::now();
        crate::output::write(&out_dir, &out.files).map_err(|e| e.to_string())?;
        out.timings.write = t.elapsed();
        let total = start.elapsed();
        let bytes: usize = sources.iter().map(|s| s.text.len()).sum();
        let out_bytes: usize = out.files.values().map(|f| f.len()).sum();
        // The floor, measured in the same run, on the same files.
        // The first run's peak is what one run of the generator needs; the
        // benchmark's later runs hold several outputs at once to compare
        // them, and the allocator keeps what earlier runs freed.
        if first_run_peak.is_none() {
            first_run_peak = peak_memory_kib();
        }
        let f = floor(&sources);
        floors.push(f);
        if best.as_ref().is_none_or(|b| total < b.0) {
            best = Some((
                total,
                out.timings.clone(),
                f,
                sources.len(),
                bytes,
                out_bytes,
            ));
        }
        last_files = Some(out.files);
    }
    // A run on unchanged docs: read, hash, verify the output, stop.
    let mut no_change = Duration::MAX;
    for _ in 0..runs {
        let t = Instant::now();
        let sources = source::read_docs(docs).map_err(|e| e.to_string())?;
        let key = pipeline::input_key(&sources, &Options::default());
        if crate::output::unchanged(&out_dir, &key).is_none() {
            return Err("the output just written does not verify against its manifest".into());
        }
        no_change = no_change.min(t.elapsed());
    }
    // A run after a one-page change, reusing the files whose tokens did
    // not change, checked byte for byte against a full run on the same docs.
    let edit = {
        let sources = source::read_docs(docs).map_err(|e| e.to_string())?;
        let base = last_files.as_ref().ok_or("no run")?;
        OnePageEdit::find(&sources, base)
            .ok_or("no line of a page whose edit changes the output")?
    };
    // The same page with a property added: a change of the model's shape.
    let property = {
        let sources = source::read_docs(docs).map_err(|e| e.to_string())?;
        edit.new_property(&sources)
    };
    let one_page_edits: Vec<OnePageEdit> = std::iter::once(edit).chain(property).collect();
    let timed = one_page_edits
        .iter()
        .map(|edit| time_edit(docs, &out_dir, edit, runs))
        .collect::<Result<Vec<EditTiming>, String>>()?;
    let edits_unbuilt = check_edits(docs, &out_dir, edits)?;
    let command = exe.map(|exe| {
        source::read_docs(docs)
            .map_err(|e| e.to_string())
            .and_then(|sources| command_line(exe, &sources, &one_page_edits, runs))
    });
    let _ = std::fs::remove_dir_all(&out_dir);
    let (total, t, _, files, bytes, out_bytes) = best.ok_or("no run")?;
    let floor = floors.iter().min().copied().unwrap_or_default();
    // Peak memory of the whole benchmark, read before the formatter floor
    // holds every file's syntax tree at once.
    let peak = peak_memory_kib();
    let printer = (0..runs)
        .map(|_| last_files.as_ref().map_or(Duration::ZERO, formatter_floor))
        .min()
        .unwrap_or_default();
    drop(last_files);
    let threads = config::threads();
    let mut s = String::new();
    let _ = writeln!(s, "benchmark: {} ({files} pages, {:.1} MB of markdown), best of {runs} runs, {threads} threads", docs.display(), bytes as f64 / 1e6);
    let _ = writeln!(s, "| stage | ms |");
    let _ = writeln!(s, "|---|---:|");
    for (name, d) in [
        ("read", t.read),
        ("parse", t.parse),
        ("model", t.model),
        ("plan", t.plan),
        ("emit", t.emit),
        ("format", t.format),
        ("write", t.write),
    ] {
        let _ = writeln!(s, "| {name} | {:.1} |", ms(d));
    }
    let _ = writeln!(s, "| **total (wall)** | **{:.1}** |", ms(total));
    let _ = writeln!(
        s,
        "| floor: pulldown-cmark alone, same files and threads | {:.1} |",
        ms(floor)
    );
    let _ = writeln!(
        s,
        "| formatter floor: prettyplease::unparse alone on this output, same threads | {:.1} |",
        ms(printer)
    );
    let _ = writeln!(s);
    let ratio = |d: Duration| d.as_secs_f64() / floor.as_secs_f64().max(1e-9);
    let _ = writeln!(
        s,
        "total / floor: {:.1}x (target: at most 5x)",
        ratio(total)
    );
    let _ = writeln!(
        s,
        "read + floor + formatter floor, the least any run that formats with prettyplease needs: {:.1} ms = {:.1}x the floor",
        ms(t.read + floor + printer),
        ratio(t.read + floor + printer)
    );
    let _ = writeln!(
        s,
        "no-change run (read, hash, verify the output's manifest): {:.1} ms",
        ms(no_change)
    );
    for e in &timed {
        let _ = writeln!(
            s,
            "one-page change ({}), reusing {} of {} files ({} by their inputs hash, without building tokens; the rest because their tokens did not change), byte-identical to a full run: {:.1} ms = {:.1}x the floor (target: at most 3x); full run {:.1} ms (target: under 1 s)",
            e.what,
            e.reused,
            e.files,
            e.unbuilt,
            ms(e.time),
            ratio(e.time),
            ms(total)
        );
    }
    if edits > 0 {
        let _ = writeln!(
            s,
            "{edits} more one-line edits spread over the folder, one after another, each regenerated from the last output: all byte-identical to a full run ({:.1} files of each run built no tokens)",
            edits_unbuilt as f64 / edits as f64
        );
    }
    match command {
        Some(Ok(c)) => {
            let _ = writeln!(
                s,
                "from the command line, a new process each run (as users run it; the figures above are in one process, whose memory is faulted in after its first run): full run {:.1} ms, one-page change {}, no-change run {:.1} ms",
                ms(c.full),
                c.one_page
                    .iter()
                    .map(|d| format!("{:.1} ms = {:.1}x the floor", ms(*d), ratio(*d)))
                    .collect::<Vec<_>>()
                    .join(" (prose) and ")
                    + if c.one_page.len() > 1 { " (a property added)" } else { "" },
                ms(c.no_change)
            );
        }
        Some(Err(e)) => {
            let _ = writeln!(s, "from the command line: not measured ({e})");
        }
        None => {}
    }
    match (first_run_peak, peak) {
        (Some(run), Some(all)) => {
            let _ = writeln!(
                s,
                "peak memory (VmHWM) of one run: {:.0} MB (target: at most 400 MB); of the whole benchmark, which holds a full and an incremental output at once to compare them: {:.0} MB",
                run as f64 / 1024.0,
                all as f64 / 1024.0
            );
        }
        _ => {
            let _ = writeln!(s, "peak memory: not available on this system");
        }
    }
    let _ = write!(
        s,
        "output: {:.1} MB of Rust and TOML",
        out_bytes as f64 / 1e6
    );
    Ok(s)
}
