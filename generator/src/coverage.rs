//! The coverage summary printed at the end of every run: what was read, what
//! was produced, and every construct not understood, counted by reason.

use crate::diag::{Diagnostic, Origin, Severity};
use crate::model::{Model, TypeKind};
use std::collections::BTreeMap;
use std::fmt::Write;

pub fn summary(model: &Model, diags: &[Diagnostic], files: usize, verbose: bool) -> String {
    let mut s = String::new();
    let pages: Vec<String> = model
        .pages_by_doc_type
        .iter()
        .map(|(k, v)| format!("{k} {v}"))
        .collect();
    let _ = writeln!(s, "coverage:");
    let _ = writeln!(s, "  pages read: {files} ({})", pages.join(", "));
    let count = |k: TypeKind| model.types.values().filter(|t| t.kind == k).count();
    let props: usize = model.types.values().map(|t| t.properties.len()).sum();
    let members: usize = model.types.values().map(|t| t.members.len()).sum();
    let paths: usize = model.operations.iter().map(|o| o.paths.len()).sum();
    let examples: usize = model.operations.iter().map(|o| o.examples.len()).sum();
    let _ = writeln!(
        s,
        "  types: {} entity, {} complex, {} enum ({props} properties, {members} enum members)",
        count(TypeKind::Entity),
        count(TypeKind::Complex),
        count(TypeKind::Enum)
    );
    let _ = writeln!(
        s,
        "  operations: {} ({paths} paths, {examples} examples)",
        model.operations.len()
    );
    if !model.unread.is_empty() {
        let _ = writeln!(s, "  read, not turned into model:");
        for (reason, n) in &model.unread {
            let _ = writeln!(s, "    {reason}: {n}");
        }
    }
    let mut by_reason: BTreeMap<(Origin, &str), usize> = BTreeMap::new();
    for d in diags
        .iter()
        .filter(|d| d.severity >= Severity::Warning || d.origin != Origin::Docs)
    {
        *by_reason.entry((d.origin, d.code.name())).or_default() += 1;
    }
    let not_understood: usize = by_reason
        .iter()
        .filter(|((o, _), _)| *o != Origin::Docs)
        .map(|(_, n)| n)
        .sum();
    let _ = writeln!(s, "  not understood: {not_understood}");
    for ((origin, reason), n) in &by_reason {
        let kind = match origin {
            Origin::Docs => "docs",
            Origin::Unsupported => "unsupported",
            Origin::GeneratorBug => "generator bug",
        };
        let _ = writeln!(s, "    {reason} [{kind}]: {n}");
    }
    if !verbose && !by_reason.is_empty() {
        let _ = writeln!(s, "  (--verbose lists each with file:line)");
    }
    s.trim_end().to_string()
}
