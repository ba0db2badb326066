//! Cargo features per area, so a user who needs only users and groups
//! compiles a fraction of the crate.
//!
//! An area is an operation's `ms.prod` (else its first path segment), and a
//! type's home is the `ms.prod` of its resource page. An area needs the types
//! its operations send and return and the types at home in it, and
//! everything those contain (properties that are not relationships, and base
//! types, since inherited properties are flattened). A type is compiled when
//! any area that needs it is enabled: `#[cfg(any(feature = "a", ...))]`, with
//! no gate when every area needs it. Relationships (navigation properties)
//! are not followed, as they would pull in most of the API; a relationship
//! field is compiled when its type is.

use crate::model::{Model, Operation, RequestBody, ResponseBody, TypeRef};
use crate::names;
use std::collections::{BTreeMap, BTreeSet};

/// A `#[cfg]` gate: the code is compiled when any of these features is
/// enabled (the printers write it as `#[cfg(feature = ...)]` or
/// `#[cfg(any(...))]`).
#[derive(Hash, Debug, Clone, PartialEq, Eq)]
pub struct Gate(pub Vec<String>);

#[derive(Hash)]
pub struct Features {
    /// Every feature (area) name.
    pub all: BTreeSet<String>,
    /// Type key to the features that need it.
    needed_by: BTreeMap<String, BTreeSet<String>>,
}

/// The feature of an operation.
pub fn op_feature(op: &Operation) -> String {
    names::feature_name(&op.area)
}

fn op_types(op: &Operation) -> Vec<&TypeRef> {
    let mut out = Vec::new();
    match &op.request {
        RequestBody::Type { ty, .. } => out.push(ty),
        RequestBody::Parameters { parameters } => out.extend(parameters.iter().map(|p| &p.ty)),
        RequestBody::None | RequestBody::Stream { .. } | RequestBody::Reference => {}
    }
    match &op.response.body {
        ResponseBody::Single { ty } | ResponseBody::Collection { ty } => out.push(ty),
        ResponseBody::None | ResponseBody::Stream | ResponseBody::Count => {}
    }
    out
}

impl Features {
    pub fn new(model: &Model) -> Self {
        let mut seeds: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for op in &model.operations {
            let f = op_feature(op);
            let entry = seeds.entry(f).or_default();
            for ty in op_types(op) {
                if let TypeRef::Named(q) = ty {
                    entry.push(q.key());
                }
            }
        }
        for (key, ty) in &model.types {
            if let Some(area) = &ty.area {
                seeds
                    .entry(names::feature_name(area))
                    .or_default()
                    .push(key.clone());
            }
        }
        // What each type contains: structural properties and its base.
        let contains: BTreeMap<&str, Vec<String>> = model
            .types
            .iter()
            .map(|(k, t)| {
                let mut out: Vec<String> = model
                    .all_properties(t)
                    .into_iter()
                    .filter(|p| !p.navigation)
                    .filter_map(|p| match &p.ty {
                        TypeRef::Named(q) => Some(q.key()),
                        _ => None,
                    })
                    .collect();
                if let Some(b) = &t.base {
                    out.push(b.key());
                }
                (k.as_str(), out)
            })
            .collect();
        let mut needed_by: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (feature, start) in &seeds {
            let mut seen: BTreeSet<String> = BTreeSet::new();
            let mut stack: Vec<String> = start.clone();
            while let Some(k) = stack.pop() {
                if !model.types.contains_key(&k) || !seen.insert(k.clone()) {
                    continue;
                }
                if let Some(next) = contains.get(k.as_str()) {
                    stack.extend(next.iter().cloned());
                }
            }
            for k in seen {
                needed_by.entry(k).or_default().insert(feature.clone());
            }
        }
        Features {
            all: seeds.keys().cloned().collect(),
            needed_by,
        }
    }

    /// The gate for code any of these features needs.
    pub fn cfg_for(&self, features: &BTreeSet<String>) -> Option<Gate> {
        self.cfg(Some(features))
    }

    fn cfg(&self, features: Option<&BTreeSet<String>>) -> Option<Gate> {
        let features = features?;
        if features.len() == self.all.len() {
            return None;
        }
        Some(Gate(features.iter().cloned().collect()))
    }

    /// The gate of a type; `None` when it is always compiled.
    pub fn type_cfg(&self, key: &str) -> Option<Gate> {
        self.cfg(self.needed_by.get(key))
    }

    /// The gate of a field of `owner` whose type is `target`: needed where
    /// the owner can be compiled without the target (relationships).
    pub fn field_cfg(&self, owner: &str, target: &str) -> Option<Gate> {
        let owner_set = self.needed_by.get(owner);
        let target_set = self.needed_by.get(target);
        match (owner_set, target_set) {
            (_, None) => None,
            (Some(o), Some(t)) if o.is_subset(t) => None,
            (_, Some(t)) => self.cfg(Some(t)),
        }
    }

    /// The gate of one feature.
    pub fn feature_cfg(&self, feature: &str) -> Gate {
        Gate(vec![feature.to_string()])
    }
}
