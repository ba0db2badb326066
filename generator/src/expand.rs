//! Stage 0: ApiDoctor's text customizations, applied before a page is
//! parsed.
//!
//! - `[TAGS=a,b]` ... `[END]` (each marker on a line of its own): the lines
//!   between are kept only when the run selects one of the tags
//!   (`--tags`); a run that selects none keeps every section.
//! - `[INCLUDE [name](path)]`: the line is replaced by the text of the file
//!   at `path`, relative to the page, or to the docs root when it starts
//!   with `/`. Included files are expanded too; a cycle or a missing file is
//!   a diagnostic at the include line, and the line is left out.
//!
//! Lines left out become empty lines, and every expanded page keeps a map
//! from its lines to the file and line they came from
//! ([`LineOrigin`]), so diagnostics name the place in the docs where the
//! text was written. A file that another page includes is a fragment of
//! that page, not a page of its own.

use crate::config::Tags;
use crate::diag::Code;
use crate::diag::ParseIssue;
use crate::source::{LineOrigin, SourceFile};
use std::collections::{BTreeMap, BTreeSet};

/// Applies tags and includes to every page: `None` when no page uses
/// them (the pages are read as they are), else every page, expanded, less
/// the files that a page includes.
pub fn expand(sources: &[SourceFile], tags: &Tags) -> Option<Vec<SourceFile>> {
    let uses = |s: &SourceFile| s.text.contains("[INCLUDE [") || s.text.contains("[TAGS=");
    if !sources.iter().any(uses) {
        return None;
    }
    let by_rel: BTreeMap<String, usize> = sources
        .iter()
        .enumerate()
        .map(|(i, s)| (s.rel.to_ascii_lowercase(), i))
        .collect();
    let mut included = BTreeSet::new();
    let mut expanded: Vec<Option<Expanded>> = Vec::new();
    for s in sources {
        if !uses(s) {
            expanded.push(None);
            continue;
        }
        let mut ctx = Ctx {
            sources,
            by_rel: &by_rel,
            tags,
            stack: vec![s.rel.to_ascii_lowercase()],
            included: BTreeSet::new(),
            cycle: false,
            issues: Vec::new(),
        };
        let mut out = Text::default();
        ctx.expand_into(&s.rel, &s.text, &mut out);
        // Files that include each other are all pages: none is the
        // fragment of the other.
        if !ctx.cycle {
            included.extend(ctx.included);
        }
        expanded.push(Some((out.text, out.origins, ctx.issues)));
    }
    let pages = sources
        .iter()
        .zip(expanded)
        .filter(|(s, _)| !included.contains(&s.rel.to_ascii_lowercase()))
        .map(|(s, e)| {
            let mut issues = s.issues.clone();
            let (text, origins) = match e {
                Some((text, origins, more)) => {
                    issues.extend(more);
                    (text, origins)
                }
                None => (s.text.clone(), s.origins.clone()),
            };
            SourceFile {
                rel: s.rel.clone(),
                text,
                issues,
                origins,
            }
        })
        .collect();
    Some(pages)
}

/// A page's expanded text, the origin of its lines, and what went wrong.
type Expanded = (String, Vec<LineOrigin>, Vec<ParseIssue>);

/// An expanded text being built, with the origin of its lines.
#[derive(Default)]
struct Text {
    text: String,
    lines: u32,
    origins: Vec<LineOrigin>,
}

impl Text {
    /// Appends one line that came from `file:source_line`.
    fn push(&mut self, line: &str, file: &str, source_line: u32) {
        self.lines += 1;
        let continues = self.origins.last().is_some_and(|o| {
            o.file == file && o.source_line + (self.lines - o.line) == source_line
        });
        if !continues {
            self.origins.push(LineOrigin {
                line: self.lines,
                file: file.to_string(),
                source_line,
            });
        }
        self.text.push_str(line);
        self.text.push('\n');
    }
}

struct Ctx<'a> {
    sources: &'a [SourceFile],
    by_rel: &'a BTreeMap<String, usize>,
    tags: &'a Tags,
    /// The files being expanded, outermost first: an include of one of
    /// them is a cycle.
    stack: Vec<String>,
    /// The files this page includes.
    included: BTreeSet<String>,
    /// Whether an include made a cycle.
    cycle: bool,
    issues: Vec<ParseIssue>,
}

impl Ctx<'_> {
    fn expand_into(&mut self, rel: &str, text: &str, out: &mut Text) {
        // The open `[TAGS=...]` sections: their tags and their line.
        let mut open: Vec<(Vec<String>, u32)> = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let n = i as u32 + 1;
            let trimmed = line.trim();
            if let Some(list) = trimmed
                .strip_prefix("[TAGS=")
                .and_then(|r| r.strip_suffix(']'))
            {
                let tags = list
                    .split(',')
                    .map(|t| t.trim().to_ascii_lowercase())
                    .collect();
                open.push((tags, out.lines + 1));
                out.push("", rel, n);
                continue;
            }
            if trimmed == "[END]" && !open.is_empty() {
                open.pop();
                out.push("", rel, n);
                continue;
            }
            if !open.iter().all(|(tags, _)| self.tags.selects(tags)) {
                out.push("", rel, n);
                continue;
            }
            match include_target(trimmed) {
                Some(target) => self.include(rel, target, n, out),
                None => out.push(line, rel, n),
            }
        }
        for (_, line) in open {
            self.issues.push(ParseIssue::warning(
                Code::TagsUnclosed,
                line,
                "`[TAGS=...]` section has no `[END]`; it runs to the end of the file",
            ));
        }
    }

    fn include(&mut self, rel: &str, target: &str, n: u32, out: &mut Text) {
        let at = out.lines + 1;
        let resolved = resolve(rel, target);
        let key = resolved.to_ascii_lowercase();
        if self.stack.contains(&key) {
            self.cycle = true;
            out.push("", rel, n);
            self.issues.push(ParseIssue::warning(
                Code::IncludeNotRead,
                at,
                format!(
                    "`[INCLUDE]` of `{target}` makes a cycle ({} includes it again); it is left out",
                    self.stack.join(" → ")
                ),
            ));
            return;
        }
        let Some(&i) = self.by_rel.get(&key) else {
            out.push("", rel, n);
            self.issues.push(ParseIssue::warning(
                Code::IncludeNotRead,
                at,
                format!("`[INCLUDE]` names `{target}`, which is not a file of the docs folder ({resolved}); it is left out"),
            ));
            return;
        };
        self.included.insert(key.clone());
        let source = &self.sources[i];
        self.stack.push(key);
        self.expand_into(&source.rel, &source.text, out);
        self.stack.pop();
    }
}

/// The path of `[INCLUDE [name](path)]`, when the line is one.
fn include_target(line: &str) -> Option<&str> {
    let inner = line.strip_prefix("[INCLUDE [")?.strip_suffix(")]")?;
    let (_, target) = inner.split_once("](")?;
    Some(target.trim())
}

/// An include path, from the docs root: `/x.md` from the root, anything
/// else from the including page's folder.
fn resolve(rel: &str, target: &str) -> String {
    let mut parts: Vec<&str> = match target.strip_prefix('/') {
        Some(_) => Vec::new(),
        None => rel
            .rsplit_once('/')
            .map_or(Vec::new(), |(d, _)| d.split('/').collect()),
    };
    for seg in target.trim_start_matches('/').split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// The file and line a line of an expanded page came from.
pub fn locate<'a>(origins: &'a [LineOrigin], page: &'a str, line: u32) -> (&'a str, u32) {
    match origins.iter().rev().find(|o| o.line <= line) {
        Some(o) => (&o.file, o.source_line + (line - o.line)),
        None => (page, line),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(rel: &str, text: &str) -> SourceFile {
        SourceFile::from_bytes(rel.to_string(), text.as_bytes().to_vec())
    }

    /// The expanded pages as `file:` then each line with its origin.
    fn check(pages: &[(&str, &str)], tags: &Tags) -> String {
        let sources: Vec<SourceFile> = pages.iter().map(|(r, t)| page(r, t)).collect();
        let mut out = String::new();
        for s in expand(&sources, tags).expect("the pages use tags or includes") {
            out.push_str(&format!("{}:\n", s.rel));
            for (i, line) in s.text.lines().enumerate() {
                let (file, n) = locate(&s.origins, &s.rel, i as u32 + 1);
                out.push_str(&format!("  {file}:{n} |{line}\n"));
            }
            for issue in &s.issues {
                let (file, n) = locate(&s.origins, &s.rel, issue.line);
                out.push_str(&format!("  ! {file}:{n}: {}\n", issue.message));
            }
        }
        out
    }

    #[test]
    fn includes_and_tags() {
        let pages = [
            (
                "api/a.md",
                "# A\n[INCLUDE [b](../inc/b.md)]\nafter\n[TAGS=v2]\nv2 only\n[END]\n",
            ),
            ("inc/b.md", "b1\n[INCLUDE [c](/inc/c.md)]\n"),
            ("inc/c.md", "c1\n"),
        ];
        insta::assert_snapshot!(check(&pages, &Tags::parse("v1")), @r"
        api/a.md:
          api/a.md:1 |# A
          inc/b.md:1 |b1
          inc/c.md:1 |c1
          api/a.md:3 |after
          api/a.md:4 |
          api/a.md:5 |
          api/a.md:6 |
        ");
        insta::assert_snapshot!(check(&pages, &Tags::All), @r"
        api/a.md:
          api/a.md:1 |# A
          inc/b.md:1 |b1
          inc/c.md:1 |c1
          api/a.md:3 |after
          api/a.md:4 |
          api/a.md:5 |v2 only
          api/a.md:6 |
        ");
    }

    #[test]
    fn cycles_and_missing_files_are_reported_where_they_are_included() {
        let pages = [
            (
                "a.md",
                "a\n[INCLUDE [b](b.md)]\n[INCLUDE [x](missing.md)]\n[TAGS=x]\n",
            ),
            ("b.md", "b\n[INCLUDE [a](a.md)]\n"),
        ];
        insta::assert_snapshot!(check(&pages, &Tags::All), @r"
        a.md:
          a.md:1 |a
          b.md:1 |b
          b.md:2 |
          a.md:3 |
          a.md:4 |
          ! b.md:2: `[INCLUDE]` of `a.md` makes a cycle (a.md → b.md includes it again); it is left out
          ! a.md:3: `[INCLUDE]` names `missing.md`, which is not a file of the docs folder (missing.md); it is left out
          ! a.md:4: `[TAGS=...]` section has no `[END]`; it runs to the end of the file
        b.md:
          b.md:1 |b
          a.md:1 |a
          a.md:2 |
          a.md:3 |
          a.md:4 |
          ! a.md:2: `[INCLUDE]` of `b.md` makes a cycle (b.md → a.md includes it again); it is left out
          ! a.md:3: `[INCLUDE]` names `missing.md`, which is not a file of the docs folder (missing.md); it is left out
          ! a.md:4: `[TAGS=...]` section has no `[END]`; it runs to the end of the file
        ");
    }
}
