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
    sample_fn: String,
    sample_call: String,
    sample_method: String,
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
    let (sample_module, sample_fn, sample_call, sample_method) = match sample {
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
            (
                f.module.clone(),
                f.name.clone(),
                format!("{}({})", f.name, args.join(", ")),
                op.method.clone(),
            )
        }
        None => ("none".into(), "none".into(), "none()".into(), "GET".into()),
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
        sample_fn,
        sample_call,
        sample_method,
    };
    t.render().unwrap_or_default() + "\n"
}
