//! Stage 3: every decision about the Rust crate, made once, before any
//! token is printed.
//!
//! The [`Plan`] names everything the printers write (types, fields, enum
//! variants, `...Any` enums and their variants, endpoint functions and
//! their parameters, body structs, the path-builder tree, the tests of the
//! documented examples), decides which Cargo feature gates each item, and
//! reports naming collisions and examples that get no test. It is built in
//! one call of [`plan`], as a sequence of named passes over explicit state.
//! The printers in `emit` take `&Plan` and return tokens: they decide no
//! name and report nothing.

pub mod endpoints;
pub mod features;
pub mod paths;
pub mod tests;

#[cfg(test)]
mod check;

use crate::config::Options;
use crate::diag::{Code, Diagnostics, Location};
use crate::model::{Model, ResponseBody, TypeKind, TypeRef};
use crate::names;
use std::collections::{BTreeMap, BTreeSet};

pub use endpoints::EndpointFn;
pub use features::{op_feature, Features, Gate};

/// Everything the printers need, with every Rust name decided.
pub struct Plan<'m> {
    pub model: &'m Model,
    /// The package name, as `--crate-name` gave it.
    pub crate_name: String,
    /// The package name as a Rust identifier.
    pub crate_ident: String,
    /// Whether files are formatted (see [`Options::format`]).
    pub format: bool,
    /// Type key to its Rust names.
    pub types: BTreeMap<String, TypeNames>,
    /// Base types with derived types: their `...Any` enum.
    pub any_types: BTreeMap<String, AnyEnum>,
    /// Which feature gates each type and operation.
    pub features: Features,
    /// The keys of the types collections list, which get typed filter
    /// properties.
    pub listed: BTreeSet<String>,
    /// One entry per operation and documented path.
    pub endpoints: Vec<EndpointFn>,
    /// The path-builder tree, one module per first URL segment.
    pub paths: Vec<paths::PathModule>,
    /// The tests of the documented examples.
    pub tests: Vec<tests::ExampleTest>,
    pub counts: tests::ExampleCounts,
}

/// The Rust names of one type.
#[derive(Hash, Debug, Clone, Default)]
pub struct TypeNames {
    /// The module path of its namespace (`["graph", "managed_tenants"]`).
    pub module: Vec<String>,
    pub name: String,
    /// A struct's field names, in the order of `Model::all_properties`.
    pub fields: Vec<String>,
    /// An enum's variant names, in the order of its members.
    pub variants: Vec<String>,
    /// For a type that collections list, beside each field: the name of
    /// its typed `$filter` property constant, where a filter can test it.
    pub filter_consts: Vec<Option<String>>,
}

/// The `...Any` enum of a base type: its name, and a variant per derived
/// type (the derived type's key and the variant's name).
#[derive(Hash, Debug, Clone)]
pub struct AnyEnum {
    pub name: String,
    pub variants: Vec<(String, String)>,
    /// Each variant's name without namespace, lowercased, when no other
    /// variant and not the base has it: `@odata.type` values written
    /// without their namespace or with another find the variant by it (see
    /// `Model::family_member`).
    pub simple_names: BTreeMap<String, String>,
}

/// Base types with more derived types than this get no `...Any` enum.
const MAX_DERIVED: usize = 64;

/// Builds the plan of a crate for a model, reporting naming collisions and
/// examples without a test into `diags`.
pub fn plan<'m>(model: &'m Model, options: &Options, diags: &mut Diagnostics) -> Plan<'m> {
    // The operations' functions, paths and tests read the model and none of
    // the type names: they are planned on a second thread meanwhile. Each
    // side reports to its own diagnostics, which are sorted at the end. The
    // features, which read the model alone too, are found on this side,
    // which has less to do (on v1.0, naming took about 22 ms of CPU and the
    // operations' side 33 ms with the features, 27 without).
    // The words of the docs, for names in one lowercase run: both sides
    // use them.
    let vocabulary = &vocabulary_of(model);
    let (types, any_types, listed, features, (endpoints, paths, tests, counts, theirs)) =
        std::thread::scope(|s| {
            let operations = s.spawn(move || {
                let mut diags = Diagnostics::default();
                let endpoints = endpoints::plan(model, vocabulary, &mut diags);
                let paths = paths::plan(model, &endpoints);
                let (tests, counts) = tests::plan(model, &endpoints, &paths, &mut diags);
                (endpoints, paths, tests, counts, diags)
            });
            let mut scopes: BTreeMap<Vec<String>, names::Scope<Location>> = BTreeMap::new();
            let mut types = name_types(model, vocabulary, &mut scopes, diags);
            let any_types = name_any_enums(model, &types, &mut scopes);
            name_fields(model, &mut types, diags);
            name_variants(model, &mut types, diags);
            let listed = listed_types(model);
            name_filter_consts(model, &listed, &mut types);
            let features = Features::new(model);
            let operations = operations
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p));
            (types, any_types, listed, features, operations)
        });
    diags.extend(theirs);
    Plan {
        model,
        crate_name: options.crate_name.clone(),
        crate_ident: options.crate_name.replace('-', "_"),
        format: options.format,
        types,
        any_types,
        features,
        listed,
        endpoints,
        paths,
        tests,
        counts,
    }
}

/// The module path of a namespace: `microsoft.graph.managedTenants` is
/// `graph::managed_tenants`.
pub fn namespace_module(ns: &str) -> Vec<String> {
    let mut segs: Vec<&str> = ns.split('.').collect();
    if segs.len() > 1 && segs[0].eq_ignore_ascii_case("microsoft") {
        segs.remove(0);
    }
    segs.iter().map(|s| names::module_name(s)).collect()
}

/// The words the docs spell as words: the hump-separated parts of type
/// names that have humps, of property names and of enum members, and whole
/// property names (`website`). A type name in one lowercase run is not one
/// of them, so it can be split.
fn vocabulary_of(model: &Model) -> names::Vocabulary {
    let humped = model
        .types
        .values()
        .map(|t| t.name.name.as_str())
        .filter(|n| n.chars().any(|c| c.is_ascii_uppercase()));
    let properties = model
        .types
        .values()
        .flat_map(|t| t.properties.iter().map(|p| p.wire_name.as_str()));
    let members = model
        .types
        .values()
        .flat_map(|t| t.members.iter().map(|m| m.wire_name.as_str()));
    names::Vocabulary::from_names(humped.chain(properties).chain(members))
}

/// Pass 1: a Rust name per type, unique in its namespace's module.
fn name_types(
    model: &Model,
    vocabulary: &names::Vocabulary,
    scopes: &mut BTreeMap<Vec<String>, names::Scope<Location>>,
    diags: &mut Diagnostics,
) -> BTreeMap<String, TypeNames> {
    let mut types = BTreeMap::new();
    for (key, ty) in &model.types {
        let module = namespace_module(&ty.name.namespace);
        let scope = scopes
            .entry(module.clone())
            .or_insert_with(names::Scope::pascal);
        let at = ty.sources[0].clone();
        // A name the docs write in one lowercase run (`attachmenttype`)
        // gets the words they spell elsewhere.
        let wire = vocabulary
            .split_run(&ty.name.name)
            .unwrap_or_else(|| ty.name.name.clone());
        let assigned = scope.assign(&names::type_name(&wire), at.clone());
        if let Some(other) = assigned.collided_with {
            diags.conflict(
                Code::TypeNameCollision,
                &at,
                &other,
                format!(
                    "type `{}` has the same Rust name as another type; it is named `{}`",
                    ty.name.full(),
                    assigned.name
                ),
            );
        }
        types.insert(
            key.clone(),
            TypeNames {
                module,
                name: assigned.name,
                ..TypeNames::default()
            },
        );
    }
    types
}

/// Pass 2: polymorphic values. A base type with derived types gets an enum
/// that picks the derived type named by `@odata.type`, with a variant per
/// derived type.
fn name_any_enums(
    model: &Model,
    types: &BTreeMap<String, TypeNames>,
    scopes: &mut BTreeMap<Vec<String>, names::Scope<Location>>,
) -> BTreeMap<String, AnyEnum> {
    let mut derived: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (key, ty) in &model.types {
        if ty.kind == TypeKind::Enum {
            continue;
        }
        for base in model.ancestors(key).into_iter().skip(1) {
            derived.entry(base).or_default().push(key.clone());
        }
    }
    let mut any_types = BTreeMap::new();
    for (key, subs) in derived {
        let Some(base) = model.types.get(&key) else {
            continue;
        };
        // `entity` is the base of most of the API; an enum of all of it
        // would cost more to compile than it gives.
        if subs.len() > MAX_DERIVED
            || base.kind == TypeKind::Enum
            || base.name.name.eq_ignore_ascii_case("entity")
        {
            continue;
        }
        let names = &types[&key];
        let scope = scopes
            .entry(names.module.clone())
            .or_insert_with(names::Scope::pascal);
        let assigned = scope.assign(&format!("{}Any", names.name), base.sources[0].clone());
        let mut variant_scope: names::Scope<()> = names::Scope::pascal();
        variant_scope.reserve("Base", ());
        let variants: Vec<(String, String)> = subs
            .into_iter()
            .filter(|k| types.contains_key(k))
            .map(|k| {
                let v = variant_scope.assign(&types[&k].name, ()).name;
                (k, v)
            })
            .collect();
        let simple = |k: &String| model.types[k].name.name.to_ascii_lowercase();
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for k in variants.iter().map(|(k, _)| k).chain([&key]) {
            *seen.entry(simple(k)).or_default() += 1;
        }
        let simple_names = variants
            .iter()
            .map(|(k, _)| (k.clone(), simple(k)))
            .filter(|(_, s)| seen[s] == 1)
            .collect();
        any_types.insert(
            key,
            AnyEnum {
                name: assigned.name,
                variants,
                simple_names,
            },
        );
    }
    any_types
}

/// Pass 3: a field name per property of each struct, after the fields
/// every struct has (`odata_type`, and `additional_properties` of an open
/// type).
fn name_fields(model: &Model, types: &mut BTreeMap<String, TypeNames>, diags: &mut Diagnostics) {
    for (key, ty) in &model.types {
        if ty.kind == TypeKind::Enum {
            continue;
        }
        let mut scope: names::Scope<Location> = names::Scope::new();
        scope.reserve("odata_type", ty.sources[0].clone());
        if ty.open {
            scope.reserve("additional_properties", ty.sources[0].clone());
        }
        let fields = model
            .all_properties(ty)
            .into_iter()
            .map(|p| {
                let assigned = scope.assign(&names::field_name(&p.wire_name), p.source.clone());
                if let Some(other) = &assigned.collided_with {
                    diags.conflict(
                        Code::FieldNameCollision,
                        &p.source,
                        other,
                        format!("property `{}` of `{}` has the same Rust name as another property; it is named `{}`", p.wire_name, ty.name.full(), assigned.name),
                    );
                }
                assigned.name
            })
            .collect();
        if let Some(names) = types.get_mut(key) {
            names.fields = fields;
        }
    }
}

/// Pass 4: a variant name per member of each enum, beside `Unknown`.
fn name_variants(model: &Model, types: &mut BTreeMap<String, TypeNames>, diags: &mut Diagnostics) {
    for (key, ty) in &model.types {
        if ty.kind != TypeKind::Enum {
            continue;
        }
        let mut scope: names::Scope<Location> = names::Scope::pascal();
        scope.reserve("Unknown", ty.sources[0].clone());
        let variants = ty
            .members
            .iter()
            .map(|m| {
                let assigned = scope.assign(&names::variant_name(&m.wire_name), m.source.clone());
                if let Some(other) = &assigned.collided_with {
                    diags.conflict(Code::VariantNameCollision, &m.source, other, format!("member `{}` of `{}` has the same Rust name as another member; it is named `{}`", m.wire_name, ty.name.full(), assigned.name));
                }
                assigned.name
            })
            .collect();
        if let Some(names) = types.get_mut(key) {
            names.variants = variants;
        }
    }
}

/// Pass 5: typed `$filter` and `$orderby` properties. A type that
/// collections list gets a constant per property a filter can test: single
/// primitives and enums and collections of them, not relationships.
fn name_filter_consts(
    model: &Model,
    listed: &BTreeSet<String>,
    types: &mut BTreeMap<String, TypeNames>,
) {
    for key in listed {
        let (Some(ty), Some(names)) = (model.types.get(key), types.get_mut(key)) else {
            continue;
        };
        names.filter_consts = model
            .all_properties(ty)
            .into_iter()
            .zip(&names.fields)
            .map(|(p, field)| {
                let filterable = !p.navigation
                    && match &p.ty {
                        TypeRef::Primitive(prim) => *prim != crate::model::Primitive::Stream,
                        TypeRef::Named(q) => model.get(q).map(|t| t.kind) == Some(TypeKind::Enum),
                        TypeRef::Json => false,
                    };
                filterable.then(|| names::const_name(field))
            })
            .collect();
    }
}

/// The keys of the types collections list.
fn listed_types(model: &Model) -> BTreeSet<String> {
    model
        .operations
        .iter()
        .filter_map(|op| match &op.response.body {
            ResponseBody::Collection {
                ty: TypeRef::Named(q),
            } => Some(q.key()),
            _ => None,
        })
        .filter(|k| model.types.get(k).is_some_and(|t| t.kind != TypeKind::Enum))
        .collect()
}
