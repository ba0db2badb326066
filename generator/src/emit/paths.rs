//! Path builders: a fluent API that follows the URL,
//! `client.users().by_id("...").messages().get()`.
//!
//! The plan's path tree (`plan::paths`) names every node and method; this
//! prints a struct per node, a method per step and per operation, and a
//! file per first segment. Every path of an operation calls the same
//! `*_at` function in `endpoints`, so there is one implementation behind
//! all of an operation's URLs.

use super::endpoints::{body_signature, response_type};
use super::ident;
use crate::plan::paths::{PathModule, PathNode, Piece, Step};
use crate::plan::{op_feature, Plan};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeSet;

/// `src/paths/mod.rs`: a module per first segment, behind its features.
pub fn mod_file(ctx: &Plan) -> TokenStream {
    let mods = ctx.paths.iter().map(|module| {
        let m = ident(&module.module);
        let cfg = ctx.features.cfg_for(&module.root.features);
        quote! { #cfg #[rustfmt::skip] pub mod #m; }
    });
    quote! {
        #![doc = " Path builders: `client.users().by_id(\"...\").get()` follows the URL."]
        #(#mods)*
    }
}

/// The file of one first segment, or of one part of it: a large first
/// segment's nodes are split into parts by weight (as types and endpoints
/// are), which the segment's module declares and re-exports. The module
/// holds the `Client` method that starts there; each file holds the
/// builders of its `nodes`.
pub fn module_file(
    ctx: &Plan,
    module: &PathModule,
    nodes: &[&PathNode],
    parts: &[String],
    part: bool,
) -> TokenStream {
    let PathModule { module, text, root } = module;
    let items = nodes.iter().map(|node| node_item(ctx, node));
    let imports = quote! {
        #[allow(unused_imports)]
        use crate::request::{encode_path, Collection, Download, NoBody, NoContent, Patch, Upload};
        #[allow(unused_imports)]
        use crate::client::{Call, PathNode};
    };
    if part {
        // A node's methods construct its children's structs, which may be
        // in another part.
        return quote! {
            #![doc = " Part of a path-builder module, re-exported by it."]
            #imports
            #[allow(unused_imports)]
            use super::*;
            #(#items)*
        };
    }
    let m = ident(module);
    let t = ident(&root.type_name);
    let doc = format!(" `/{text}`");
    let parts = super::split::part_modules(parts);
    quote! {
        #![doc = #doc]
        #imports
        #parts

        impl crate::Client {
            #[doc = #doc]
            #[inline]
            pub fn #m(&self) -> #t<'_> {
                #t(self.root().join(#text))
            }
        }

        #(#items)*
    }
}

/// A node's struct and methods.
fn node_item(ctx: &Plan, node: &PathNode) -> TokenStream {
    let PathNode {
        type_name,
        features,
        ops,
        children,
    } = node;
    let t = ident(type_name);
    let cfg = ctx.features.cfg_for(features);
    let mut methods = Vec::new();
    for (i, verb) in ops {
        let f = &ctx.endpoints[*i];
        let op = &ctx.model.operations[f.op];
        let name = ident(verb);
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
        let op_cfg = if features.len() > 1 {
            ctx.features.cfg_for(&BTreeSet::from([op_feature(op)]))
        } else {
            None
        };
        let doc1 = format!(" {}", super::docs::escape_text(&op.title));
        let doc2 = format!(
            " `{} {}`; see [`crate::endpoints::{}::{}`].",
            op.method, op.paths[f.path].raw, f.module, f.impl_name
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
    for child in children {
        let ct = ident(&child.node.type_name);
        let a = ident(&child.accessor);
        let child_cfg = if &child.node.features == features {
            None
        } else {
            ctx.features.cfg_for(&child.node.features)
        };
        let method = match &child.step {
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
                let mut fmt = String::new();
                let mut params = Vec::new();
                let mut args = Vec::new();
                for p in pieces {
                    match p {
                        Piece::Lit(t) => fmt.push_str(&t.replace('{', "{{").replace('}', "}}")),
                        Piece::Param(name) => {
                            fmt.push_str("{}");
                            let n = ident(name);
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
    }
    // The field is seen by the module's parts, whose nodes construct one
    // another; not by users.
    quote! {
        #cfg
        #[derive(Debug, Clone)]
        pub struct #t<'c>(pub(super) PathNode<'c>);

        #cfg
        impl<'c> #t<'c> {
            #(#methods)*
        }
    }
}
