//! The `generator` command: regenerate a crate from a docs folder, check that
//! a folder is up to date, write the model as JSON, or run the benchmark.

use clap::{Parser, Subcommand};
use generator::diag::{self, Severity};
use generator::pipeline::{self, Options};
use generator::{bench, coverage, output};
use std::path::PathBuf;
use std::process::ExitCode;

// The generator allocates many small token trees; mimalloc halves the time
// the system allocator spends on them.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    /// Also write the intermediate model as JSON to this file.
    #[arg(long, value_name = "FILE")]
    emit_ir: Option<PathBuf>,
    /// Print info diagnostics and every construct not understood.
    #[arg(long, short)]
    verbose: bool,
    /// The package name of the generated crate.
    #[arg(long, default_value = "graph-api")]
    crate_name: String,
}

#[derive(Subcommand)]
enum Command {
    /// Times each stage on a docs folder and prints the figures.
    Bench {
        docs_dir: PathBuf,
        /// How many runs to take the best of.
        #[arg(long, default_value_t = 3)]
        runs: usize,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(Command::Bench { docs_dir, runs }) = &cli.command {
        return match bench::run(docs_dir, *runs) {
            Ok(report) => {
                println!("{report}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        };
    }
    let docs_dir = cli
        .docs_dir
        .clone()
        .unwrap_or_else(|| workspace().join("docs-input"));
    let out_dir = cli
        .out_dir
        .clone()
        .unwrap_or_else(|| workspace().join("generated"));
    let sources = match pipeline::read_docs(&docs_dir) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let options = Options {
        crate_name: cli.crate_name.clone(),
    };
    let out = pipeline::generate(&sources, &options);

    let shown = docs_dir.display().to_string();
    for d in &out.diagnostics {
        if d.severity > Severity::Info || cli.verbose {
            eprintln!("{}", shown_at(&shown, d));
        }
    }
    eprintln!(
        "{}",
        coverage::summary(&out.model, &out.diagnostics, sources.len(), cli.verbose)
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

    let errors = out
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    if errors > 0 {
        eprintln!("{}", diag::summary(&out.diagnostics));
        eprintln!(
            "error: {errors} error(s); {} left unchanged",
            out_dir.display()
        );
        return ExitCode::FAILURE;
    }
    if cli.check {
        let stale = output::check(&out_dir, &out.files);
        for s in &stale {
            eprintln!("{}/{s}", out_dir.display());
        }
        eprintln!("{}", diag::summary(&out.diagnostics));
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
    match output::write(&out_dir, &out.files) {
        Ok(changed) => {
            eprintln!("{}", diag::summary(&out.diagnostics));
            eprintln!(
                "wrote {} ({} files, {changed} changed)",
                out_dir.display(),
                out.files.len()
            );
            ExitCode::SUCCESS
        }
        Err((path, e)) => {
            eprintln!("{}: error: {e}", path.display());
            ExitCode::FAILURE
        }
    }
}

/// A diagnostic with its file shown under the docs folder as given.
fn shown_at(docs: &str, d: &diag::Diagnostic) -> String {
    let docs = docs.trim_end_matches('/');
    if docs.is_empty() || docs == "." {
        d.to_string()
    } else {
        format!("{docs}/{d}")
    }
}
