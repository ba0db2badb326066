//! Step 5: canonical spellings, entity kinds, the checks that need the whole
//! model, and round-trip samples.

use super::*;

impl<'d> Builder<'d> {
    /// Step 5, as named passes in order.
    pub(super) fn finish(&mut self) {
        self.canonical_spellings();
        self.order_sources();
        self.canonical_references();
        self.common_base_of_alternatives();
        self.navigation_targets_are_entities();
        self.entity_kinds();
        self.entities_derive_from_entity();
        self.check_inherited_claims();
        for (t, declared, at, page_ns) in std::mem::take(&mut self.odata_checks) {
            self.check_odata_type(&t, &declared, &at, &page_ns);
        }
        self.check_unlisted_properties();
        self.decide_spellings();
        self.quote_string_arguments();
        self.paths_examples_reach();
        self.report_unfinished_types();
        self.samples();
    }

    /// A property the table and the JSON representation spell with other
    /// case gets the spelling most of its sources use: the table, the JSON
    /// representation and each example that shows it count one each, and a
    /// tie goes to the JSON representation, the wire format ApiDoctor checks
    /// the table against. Reported at both places.
    fn decide_spellings(&mut self) {
        let votes = std::mem::take(&mut self.spelling_votes);
        for (key, vote) in votes
            .into_iter()
            .flat_map(|(key, votes)| votes.into_values().map(move |v| (key.clone(), v)))
        {
            let SpellingVote {
                table,
                table_at,
                json,
                json_at,
                mut examples,
            } = vote;
            *examples.entry(table.clone()).or_default() += 1;
            *examples.entry(json.clone()).or_default() += 1;
            let count = |s: &String| examples.get(s).copied().unwrap_or(0);
            let best = examples.values().copied().max().unwrap_or(0);
            let winner = if count(&json) == best {
                json.clone()
            } else {
                examples
                    .iter()
                    .find(|(_, n)| **n == best)
                    .map_or(json.clone(), |(s, _)| s.clone())
            };
            let Some(ty) = self.model.types.get_mut(&key) else {
                continue;
            };
            let type_name = ty.name.full();
            if let Some(p) = ty.properties.iter_mut().find(|p| p.wire_name == table) {
                p.wire_name = winner.clone();
            }
            let votes: Vec<String> = examples.iter().map(|(s, n)| format!("`{s}` {n}")).collect();
            self.diags.conflict(
                Code::PropertySpelling,
                &json_at,
                &table_at,
                format!(
                    "`{type_name}`: the JSON representation spells `{json}`, the table `{table}`; `{winner}` is the wire name (sources: {})",
                    votes.join(", ")
                ),
            );
        }
    }

    /// Each type's canonical spelling.
    fn canonical_spellings(&mut self) {
        // Canonical spelling: one with word humps (`responseType`) over one
        // without (`responsetype`, taken from a file name, which lost them),
        // then the strongest evidence, then a lowercase first letter (the
        // docs' convention for type names), then the smallest.
        let humps = |s: &str| s.chars().skip(1).any(|c| c.is_ascii_uppercase());
        for (key, spellings) in &self.spellings {
            let Some(ty) = self.model.types.get_mut(key) else {
                continue;
            };
            let best = spellings
                .iter()
                .max_by(|a, b| {
                    humps(a.0)
                        .cmp(&humps(b.0))
                        .then_with(|| a.1.cmp(b.1))
                        .then_with(|| starts_lower(a.0).cmp(&starts_lower(b.0)))
                        .then_with(|| b.0.cmp(a.0))
                })
                .map(|(s, _)| s.clone());
            if let Some(best) = best {
                ty.name.name = best;
            }
            if spellings.len() > 1 {
                let list: Vec<&str> = spellings.keys().map(|s| s.as_str()).collect();
                let at = ty.sources[0].clone();
                self.diags.info(
                    Code::TypeSpellings,
                    &at,
                    format!(
                        "type `{}` is spelled {}; these are one type",
                        ty.name.full(),
                        list.join(", ")
                    ),
                );
            }
        }
    }

    /// Each type's sources: its own page first (a user reads `user.md`
    /// before the pages that mention users), then by file and line.
    fn order_sources(&mut self) {
        for (key, ty) in &mut self.model.types {
            let own = self.own_pages.get(key);
            ty.sources.sort_by(|a, b| {
                (Some(&a.file) != own, &a.file, a.line).cmp(&(
                    Some(&b.file) != own,
                    &b.file,
                    b.line,
                ))
            });
        }
    }

    /// References to types, rewritten to their canonical spelling.
    fn canonical_references(&mut self) {
        let names: BTreeMap<String, QualifiedName> = self
            .model
            .types
            .iter()
            .map(|(k, t)| (k.clone(), t.name.clone()))
            .collect();
        let fix = |q: &mut QualifiedName| {
            if let Some(n) = names.get(&q.key()) {
                *q = n.clone();
            }
        };
        for ty in self.model.types.values_mut() {
            if let Some(b) = ty.base.as_mut() {
                fix(b);
            }
            for p in &mut ty.properties {
                if let TypeRef::Named(q) = &mut p.ty {
                    fix(q);
                }
            }
        }
        for op in &mut self.model.operations {
            match &mut op.request {
                RequestBody::Type {
                    ty: TypeRef::Named(q),
                    ..
                } => fix(q),
                RequestBody::Parameters { parameters } => {
                    for p in parameters {
                        if let TypeRef::Named(q) = &mut p.ty {
                            fix(q);
                        }
                    }
                }
                _ => {}
            }
            if let ResponseBody::Single {
                ty: TypeRef::Named(q),
            }
            | ResponseBody::Collection {
                ty: TypeRef::Named(q),
            } = &mut op.response.body
            {
                fix(q);
            }
        }
    }

    /// A property the docs give several types (`A or B`) has their nearest
    /// common base; with none (or only `entity`), any JSON value, and a
    /// diagnostic.
    fn common_base_of_alternatives(&mut self) {
        let mut found = Vec::new();
        for (key, t) in &self.model.types {
            for (i, p) in t.properties.iter().enumerate() {
                if p.one_of.len() < 2 {
                    continue;
                }
                let mut common = Some(p.one_of[0].key());
                for q in &p.one_of[1..] {
                    common = common.and_then(|c| self.model.common_ancestor(&c, &q.key()));
                }
                let base = common
                    .filter(|c| !c.ends_with(".entity"))
                    .and_then(|c| self.model.types.get(&c))
                    .map(|t| t.name.clone());
                found.push((key.clone(), i, base, p.source.clone()));
            }
        }
        for (key, i, base, at) in found {
            let p = &mut self.model.types.get_mut(&key).expect("exists").properties[i];
            match base {
                Some(b) => p.ty = TypeRef::Named(b),
                None => {
                    let names: Vec<String> = p.one_of.iter().map(|q| q.full()).collect();
                    p.ty = TypeRef::Json;
                    self.diags.unsupported(
                        Code::TypeCellNotUnderstood,
                        &at,
                        format!(
                            "the types {} have no common base; using any JSON value",
                            names.join(", ")
                        ),
                    );
                }
            }
        }
    }

    /// A type that relationships (navigation properties) point to and that
    /// has an `id` is an entity: it is addressed by its key.
    fn navigation_targets_are_entities(&mut self) {
        let targets: BTreeSet<String> = self
            .model
            .types
            .values()
            .flat_map(|t| &t.properties)
            .filter(|p| p.navigation)
            .filter_map(|p| match &p.ty {
                TypeRef::Named(q) => Some(q.key()),
                _ => None,
            })
            .collect();
        for key in targets {
            let has_id = self.model.types.get(&key).is_some_and(|t| {
                self.model
                    .all_properties(t)
                    .iter()
                    .any(|p| p.wire_name == "id")
            });
            if let Some(t) = self.model.types.get_mut(&key) {
                if has_id && t.kind == TypeKind::Complex {
                    t.kind = TypeKind::Entity;
                }
            }
        }
    }

    /// An entity whose docs name no base derives from `entity` (of the root
    /// namespace, when the docs describe it): every Graph entity has its
    /// `id` from there.
    fn entities_derive_from_entity(&mut self) {
        let root = format!("{ROOT_NAMESPACE}.entity");
        let Some(entity) = self.model.types.get(&root).map(|t| t.name.clone()) else {
            return;
        };
        for (key, t) in &mut self.model.types {
            if t.kind == TypeKind::Entity
                && t.base.is_none()
                && *key != root
                && !t.name.name.eq_ignore_ascii_case("entity")
            {
                t.base = Some(entity.clone());
            }
        }
    }

    /// Entities: types whose base chain reaches an entity. A loop in the
    /// chain is reported and cut.
    fn entity_kinds(&mut self) {
        let keys: Vec<String> = self.model.types.keys().cloned().collect();
        for key in &keys {
            let mut current = self.model.types[key].base.clone();
            let mut depth = 0;
            while let Some(b) = current {
                depth += 1;
                if depth > 32 {
                    let at = self.model.types[key].sources[0].clone();
                    self.diags.warning(
                        Code::InheritanceCycle,
                        &at,
                        format!("inheritance of `{key}` loops"),
                    );
                    self.model.types.get_mut(key).expect("exists").base = None;
                    break;
                }
                match self.model.types.get(&b.key()) {
                    Some(t) if t.kind == TypeKind::Entity => {
                        let ty = self.model.types.get_mut(key).expect("exists");
                        if ty.kind == TypeKind::Complex {
                            ty.kind = TypeKind::Entity;
                        }
                        break;
                    }
                    Some(t) => current = t.base.clone(),
                    None => break,
                }
            }
        }
    }

    /// "Inherited from x": x must be an ancestor.
    fn check_inherited_claims(&mut self) {
        for (key, claimed, at) in std::mem::take(&mut self.inherited_claims) {
            if !self.is_ancestor(&key, &claimed.key()) {
                let ty = &self.model.types[&key];
                let msg = format!("`{}` says a property is inherited from `{}`, which is not among its base types", ty.name.full(), claimed.full());
                let other = ty.sources[0].clone();
                self.diags
                    .conflict(Code::BaseTypeConflict, &at, &other, msg);
            }
        }
    }

    /// Types only named and enums with no members.
    fn report_unfinished_types(&mut self) {
        // Types that are only named: no page describes them, no table or
        // example gives them a property, and they have no base.
        for (key, ty) in &self.model.types {
            if ty.kind != TypeKind::Enum
                && !self.linked_outside.contains(key)
                && ty.evidence < Evidence::ApiTable
                && ty.properties.is_empty()
                && ty.base.is_none()
            {
                self.diags.warning(
                    Code::UnknownType,
                    &ty.sources[0],
                    format!(
                        "type `{}` is named but no page describes it; it is generated with no properties",
                        ty.name.full()
                    ),
                );
            }
        }
        // Enums named with no members: the docs never list their values.
        for ty in self.model.types.values() {
            if ty.kind == TypeKind::Enum && ty.members.is_empty() {
                self.diags.warning(
                    Code::EnumWithoutMembers,
                    &ty.sources[0],
                    format!(
                        "enum `{}` lists no members; only unknown values are possible",
                        ty.name.full()
                    ),
                );
            }
        }
    }

    /// Samples for the round-trip tests: each example with placeholders
    /// replaced by valid values of the declared types.
    fn samples(&mut self) {
        let model = &self.model;
        // Each operation's samples read the model and nothing else: they
        // are made on all cores, then stored in operation order.
        let per_op = crate::config::par_map(&model.operations, |op| {
            let mut samples = Vec::new();
            for ex in &op.examples {
                let req = match (&ex.request.body, &op.request) {
                    (Some(v), RequestBody::Type { ty, collection }) => {
                        Some(infer::fit(v, ty, *collection, model))
                    }
                    (Some(v), RequestBody::Parameters { parameters }) => {
                        Some(infer::fit_parameters(v, parameters, model))
                    }
                    (Some(v), RequestBody::Reference) => Some(reference_sample(v)),
                    (Some(v), _) => Some(Ok(v.clone())),
                    _ => None,
                };
                let resp = ex.response.as_ref().and_then(|r| {
                    let collection = matches!(op.response.body, ResponseBody::Collection { .. });
                    let v =
                        &with_annotated_type(r.body.as_ref()?, r.annotated.as_ref(), collection);
                    Some(match &op.response.body {
                        ResponseBody::Single {
                            ty: ty @ TypeRef::Primitive(_),
                        } => primitive_sample(v, ty, model),
                        ResponseBody::Single { ty } => infer::fit(v, ty, false, model),
                        ResponseBody::Collection { ty } => collection_sample(v, ty, model),
                        ResponseBody::Count => {
                            infer::fit(v, &TypeRef::Primitive(Primitive::Int64), false, model)
                        }
                        _ => Ok(v.as_ref().clone()),
                    })
                });
                samples.push((req, resp));
            }
            samples
        });
        for (op, samples) in self.model.operations.iter_mut().zip(per_op) {
            for (ex, (req, resp)) in op.examples.iter_mut().zip(samples) {
                if let Some(req) = req {
                    (ex.request.sample, ex.request.misfit) = split(req);
                }
                if let (Some(r), Some(resp)) = (ex.response.as_mut(), resp) {
                    (r.sample, r.misfit) = split(resp);
                }
            }
        }
    }
}

/// A response body whose objects (the body, or the items of its `value`
/// array) name the annotation's type in `@odata.type` where they name none,
/// so the crate reads them as that type, as the docs say they are.
fn with_annotated_type<'v>(
    v: &'v serde_json::Value,
    annotated: Option<&QualifiedName>,
    collection: bool,
) -> std::borrow::Cow<'v, serde_json::Value> {
    let Some(a) = annotated else {
        return std::borrow::Cow::Borrowed(v);
    };
    let mut v = v.clone();
    let name = serde_json::Value::String(format!("#{}", a.full()));
    let objects: Vec<&mut serde_json::Map<String, serde_json::Value>> = match &mut v {
        serde_json::Value::Object(o) if collection => o
            .get_mut("value")
            .and_then(|v| v.as_array_mut())
            .map(|items| items.iter_mut().filter_map(|i| i.as_object_mut()).collect())
            .unwrap_or_default(),
        serde_json::Value::Object(o) => vec![o],
        _ => Vec::new(),
    };
    for o in objects {
        o.entry("@odata.type").or_insert_with(|| name.clone());
    }
    std::borrow::Cow::Owned(v)
}

/// A collection response's sample: an object whose `value` array holds
/// values of the type, with only instance annotations beside it (also
/// spelled without `@`: `odata.context`); `@odata.type` or a property there
/// is a slip of the docs.
fn collection_sample(
    v: &serde_json::Value,
    ty: &TypeRef,
    model: &Model,
) -> Result<serde_json::Value, String> {
    let Some(obj) = v.as_object() else {
        return Err(": not an object with a `value` array, as a collection is".to_string());
    };
    if let Some(k) = obj
        .keys()
        .find(|k| *k != "value" && (!infer::is_annotation(k) || *k == "@odata.type"))
    {
        return Err(format!(
            ".{k}: a collection holds only `value` and annotations"
        ));
    }
    let mut v = v.clone();
    let Some(serde_json::Value::Array(items)) = v.get_mut("value") else {
        return Err(": no `value` array, which a collection is".to_string());
    };
    for (n, item) in items.iter_mut().enumerate() {
        *item = infer::fit(item, ty, false, model).map_err(|e| format!(".value[{n}]{e}"))?;
    }
    Ok(v)
}

/// A single primitive response's sample: an object whose `value` is the
/// primitive, as Graph wraps it.
fn primitive_sample(
    v: &serde_json::Value,
    ty: &TypeRef,
    model: &Model,
) -> Result<serde_json::Value, String> {
    let Some(obj) = v.as_object() else {
        return Err(
            ": a bare value; Graph wraps a primitive result as {\"value\": ...}".to_string(),
        );
    };
    if let Some(k) = obj.keys().find(|k| *k != "value" && !k.contains('@')) {
        return Err(format!(".{k}: a primitive result holds only `value`"));
    }
    let mut v = v.clone();
    let Some(value) = v.get_mut("value") else {
        return Err(": no `value`, which holds a primitive result".to_string());
    };
    *value = infer::fit(value, ty, false, model).map_err(|e| format!(".value{e}"))?;
    Ok(v)
}

/// A reference body: an object holding an `@odata.id` string and nothing
/// else.
fn reference_sample(v: &serde_json::Value) -> Result<serde_json::Value, String> {
    let Some(obj) = v.as_object() else {
        return Err(": not an object; a reference is {\"@odata.id\": \"https://...\"}".to_string());
    };
    if !matches!(obj.get("@odata.id"), Some(serde_json::Value::String(_))) {
        return Err(": no `@odata.id` string, which a reference is".to_string());
    }
    match obj.keys().find(|k| *k != "@odata.id") {
        Some(k) => Err(format!(".{k}: a reference holds only `@odata.id`")),
        None => Ok(v.clone()),
    }
}

fn split(r: Result<serde_json::Value, String>) -> (Option<serde_json::Value>, Option<String>) {
    match r {
        Ok(v) => (Some(v), None),
        Err(e) => (None, Some(format!("body{e}"))),
    }
}
