//! The benchmark: times every stage on a docs folder, beside a floor
//! measured in the same run (pulldown-cmark parsing the same files, on the
//! same threads, doing nothing else), and reports peak memory.

use crate::pipeline::{self, Options, SourceFile, Timings};
use std::fmt::Write;
use std::path::Path;
use std::time::{Duration, Instant};

/// Parses every file with pulldown-cmark and nothing else, on as many
/// threads as the generator's parse stage uses.
fn floor(sources: &[SourceFile]) -> Duration {
    let t = Instant::now();
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(8);
    let chunk = sources.len().div_ceil(threads).max(1);
    let events: usize = std::thread::scope(|s| {
        let handles: Vec<_> = sources
            .chunks(chunk)
            .map(|c| {
                s.spawn(move || {
                    let mut opts = pulldown_cmark::Options::empty();
                    opts.insert(pulldown_cmark::Options::ENABLE_TABLES);
                    opts.insert(pulldown_cmark::Options::ENABLE_YAML_STYLE_METADATA_BLOCKS);
                    c.iter()
                        .map(|f| pulldown_cmark::Parser::new_ext(&f.text, opts).count())
                        .sum::<usize>()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or(0)).sum()
    });
    std::hint::black_box(events);
    t.elapsed()
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

/// Runs the whole pipeline `runs` times and reports the best run.
pub fn run(docs: &Path, runs: usize) -> Result<String, String> {
    let runs = runs.max(1);
    let out_dir = std::env::temp_dir().join(format!("generator-bench-{}", std::process::id()));
    let mut best: Option<(Duration, Timings, Duration, usize, usize, usize)> = None;
    let mut floors = Vec::new();
    for _ in 0..runs {
        let start = Instant::now();
        let t = Instant::now();
        let sources = pipeline::read_docs(docs).map_err(|e| e.to_string())?;
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
    }
    // A run on unchanged docs: read, hash, verify the output, stop.
    let mut no_change = Duration::MAX;
    for _ in 0..runs {
        let t = Instant::now();
        let sources = pipeline::read_docs(docs).map_err(|e| e.to_string())?;
        let key = pipeline::input_key(&sources, &Options::default());
        if crate::output::unchanged(&out_dir, &key).is_none() {
            return Err("the output just written does not verify against its manifest".into());
        }
        no_change = no_change.min(t.elapsed());
    }
    let _ = std::fs::remove_dir_all(&out_dir);
    let (total, t, _, files, bytes, out_bytes) = best.ok_or("no run")?;
    let floor = floors.iter().min().copied().unwrap_or_default();
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    let mut s = String::new();
    let _ = writeln!(s, "benchmark: {} ({files} pages, {:.1} MB of markdown), best of {runs} runs, {threads} threads", docs.display(), bytes as f64 / 1e6);
    let _ = writeln!(s, "| stage | ms |");
    let _ = writeln!(s, "|---|---:|");
    for (name, d) in [
        ("read", t.read),
        ("parse", t.parse),
        ("model", t.model),
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
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "total / floor: {:.1}x (target: at most 5x)",
        total.as_secs_f64() / floor.as_secs_f64().max(1e-9)
    );
    let _ = writeln!(
        s,
        "no-change run (read, hash, verify the output's manifest): {:.1} ms",
        ms(no_change)
    );
    match peak_memory_kib() {
        Some(kib) => {
            let _ = writeln!(
                s,
                "peak memory (VmHWM): {:.0} MB (target: at most 400 MB)",
                kib as f64 / 1024.0
            );
        }
        None => {
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
