//! Typed `$filter` and `$orderby` properties (the runtime's `filter`
//! module): each type that collections list (the item type of a list
//! operation) gets an associated constant per property a filter can test
//! (single primitives and enums, and collections of them, not navigation
//! properties): `User::DISPLAY_NAME: Property<User, String>` with the wire
//! name `displayName`. A `...Any` enum listed in a collection filters by
//! its base type's constants. Only listed types get them: they are what
//! `$filter` applies to, and constants for every type would cost compile
//! time for nothing.

use super::{ident, Ctx};
use crate::model::{Property, ResponseBody, TypeDef, TypeKind, TypeRef};
use proc_macro2::{Ident, TokenStream};
use quote::quote;
use std::collections::BTreeSet;

/// The keys of the types collections list.
pub fn listed_types(ctx_model: &crate::model::Model) -> BTreeSet<String> {
    ctx_model
        .operations
        .iter()
        .filter_map(|op| match &op.response.body {
            ResponseBody::Collection {
                ty: TypeRef::Named(q),
            } => Some(q.key()),
            _ => None,
        })
        .filter(|k| {
            ctx_model
                .types
                .get(k)
                .is_some_and(|t| t.kind != TypeKind::Enum)
        })
        .collect()
}

/// The constants of a listed type, given its properties and the Rust names
/// its struct gave their fields (with their feature gates).
pub fn property_consts(
    ctx: &Ctx,
    ty: &TypeDef,
    type_ident: &Ident,
    fields: &[(&Property, &Ident, Option<&TokenStream>)],
    cfg: Option<&TokenStream>,
) -> Option<TokenStream> {
    let key = ty.name.key();
    if !ctx.listed.contains(&key) {
        return None;
    }
    let consts: Vec<TokenStream> = fields
        .iter()
        .filter(|(p, _, _)| !p.navigation)
        .filter_map(|(p, field, field_cfg)| {
            let filterable = match &p.ty {
                TypeRef::Primitive(prim) => !matches!(
                    prim,
                    crate::model::Primitive::Stream
                ),
                TypeRef::Named(q) => ctx.kind_of(q) == Some(TypeKind::Enum),
                TypeRef::Json => false,
            };
            if !filterable {
                return None;
            }
            let name = ident(&crate::names::unraw(&field.to_string()).to_ascii_uppercase());
            let value = ctx.value_type(&p.ty, false, false);
            let wire = &p.wire_name;
            let doc = format!(" `{wire}`, for `$filter` and `$orderby`.");
            Some(if p.collection {
                quote! {
                    #[doc = #doc]
                    #field_cfg
                    pub const #name: crate::filter::CollectionProperty<#type_ident, #value> = crate::filter::CollectionProperty::new(#wire);
                }
            } else {
                quote! {
                    #[doc = #doc]
                    #field_cfg
                    pub const #name: crate::filter::Property<#type_ident, #value> = crate::filter::Property::new(#wire);
                }
            })
        })
        .collect();
    // A collection of the `...Any` enum filters by the base's properties.
    let any = ctx.any_types.get(&key).map(|(any_name, _)| {
        let any_ident = ident(any_name);
        quote! {
            #cfg
            impl crate::filter::Filters<#type_ident> for #any_ident {}
        }
    });
    (!consts.is_empty() || any.is_some()).then(|| {
        quote! {
            #cfg
            impl #type_ident {
                #(#consts)*
            }
            #any
        }
    })
}
