//! How large files are cut into parts: a namespace's types by initial and
//! weight, an area's endpoints and a path-builder module's nodes by weight.
//! A one-page change formats again only the part it changed, at a cost in
//! proportion to the part, and a full run's parts share the cores evenly.

use super::ident;
use crate::model::TypeDef;
use crate::plan::paths::{PathModule, PathNode};
use crate::plan::Plan;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeMap;

/// The parts a module is split into (see [`parts`], [`endpoint_runs`],
/// [`path_runs`]):
/// private modules whose items the module re-exports, so the split is
/// invisible to users.
pub fn part_modules(parts: &[String]) -> TokenStream {
    let parts = parts.iter().map(|p| {
        let p = ident(p);
        quote! { #[rustfmt::skip] mod #p; #[rustfmt::skip] #[allow(unused_imports)] pub use #p::*; }
    });
    quote! { #(#parts)* }
}

/// Namespaces with more types than this are split into parts by initial.
pub(super) const PART_THRESHOLD: usize = 80;

/// The most a part holds, counted as a type and its properties and members
/// (see [`part_weight`]); an initial with more is split into parts of
/// consecutive types (`types_d1`, `types_d2`), each under it. On v1.0 a
/// unit is about 650 bytes of Rust, so a part stays under about 150 KB:
/// a one-page change formats the part of the type it changed, which costs
/// in proportion to the part (a 0.6 MB part took about 30 ms on one core),
/// and a full run's parts share the cores evenly.
pub(super) const PART_BUDGET: usize = 230;

/// What a type adds to its part (see [`PART_BUDGET`]).
fn part_weight(ty: &TypeDef) -> usize {
    1 + ty.properties.len() + ty.members.len()
}

/// A namespace's types by part: by the initial of their Rust names, and an
/// initial over [`PART_BUDGET`] in consecutive runs.
pub(super) fn parts<'a>(
    plan: &Plan,
    types: Vec<&'a TypeDef>,
    budget: usize,
) -> BTreeMap<String, Vec<&'a TypeDef>> {
    let mut by_initial: BTreeMap<char, Vec<&'a TypeDef>> = BTreeMap::new();
    for ty in types {
        let initial = plan.types[&ty.name.key()]
            .name
            .chars()
            .next()
            .filter(|c| c.is_ascii_alphabetic())
            .map(|c| c.to_ascii_lowercase())
            .unwrap_or('_');
        by_initial.entry(initial).or_default().push(ty);
    }
    let mut out = BTreeMap::new();
    for (initial, types) in by_initial {
        if types.iter().map(|t| part_weight(t)).sum::<usize>() <= budget {
            out.insert(format!("types_{initial}"), types);
            continue;
        }
        let runs = runs_by_weight(types, |t| part_weight(t), budget);
        for (n, run) in runs.into_iter().enumerate() {
            out.insert(format!("types_{initial}{}", n + 1), run);
        }
    }
    out
}

/// The most one endpoints file holds, counted as an operation and its
/// documented paths, body parameters and source pages, each a line or more
/// of its docs (see [`endpoint_runs`]); on v1.0 a unit is about 350 bytes
/// of Rust, so a file stays under about 150 KB.
pub(super) const ENDPOINTS_PART_BUDGET: usize = 400;

/// What an operation adds to its endpoints file (see
/// [`ENDPOINTS_PART_BUDGET`]).
fn endpoint_weight(op: &crate::model::Operation) -> usize {
    let params = match &op.request {
        crate::model::RequestBody::Parameters { parameters } => parameters.len(),
        _ => 0,
    };
    1 + op.paths.len() + params + op.sources.len()
}

/// The most a path-builder file holds, counted as a node's struct, its
/// operations and its children (see [`crate::plan::paths::PathNode::weight`]):
/// a module over it is split into parts of consecutive nodes, for the
/// reasons of [`PART_BUDGET`]. On v1.0 a unit is about 350 bytes of Rust,
/// so a part stays under about 200 KB.
pub(super) const PATHS_PART_BUDGET: usize = 400;

/// An area's endpoints (indexes into the plan's) in runs of consecutive
/// operations, each under [`ENDPOINTS_PART_BUDGET`]: one run for most
/// areas, more for a large one, for the reasons of [`PART_BUDGET`]. The
/// entries of one operation (one per path) stay in one run: its function
/// and body are printed with the first.
pub(super) fn endpoint_runs(plan: &Plan, module: &str, budget: usize) -> Vec<Vec<usize>> {
    // The entries of one operation are consecutive in the plan.
    let mut ops: Vec<Vec<usize>> = Vec::new();
    for (i, f) in plan.endpoints.iter().enumerate() {
        if f.module != module {
            continue;
        }
        match ops.last_mut() {
            Some(last) if plan.endpoints[last[0]].op == f.op => last.push(i),
            _ => ops.push(vec![i]),
        }
    }
    let weight = |entries: &Vec<usize>| {
        endpoint_weight(&plan.model.operations[plan.endpoints[entries[0]].op])
    };
    runs_by_weight(ops, weight, budget)
        .into_iter()
        .map(|run| run.into_iter().flatten().collect())
        .collect()
}

/// A path-builder module's nodes, in the order their structs are printed,
/// in runs of consecutive nodes, each under `budget` (see
/// [`PATHS_PART_BUDGET`]): one run for most modules, more for a large one.
/// A node changes part only when the weight of the nodes before it does.
pub(super) fn path_runs(module: &PathModule, budget: usize) -> Vec<Vec<&PathNode>> {
    runs_by_weight(module.root.preorder(), |n| n.weight(), budget)
}

/// `items` in runs, in order, each closed before it would pass `budget`
/// (an item over it alone is a run of its own).
fn runs_by_weight<T>(items: Vec<T>, weight: impl Fn(&T) -> usize, budget: usize) -> Vec<Vec<T>> {
    let mut runs: Vec<Vec<T>> = vec![Vec::new()];
    let mut total = 0;
    for item in items {
        let w = weight(&item);
        if total + w > budget && runs.last().is_some_and(|r| !r.is_empty()) {
            runs.push(Vec::new());
            total = 0;
        }
        total += w;
        runs.last_mut().expect("never empty").push(item);
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::super::unit_tests::with_cursed_plan;
    use super::*;
    use std::collections::BTreeSet;

    /// Parts by weight, with budgets small enough to split the cursed
    /// fixture: every type and endpoint is in exactly one part, in order;
    /// an operation's entries stay together; a part passes its budget only
    /// when it holds one type or operation; a split initial's parts are
    /// numbered.
    #[test]
    fn parts_split_by_weight_and_keep_order() {
        with_cursed_plan(parts_split_in);
    }

    fn parts_split_in(model: &crate::model::Model, plan: &Plan) {
        let types: Vec<&TypeDef> = model.types.values().collect();
        let budget = 6;
        let by_part = parts(plan, types.clone(), budget);
        let mut seen: Vec<&str> = by_part
            .values()
            .flatten()
            .map(|t| t.name.name.as_str())
            .collect();
        let mut all: Vec<&str> = types.iter().map(|t| t.name.name.as_str()).collect();
        seen.sort();
        all.sort();
        assert_eq!(seen, all);
        assert!(by_part.len() > 2, "{:?}", by_part.keys());
        for (name, part) in &by_part {
            let weight: usize = part.iter().map(|t| part_weight(t)).sum();
            assert!(weight <= budget || part.len() == 1, "{name}: {weight}");
            let initial = name.trim_start_matches("types_");
            assert!(
                initial.len() == 1 || initial[1..].parse::<usize>().is_ok(),
                "{name}"
            );
        }

        let budget = 4;
        let mut split = 0;
        for module in plan
            .endpoints
            .iter()
            .map(|f| f.module.as_str())
            .collect::<BTreeSet<_>>()
        {
            let runs = endpoint_runs(plan, module, budget);
            let flat: Vec<usize> = runs.iter().flatten().copied().collect();
            let expected: Vec<usize> = (0..plan.endpoints.len())
                .filter(|&i| plan.endpoints[i].module == module)
                .collect();
            assert_eq!(flat, expected, "{module}");
            for run in &runs {
                let ops: BTreeSet<usize> = run.iter().map(|&i| plan.endpoints[i].op).collect();
                let weight: usize = ops
                    .iter()
                    .map(|&op| endpoint_weight(&model.operations[op]))
                    .sum();
                assert!(weight <= budget || ops.len() == 1, "{module}: {weight}");
            }
            for pair in runs.windows(2) {
                let (a, b) = (&pair[0], &pair[1]);
                assert_ne!(
                    plan.endpoints[*a.last().expect("not empty")].op,
                    plan.endpoints[b[0]].op,
                    "{module}: an operation split between parts"
                );
            }
            split += usize::from(runs.len() > 1);
        }
        assert!(split > 0, "no area was split");

        let budget = 3;
        let mut split = 0;
        for module in &plan.paths {
            let runs = path_runs(module, budget);
            let flat: Vec<&str> = runs
                .iter()
                .flatten()
                .map(|n| n.type_name.as_str())
                .collect();
            let expected: Vec<&str> = module
                .root
                .preorder()
                .iter()
                .map(|n| n.type_name.as_str())
                .collect();
            assert_eq!(flat, expected, "{}", module.module);
            for run in &runs {
                let weight: usize = run.iter().map(|n| n.weight()).sum();
                assert!(
                    weight <= budget || run.len() == 1,
                    "{}: {weight}",
                    module.module
                );
            }
            split += usize::from(runs.len() > 1);
        }
        assert!(split > 0, "no path module was split");
    }
}
