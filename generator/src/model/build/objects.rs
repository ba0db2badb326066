//! What example objects teach: which type an object shows, and the
//! properties only examples list.

use super::*;

impl<'d> Builder<'d> {
    /// The type of an example object: its `@odata.type` if it names one,
    /// else the declared type.
    pub(super) fn object_type(
        &mut self,
        obj: &serde_json::Map<String, serde_json::Value>,
        declared: &QualifiedName,
        at: &Location,
        page_ns: &str,
    ) -> String {
        if let Some(serde_json::Value::String(t)) = obj.get("@odata.type") {
            if let Some(q) = self.resolve_odata_type(t, page_ns) {
                if q.key() == declared.key() {
                    self.ensure_type(
                        &q,
                        TypeKind::Complex,
                        Evidence::Example,
                        &self
                            .model
                            .get(declared)
                            .map(|t| t.sources[0].clone())
                            .unwrap_or_else(|| Location::new("", 0)),
                    );
                }
                if self.model.types.contains_key(&q.key()) {
                    return q.key();
                }
            }
            return declared.key();
        }
        match self.derived_shown(obj, declared) {
            Some(key) => {
                self.diags.info(
                    Code::ExampleReadAsDerived,
                    at,
                    format!(
                        "example object of `{}` shows properties only `{}` lists; it is read as that type",
                        declared.full(),
                        self.model.types[&key].name.full()
                    ),
                );
                key
            }
            None => declared.key(),
        }
    }

    /// The type derived from `declared` whose tables list most of the
    /// properties of an example object that `declared`'s tables do not: an
    /// example of a `directoryObject` operation showing a group without
    /// saying so. `None` when the declared type lists them all, or no
    /// derived type lists any, or unrelated types tie; the example then
    /// teaches the declared type.
    pub(super) fn derived_shown(
        &mut self,
        obj: &serde_json::Map<String, serde_json::Value>,
        declared: &QualifiedName,
    ) -> Option<String> {
        let model = &self.model;
        let names = self.family_names.get_or_insert_with(|| {
            let mut documented = BTreeMap::new();
            for (key, ty) in &model.types {
                let listed: BTreeSet<String> = model
                    .all_properties(ty)
                    .into_iter()
                    .filter(|p| p.evidence > Evidence::Example)
                    .map(|p| p.wire_name.to_ascii_lowercase())
                    .collect();
                documented.insert(key.clone(), listed);
            }
            FamilyNames {
                derived: model.derived_types(),
                documented,
            }
        });
        let key = declared.key();
        let candidates = names.derived.get(&key)?;
        let own = names.documented.get(&key)?;
        let unlisted: Vec<String> = obj
            .keys()
            .filter(|k| !k.contains('@'))
            .map(|k| k.to_ascii_lowercase())
            .filter(|k| !own.contains(k))
            .collect();
        if unlisted.is_empty() {
            return None;
        }
        let score = |d: &String| {
            names.documented.get(d).map_or(0, |listed| {
                unlisted.iter().filter(|k| listed.contains(*k)).count()
            })
        };
        let best = candidates.iter().map(score).max().filter(|&n| n > 0)?;
        let top: Vec<&String> = candidates.iter().filter(|d| score(d) == best).collect();
        // A type and the types derived from it tie; the most general one is
        // what the example shows for sure.
        let mut general = top
            .iter()
            .filter(|d| !top.iter().any(|a| a != *d && self.model.is_ancestor(d, a)));
        let (Some(only), None) = (general.next(), general.next()) else {
            return None;
        };
        Some((*only).clone())
    }

    /// Adds what an example object shows to a type: properties not known yet,
    /// with types inferred from the values (placeholders read as types).
    ///
    /// `evidence` is `Example` for examples, `ResourcePage` for a resource
    /// block's JSON, which defines its type's properties (ApiDoctor reads a
    /// resource's schema from it).
    pub(super) fn apply_object(
        &mut self,
        type_key: &str,
        obj: &serde_json::Map<String, serde_json::Value>,
        at: &Location,
        page_ns: &str,
        evidence: Evidence,
    ) {
        if !self.model.types.contains_key(type_key) {
            return;
        }
        if self.model.types[type_key].kind == TypeKind::Enum {
            return;
        }
        for (k, v) in obj {
            // `@odata.type`, `x@odata.type` and other instance annotations,
            // also spelled without the `@` (`odata.type`), are not
            // properties.
            if infer::is_annotation(k) {
                continue;
            }
            if let Some(why) = self.not_a_property(type_key, k) {
                if !self.model.types[type_key]
                    .properties
                    .iter()
                    .any(|p| p.wire_name == *k)
                {
                    self.diags.warning(Code::ExamplePropertyUnknown, at, why);
                    continue;
                }
            }
            // Only the known property's type is read: cloning the whole
            // property (its description) for each member was a measurable
            // share of reading examples.
            let known = {
                let ty = &self.model.types[type_key];
                self.model
                    .find_property(ty, k)
                    .map(|p| (p.ty.clone(), p.collection))
            };
            let inferred = infer::infer(v);
            match (&known, inferred) {
                (Some((p_ty, p_collection)), Some(inf))
                    if inf.ty != TypeRef::Json
                        && (inf.ty != *p_ty || inf.collection != *p_collection)
                        && !inf.placeholder_string
                        && !compatible(p_ty, &inf.ty, &self.model) =>
                {
                    self.diags.info(
                        Code::ExampleTypeDiffers,
                        at,
                        format!(
                            "example value of `{}` looks like {} but the docs say {}; the docs win",
                            k,
                            describe(&inf.ty, inf.collection),
                            describe(p_ty, *p_collection)
                        ),
                    );
                }
                // A resource's JSON representation is the wire format, and
                // ApiDoctor checks the table against it: where the two spell
                // a property with other case, the JSON's spelling is the
                // property's wire name.
                (None, Some(_))
                    if evidence == Evidence::ResourcePage
                        && self.model.any_property(&self.model.types[type_key], |p| {
                            p.wire_name.eq_ignore_ascii_case(k)
                        }) =>
                {
                    let table = self.model.types[type_key]
                        .properties
                        .iter()
                        .find(|p| p.wire_name.eq_ignore_ascii_case(k))
                        .map(|p| (p.wire_name.clone(), p.source.clone()));
                    match table {
                        Some((table, table_at)) => {
                            self.spelling_votes
                                .entry(type_key.to_string())
                                .or_default()
                                .insert(
                                k.to_ascii_lowercase(),
                                SpellingVote {
                                    table,
                                    table_at,
                                    json: k.clone(),
                                    json_at: at.clone(),
                                    examples: BTreeMap::new(),
                                },
                            );
                        }
                        None => self.diags.info(Code::ExamplePropertyCase, at, format!("the JSON representation spells the property `{k}` with other case than an inherited property; it is not a new property")),
                    }
                }
                // The examples' spellings of a property the table and JSON
                // representation spell differently are votes.
                (_, Some(_))
                    if evidence == Evidence::Example
                        && self
                            .spelling_votes
                            .get(type_key)
                            .is_some_and(|votes| votes.contains_key(&k.to_ascii_lowercase())) =>
                {
                    let votes = self.spelling_votes.get_mut(type_key);
                    if let Some(vote) = votes.and_then(|v| v.get_mut(&k.to_ascii_lowercase())) {
                        *vote.examples.entry(k.clone()).or_default() += 1;
                    }
                }
                // A documented property spelled with other case in an example
                // is a slip of the docs, not a new property.
                (None, Some(_))
                    if self.model.any_property(&self.model.types[type_key], |p| {
                        p.wire_name.eq_ignore_ascii_case(k)
                    }) =>
                {
                    self.diags.info(Code::ExamplePropertyCase, at, format!("example spells the property `{k}` with other case than the docs; it is not a new property"));
                }
                (None, Some(inf)) => {
                    if evidence == Evidence::Example {
                        self.unlisted_properties.push((
                            type_key.to_string(),
                            k.clone(),
                            at.clone(),
                        ));
                    }
                    let mut ty = inf.ty.clone();
                    // A nested object with `@odata.type` names its type.
                    if let Some(t) = inf.odata_type.as_deref() {
                        if let Some(q) = self.resolve_odata_type(t, page_ns) {
                            self.ensure_type(&q, TypeKind::Complex, Evidence::Example, at);
                            ty = TypeRef::Named(q);
                        }
                    }
                    // An enum string placeholder (`"summer | fall"`) is an
                    // enum of its own, named after the type and property.
                    if !inf.members.is_empty() {
                        ty = TypeRef::Named(self.placeholder_enum(type_key, k, &inf.members, at));
                    }
                    let prop = Property {
                        wire_name: k.clone(),
                        ty,
                        collection: inf.collection,
                        nullable: None,
                        navigation: false,
                        description: Doc::default(),
                        evidence,
                        source: at.clone(),
                        one_of: Vec::new(),
                        optional: None,
                    };
                    self.add_property(type_key, prop, inf.placeholder_string);
                }
                _ => {}
            }
            // Recurse into nested objects of named types.
            let named = {
                let ty = &self.model.types[type_key];
                match self.model.find_property(ty, k) {
                    Some(Property {
                        ty: TypeRef::Named(q),
                        ..
                    }) => Some(q.clone()),
                    _ => None,
                }
            };
            if let Some(q) = named {
                let nested: Vec<&serde_json::Map<String, serde_json::Value>> = match v {
                    serde_json::Value::Object(o) => vec![o],
                    serde_json::Value::Array(items) => {
                        items.iter().filter_map(|i| i.as_object()).collect()
                    }
                    _ => vec![],
                };
                for o in nested {
                    let key = self.object_type(o, &q, at, page_ns);
                    if key != type_key {
                        self.apply_object(&key, o, at, page_ns, evidence);
                    }
                }
            }
        }
    }

    /// Why an example member that no table lists cannot be a property:
    /// `value` wraps a collection (or, by mistake, one object), and an
    /// object's own type name wraps the object itself (`{"directoryObject":
    /// {...}}`). `None` for a member that may be a property.
    fn not_a_property(&self, type_key: &str, key: &str) -> Option<String> {
        let ty = self.model.types.get(type_key)?;
        let documented = self.model.any_property(ty, |p| {
            p.wire_name.eq_ignore_ascii_case(key) && p.evidence > Evidence::Example
        });
        if documented {
            return None;
        }
        if key == "value" {
            let full = ty.name.full();
            return Some(format!("example wraps the object of `{full}` in `value`, which only a collection does; `value` is not a property"));
        }
        let wraps_itself = self
            .model
            .ancestors(type_key)
            .iter()
            .filter_map(|k| self.model.types.get(k))
            .any(|t| t.name.name.eq_ignore_ascii_case(key));
        wraps_itself.then(|| {
            let full = ty.name.full();
            format!("example wraps an object of `{full}` in a member named after its type, `{key}`; that is not a property")
        })
    }

    /// The enum an enum string placeholder declares: `seasonItemSeason` for
    /// `"season": "summer | fall"` in `seasonItem`.
    fn placeholder_enum(
        &mut self,
        type_key: &str,
        property: &str,
        members: &[String],
        at: &Location,
    ) -> QualifiedName {
        let owner = self.model.types[type_key].name.clone();
        let mut chars = property.chars();
        let upper: String = chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
        let q = QualifiedName::new(owner.namespace, format!("{}{upper}", owner.name));
        let key = self.ensure_type(&q, TypeKind::Enum, Evidence::Mention, at);
        let members = members
            .iter()
            .map(|m| EnumMember {
                wire_name: m.clone(),
                value: None,
                description: Doc::default(),
                source: at.clone(),
            })
            .collect();
        self.set_members(&key, members, at.clone(), false);
        q
    }
}
