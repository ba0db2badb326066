//! Endpoints: a function per operation, taking the encoded path (any of
//! the operation's documented paths, as the path builders build them) and
//! returning a [`Request`] that holds the method, the path, the typed body
//! and the response type; and the body struct of each action.

use super::{docs, ident};
use crate::model::{Operation, Parameter, RequestBody, ResponseBody, TypeRef};
use crate::plan::{op_feature, EndpointFn, Plan};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeMap;

/// The `endpoints` module: one submodule per area, behind its feature.
pub fn mod_file(ctx: &Plan, areas: &[String]) -> TokenStream {
    let feature_of: BTreeMap<&str, String> = ctx
        .endpoints
        .iter()
        .map(|f| (f.module.as_str(), op_feature(&ctx.model.operations[f.op])))
        .collect();
    let mods = areas.iter().map(|a| {
        let m = ident(a);
        let cfg = feature_of
            .get(a.as_str())
            .map(|f| ctx.features.feature_cfg(f));
        quote! { #cfg #[rustfmt::skip] pub mod #m; }
    });
    quote! {
        #![doc = " Endpoint functions, one module per area of the API."]
        #(#mods)*
    }
}

/// The file of one endpoint module (area), or of one part of a large one:
/// the functions and bodies of `endpoints` (indexes into the plan's), and
/// the `parts` it declares and re-exports, so the area stays one module to
/// users.
pub fn emit_module(
    ctx: &Plan,
    module: &str,
    endpoints: &[usize],
    parts: &[String],
    part: bool,
) -> TokenStream {
    let mut items = Vec::new();
    let mut bodies_done = std::collections::BTreeSet::new();
    for f in endpoints.iter().map(|&i| &ctx.endpoints[i]) {
        let op = &ctx.model.operations[f.op];
        if let (Some(name), RequestBody::Parameters { parameters }) = (&f.body_struct, &op.request)
        {
            if bodies_done.insert(name.clone()) {
                items.push(body_struct(ctx, op, name, parameters, &f.body_fields));
            }
        }
        if f.path == 0 {
            items.push(impl_fn(ctx, op, f));
        }
    }
    let doc = if part {
        format!(" Part of the endpoints of the `{module}` area, re-exported by its module.")
    } else {
        format!(" Endpoints of the `{module}` area.")
    };
    let parts = super::split::part_modules(parts);
    let imports = (!items.is_empty()).then(|| {
        quote! {
            #[allow(unused_imports)]
            use crate::request::{encode_path, Collection, Download, Method, NoBody, NoContent, Patch, Request, Upload};
        }
    });
    quote! {
        #![doc = #doc]
        #parts
        #imports
        #(#items)*
    }
}

/// The body of an action: its parameters as one JSON object.
fn body_struct(
    ctx: &Plan,
    op: &Operation,
    name: &str,
    parameters: &[Parameter],
    field_names: &[String],
) -> TokenStream {
    // Each field's name, whether it holds a secret, and whether it is an `Option`.
    let mut shown: Vec<super::models::Shown> = Vec::new();
    let fields: Vec<TokenStream> = parameters
        .iter()
        .zip(field_names)
        .map(|(p, field_name)| {
            let Parameter {
                wire_name,
                ty,
                collection,
                required,
                description,
                source,
            } = p;
            let f = ident(field_name);
            let secret = crate::model::holds_secret(wire_name, ty, description);
            shown.push(super::models::Shown {
                ident: f.clone(),
                wire: wire_name.clone(),
                list: *collection,
                cfg: None,
                secret,
                optional: !*required,
            });
            let t = ctx.value_type(ty, *collection, false);
            let extra: Vec<String> = secret
                .then(|| "A secret: shown as `<redacted>` in `Debug` output.".to_string())
                .into_iter()
                .collect();
            let doc = docs::attrs(description, &extra, &[source]);
            if *required {
                quote! { #doc pub #f: #t, }
            } else {
                quote! { #doc pub #f: Option<#t>, }
            }
        })
        .collect();
    let n = ident(name);
    let (derive_debug, debug_impl) = super::models::debug_of(&n, name, None, &shown);
    let serde_impls =
        super::objects::serde_impls(&n, None, &super::models::wire_fields(&shown), None);
    let doc = format!(" The request body of `{}`.", op.title);
    let derive_default = parameters
        .iter()
        .all(|p| !p.required)
        .then(|| quote! { Default, });
    quote! {
        #[doc = #doc]
        #[derive(#derive_debug Clone, #derive_default PartialEq)]
        pub struct #n {
            #(#fields)*
        }
        #serde_impls
        #debug_impl
    }
}

/// The Rust type of an operation's response.
pub fn response_type(ctx: &Plan, op: &Operation, external: bool) -> TokenStream {
    let runtime = |name: &str| ctx.runtime_path("request", name, external);
    match &op.response.body {
        ResponseBody::None => runtime("NoContent"),
        ResponseBody::Stream => runtime("Download"),
        // `$count` answers with a bare number, which reads as JSON.
        ResponseBody::Count => quote! { i64 },
        ResponseBody::Single {
            ty: ty @ TypeRef::Primitive(_),
        } => {
            let w = runtime("PrimitiveValue");
            let t = ctx.response_rust_type(ty, external);
            quote! { #w<#t> }
        }
        ResponseBody::Single { ty } => ctx.response_rust_type(ty, external),
        ResponseBody::Collection { ty } => {
            let c = runtime("Collection");
            let t = ctx.response_rust_type(ty, external);
            quote! { #c<#t> }
        }
    }
}

/// The body of an operation's functions: the parameter, the body type of
/// the `Request`, and how the parameter becomes that body.
pub fn body_signature(
    ctx: &Plan,
    op: &Operation,
    f: &EndpointFn,
    external: bool,
) -> (Option<TokenStream>, TokenStream, TokenStream) {
    let krate = ident(&ctx.crate_ident);
    let runtime = |name: &str| ctx.runtime_path("request", name, external);
    match &op.request {
        // PATCH bodies can send `null` for the properties to clear.
        RequestBody::Type { ty, collection } if op.method == "PATCH" && !*collection => {
            let t = ctx.value_type(ty, false, external);
            let patch = runtime("Patch");
            (
                Some(quote! { body: impl Into<#patch<#t>> }),
                quote! { #patch<#t> },
                quote! { Some(body.into()) },
            )
        }
        RequestBody::Type { ty, collection } => {
            let t = ctx.value_type(ty, *collection, external);
            (
                Some(quote! { body: #t }),
                quote! { #t },
                quote! { Some(body) },
            )
        }
        RequestBody::Parameters { .. } => {
            let n = ident(f.body_struct.as_deref().unwrap_or("NoBody"));
            let m = ident(&f.module);
            let t = if external {
                quote! { #krate::endpoints::#m::#n }
            } else {
                quote! { crate::endpoints::#m::#n }
            };
            (Some(quote! { body: #t }), t, quote! { Some(body) })
        }
        RequestBody::Reference => {
            let r = runtime("Reference");
            (Some(quote! { body: #r }), r, quote! { Some(body) })
        }
        RequestBody::Stream { .. } => {
            let u = runtime("Upload");
            (Some(quote! { body: #u }), u, quote! { Some(body) })
        }
        RequestBody::None => (None, runtime("NoBody"), quote! { None }),
    }
}

/// The operation's one implementation: the request for a path that the
/// path functions and path builders have already built and encoded.
fn impl_fn(ctx: &Plan, op: &Operation, f: &EndpointFn) -> TokenStream {
    let name = ident(&f.impl_name);
    let method = ident(match op.method.as_str() {
        "GET" => "GET",
        "POST" => "POST",
        "PUT" => "PUT",
        "PATCH" => "PATCH",
        _ => "DELETE",
    });
    let response = response_type(ctx, op, false);
    let (body_param, body_type, body_expr) = body_signature(ctx, op, f, false);
    let advanced = op
        .headers
        .iter()
        .any(|h| h.wire_name.eq_ignore_ascii_case("ConsistencyLevel"))
        .then(|| quote! { .advanced_query() });
    // Bytes of a documented media type (MIME messages as `text/plain`) say
    // so; other bytes go out as `application/octet-stream`.
    let content_type = match &op.request {
        RequestBody::Stream {
            content_type: Some(ct),
        } => Some(quote! { .header("Content-Type", #ct) }),
        _ => None,
    };
    let doc = fn_doc(op);
    // `#[inline]` on every endpoint and path function: such a function is
    // compiled in the crate that calls it, so building this crate does not
    // compile thousands of functions of which a program calls a few.
    quote! {
        #doc
        #[inline]
        pub fn #name(path: String, #body_param) -> Request<#response, #body_type> {
            Request::from_parts(Method::#method, path, #body_expr) #advanced #content_type
        }
    }
}

/// The description of an operation, its documented paths, versions,
/// success status and permissions.
fn fn_doc(op: &Operation) -> TokenStream {
    let mut extra: Vec<String> = op
        .paths
        .iter()
        .map(|p| format!("- `{} {}`", op.method, p.raw))
        .collect();
    extra.insert(
        0,
        "At any of its documented paths, as the path builders (the methods of `Client`) build them; `path` is relative to the service root and already encoded:".to_string(),
    );
    if !op.api_versions.is_empty() {
        let v: Vec<&str> = op.api_versions.iter().map(|s| s.as_str()).collect();
        extra.push(format!(
            "API version in the docs' examples: {}.",
            v.join(", ")
        ));
    }
    extra.push(format!("Returns `{}` on success.", op.response.status));
    let perms: Vec<String> = op
        .permissions
        .iter()
        .map(|p| {
            let scopes = if !p.supported {
                "not supported".to_string()
            } else if p.scopes.is_empty() {
                "not documented".to_string()
            } else {
                p.scopes
                    .iter()
                    .map(|s| format!("`{s}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            format!("- {}: {}", docs::escape_text(&p.kind), scopes)
        })
        .collect();
    if !perms.is_empty() {
        extra.push("Permissions (least privileged first):".to_string());
        extra.extend(perms);
    }
    doc_lines(op, extra)
}

fn doc_lines(op: &Operation, extra: Vec<String>) -> TokenStream {
    let mut lines = vec![docs::escape_text(&op.title)];
    let desc = docs::render(&op.description);
    if !desc.is_empty() {
        lines.push(String::new());
        lines.extend(desc);
    }
    // Paragraphs are separated by blank lines; list items follow each other.
    for e in extra {
        if !e.starts_with("- ") {
            lines.push(String::new());
        }
        lines.push(e);
    }
    lines.push(String::new());
    let srcs: Vec<String> = op.sources.iter().map(|s| format!("`{s}`")).collect();
    lines.push(format!("Source: {}.", srcs.join(", ")));
    docs::lines_to_attrs(&lines)
}
