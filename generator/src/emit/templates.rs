//! The non-Rust files of the generated crate, from askama templates.

use super::HEADER;
use crate::model::TypeKind;
use crate::plan::paths::{chain_to, Piece, Step};
use crate::plan::Plan;
use askama::Template;

#[derive(Template)]
#[template(path = "Cargo.toml.txt", escape = "none")]
struct CargoToml<'a> {
    header: &'a str,
    crate_name: &'a str,
    features: Vec<String>,
}

#[derive(Template)]
#[template(path = "README.md.txt", escape = "none")]
struct Readme<'a> {
    header: &'a str,
    crate_name: &'a str,
    crate_ident: &'a str,
    namespaces: usize,
    structs: usize,
    enums: usize,
    operations: usize,
    tested: usize,
    examples: usize,
    modules: Vec<String>,
    sample_module: String,
    sample_call: String,
    sample_chain: String,
}

pub fn cargo_toml(plan: &Plan) -> String {
    let t = CargoToml {
        header: HEADER,
        crate_name: &plan.crate_name,
        features: plan.features.all.iter().cloned().collect(),
    };
    // Rendering a template with only string fields cannot fail.
    t.render().unwrap_or_default() + "\n"
}

pub fn readme(plan: &Plan) -> String {
    let model = plan.model;
    let mut modules: Vec<String> = model
        .types
        .values()
        .map(|t| crate::plan::namespace_module(&t.name.namespace).join("::"))
        .collect();
    modules.sort();
    modules.dedup();
    let sample = plan.endpoints.first();
    let (sample_module, sample_call) = match sample {
        Some(f) => {
            let op = &model.operations[f.op];
            let path = &op.paths[f.path].raw;
            let body = if matches!(op.request, crate::model::RequestBody::None) {
                ""
            } else {
                ", body"
            };
            (
                f.module.clone(),
                format!(
                    "{}(\"{path}\".into(){body})",
                    f.impl_name.trim_start_matches("r#")
                ),
            )
        }
        None => ("none".into(), "none()".into()),
    };
    let t = Readme {
        header: HEADER,
        crate_name: &plan.crate_name,
        crate_ident: &plan.crate_ident,
        namespaces: modules.len(),
        structs: model
            .types
            .values()
            .filter(|t| t.kind != TypeKind::Enum)
            .count(),
        enums: model
            .types
            .values()
            .filter(|t| t.kind == TypeKind::Enum)
            .count(),
        operations: model.operations.len(),
        tested: plan.counts.tested,
        examples: plan.counts.examples,
        modules,
        sample_module,
        sample_call,
        sample_chain: sample_chain(plan).unwrap_or_else(|| "users().get()".into()),
    };
    t.render().unwrap_or_default() + "\n"
}

/// The path-builder calls that reach the first endpoint, as the README
/// shows them.
fn sample_chain(plan: &Plan) -> Option<String> {
    let chain = chain_to(&plan.paths, 0)?;
    let f = plan.endpoints.first()?;
    let op = &plan.model.operations[f.op];
    let mut calls = vec![format!("{}()", chain.module)];
    for child in &chain.steps {
        let args = match &child.step {
            Step::Literal(_) => String::new(),
            Step::Param => "\"...\"".to_string(),
            Step::Call(pieces) => pieces
                .iter()
                .filter(|p| matches!(p, Piece::Param(_)))
                .map(|_| "\"...\"")
                .collect::<Vec<_>>()
                .join(", "),
        };
        calls.push(format!(
            "{}({args})",
            child.accessor.trim_start_matches("r#")
        ));
    }
    let body = if matches!(op.request, crate::model::RequestBody::None) {
        ""
    } else {
        "body"
    };
    calls.push(format!("{}({body})", chain.verb));
    Some(calls.join("."))
}
