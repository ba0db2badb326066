//! Endpoint functions: a name per operation's one implementation (`*_at`),
//! per documented path of it, per path parameter, and per action body
//! struct and its fields, unique in the operation's area.

use crate::diag::{Code, Diagnostics, Location};
use crate::model::{Model, Parameter, PathSegment, PathTemplate, RequestBody};
use crate::names;
use std::collections::{BTreeMap, BTreeSet};

/// One endpoint function: which operation and path, and its Rust names.
#[derive(Debug, Clone)]
pub struct EndpointFn {
    pub op: usize,
    pub path: usize,
    pub module: String,
    pub name: String,
    /// Rust names of the path parameters, in path order.
    pub params: Vec<String>,
    /// The body struct of an action, if the operation has parameters.
    pub body_struct: Option<String>,
    /// The field names of the body struct, one per parameter in order.
    pub body_fields: Vec<String>,
    /// The one function that builds the operation's request for any of its
    /// paths; every path function and path builder calls it.
    pub impl_name: String,
}

/// Names every endpoint function, area by area, reporting collisions.
pub fn plan(model: &Model, diags: &mut Diagnostics) -> Vec<EndpointFn> {
    let mut scopes: BTreeMap<String, names::Scope<Location>> = BTreeMap::new();
    // Body structs live in the type namespace, functions in the value namespace.
    let mut type_scopes: BTreeMap<String, names::Scope<Location>> = BTreeMap::new();
    let mut out = Vec::new();
    for (i, op) in model.operations.iter().enumerate() {
        let module = names::module_name(&super::features::op_feature(op));
        let scope = scopes.entry(module.clone()).or_default();
        let base = match &op.facet {
            Some(facet) => names::fn_name(&format!("{} {facet}", op.title)),
            None => names::fn_name(&op.title),
        };
        let suffixes = path_suffixes(&op.paths);
        let impl_name = scope
            .assign(
                &format!("{}_at", names::unraw(&base)),
                op.sources[0].clone(),
            )
            .name;
        let mut body_struct = None;
        let mut body_fields = Vec::new();
        if let RequestBody::Parameters { parameters } = &op.request {
            let natural = format!("{}Body", names::type_name(names::unraw(&base)));
            let assigned = type_scopes
                .entry(module.clone())
                .or_insert_with(names::Scope::pascal)
                .assign(&natural, op.sources[0].clone());
            body_struct = Some(assigned.name);
            body_fields = parameter_names(parameters, diags);
        }
        for (j, path) in op.paths.iter().enumerate() {
            let natural = match &suffixes[j] {
                Some(s) => format!("{}_{s}", names::unraw(&base)),
                None => base.clone(),
            };
            let assigned = scope.assign(&natural, path.source.clone());
            if let Some(other) = &assigned.collided_with {
                diags.conflict(
                    Code::FunctionNameCollision,
                    &path.source,
                    other,
                    format!("operation `{} {}` gets the function name `{natural}` of another operation; it is named `{}`", op.method, path.raw, assigned.name),
                );
            }
            let mut pscope: names::Scope<()> = names::Scope::new();
            pscope.reserve("body", ());
            let params = path
                .params()
                .map(|p| pscope.assign(&names::field_name(p), ()).name)
                .collect();
            out.push(EndpointFn {
                op: i,
                path: j,
                module: module.clone(),
                name: assigned.name,
                params,
                body_struct: body_struct.clone(),
                body_fields: body_fields.clone(),
                impl_name: impl_name.clone(),
            });
        }
    }
    out
}

/// The field names of an action's body struct, reporting parameters whose
/// names collide.
fn parameter_names(parameters: &[Parameter], diags: &mut Diagnostics) -> Vec<String> {
    let mut scope: names::Scope<Location> = names::Scope::new();
    parameters
        .iter()
        .map(|p| {
            let assigned = scope.assign(&names::field_name(&p.wire_name), p.source.clone());
            if let Some(other) = &assigned.collided_with {
                diags.conflict(Code::FieldNameCollision, &p.source, other, format!("parameter `{}` has the same Rust name as another parameter; it is named `{}`", p.wire_name, assigned.name));
            }
            assigned.name
        })
        .collect()
}

/// Distinguishes the paths of one operation by the words they do not share
/// at the end: `/me/messages` and `/users/{id}/messages` are `me` and `users`.
fn path_suffixes(paths: &[PathTemplate]) -> Vec<Option<String>> {
    if paths.len() < 2 {
        return vec![None; paths.len()];
    }
    let words: Vec<Vec<String>> = paths
        .iter()
        .map(|p| {
            p.segments
                .iter()
                .filter_map(|s| match s {
                    PathSegment::Literal { text } => Some(text),
                    PathSegment::Param { .. } => None,
                })
                .flat_map(|t| {
                    t.split(['/', '(', ')', '=', '\'', ',', '.', '$', ':'])
                        .map(str::to_string)
                        .collect::<Vec<_>>()
                })
                .filter(|w| !w.is_empty())
                .collect()
        })
        .collect();
    let mut common = 0;
    loop {
        let tail: Vec<Option<&String>> = words
            .iter()
            .map(|w| w.len().checked_sub(common + 1).and_then(|i| w.get(i)))
            .collect();
        if tail.iter().all(|t| t.is_some() && *t == tail[0])
            && words.iter().all(|w| w.len() > common + 1)
        {
            common += 1;
        } else {
            break;
        }
    }
    let mut suffixes: Vec<String> = words
        .iter()
        .map(|w| {
            let kept = &w[..w.len() - common];
            let s = names::snake_case(&kept.join("_"));
            if s.is_empty() {
                "root".to_string()
            } else {
                s
            }
        })
        .collect();
    // Paths whose words are the same (`/me/drive/root/x` and
    // `/me/drive/root:/{item-path}:/x`) differ in their parameters: each
    // adds the ones the others of its group do not have (`by_item_path`).
    let params: Vec<BTreeSet<String>> = paths
        .iter()
        .map(|p| p.params().map(names::snake_case).collect())
        .collect();
    let before = suffixes.clone();
    for (i, suffix) in suffixes.iter_mut().enumerate() {
        let group: Vec<usize> = (0..paths.len())
            .filter(|&j| j != i && before[j] == before[i])
            .collect();
        let own: Vec<&String> = params[i]
            .iter()
            .filter(|p| group.iter().any(|&j| !params[j].contains(*p)))
            .collect();
        if !group.is_empty() && !own.is_empty() {
            let own: Vec<&str> = own.iter().map(|s| s.as_str()).collect();
            *suffix = format!("{suffix}_by_{}", own.join("_"));
        }
    }
    suffixes.into_iter().map(Some).collect()
}
