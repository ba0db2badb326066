//! The non-Rust files of the generated crate, from askama templates.

use super::endpoints::EndpointFn;
use super::{Ctx, HEADER};
use crate::model::{Model, TypeKind};
use crate::pipeline::Options;
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

pub fn cargo_toml(options: &Options, features: &super::features::Features) -> String {
    let t = CargoToml {
        header: HEADER,
        crate_name: &options.crate_name,
        features: features.all.iter().cloned().collect(),
    };
    // Rendering a template with only string fields cannot fail.
    t.render().unwrap_or_default() + "\n"
}

pub fn readme(
    model: &Model,
    options: &Options,
    ctx: &Ctx,
    plan: &[EndpointFn],
    tested: usize,
    examples: usize,
) -> String {
    let mut modules: Vec<String> = model
        .types
        .values()
        .map(|t| super::namespace_module(&t.name.namespace).join("::"))
        .collect();
    modules.sort();
    modules.dedup();
    let sample = plan.first();
    let (sample_module, sample_call) = match sample {
        Some(f) => {
            let op = &model.operations[f.op];
            let mut args: Vec<String> = f
                .params
                .iter()
                .map(|p| format!("\"{}\"", p.trim_start_matches("r#")))
                .collect();
            if !matches!(op.request, crate::model::RequestBody::None) {
                args.push("body".to_string());
            }
            (f.module.clone(), format!("{}({})", f.name, args.join(", ")))
        }
        None => ("none".into(), "none()".into()),
    };
    let t = Readme {
        header: HEADER,
        crate_name: &options.crate_name,
        crate_ident: &ctx.crate_ident,
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
        tested,
        examples,
        modules,
        sample_module,
        sample_call,
        sample_chain: sample
            .map(|f| sample_chain(model, f))
            .unwrap_or_else(|| "users().get()".into()),
    };
    t.render().unwrap_or_default() + "\n"
}

/// The path builder calls for a function's path, as the README shows them.
fn sample_chain(model: &Model, f: &EndpointFn) -> String {
    let op = &model.operations[f.op];
    let words = |text: &str| -> Vec<String> {
        text.split('/')
            .filter(|s| !s.is_empty())
            .map(|s| format!("{}()", crate::names::fn_name(s)))
            .collect()
    };
    let mut chain = Vec::new();
    let mut literal = String::new();
    for seg in &op.paths[f.path].segments {
        match seg {
            crate::model::PathSegment::Literal { text } => literal.push_str(text),
            crate::model::PathSegment::Param { .. } => {
                chain.extend(words(&literal));
                literal.clear();
                chain.push("by_id(\"...\")".to_string());
            }
        }
    }
    chain.extend(words(&literal));
    let body = if matches!(op.request, crate::model::RequestBody::None) {
        ""
    } else {
        "body"
    };
    chain.push(format!("{}({body})", op.method.to_ascii_lowercase()));
    chain.join(".")
}
