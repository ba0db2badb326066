//! How a generated struct is read from and written as a JSON object: a
//! `Serialize` impl and a `FromObject` impl of one straight line per field,
//! through the runtime's `json` module, instead of serde's derives (whose
//! visitors were most of the crate's `cargo check` time and memory; see
//! `runtime/src/json.rs` and BENCHMARKS.md).

use crate::plan::Gate;
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// One field as it is on the wire.
pub(super) struct WireField<'a> {
    pub ident: &'a Ident,
    /// The JSON property name.
    pub wire: &'a str,
    /// The field's feature gate, if it has one of its own.
    pub cfg: Option<&'a Gate>,
    /// Whether the field is a plain value rather than an `Option`.
    pub required: bool,
    /// Whether the field holds a list (`Vec`), read item by item.
    pub list: bool,
}

/// The `Serialize`, `FromObject` and `Deserialize` impls of a struct;
/// `rest` is the field of an open type's undeclared properties.
pub(super) fn serde_impls(
    type_ident: &Ident,
    cfg: Option<&Gate>,
    fields: &[WireField],
    rest: Option<&Ident>,
) -> TokenStream {
    let writes = fields.iter().map(
        |WireField {
             ident,
             wire,
             cfg,
             required,
             list: _,
         }| {
            if *required {
                quote! { #cfg w.required(#wire, &self.#ident); }
            } else {
                quote! { #cfg w.optional(#wire, &self.#ident); }
            }
        },
    );
    let reads = fields.iter().map(
        |WireField {
             ident,
             wire,
             cfg,
             required,
             list,
         }| {
            match (required, list) {
                (true, _) => quote! { #cfg #ident: r.required(#wire)?, },
                (false, true) => quote! { #cfg #ident: r.list(#wire), },
                (false, false) => quote! { #cfg #ident: r.optional(#wire), },
            }
        },
    );
    let write_rest = rest.map(|f| quote! { w.rest(&self.#f); });
    // Last in the literal: the fields above have taken theirs out.
    let read_rest = rest.map(|f| quote! { #f: r.rest(), });
    quote! {
        #cfg
        impl serde::Serialize for #type_ident {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut w = crate::json::Writer::new(serializer)?;
                #(#writes)*
                #write_rest
                w.end()
            }
        }

        // `#[inline]` here and on the other per-type functions defers
        // their machine code to the crate that calls them: a program
        // that reads ten types does not pay for building all of them.
        #cfg
        impl crate::json::FromObject for #type_ident {
            #[inline]
            fn from_object(r: &mut crate::json::Reader) -> Result<Self, crate::json::Error> {
                let value = Self {
                    #(#reads)*
                    #read_rest
                };
                // A `match`, not a generic helper: one less function
                // compiled per type.
                match r.finish() {
                    Ok(()) => Ok(value),
                    Err(e) => Err(e),
                }
            }
        }

        #cfg
        crate::json::deserialize_via_object!(#type_ident);
    }
}
