//! The whole run: read a docs folder, parse, build the model, emit files, and
//! write or check them. Each stage is timed for the benchmark.

use crate::config::{Options, Timings};
use crate::diag::{Code, Diagnostic, Diagnostics, Location, Severity};
use crate::model::{self, Model};
use crate::parse;
use crate::source::SourceFile;
use std::collections::BTreeMap;
use std::time::Instant;

/// Everything one run produces.
pub struct Output {
    pub model: Model,
    /// Relative path in the output folder to file content.
    pub files: BTreeMap<String, String>,
    pub diagnostics: Vec<Diagnostic>,
    pub timings: Timings,
    /// Files whose text was taken from the last run (see `emit::Reuse`),
    /// which the output folder holds as they are (see
    /// [`crate::output::write_known`]).
    pub on_disk: std::collections::BTreeSet<String>,
    /// Of those, the files whose tokens were not built: their inputs were
    /// the last run's (see `emit::inputs`).
    pub unbuilt: usize,
}

impl Output {
    /// How many files were taken from the last run.
    pub fn reused(&self) -> usize {
        self.on_disk.len()
    }
}

/// The key of a run's inputs, recorded in the output's manifest.
pub fn input_key(sources: &[SourceFile], options: &Options) -> String {
    crate::output::input_key(
        sources.iter().map(|s| (s.rel.as_str(), s.text.as_str())),
        options,
    )
}

/// Runs parse, model and emit on files already read.
pub fn generate(sources: &[SourceFile], options: &Options) -> Output {
    generate_reusing(sources, options, &crate::emit::Reuse::default())
}

/// As [`generate`], taking the text of each file whose tokens are those of
/// the run that wrote `reuse` from there; the output is the same bytes.
pub fn generate_reusing(
    sources: &[SourceFile],
    options: &Options,
    reuse: &crate::emit::Reuse,
) -> Output {
    generate_keyed(sources, options, reuse, &input_key(sources, options))
}

/// As [`generate_reusing`], with the sources' [`input_key`] already
/// computed (the command line computes it first, to find unchanged
/// output).
pub fn generate_keyed(
    sources: &[SourceFile],
    options: &Options,
    reuse: &crate::emit::Reuse,
    input_key: &str,
) -> Output {
    let mut diags = Diagnostics::default();
    let mut timings = Timings::default();
    let t = Instant::now();
    let expanded = crate::expand::expand(sources, &options.tags);
    let pages = parse::parse_all(expanded.as_deref().unwrap_or(sources), &mut diags);
    timings.parse = t.elapsed();
    let t = Instant::now();
    let model = model::build::build(&pages, &mut diags);
    timings.model = t.elapsed();
    let t = Instant::now();
    let plan = crate::plan::plan(&model, options, &mut diags);
    timings.plan = t.elapsed();
    // The pages are freed on another thread while the files are emitted:
    // freeing them takes a tenth of the model's time, and the plan uses
    // both cores.
    let crate::emit::Emitted {
        mut files,
        tokens,
        inputs,
        text_hashes,
        on_disk,
        unbuilt,
        unparsable,
    } = std::thread::scope(|s| {
        s.spawn(move || drop(pages));
        crate::emit::emit(&plan, reuse, &mut timings)
    });
    drop(plan);
    for (path, error) in unparsable {
        diags.bug(
            Code::UnparsableTokens,
            &Location::new(path, 0),
            format!("emitted tokens do not parse as Rust: {error}"),
        );
    }
    let diagnostics = diags.into_sorted();
    if options.format {
        let warnings = diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count();
        let manifest =
            crate::output::manifest(input_key, warnings, &files, &tokens, &inputs, &text_hashes);
        files.insert(crate::output::MANIFEST.to_string(), manifest);
    }
    Output {
        model,
        files,
        diagnostics,
        timings,
        on_disk,
        unbuilt,
    }
}
