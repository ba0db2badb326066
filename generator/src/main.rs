//! The `generator` command: regenerate a crate from a docs folder, check that
//! a folder is up to date, lint the docs, write the model as JSON, or run the
//! benchmark.

use clap::{Args, Parser, Subcommand, ValueEnum};
use codespan_reporting::term::termcolor::{BufferWriter, ColorChoice};
use generator::config::{Options, Tags};
use generator::diag::{self, Diagnostic, Severity};
use generator::pipeline;
use generator::report::{self, Format, Sources};
use generator::source::{self, SourceFile};
use generator::{bench, coverage, emit, output};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

// The generator allocates many small token trees; mimalloc halves the time
// the system allocator spends on them.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Keeps freed memory in the process. mimalloc gives pages back to the
/// system a while after they are freed (its `purge_delay` option); the
/// generator frees and allocates token trees in waves, file after file, so
/// each wave faulted its pages in again, zeroed by the kernel: a quarter of
/// a run's time in a profile (`clear_page_erms`). The run is short and its
/// peak is what it is either way. The option's number is mimalloc 3's
/// (`mimalloc.h`); with another major version nothing is changed.
fn keep_freed_memory() {
    use std::os::raw::{c_int, c_long};
    extern "C" {
        fn mi_version() -> c_int;
        fn mi_option_get(option: c_int) -> c_long;
        fn mi_option_set(option: c_int, value: c_long);
    }
    const PURGE_DELAY: c_int = 15;
    // SAFETY: mimalloc's own functions, linked in by the `mimalloc` crate;
    // they take and return plain integers.
    unsafe {
        if mi_version() / 10000 == 3 && mi_option_get(PURGE_DELAY) >= 0 {
            mi_option_set(PURGE_DELAY, -1);
        }
    }
    no_huge_pages();
}

/// Transparent huge pages off for this process: mimalloc asks for them on
/// its arenas, and the kernel then zeroes 2 MB at each first touch, most of
/// which a run of the generator never uses (`perf`: 17% of a run in
/// `clear_page_erms` under `do_huge_pmd_anonymous_page`). Linux only; a
/// failure changes nothing.
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    {
        use std::os::raw::{c_int, c_ulong};
        extern "C" {
            fn prctl(option: c_int, ...) -> c_int;
        }
        const PR_SET_THP_DISABLE: c_int = 41;
        // SAFETY: `prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0)` takes plain
        // integers and only sets a flag of this process.
        unsafe {
            prctl(
                PR_SET_THP_DISABLE,
                1 as c_ulong,
                0 as c_ulong,
                0 as c_ulong,
                0 as c_ulong,
            );
        }
    }
}

/// The workspace this binary was built in; the defaults live there.
fn workspace() -> PathBuf {
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = manifest.parent().unwrap_or(manifest);
    // Shown relative to the current folder where possible, as users type paths.
    match std::env::current_dir() {
        Ok(cwd) => root
            .strip_prefix(&cwd)
            .map(|p| p.to_path_buf())
            .unwrap_or_else(|_| root.to_path_buf()),
        Err(_) => root.to_path_buf(),
    }
}

#[derive(Parser)]
#[command(
    version,
    about = "Generates a typed Rust crate from Microsoft Graph markdown API docs"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// The docs folder (default: the workspace's docs-input/).
    docs_dir: Option<PathBuf>,
    /// The crate folder to write (default: the workspace's generated/).
    out_dir: Option<PathBuf>,
    /// Write nothing; list stale files and fail if OUT_DIR is not up to date.
    #[arg(long)]
    check: bool,
    /// Generate even when the manifest in OUT_DIR shows unchanged inputs.
    #[arg(long)]
    force: bool,
    /// Also write the intermediate model as JSON to this file.
    #[arg(long, value_name = "FILE")]
    emit_ir: Option<PathBuf>,
    /// Read only the `[TAGS=...]` sections that name one of these tags
    /// (comma-separated); without it, every section is read.
    #[arg(long, value_name = "TAGS", global = true)]
    tags: Option<String>,
    /// The package name of the generated crate.
    #[arg(long, default_value = "graph-api")]
    crate_name: String,
    #[command(flatten)]
    report: ReportArgs,
}

/// How diagnostics are shown and judged, for every command.
#[derive(Args, Clone)]
struct ReportArgs {
    /// Print info diagnostics and every construct not understood.
    #[arg(long, short, global = true)]
    verbose: bool,
    /// How to print diagnostics: for people, as JSON lines, or as GitHub
    /// Actions annotations.
    #[arg(long, value_enum, default_value_t = Format::Human, global = true)]
    format: Format,
    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = Color::Auto, global = true)]
    color: Color,
    /// Make diagnostics of this level fail the run.
    #[arg(long, value_enum, global = true, value_name = "LEVEL")]
    deny: Option<Deny>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
enum Deny {
    /// Any warning fails the run, and nothing is written.
    Warnings,
}

#[derive(Subcommand)]
enum Command {
    /// Times each stage on a docs folder and prints the figures.
    Bench {
        docs_dir: PathBuf,
        /// How many runs to take the best of.
        #[arg(long, default_value_t = 3)]
        runs: usize,
        /// How many one-line edits, spread over the folder, to regenerate
        /// incrementally and compare with a full run.
        #[arg(long, default_value_t = 10)]
        edits: usize,
    },
    /// Runs only the checks on a docs folder (for docs authors): every
    /// diagnostic, no files written.
    Lint {
        /// The docs folder (default: the workspace's docs-input/).
        docs_dir: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    keep_freed_memory();
    let cli = Cli::parse();
    match &cli.command {
        Some(Command::Bench {
            docs_dir,
            runs,
            edits,
        }) => match bench::run(
            docs_dir,
            *runs,
            *edits,
            std::env::current_exe().ok().as_deref(),
        ) {
            Ok(report) => {
                println!("{report}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        },
        Some(Command::Lint { docs_dir }) => lint(docs_dir.clone(), &cli),
        None => generate(&cli),
    }
}

/// Reads the docs folder, or says why it cannot be read.
fn read(docs_dir: &Path) -> Result<Vec<SourceFile>, ExitCode> {
    source::read_docs(docs_dir).map_err(|e| {
        eprintln!("{e}");
        ExitCode::FAILURE
    })
}

/// Prints the diagnostics in the chosen format and the count by code, and
/// tells whether they fail the run.
fn report(
    args: &ReportArgs,
    docs_dir: &Path,
    sources: &[SourceFile],
    diags: &[Diagnostic],
) -> bool {
    let shown = Sources::new(docs_dir, sources, diags, args.verbose);
    match args.format {
        Format::Human => {
            let choice = match args.color {
                Color::Always => ColorChoice::Always,
                Color::Never => ColorChoice::Never,
                Color::Auto if std::io::stderr().is_terminal() => ColorChoice::Auto,
                Color::Auto => ColorChoice::Never,
            };
            // Rendered in memory and written at once: written straight to
            // stderr, which is not buffered, every piece of every snippet
            // was a write call of its own, most of the report's time.
            let err = BufferWriter::stderr(choice);
            let mut buffer = err.buffer();
            if let Err(e) = report::human(&mut buffer, &shown, diags, args.verbose)
                .and_then(|()| err.print(&buffer))
            {
                eprintln!("error: could not print diagnostics: {e}");
            }
        }
        Format::Json => print!("{}", report::json(&shown, diags, args.verbose)),
        Format::Github => print!("{}", report::github(&shown, diags, args.verbose)),
    }
    let counts = report::counts_by_code(diags);
    if !counts.is_empty() {
        eprintln!("{counts}");
    }
    eprintln!("{}", diag::summary(diags));
    fails(args, diags)
}

fn fails(args: &ReportArgs, diags: &[Diagnostic]) -> bool {
    let floor = match args.deny {
        Some(Deny::Warnings) => Severity::Warning,
        None => Severity::Error,
    };
    diags.iter().any(|d| d.severity >= floor)
}

/// The `[TAGS=...]` sections a run reads.
fn tags(cli: &Cli) -> Tags {
    cli.tags.as_deref().map_or(Tags::All, Tags::parse)
}

fn lint(docs_dir: Option<PathBuf>, cli: &Cli) -> ExitCode {
    let args = &cli.report;
    let docs_dir = docs_dir.unwrap_or_else(|| workspace().join("docs-input"));
    let sources = match read(&docs_dir) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let options = Options {
        format: false,
        tags: tags(cli),
        ..Options::default()
    };
    let out = pipeline::generate(&sources, &options);
    if report(args, &docs_dir, &sources, &out.diagnostics) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn generate(cli: &Cli) -> ExitCode {
    let args = &cli.report;
    let docs_dir = cli
        .docs_dir
        .clone()
        .unwrap_or_else(|| workspace().join("docs-input"));
    let out_dir = cli
        .out_dir
        .clone()
        .unwrap_or_else(|| workspace().join("generated"));
    let sources = match read(&docs_dir) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let options = Options {
        crate_name: cli.crate_name.clone(),
        tags: tags(cli),
        ..Options::default()
    };

    // Unchanged docs and generator: the manifest in OUT_DIR proves the
    // output is what this run would write, so nothing needs doing. A run
    // that denies warnings still runs if the last one had any.
    let key = pipeline::input_key(&sources, &options);
    if !cli.force && cli.emit_ir.is_none() {
        if let Some(recorded) = output::unchanged(&out_dir, &key) {
            if !(recorded.warnings > 0 && args.deny.is_some()) {
                eprintln!(
                    "{} is up to date: docs and generator unchanged since it was written, \
                     {} files verified ({} warning(s) then; --force to run again)",
                    out_dir.display(),
                    recorded.files,
                    recorded.warnings
                );
                return ExitCode::SUCCESS;
            }
        }
    }

    // Files whose tokens are unchanged keep their text from the last run
    // (byte-identical to formatting them again); `--force` formats all.
    let reuse = if cli.force {
        emit::Reuse::default()
    } else {
        output::reusable(&out_dir)
    };
    // The output and the docs are left for the process's exit to free:
    // freeing the model, the diagnostics and 15 MB of text piece by piece
    // took 8-10 ms of a run that reused all but one file.
    let sources = std::mem::ManuallyDrop::new(sources);
    let out =
        std::mem::ManuallyDrop::new(pipeline::generate_keyed(&sources, &options, &reuse, &key));
    let failed = report(args, &docs_dir, &sources, &out.diagnostics);
    eprintln!(
        "{}",
        coverage::summary(&out.model, &out.diagnostics, sources.len(), args.verbose)
    );

    if let Some(path) = &cli.emit_ir {
        let json = match serde_json::to_string_pretty(&out.model) {
            Ok(j) => j,
            Err(e) => {
                eprintln!("error: the model does not serialize: {e} (a generator bug)");
                return ExitCode::FAILURE;
            }
        };
        if let Err(e) = std::fs::write(path, json + "\n") {
            eprintln!("{}: error: {e}", path.display());
            return ExitCode::FAILURE;
        }
    }

    if failed {
        let why = match args.deny {
            Some(Deny::Warnings) => "errors or warnings (--deny warnings)",
            None => "errors",
        };
        eprintln!(
            "error: the docs have {why}; {} left unchanged",
            out_dir.display()
        );
        return ExitCode::FAILURE;
    }
    if cli.check {
        let stale = output::check_known(&out_dir, &out.files, &out.on_disk);
        for s in &stale {
            eprintln!("{}/{s}", out_dir.display());
        }
        if stale.is_empty() {
            eprintln!(
                "{} is up to date ({} files)",
                out_dir.display(),
                out.files.len()
            );
            return ExitCode::SUCCESS;
        }
        eprintln!(
            "error: {} stale file(s) in {}; run `cargo run -p generator` and commit",
            stale.len(),
            out_dir.display()
        );
        return ExitCode::FAILURE;
    }
    match output::write_known(&out_dir, &out.files, &out.on_disk) {
        Ok(changed) => {
            eprintln!(
                "wrote {} ({} files, {changed} changed)",
                out_dir.display(),
                out.files.len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            eprintln!("error: {} left unchanged", out_dir.display());
            ExitCode::FAILURE
        }
    }
}
