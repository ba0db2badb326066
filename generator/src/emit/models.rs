//! Models: a serde struct per entity and complex type, a string enum per enum.

use super::{docs, ident};
use crate::diag::Location;
use crate::model::{EnumMember, Property, TypeDef, TypeKind, TypeRef};
use crate::names;
use crate::plan::Gate;
use crate::plan::Plan;
use proc_macro2::TokenStream;
use quote::quote;

/// The file of one namespace module: its child namespaces, its parts (a
/// large namespace is split by initial, and the parts re-exported, so the
/// namespace stays one module to users), and its types.
pub fn module_file(
    ctx: &Plan,
    ns: &str,
    types: &[&TypeDef],
    children: &[String],
    parts: &[String],
) -> TokenStream {
    let doc = format!(" Types of the `{ns}` namespace.");
    let children = children.iter().map(|c| {
        let c = ident(c);
        quote! { #[rustfmt::skip] pub mod #c; }
    });
    let parts = super::split::part_modules(parts);
    let items = types.iter().map(|t| type_item(ctx, t));
    quote! {
        #![doc = #doc]
        #(#children)*
        #parts
        #(#items)*
    }
}

/// A part of a large namespace module.
pub fn part_file(ctx: &Plan, types: &[&TypeDef]) -> TokenStream {
    let items = types.iter().map(|t| type_item(ctx, t));
    quote! {
        #![doc = " Part of a namespace module, re-exported by it."]
        #(#items)*
    }
}

fn type_item(ctx: &Plan, ty: &TypeDef) -> TokenStream {
    let cfg = ctx.features.type_cfg(&ty.name.key());
    match ty.kind {
        TypeKind::Enum => enum_item(ctx, ty, cfg.as_ref()),
        TypeKind::Entity | TypeKind::Complex => {
            let item = struct_item(ctx, ty, cfg.as_ref());
            let any = any_item(ctx, ty, cfg.as_ref());
            quote! { #item #any }
        }
    }
}

/// The `...Any` enum of a base type: the base or one of its derived types,
/// chosen by `@odata.type` when read, written back as that type.
fn any_item(ctx: &Plan, ty: &TypeDef, cfg: Option<&Gate>) -> Option<TokenStream> {
    let any_enum = ctx.any_types.get(&ty.name.key())?;
    let any = ident(&any_enum.name);
    let base = ctx.type_path(&ty.name);
    let mut variants = Vec::new();
    let mut reads = Vec::new();
    let mut writes = Vec::new();
    for (key, variant) in &any_enum.variants {
        let Some(d) = ctx.model.types.get(key) else {
            continue;
        };
        let v = ident(variant);
        let path = ctx.type_path(&d.name);
        let wire = d.name.full().to_ascii_lowercase();
        let vcfg = ctx.features.field_cfg(&ty.name.key(), key);
        let doc = format!(" `{}`.", d.name.full());
        variants.push(quote! { #[doc = #doc] #vcfg #v(Box<#path>), });
        let pattern = match any_enum.simple_names.get(key) {
            Some(simple) => quote! { (#wire, _) | (_, #simple) },
            None => quote! { (#wire, _) },
        };
        reads.push(
            quote! { #vcfg #pattern => serde_json::from_value(value).map(|v| #any::#v(Box::new(v))), },
        );
        writes.push(quote! { #vcfg #any::#v(v) => v.serialize(serializer), });
    }
    let doc = format!(
        " `{}` or a type derived from it, as `@odata.type` says.",
        ty.name.full()
    );
    Some(quote! {
        #cfg
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq)]
        pub enum #any {
            #(#variants)*
            /// The base type itself, or a derived type this crate does not know.
            Base(Box<#base>),
        }

        #cfg
        impl<'de> serde::Deserialize<'de> for #any {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
                let odata_type = value
                    .get("@odata.type")
                    .and_then(|t| t.as_str())
                    .unwrap_or_default()
                    .trim_start_matches('#')
                    .to_ascii_lowercase();
                // The full name, else the name without its namespace.
                let simple = odata_type.rsplit('.').next().unwrap_or_default();
                let read = match (odata_type.as_str(), simple) {
                    #(#reads)*
                    _ => serde_json::from_value(value).map(|v| #any::Base(Box::new(v))),
                };
                read.map_err(serde::de::Error::custom)
            }
        }

        #cfg
        impl serde::Serialize for #any {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #(#writes)*
                    #any::Base(v) => v.serialize(serializer),
                }
            }
        }
    })
}

fn type_doc(ty: &TypeDef, extra: Vec<String>) -> TokenStream {
    let TypeDef {
        name,
        kind,
        base,
        sources,
        ..
    } = ty;
    let mut lines = vec![format!(
        "{} `{}`{}.",
        match kind {
            TypeKind::Entity => "Entity",
            TypeKind::Complex => "Complex type",
            TypeKind::Enum => "Enum",
        },
        name.full(),
        base.as_ref()
            .map(|b| format!(", derived from `{}`", b.full()))
            .unwrap_or_default()
    )];
    lines.extend(extra);
    let srcs: Vec<&Location> = sources.iter().take(4).collect();
    docs::attrs(&ty.description, &lines, &srcs)
}

fn struct_item(ctx: &Plan, ty: &TypeDef, cfg: Option<&Gate>) -> TokenStream {
    // Every field of the model is read here, so a new one fails to compile
    // until it is emitted or consciously ignored.
    let TypeDef {
        name,
        kind: _,
        base: _,
        open,
        description: _,
        properties: _,
        members,
        flags: _,
        spellings: _,
        evidence: _,
        sources: _,
        // The feature gate comes from `ctx.features`, which reads the area.
        area: _,
    } = ty;
    debug_assert!(members.is_empty());
    let names = &ctx.types[&name.key()];
    let rust_name = &names.name;
    let type_ident = ident(rust_name);
    let props = ctx.model.all_properties(ty);
    let (fields, shown): (Vec<TokenStream>, Vec<Shown>) = props
        .iter()
        .zip(&names.fields)
        .map(|(p, field_name)| field(ctx, ty, p, field_name))
        .unzip();
    let odata_doc = format!(
        " The `@odata.type` of the value, such as `#{}`.",
        name.full()
    );
    let additional = open.then(|| {
        quote! {
            /// Properties the docs do not list; this type is open.
            pub additional_properties: serde_json::Map<String, serde_json::Value>,
        }
    });
    let doc = type_doc(ty, vec![]);
    let plain = |name: &str, wire: &str| Shown {
        ident: ident(name),
        wire: wire.to_string(),
        list: false,
        cfg: None,
        secret: false,
        optional: true,
    };
    let shown: Vec<Shown> = std::iter::once(plain("odata_type", "@odata.type"))
        .chain(shown)
        .chain(open.then(|| plain("additional_properties", "")))
        .collect();
    let filter_fields: Vec<(&Property, Option<&String>, Option<&Gate>)> = props
        .iter()
        .zip(&shown[1..])
        .enumerate()
        .map(|(i, (p, s))| {
            (
                *p,
                names.filter_consts.get(i).and_then(Option::as_ref),
                s.cfg.as_ref(),
            )
        })
        .collect();
    let filters = super::filters::property_consts(ctx, ty, &type_ident, &filter_fields, cfg);
    let (derive_debug, debug_impl) = debug_of(&type_ident, rust_name, cfg, &shown);
    let declared = &shown[..shown.len() - usize::from(*open)];
    let rest = open.then(|| &shown[shown.len() - 1].ident);
    let serde_impls = super::objects::serde_impls(&type_ident, cfg, &wire_fields(declared), rest);
    quote! {
        #cfg
        #doc
        #[derive(#derive_debug Clone, Default, PartialEq)]
        pub struct #type_ident {
            #[doc = #odata_doc]
            pub odata_type: Option<String>,
            #(#fields)*
            #additional
        }
        #serde_impls
        #debug_impl
        #filters
    }
}

/// The wire form of each field shown.
pub(super) fn wire_fields(shown: &[Shown]) -> Vec<super::objects::WireField<'_>> {
    shown
        .iter()
        .map(|s| super::objects::WireField {
            ident: &s.ident,
            wire: &s.wire,
            cfg: s.cfg.as_ref(),
            required: !s.optional,
            list: s.list,
        })
        .collect()
}

/// One field of a struct as its impls print it: its Rust and JSON names,
/// whether it is a list, its feature gate, whether its value is a secret
/// (for `Debug`), and whether it is an `Option`.
pub(super) struct Shown {
    pub ident: proc_macro2::Ident,
    /// The JSON property name.
    pub wire: String,
    /// Whether the value is a list.
    pub list: bool,
    pub cfg: Option<Gate>,
    pub secret: bool,
    pub optional: bool,
}

/// A struct's `Debug`: derived, unless a field holds a secret (see
/// `model::holds_secret`); then a hand-written one that prints it as
/// `<redacted>`. Returns the `Debug,` to derive or the impl.
pub(super) fn debug_of(
    type_ident: &proc_macro2::Ident,
    type_name: &str,
    cfg: Option<&Gate>,
    shown: &[Shown],
) -> (Option<TokenStream>, Option<TokenStream>) {
    if !shown.iter().any(|s| s.secret) {
        return (Some(quote! { Debug, }), None);
    }
    let calls = shown.iter().map(
        |Shown {
             ident,
             wire: _,
             list: _,
             cfg,
             secret,
             optional,
         }| {
            let name = names::unraw(&ident.to_string()).to_string();
            match (secret, optional) {
                (false, _) => quote! { #cfg s.field(#name, &self.#ident); },
                (true, true) => {
                    quote! { #cfg s.field(#name, &self.#ident.as_ref().map(|_| "<redacted>")); }
                }
                (true, false) => quote! { #cfg s.field(#name, &"<redacted>"); },
            }
        },
    );
    let debug_impl = quote! {
        #cfg
        impl std::fmt::Debug for #type_ident {
            #[inline]
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                let mut s = f.debug_struct(#type_name);
                #(#calls)*
                s.finish()
            }
        }
    };
    (None, Some(debug_impl))
}

fn field(ctx: &Plan, owner: &TypeDef, p: &Property, field_name: &str) -> (TokenStream, Shown) {
    let Property {
        wire_name,
        ty,
        collection,
        nullable,
        navigation,
        description,
        evidence: _,
        source,
        one_of,
        optional,
    } = p;
    let field_ident = ident(field_name);
    // A property typed with a base type that has derived types holds its
    // `...Any` enum, so `@odata.type` picks the derived type; the enum boxes
    // its variants. Other single-valued struct fields are boxed: it breaks
    // cycles between types that contain each other and keeps structs small
    // (Graph's entities nest dozens of complex types, which overflow the
    // stack inline).
    let polymorphic = matches!(ty, TypeRef::Named(q) if ctx.any_types.contains_key(&q.key()));
    let is_struct =
        matches!(ty, TypeRef::Named(q) if ctx.kind_of(q).is_some_and(|k| k != TypeKind::Enum));
    let mut inner = ctx.value_type(ty, *collection, false);
    if !collection && is_struct && !polymorphic {
        inner = quote! { Box<#inner> };
    }
    let mut extra = Vec::new();
    if *navigation {
        extra.push("Relationship (navigation property); returned only when expanded.".to_string());
    }
    if !one_of.is_empty() {
        let names: Vec<String> = one_of.iter().map(|q| format!("`{}`", q.full())).collect();
        extra.push(format!(
            "The docs give one of {}; this is their common base.",
            names.join(", ")
        ));
    }
    let secret = crate::model::holds_secret(wire_name, ty, description);
    if secret {
        extra.push("A secret: shown as `<redacted>` in `Debug` output.".to_string());
    }
    if *optional == Some(false) {
        extra.push("Present in every full representation (the resource's `optionalProperties` do not list it).".to_string());
    }
    if *nullable == Some(false) {
        extra.push(
            "Not nullable on the server; `None` when the property was not returned.".to_string(),
        );
    }
    let doc = docs::attrs(description, &extra, &[source]);
    let cfg = match ty {
        TypeRef::Named(q) => ctx.features.field_cfg(&owner.name.key(), &q.key()),
        _ => None,
    };
    let tokens = quote! {
        #doc
        #cfg
        pub #field_ident: Option<#inner>,
    };
    (
        tokens,
        Shown {
            ident: field_ident,
            wire: wire_name.clone(),
            list: *collection,
            cfg,
            secret,
            optional: true,
        },
    )
}

fn enum_item(ctx: &Plan, ty: &TypeDef, cfg: Option<&Gate>) -> TokenStream {
    let TypeDef {
        name,
        members,
        flags,
        ..
    } = ty;
    let names = &ctx.types[&name.key()];
    let type_ident = ident(&names.name);
    let mut variants = Vec::new();
    let mut to_wire = Vec::new();
    let mut from_wire = Vec::new();
    for (m, variant) in members.iter().zip(&names.variants) {
        let EnumMember {
            wire_name,
            value,
            description,
            source: _,
        } = m;
        let v = ident(variant);
        let extra = vec![format!(
            "`{}`{}.",
            wire_name,
            value.map(|v| format!(" ({v})")).unwrap_or_default()
        )];
        let doc = docs::attrs(description, &extra, &[]);
        variants.push(quote! { #doc #v, });
        to_wire.push(quote! { #type_ident::#v => #wire_name, });
        from_wire.push(quote! { #wire_name => #type_ident::#v, });
    }
    let mut extra = vec!["Values the docs do not list are kept in `Unknown`.".to_string()];
    if *flags {
        extra.push("This is a flags enum: the server may send several members joined by `,`, which arrive in `Unknown`.".to_string());
    }
    let doc = type_doc(ty, extra);
    quote! {
        #cfg
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum #type_ident {
            #(#variants)*
            /// A value this version of the crate does not know.
            Unknown(String),
        }

        #cfg
        impl #type_ident {
            /// The value as it is sent on the wire.
            #[inline]
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_wire)*
                    #type_ident::Unknown(other) => other,
                }
            }
        }

        #cfg
        impl From<&str> for #type_ident {
            #[inline]
            fn from(value: &str) -> Self {
                match value {
                    #(#from_wire)*
                    other => #type_ident::Unknown(other.to_string()),
                }
            }
        }

        #cfg
        crate::enums::string_enum_impls!(#type_ident);
    }
}
