//! Endpoint functions: a name per operation's one implementation (`*_at`,
//! which takes the encoded path, so every documented path of the operation
//! and every path builder reaches it), and per action body struct and its
//! fields, unique in the operation's area.

use crate::diag::{Code, Diagnostics, Location};
use crate::model::{Model, Parameter, PathSegment, PathTemplate, RequestBody};
use crate::names;
use std::collections::BTreeMap;

/// One documented path of an operation: which operation and path, the area
/// module of its endpoint function, and the Rust names they share.
#[derive(Hash, Debug, Clone)]
pub struct EndpointFn {
    pub op: usize,
    pub path: usize,
    pub module: String,
    /// The body struct of an action, if the operation has parameters.
    pub body_struct: Option<String>,
    /// The field names of the body struct, one per parameter in order.
    pub body_fields: Vec<String>,
    /// The one function that builds the operation's request for any of its
    /// paths; every path builder calls it.
    pub impl_name: String,
}

/// Names every operation's function and body struct, area by area,
/// reporting collisions; one entry per documented path.
pub fn plan(
    model: &Model,
    vocabulary: &names::Vocabulary,
    diags: &mut Diagnostics,
) -> Vec<EndpointFn> {
    let mut scopes: BTreeMap<String, names::Scope<Location>> = BTreeMap::new();
    // Body structs live in the type namespace, functions in the value namespace.
    let mut type_scopes: BTreeMap<String, names::Scope<Location>> = BTreeMap::new();
    let mut out = Vec::new();
    for (i, op) in model.operations.iter().enumerate() {
        let module = names::module_name(&super::features::op_feature(op));
        // A word of the title in one lowercase run gets the words the docs
        // spell elsewhere, as a type name does.
        let title = vocabulary.split_runs(&op.title);
        let base = match &op.facet {
            Some(facet) => names::fn_name(&format!("{title} {facet}")),
            None => names::fn_name(&title),
        };
        let scope = scopes.entry(module.clone()).or_default();
        let mut natural = format!("{}_at", names::unraw(&base));
        // Two operations with one title in one area (`List tasks` of a plan
        // and of a bucket): the later one is named after the collection its
        // path addresses (`plans_list_tasks_at`), and where a third took
        // that, after the segments before it too (`me_planner_list_plans_at`
        // beside `planner_list_plans_at`), before numbers are tried.
        if scope.is_taken(&natural) {
            let owners = op.paths.first().map(owner_segments).unwrap_or_default();
            for n in 1..=owners.len() {
                let owner = owners[owners.len() - n..].join(" ");
                let qualified = format!(
                    "{}_at",
                    names::fn_name(&format!("{owner} {}", names::unraw(&base)))
                );
                if !scope.is_taken(&qualified) {
                    natural = qualified;
                    break;
                }
            }
        }
        let assigned = scope.assign(&natural, op.sources[0].clone());
        if let Some(other) = &assigned.collided_with {
            diags.conflict(
                Code::FunctionNameCollision,
                &op.sources[0],
                other,
                format!("operation `{} {}` gets the function name `{natural}` of another operation; it is named `{}`", op.method, op.paths.first().map_or("", |p| p.raw.as_str()), assigned.name),
            );
        }
        let mut body_struct = None;
        let mut body_fields = Vec::new();
        if let RequestBody::Parameters { parameters } = &op.request {
            // Named after the function, so that two operations of one title
            // whose functions the path told apart (`mobile_apps_assign_at`)
            // get bodies as distinct (`MobileAppsAssignBody`), not numbered.
            let function = names::unraw(&assigned.name);
            let natural = format!(
                "{}Body",
                names::type_name(function.strip_suffix("_at").unwrap_or(function))
            );
            let assigned = type_scopes
                .entry(module.clone())
                .or_insert_with(names::Scope::pascal)
                .assign(&natural, op.sources[0].clone());
            body_struct = Some(assigned.name);
            body_fields = parameter_names(parameters, diags);
        }
        for path in 0..op.paths.len() {
            out.push(EndpointFn {
                op: i,
                path,
                module: module.clone(),
                body_struct: body_struct.clone(),
                body_fields: body_fields.clone(),
                impl_name: assigned.name.clone(),
            });
        }
    }
    out
}

/// The literal segments before a path's last literal segment, in path
/// order: the last is what the path's operation acts on (`mobileApps` in
/// `/deviceAppManagement/mobileApps/{id}/assign`).
fn owner_segments(path: &PathTemplate) -> Vec<&str> {
    let mut literals: Vec<&str> = path
        .segments
        .iter()
        .filter_map(|s| match s {
            PathSegment::Literal { text } => Some(text.as_str()),
            PathSegment::Param { .. } => None,
        })
        .flat_map(|t| t.split('/'))
        .map(|w| w.trim_start_matches('$'))
        .filter(|w| w.chars().any(|c| c.is_ascii_alphanumeric()))
        .collect();
    literals.pop();
    literals
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
