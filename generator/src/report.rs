//! Rendering diagnostics for people and for tools.
//!
//! People get what a compiler prints: code, severity, `file:line:column`, the
//! source line with a caret under the place, and a help line where one is
//! known, drawn by codespan-reporting, in colour on a terminal. Tools get one
//! JSON object per line (`--format json`) or GitHub Actions workflow commands
//! (`--format github`), which become annotations on the changed docs.

use crate::diag::{Code, Diagnostic, Location, Origin, Severity};
use crate::source::SourceFile;
use codespan_reporting::diagnostic::{self as cs, Label};
use codespan_reporting::files::{Files, SimpleFiles};
use codespan_reporting::term::{self, termcolor::WriteColor};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::ops::Range;

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// Source snippets with carets, for people.
    #[default]
    Human,
    /// One JSON object per line on stdout, for tools.
    Json,
    /// GitHub Actions workflow commands on stdout, shown as annotations.
    Github,
}

/// The docs a run read, so that diagnostics can quote them.
pub struct Sources<'a> {
    /// The docs folder as the user gave it, prefixed to every file name.
    shown_dir: String,
    files: SimpleFiles<String, &'a str>,
    ids: BTreeMap<&'a str, usize>,
}

/// A location resolved against its page: 1-based line and column, and the
/// byte range to underline. `None` when the page or line is not known.
struct Resolved {
    file: usize,
    column: u32,
    range: Range<usize>,
}

impl<'a> Sources<'a> {
    /// The pages that the diagnostics a report shows name (where each is,
    /// and the other source of a conflict; see [`shown`]), ready to quote.
    /// Other pages are left out: finding the line starts of every page was
    /// most of a report's time, and a run names a few hundred of v1.0's
    /// 3,341 pages.
    pub fn new(
        docs_dir: &std::path::Path,
        sources: &'a [SourceFile],
        diags: &[Diagnostic],
        verbose: bool,
    ) -> Self {
        let named: std::collections::BTreeSet<&str> = diags
            .iter()
            .filter(|d| shown(d, verbose))
            .flat_map(|d| std::iter::once(&d.location).chain(&d.related))
            .map(|at| at.file.as_str())
            .collect();
        let dir = docs_dir.display().to_string();
        let dir = dir.trim_end_matches('/');
        let shown_dir = if dir.is_empty() || dir == "." {
            String::new()
        } else {
            format!("{dir}/")
        };
        let mut files = SimpleFiles::new();
        let mut ids = BTreeMap::new();
        for s in sources.iter().filter(|s| named.contains(s.rel.as_str())) {
            let id = files.add(format!("{shown_dir}{}", s.rel), s.text.as_str());
            ids.insert(s.rel.as_str(), id);
        }
        Sources {
            shown_dir,
            files,
            ids,
        }
    }

    /// The file name as shown to the user.
    fn shown(&self, file: &str) -> String {
        format!("{}{file}", self.shown_dir)
    }

    /// Finds the place a location means. Without a column, the whole line
    /// (less its indentation) is meant; with one, the word starting there.
    fn resolve(&self, at: &Location, marker: Option<&str>) -> Option<Resolved> {
        let &file = self.ids.get(at.file.as_str())?;
        if at.line == 0 {
            return None;
        }
        let text = self.files.source(file).ok()?;
        let line = self.files.line_range(file, at.line as usize - 1).ok()?;
        let content = text[line.clone()].trim_end_matches(['\n', '\r']);
        if let (0, Some(offset)) = (at.column, marker.and_then(|m| content.find(m))) {
            let start = line.start + offset;
            return Some(Resolved {
                file,
                column: content[..offset].chars().count() as u32 + 1,
                range: start..start + marker.map_or(1, str::len),
            });
        }
        if at.column == 0 {
            let indent = content.len() - content.trim_start().len();
            let column = content[..indent].chars().count() as u32 + 1;
            let start = line.start + indent;
            return Some(Resolved {
                file,
                column,
                range: start..line.start + content.len(),
            });
        }
        let offset = content
            .char_indices()
            .nth(at.column as usize - 1)
            .map_or(content.len(), |(i, _)| i);
        let rest = &content[offset..];
        let word = rest
            .char_indices()
            .find(|&(i, c)| i > 0 && !(c.is_alphanumeric() || c == '_'))
            .map_or(rest.len(), |(i, _)| i);
        let start = line.start + offset;
        Some(Resolved {
            file,
            column: at.column,
            range: start..start + word.max(usize::from(!rest.is_empty())),
        })
    }

    /// `file:line:column`, with the column found where the location has none.
    fn position(&self, at: &Location, marker: Option<&str>) -> (String, u32, u32) {
        let column = self.resolve(at, marker).map_or(at.column, |r| r.column);
        (self.shown(&at.file), at.line, column)
    }
}

/// Whether diagnostics of this severity are printed: infos only when asked.
pub fn shown(d: &Diagnostic, verbose: bool) -> bool {
    d.severity > Severity::Info || verbose
}

/// Renders the diagnostics for people, with source snippets.
pub fn human(
    out: &mut dyn WriteColor,
    sources: &Sources,
    diags: &[Diagnostic],
    verbose: bool,
) -> std::io::Result<()> {
    let config = term::Config::default();
    for d in diags.iter().filter(|d| shown(d, verbose)) {
        let rendered = to_codespan(sources, d);
        if let Err(e) = term::emit_to_write_style(out, &config, &sources.files, &rendered) {
            // The files are the ones the locations were resolved against, so
            // only writing can fail here; say so and go on with plain text.
            writeln!(out, "{d} (could not render the source: {e})")?;
        }
    }
    Ok(())
}

fn to_codespan(sources: &Sources, d: &Diagnostic) -> cs::Diagnostic<usize> {
    let Diagnostic {
        location,
        severity,
        origin,
        code,
        message,
        related,
    } = d;
    let level = match (origin, severity) {
        (Origin::GeneratorBug, _) => cs::Severity::Bug,
        (_, Severity::Error) => cs::Severity::Error,
        (_, Severity::Warning) => cs::Severity::Warning,
        (_, Severity::Info) => cs::Severity::Note,
    };
    let mut labels = Vec::new();
    let mut notes = Vec::new();
    let mut message = message.clone();
    match sources.resolve(location, code.marker()) {
        Some(r) => labels.push(Label::primary(r.file, r.range)),
        // A place outside the docs (a generated file) or a whole page.
        None => {
            message = format!(
                "{message}\n  --> {}",
                location_text(sources, location, None)
            )
        }
    }
    if let Some(other) = related {
        match sources.resolve(other, None) {
            Some(r) => labels.push(Label::secondary(r.file, r.range).with_message("other source")),
            None => notes.push(format!(
                "other source: {}",
                location_text(sources, other, None)
            )),
        }
    }
    match origin {
        Origin::Docs => {}
        Origin::Unsupported => {
            notes.push("the generator does not understand this construct yet".to_string())
        }
        Origin::GeneratorBug => notes
            .push("this is a bug in the generator, not in the docs; please report it".to_string()),
    }
    if let Some(help) = code.help() {
        notes.push(format!("help: {help}"));
    }
    cs::Diagnostic::new(level)
        .with_code(format!("{}/{}", code.id(), code.name()))
        .with_message(message)
        .with_labels(labels)
        .with_notes(notes)
}

fn location_text(sources: &Sources, at: &Location, marker: Option<&str>) -> String {
    let (file, line, column) = sources.position(at, marker);
    match (line, column) {
        (0, _) => file,
        (_, 0) => format!("{file}:{line}"),
        _ => format!("{file}:{line}:{column}"),
    }
}

/// One JSON object per diagnostic, one per line.
pub fn json(sources: &Sources, diags: &[Diagnostic], verbose: bool) -> String {
    let place = |at: &Location, marker: Option<&str>| {
        let (file, line, column) = sources.position(at, marker);
        serde_json::json!({ "file": file, "line": line, "column": column })
    };
    let mut out = String::new();
    for d in diags.iter().filter(|d| shown(d, verbose)) {
        let mut value = serde_json::json!({
            "code": d.code.id(),
            "name": d.code.name(),
            "severity": d.severity.as_str(),
            "origin": d.origin.as_str(),
            "message": d.message,
            "help": d.code.help(),
            "related": d.related.as_ref().map(|r| place(r, None)),
        });
        if let (Some(obj), serde_json::Value::Object(at)) =
            (value.as_object_mut(), place(&d.location, d.code.marker()))
        {
            obj.extend(at);
        }
        let _ = writeln!(out, "{value}");
    }
    out
}

/// GitHub Actions workflow commands: `::warning file=..,line=..::message`.
pub fn github(sources: &Sources, diags: &[Diagnostic], verbose: bool) -> String {
    // Workflow command values escape `%`, line breaks, and in properties `:`
    // and `,` too.
    fn data(s: &str) -> String {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    }
    fn property(s: &str) -> String {
        data(s).replace(':', "%3A").replace(',', "%2C")
    }
    let mut out = String::new();
    for d in diags.iter().filter(|d| shown(d, verbose)) {
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let (file, line, column) = sources.position(&d.location, d.code.marker());
        let mut message = d.message.clone();
        if let Some(help) = d.code.help() {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        let _ = write!(out, "::{level} file={}", property(&file));
        if line > 0 {
            let _ = write!(out, ",line={line}");
        }
        if column > 0 {
            let _ = write!(out, ",col={column}");
        }
        let _ = writeln!(
            out,
            ",title={}::{}",
            property(&format!("{} {}", d.code.id(), d.code.name())),
            data(&message)
        );
    }
    out
}

/// How many diagnostics of each code, by severity, most severe first.
pub fn counts_by_code(diags: &[Diagnostic]) -> String {
    let mut counts: BTreeMap<(std::cmp::Reverse<Severity>, Code), usize> = BTreeMap::new();
    for d in diags {
        *counts
            .entry((std::cmp::Reverse(d.severity), d.code))
            .or_default() += 1;
    }
    let mut s = String::new();
    if counts.is_empty() {
        return s;
    }
    let _ = writeln!(s, "diagnostics by code:");
    for ((severity, code), n) in counts {
        let _ = writeln!(
            s,
            "  {:>6} {:<8} {} {}",
            n,
            severity.0.as_str(),
            code.id(),
            code.name()
        );
    }
    s.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diagnostics;

    fn sources() -> Vec<SourceFile> {
        vec![SourceFile {
            rel: "a.md".into(),
            text: "# Title\n\n  | name | TODO |\n{\"a\": ...}\n".into(),
            issues: vec![],
            origins: vec![],
        }]
    }

    #[test]
    fn human_output_quotes_the_line_with_a_caret() {
        let files = sources();
        let mut d = Diagnostics::default();
        d.warning(Code::InvalidJson, &Location::at("a.md", 4, 7), "not JSON");
        d.warning(Code::TodoPlaceholder, &Location::new("a.md", 3), "a TODO");
        d.warning(Code::NoNamespace, &Location::new("a.md", 3), "whole line");
        let d = d.into_sorted();
        let s = Sources::new(std::path::Path::new("docs"), &files, &d, false);
        let mut out = codespan_reporting::term::termcolor::NoColor::new(Vec::new());
        human(&mut out, &s, &d, false).unwrap();
        let text = String::from_utf8(out.into_inner()).unwrap();
        assert!(
            text.contains("warning[D102/todo-placeholder]: a TODO"),
            "{text}"
        );
        assert!(text.contains("docs/a.md:3:12"), "{text}");
        assert!(text.contains("^^^^"), "{text}");
        assert!(text.contains("docs/a.md:4:7"), "{text}");
        assert!(text.contains("help: examples may elide"), "{text}");
        // Without a column or marker, the line less its indentation.
        assert!(text.contains("docs/a.md:3:3"), "{text}");
        assert!(text.contains("  ^^^^^^^^^^^^^^^\n"), "{text}");
    }

    #[test]
    fn json_and_github_name_file_line_and_column() {
        let files = sources();
        let mut d = Diagnostics::default();
        d.warning(
            Code::TodoPlaceholder,
            &Location::new("a.md", 3),
            "a, TODO: 100%",
        );
        let d = d.into_sorted();
        let s = Sources::new(std::path::Path::new("docs"), &files, &d, false);
        let j: serde_json::Value = serde_json::from_str(json(&s, &d, false).trim()).unwrap();
        assert_eq!(j["file"], "docs/a.md");
        assert_eq!(j["line"], 3);
        assert_eq!(j["column"], 12);
        assert_eq!(j["code"], "D102");
        assert_eq!(
            github(&s, &d, false).lines().next().unwrap(),
            "::warning file=docs/a.md,line=3,col=12,title=D102 todo-placeholder::a, TODO: 100%25%0Ahelp: replace the TODO with the real text"
        );
    }

    #[test]
    fn every_code_has_a_unique_id_and_name() {
        let mut ids = std::collections::BTreeSet::new();
        let mut names = std::collections::BTreeSet::new();
        for c in Code::ALL {
            assert!(ids.insert(c.id()), "duplicate id {}", c.id());
            assert!(names.insert(c.name()), "duplicate name {}", c.name());
        }
    }
}
