//! Path builders: a fluent API that follows the URL,
//! `client.users().by_id("...").messages().get()`.
//!
//! All documented paths form one tree. A node is a struct holding the client
//! and the encoded path so far; a literal segment is a method, a parameter
//! segment is `by_id`, a function-style segment (`getEmailActivityCounts(period='{period}')`)
//! is a method taking its parameters, and an operation at a node is a method
//! named after its HTTP verb. Every path of an operation calls the same
//! `*_at` function in `endpoints`, so there is one implementation behind all
//! of an operation's URLs. Each first segment gets a module of its own.

use super::endpoints::{body_signature, response_type, EndpointFn};
use super::{ident, Ctx};
use crate::model::PathSegment;
use crate::names;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::{BTreeMap, BTreeSet};

/// A piece of one URL segment.
#[derive(Debug, Clone)]
enum Piece {
    Lit(String),
    /// A parameter: its wire-style name.
    Param(String),
}

/// How a node is reached from its parent.
#[derive(Debug, Clone)]
enum Step {
    Literal(String),
    Param,
    Call(Vec<Piece>),
}

#[derive(Default)]
struct Node {
    step: Option<Step>,
    children: BTreeMap<String, Node>,
    /// Indexes into the plan.
    ops: Vec<usize>,
    features: BTreeSet<String>,
}

/// Splits a path template into URL segments of pieces.
fn url_segments(segments: &[PathSegment]) -> Vec<Vec<Piece>> {
    let mut out: Vec<Vec<Piece>> = vec![Vec::new()];
    for seg in segments {
        match seg {
            PathSegment::Literal { text } => {
                for (i, part) in text.split('/').enumerate() {
                    if i > 0 {
                        out.push(Vec::new());
                    }
                    if !part.is_empty() {
                        out.last_mut()
                            .expect("never empty")
                            .push(Piece::Lit(part.to_string()));
                    }
                }
            }
            PathSegment::Param { name, .. } => out
                .last_mut()
                .expect("never empty")
                .push(Piece::Param(name.clone())),
        }
    }
    out.into_iter().filter(|s| !s.is_empty()).collect()
}

fn step_of(pieces: &[Piece]) -> (String, Step) {
    match pieces {
        [Piece::Lit(t)] => (
            format!("L:{}", t.to_ascii_lowercase()),
            Step::Literal(t.clone()),
        ),
        [Piece::Param(_)] => ("P".to_string(), Step::Param),
        _ => {
            let key: String = pieces
                .iter()
                .map(|p| match p {
                    Piece::Lit(t) => t.to_ascii_lowercase(),
                    Piece::Param(_) => "{}".to_string(),
                })
                .collect();
            (format!("C:{key}"), Step::Call(pieces.to_vec()))
        }
    }
}

/// The files of the `paths` module: one per first segment, plus `mod.rs`.
pub fn plan_files(ctx: &Ctx, plan: &[EndpointFn]) -> Vec<(String, String)> {
    let root = tree(ctx, plan);
    let mut scope: names::Scope<()> = names::Scope::new();
    scope.reserve("root", ());
    scope.reserve("builder", ());
    scope.reserve("base_url", ());
    scope.reserve("execute", ());
    root.children
        .iter()
        .map(|(key, child)| {
            let natural = match &child.step {
                Some(Step::Literal(t)) => names::module_name(t),
                _ => "other".to_string(),
            };
            (key.clone(), scope.assign(&natural, ()).name)
        })
        .collect()
}

fn tree(ctx: &Ctx, plan: &[EndpointFn]) -> Node {
    let mut root = Node::default();
    for (i, f) in plan.iter().enumerate() {
        let op = &ctx.model.operations[f.op];
        let feature = super::features::op_feature(op);
        let mut node = &mut root;
        node.features.insert(feature.clone());
        for pieces in url_segments(&op.paths[f.path].segments) {
            let (key, step) = step_of(&pieces);
            node = node.children.entry(key).or_default();
            if node.step.is_none() {
                node.step = Some(step);
            }
            node.features.insert(feature.clone());
        }
        node.ops.push(i);
    }
    root
}

/// The `paths` module file and one file per first segment.
pub fn emit(ctx: &Ctx, plan: &[EndpointFn]) -> Vec<(String, TokenStream)> {
    let root = tree(ctx, plan);
    let modules: BTreeMap<String, String> = plan_files(ctx, plan).into_iter().collect();
    let mut files = Vec::new();
    let mut mods = Vec::new();
    for (key, child) in &root.children {
        let module = &modules[key];
        let m = ident(module);
        let cfg = ctx.features.cfg_for(&child.features);
        mods.push(quote! { #cfg #[rustfmt::skip] pub mod #m; });
        let mut items = Vec::new();
        let mut scope: names::Scope<()> = names::Scope::pascal();
        let accessor = match &child.step {
            Some(Step::Literal(t)) => names::fn_name(t),
            _ => "other".to_string(),
        };
        let type_name = scope
            .assign(&names::type_name(names::unraw(&accessor)), ())
            .name;
        node_items(ctx, plan, child, &type_name, &mut scope, &mut items);
        let t = ident(&type_name);
        let a = ident(module);
        let Some(Step::Literal(text)) = &child.step else {
            continue;
        };
        let doc = format!(" `/{text}`");
        files.push((
            format!("src/paths/{module}.rs"),
            quote! {
                #![doc = #doc]
                #[allow(unused_imports)]
                use crate::request::{encode_path, Collection, Download, NoBody, NoContent, Patch, Upload};
                #[allow(unused_imports)]
                use crate::client::{Call, PathNode};

                impl crate::Client {
                    #[doc = #doc]
                    #[inline]
                    pub fn #a(&self) -> #t<'_> {
                        #t(self.root().join(#text))
                    }
                }

                #(#items)*
            },
        ));
    }
    files.push((
        "src/paths/mod.rs".to_string(),
        quote! {
            #![doc = " Path builders: `client.users().by_id(\"...\").get()` follows the URL."]
            #(#mods)*
        },
    ));
    files
}

/// A node's struct and methods, then its children's.
fn node_items(
    ctx: &Ctx,
    plan: &[EndpointFn],
    node: &Node,
    type_name: &str,
    scope: &mut names::Scope<()>,
    items: &mut Vec<TokenStream>,
) {
    let t = ident(type_name);
    let cfg = ctx.features.cfg_for(&node.features);
    let mut methods = Vec::new();
    let mut method_names: names::Scope<()> = names::Scope::new();
    // Operations first, so `get` and friends keep their names.
    for &i in &node.ops {
        let f = &plan[i];
        let op = &ctx.model.operations[f.op];
        let verb = method_names
            .assign(&op.method.to_ascii_lowercase(), ())
            .name;
        let name = ident(&verb);
        let response = response_type(ctx, op, false);
        let (body_param, body_type, _) = body_signature(ctx, op, f, false);
        let module = ident(&f.module);
        let implementation = ident(&f.impl_name);
        // The documented path goes along, for tracing.
        let template = &op.paths[f.path].raw;
        let call = if body_param.is_some() {
            quote! { crate::endpoints::#module::#implementation(self.0.path, body).template(#template) }
        } else {
            quote! { crate::endpoints::#module::#implementation(self.0.path).template(#template) }
        };
        let op_cfg = if node.features.len() > 1 {
            ctx.features
                .cfg_for(&BTreeSet::from([super::features::op_feature(op)]))
        } else {
            None
        };
        let doc1 = format!(" {}", super::docs::escape_text(&op.title));
        let doc2 = format!(
            " `{} {}`; see [`crate::endpoints::{}::{}`].",
            op.method, op.paths[f.path].raw, f.module, f.name
        );
        methods.push(quote! {
            #[doc = #doc1]
            #[doc = ""]
            #[doc = #doc2]
            #op_cfg
            #[inline]
            pub fn #name(self, #body_param) -> Call<'c, #response, #body_type> {
                Call::new(self.0.client, #call)
            }
        });
    }
    let mut children = Vec::new();
    for child in node.children.values() {
        let Some(step) = &child.step else { continue };
        let natural = match step {
            Step::Literal(text) => names::fn_name(text.trim_end_matches(':')),
            Step::Param => "by_id".to_string(),
            Step::Call(pieces) => {
                let prefix = pieces.iter().find_map(|p| match p {
                    Piece::Lit(t) => Some(t.split(['(', ':', '=']).next().unwrap_or(t).to_string()),
                    Piece::Param(_) => None,
                });
                names::fn_name(prefix.as_deref().unwrap_or("call"))
            }
        };
        let accessor = method_names.assign(&natural, ()).name;
        let suffix = match step {
            Step::Param => "Item".to_string(),
            _ => names::type_name(names::unraw(&accessor)),
        };
        let child_type = scope.assign(&format!("{type_name}{suffix}"), ()).name;
        let ct = ident(&child_type);
        let a = ident(&accessor);
        let child_cfg = if child.features == node.features {
            None
        } else {
            ctx.features.cfg_for(&child.features)
        };
        let method = match step {
            // `#[inline]`: see `endpoints::impl_fn`.
            Step::Literal(text) => quote! {
                #[inline]
                pub fn #a(self) -> #ct<'c> {
                    #ct(self.0.join(#text))
                }
            },
            Step::Param => quote! {
                #[inline]
                pub fn #a(self, id: &str) -> #ct<'c> {
                    #ct(self.0.join(&encode_path(id)))
                }
            },
            Step::Call(pieces) => {
                let mut pscope: names::Scope<()> = names::Scope::new();
                let mut fmt = String::new();
                let mut params = Vec::new();
                let mut args = Vec::new();
                for p in pieces {
                    match p {
                        Piece::Lit(t) => fmt.push_str(&t.replace('{', "{{").replace('}', "}}")),
                        Piece::Param(name) => {
                            fmt.push_str("{}");
                            let n = ident(&pscope.assign(&names::field_name(name), ()).name);
                            params.push(quote! { #n: &str });
                            args.push(quote! { encode_path(#n) });
                        }
                    }
                }
                quote! {
                    #[inline]
                    pub fn #a(self, #(#params),*) -> #ct<'c> {
                        #ct(self.0.join(&format!(#fmt, #(#args),*)))
                    }
                }
            }
        };
        methods.push(quote! { #child_cfg #method });
        children.push((child, child_type));
    }
    items.push(quote! {
        #cfg
        #[derive(Debug, Clone)]
        pub struct #t<'c>(PathNode<'c>);

        #cfg
        impl<'c> #t<'c> {
            #(#methods)*
        }
    });
    for (child, child_type) in children {
        node_items(ctx, plan, child, &child_type, scope, items);
    }
}
