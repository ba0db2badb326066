//! Typed `$filter` and `$orderby` properties (the runtime's `filter`
//! module): each type that collections list (the item type of a list
//! operation) gets an associated constant per property a filter can test
//! (single primitives and enums, and collections of them, not navigation
//! properties): `User::DISPLAY_NAME: Property<User, String>` with the wire
//! name `displayName`. A `...Any` enum listed in a collection filters by
//! its base type's constants. Only listed types get them: they are what
//! `$filter` applies to, and constants for every type would cost compile
//! time for nothing.

use super::ident;
use crate::model::{Property, TypeDef};
use crate::plan::Gate;
use crate::plan::Plan;
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// The constants of a listed type, given its properties with the names the
/// plan gave their constants (and the fields' feature gates).
pub fn property_consts(
    ctx: &Plan,
    ty: &TypeDef,
    type_ident: &Ident,
    fields: &[(&Property, Option<&String>, Option<&Gate>)],
    cfg: Option<&Gate>,
) -> Option<TokenStream> {
    let key = ty.name.key();
    if !ctx.listed.contains(&key) {
        return None;
    }
    let consts: Vec<TokenStream> = fields
        .iter()
        .filter_map(|(p, name, field_cfg)| {
            let name = ident(name.as_ref()?);
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
    let any = ctx.any_types.get(&key).map(|any_enum| {
        let any_ident = ident(&any_enum.name);
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
