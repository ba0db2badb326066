//! Stage 2: the intermediate model, merged from all pages.
//!
//! The model knows nothing of markdown or Rust. It holds types (entity,
//! complex, enum) and operations, each with the places in the docs it came
//! from. It is built by [`build::build`] from typed pages, in a fixed order,
//! and is what `--emit-ir` writes as JSON (its shape is documented in
//! ARCHITECTURE.md).

pub mod build;
mod doc;
mod infer;
/// The generated crate's own checks of primitive values (`DateTimeOffset`,
/// `Guid`, ...), from the runtime crate, so an example that the crate would
/// reject is found when generating.
use client_runtime::primitives as shapes;
mod typeref;
mod types;
pub use types::TypeMap;

pub use doc::{Doc, Span};
pub use typeref::Primitive;

use crate::diag::Location;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::hash::{Hash, Hasher};

/// The whole model.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Model {
    /// Keyed by the lowercased qualified name, so spellings that differ only
    /// in case are one type.
    pub types: TypeMap,
    pub operations: Vec<Operation>,
    /// Pages read, counted by `doc_type`.
    pub pages_by_doc_type: BTreeMap<String, usize>,
    /// What was read but not turned into model, counted by reason: pages
    /// that are neither API, resource nor enum pages, annotated blocks of
    /// kinds the model does not use, examples of failures.
    pub unread: BTreeMap<String, usize>,
}

/// A namespace and a name, spelled canonically.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct QualifiedName {
    pub namespace: String,
    pub name: String,
}

impl QualifiedName {
    pub fn new(namespace: impl Into<String>, name: impl Into<String>) -> Self {
        QualifiedName {
            namespace: namespace.into(),
            name: name.into(),
        }
    }
    /// `microsoft.graph.user`.
    pub fn full(&self) -> String {
        format!("{}.{}", self.namespace, self.name)
    }
    /// The key of the type in [`Model::types`]: [`Self::full`] in lower
    /// case, built in one allocation (the model looks types up by key in
    /// every pass).
    pub fn key(&self) -> String {
        let mut key = String::with_capacity(self.namespace.len() + 1 + self.name.len());
        key.push_str(&self.namespace);
        key.push('.');
        key.push_str(&self.name);
        key.make_ascii_lowercase();
        key
    }
    /// Whether `key` is this name's [`Self::key`], without building it.
    pub fn has_key(&self, key: &str) -> bool {
        let (ns, name) = (self.namespace.as_bytes(), self.name.as_bytes());
        let key = key.as_bytes();
        key.len() == ns.len() + 1 + name.len()
            && key[ns.len()] == b'.'
            && key[..ns.len()].eq_ignore_ascii_case(ns)
            && key[ns.len() + 1..].eq_ignore_ascii_case(name)
    }
}

#[derive(Hash, Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TypeKind {
    Entity,
    Complex,
    Enum,
}

/// How strong a piece of evidence is; stronger evidence wins in a conflict.
#[derive(Hash, Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Evidence {
    /// A JSON example value.
    Example,
    /// Text such as `Possible values are: ...` or a mention in a paragraph.
    Mention,
    /// A property table on an API page.
    ApiTable,
    /// A resource or enum page.
    ResourcePage,
}

/// A type: entity, complex type or enum.
#[derive(Hash, Debug, Clone, Serialize)]
pub struct TypeDef {
    pub name: QualifiedName,
    pub kind: TypeKind,
    /// The base type, for types that inherit.
    pub base: Option<QualifiedName>,
    /// Open types keep properties the docs do not list.
    pub open: bool,
    pub description: Doc,
    pub properties: Vec<Property>,
    pub members: Vec<EnumMember>,
    /// Flags enums are serialized as comma-separated member lists.
    pub flags: bool,
    /// Every spelling of the name seen in the docs.
    pub spellings: BTreeSet<String>,
    /// The strongest evidence for this type's existence.
    pub evidence: Evidence,
    /// Every place the type is described or named, in reading order.
    pub sources: Vec<Location>,
    /// The feature area of the resource page that describes it (`ms.prod`).
    pub area: Option<String>,
}

impl TypeDef {
    /// A type as first named: no base, properties, members or sources yet.
    pub fn new(name: QualifiedName, kind: TypeKind, evidence: Evidence) -> Self {
        TypeDef {
            name,
            kind,
            base: None,
            open: false,
            description: Doc::default(),
            properties: Vec::new(),
            members: Vec::new(),
            flags: false,
            spellings: BTreeSet::new(),
            evidence,
            sources: Vec::new(),
            area: None,
        }
    }
}

/// A property of an entity or complex type.
#[derive(Hash, Debug, Clone, Serialize)]
pub struct Property {
    /// The name on the wire, exactly as the docs write it.
    pub wire_name: String,
    pub ty: TypeRef,
    pub collection: bool,
    /// `Some(false)` where the docs say "Not nullable".
    pub nullable: Option<bool>,
    /// Relationships (navigation properties) of resource pages.
    pub navigation: bool,
    pub description: Doc,
    pub evidence: Evidence,
    pub source: Location,
    /// Where the docs give several types (`[A](a.md) or [B](b.md)`): those
    /// types; `ty` is then their nearest common base (see the finish step).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub one_of: Vec<QualifiedName>,
    /// What a resource block's `optionalProperties` says: `Some(true)` for
    /// a property it lists, `Some(false)` for the block's other properties
    /// (present in every full representation), `None` where no block says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub optional: Option<bool>,
}

/// A member of an enum.
#[derive(Hash, Debug, Clone, Serialize)]
pub struct EnumMember {
    pub wire_name: String,
    pub value: Option<i64>,
    pub description: Doc,
    pub source: Location,
}

/// The type of a property, parameter or body.
#[derive(Hash, Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(tag = "kind", content = "name", rename_all = "lowercase")]
pub enum TypeRef {
    Primitive(Primitive),
    Named(QualifiedName),
    /// The docs give no usable type: any JSON value.
    Json,
}

impl TypeRef {
    /// Equal up to the case of type names, which the docs vary.
    pub fn same_as(&self, other: &TypeRef) -> bool {
        match (self, other) {
            (TypeRef::Named(a), TypeRef::Named(b)) => a.key() == b.key(),
            (a, b) => a == b,
        }
    }
}

impl ResponseBody {
    /// A body of one value of `ty`, or a collection of them.
    pub fn of(ty: TypeRef, collection: bool) -> Self {
        if collection {
            ResponseBody::Collection { ty }
        } else {
            ResponseBody::Single { ty }
        }
    }

    /// The type and whether it is a collection, for bodies of a type.
    pub fn parts(&self) -> Option<(&TypeRef, bool)> {
        match self {
            ResponseBody::Single { ty } => Some((ty, false)),
            ResponseBody::Collection { ty } => Some((ty, true)),
            _ => None,
        }
    }

    /// The named type of the body, if it has one.
    pub fn named(&self) -> Option<&QualifiedName> {
        match self {
            ResponseBody::Single {
                ty: TypeRef::Named(q),
            }
            | ResponseBody::Collection {
                ty: TypeRef::Named(q),
            } => Some(q),
            _ => None,
        }
    }

    /// For diagnostics: `a microsoft.graph.user`, `a collection of String`.
    pub fn describe(&self) -> String {
        let name = |t: &TypeRef| match t {
            TypeRef::Primitive(p) => format!("{p:?}"),
            TypeRef::Named(q) => q.full(),
            TypeRef::Json => "any JSON".to_string(),
        };
        match self {
            ResponseBody::None => "no body".to_string(),
            ResponseBody::Stream => "a stream of bytes".to_string(),
            ResponseBody::Count => "a count".to_string(),
            ResponseBody::Single { ty } => format!("a {}", name(ty)),
            ResponseBody::Collection { ty } => format!("a collection of {}", name(ty)),
        }
    }

    pub fn same_as(&self, other: &ResponseBody) -> bool {
        match (self, other) {
            (ResponseBody::Single { ty: a }, ResponseBody::Single { ty: b })
            | (ResponseBody::Collection { ty: a }, ResponseBody::Collection { ty: b }) => {
                a.same_as(b)
            }
            (ResponseBody::None, ResponseBody::None)
            | (ResponseBody::Stream, ResponseBody::Stream)
            | (ResponseBody::Count, ResponseBody::Count) => true,
            _ => false,
        }
    }
}

/// An operation: one HTTP method on one or more paths.
#[derive(Hash, Debug, Clone, Serialize)]
pub struct Operation {
    /// The page title, e.g. `Create azureConnections`.
    pub title: String,
    /// What part of the page's resource a split-off operation addresses:
    /// `content` for its bytes, `ref` for references, or a property's name
    /// (`automaticRepliesSetting`). Names tell it from the page's main
    /// operation.
    pub facet: Option<String>,
    pub namespace: String,
    pub method: String,
    pub paths: Vec<PathTemplate>,
    /// API versions seen in example URLs (`beta`, `v1.0`).
    pub api_versions: BTreeSet<String>,
    pub description: Doc,
    /// Least privileged first, by permission type.
    pub permissions: Vec<Permission>,
    pub request: RequestBody,
    pub response: Response,
    pub query_parameters: Vec<Parameter>,
    pub headers: Vec<Parameter>,
    /// The feature area (from `ms.prod`, else the first path segment).
    pub area: String,
    pub examples: Vec<Example>,
    pub sources: Vec<Location>,
}

/// A path as documented, with its parameters.
#[derive(Hash, Debug, Clone, Serialize)]
pub struct PathTemplate {
    /// As written in the docs, e.g. `/users/{id | userPrincipalName}/messages`.
    pub raw: String,
    pub segments: Vec<PathSegment>,
    pub source: Location,
    /// [`PathTemplate::shape`], found once: the model compares paths by
    /// their shape many times over (which page owns a path, which
    /// operation an example is of), and building the text each time was a
    /// twentieth of the merge.
    #[serde(skip)]
    shape: String,
}

#[derive(Hash, Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum PathSegment {
    /// Literal text, including `/` separators and function-call syntax.
    Literal { text: String },
    /// A parameter. `name` is a wire-style name (`userId`), `placeholder` the
    /// text between the braces.
    Param { name: String, placeholder: String },
}

impl PathTemplate {
    pub fn params(&self) -> impl Iterator<Item = &str> {
        self.segments.iter().filter_map(|s| match s {
            PathSegment::Param { name, .. } => Some(name.as_str()),
            PathSegment::Literal { .. } => None,
        })
    }
    /// The parameter values of a concrete path from an example
    /// (`/users/42/messages` gives `["42"]`), if it fits this template:
    /// literals match without regard to case, a parameter matches one or
    /// more characters other than `/` (the first way that lets the rest
    /// fit). A trailing slash is ignored.
    pub fn match_path(&self, path: &str) -> Option<Vec<String>> {
        // The values are slices of the path until the whole path matches:
        // a parameter tries every length of its segment, and `matches`
        // (most callers) wants no values at all.
        fn go<'p>(segments: &[PathSegment], rest: &'p str, values: &mut Vec<&'p str>) -> bool {
            match segments.split_first() {
                None => rest.trim_end_matches('/').is_empty(),
                Some((PathSegment::Literal { text }, tail)) => {
                    let text = if tail.is_empty() {
                        text.trim_end_matches('/')
                    } else {
                        text.as_str()
                    };
                    rest.get(..text.len())
                        .is_some_and(|head| head.eq_ignore_ascii_case(text))
                        && go(tail, &rest[text.len()..], values)
                }
                Some((PathSegment::Param { .. }, tail)) => {
                    let end = rest.find('/').unwrap_or(rest.len());
                    for n in (1..=end).filter(|&n| rest.is_char_boundary(n)) {
                        values.push(&rest[..n]);
                        if go(tail, &rest[n..], values) {
                            return true;
                        }
                        values.pop();
                    }
                    false
                }
            }
        }
        let path = path.split('?').next().unwrap_or(path);
        let mut values = Vec::new();
        go(&self.segments, path, &mut values)
            .then(|| values.into_iter().map(String::from).collect())
    }

    /// A path of these segments, written `raw` at `source`.
    pub fn new(raw: String, segments: Vec<PathSegment>, source: Location) -> Self {
        let mut shape = String::new();
        for s in &segments {
            match s {
                PathSegment::Literal { text } => {
                    shape.extend(text.chars().map(|c| c.to_ascii_lowercase()))
                }
                PathSegment::Param { .. } => shape.push_str("{}"),
            }
        }
        // A quoted argument and an unquoted one address the same function,
        // and a trailing slash the same resource.
        let mut shape = shape.replace("'{}'", "{}");
        if shape.len() > 1 && shape.ends_with('/') {
            shape.pop();
        }
        PathTemplate {
            raw,
            segments,
            source,
            shape,
        }
    }

    /// The path with each parameter as `{}`, lowercased, without quotes
    /// around a parameter or a trailing slash: two paths with the same
    /// shape are the same operation.
    pub fn shape(&self) -> &str {
        &self.shape
    }

    /// The last literal segment of the path (`content` of
    /// `/me/drive/items/{id}/content`), without slashes.
    pub fn last_literal(&self) -> &str {
        match self.segments.last() {
            Some(PathSegment::Literal { text }) => {
                text.trim_end_matches('/').rsplit('/').next().unwrap_or("")
            }
            _ => "",
        }
    }

    /// Whether a concrete path from an example fits this template (see
    /// [`PathTemplate::match_path`]).
    pub fn matches(&self, path: &str) -> bool {
        self.match_path(path).is_some()
    }
}

#[derive(Hash, Debug, Clone, Serialize)]
pub struct Permission {
    /// `Delegated (work or school account)`, `Application`, ...
    pub kind: String,
    /// Least privileged first; empty when not supported or not documented.
    pub scopes: Vec<String>,
    pub supported: bool,
}

/// A parameter of a body, query or header table.
#[derive(Hash, Debug, Clone, Serialize)]
pub struct Parameter {
    pub wire_name: String,
    pub ty: TypeRef,
    pub collection: bool,
    pub required: bool,
    pub description: Doc,
    pub source: Location,
}

#[derive(Hash, Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RequestBody {
    None,
    /// A JSON representation of a type.
    Type {
        ty: TypeRef,
        collection: bool,
    },
    /// An action's parameters, sent as one JSON object.
    Parameters {
        parameters: Vec<Parameter>,
    },
    /// Raw bytes (`$value`, content and photo uploads), sent with
    /// `content_type` when the docs name one (`text/plain` for MIME
    /// messages), else as `application/octet-stream`.
    Stream {
        content_type: Option<String>,
    },
    /// A reference to another entity, `{"@odata.id": "https://..."}`: the
    /// body of `POST .../$ref` (add a member, set a manager).
    Reference,
}

#[derive(Hash, Debug, Clone, Serialize)]
pub struct Response {
    pub status: u16,
    pub body: ResponseBody,
}

#[derive(Hash, Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ResponseBody {
    None,
    Single {
        ty: TypeRef,
    },
    Collection {
        ty: TypeRef,
    },
    Stream,
    /// The number of items of a collection, as the bare number `$count`
    /// answers with.
    Count,
}

/// A documented request/response example pair.
#[derive(Hash, Debug, Clone, Serialize)]
pub struct Example {
    pub name: Option<String>,
    pub request: ExampleRequest,
    pub response: Option<ExampleResponse>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExampleRequest {
    pub source: Location,
    pub method: String,
    /// The path without base URL and version.
    pub path: String,
    /// The query string without `?`, as written.
    pub query: Option<String>,
    pub version: Option<String>,
    pub body: Option<serde_json::Value>,
    /// A body that is not JSON (a file, HTML, MIME), as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The media type of the `Content-Type` header, lowercased, without
    /// parameters (`text/plain`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// The body with placeholder values replaced, see ARCHITECTURE.md.
    pub sample: Option<serde_json::Value>,
    /// Why the body does not fit the operation's body type, when it does not.
    pub misfit: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExampleResponse {
    pub source: Location,
    pub status: u16,
    pub truncated: bool,
    pub body: Option<serde_json::Value>,
    /// The type the response annotation's `@odata.type` names, when it is
    /// derived from the operation's response type: the type of the
    /// example's objects that do not name their own.
    pub annotated: Option<QualifiedName>,
    pub sample: Option<serde_json::Value>,
    /// Why the body does not fit the operation's response type, when it does not.
    pub misfit: Option<String>,
}

// The examples' JSON is hashed with its members in order: the order is
// printed (tests embed the bodies), and serde_json's own `Hash` sorts the
// members of an object when `preserve_order` keeps them.
impl Hash for ExampleRequest {
    fn hash<H: Hasher>(&self, h: &mut H) {
        let ExampleRequest {
            source,
            method,
            path,
            query,
            version,
            body,
            text,
            content_type,
            sample,
            misfit,
        } = self;
        (source, method, path, query, version).hash(h);
        hash_json(body.as_ref(), h);
        (text, content_type).hash(h);
        hash_json(sample.as_ref(), h);
        misfit.hash(h);
    }
}

impl Hash for ExampleResponse {
    fn hash<H: Hasher>(&self, h: &mut H) {
        let ExampleResponse {
            source,
            status,
            truncated,
            body,
            annotated,
            sample,
            misfit,
        } = self;
        (source, status, truncated).hash(h);
        hash_json(body.as_ref(), h);
        annotated.hash(h);
        hash_json(sample.as_ref(), h);
        misfit.hash(h);
    }
}

/// Hashes a JSON value with object members in their order.
fn hash_json<H: Hasher>(value: Option<&serde_json::Value>, h: &mut H) {
    use serde_json::Value;
    let Some(value) = value else {
        return 0u8.hash(h);
    };
    match value {
        Value::Null => 1u8.hash(h),
        Value::Bool(b) => (2u8, b).hash(h),
        Value::Number(n) => (3u8, n).hash(h),
        Value::String(s) => (4u8, s).hash(h),
        Value::Array(items) => {
            (5u8, items.len()).hash(h);
            for item in items {
                hash_json(Some(item), h);
            }
        }
        Value::Object(members) => {
            (6u8, members.len()).hash(h);
            for (name, member) in members {
                name.hash(h);
                hash_json(Some(member), h);
            }
        }
    }
}

impl Model {
    pub fn get(&self, name: &QualifiedName) -> Option<&TypeDef> {
        // The key is built on the stack when it fits: `get` runs at every
        // step of every base chain, and most keys are short.
        let (ns, n) = (name.namespace.as_bytes(), name.name.as_bytes());
        let len = ns.len() + 1 + n.len();
        let mut buf = [0u8; 128];
        if len <= buf.len() {
            buf[..ns.len()].copy_from_slice(ns);
            buf[ns.len()] = b'.';
            buf[ns.len() + 1..len].copy_from_slice(n);
            buf[..len].make_ascii_lowercase();
            // Lowercasing ASCII keeps UTF-8 valid, so this always holds.
            if let Ok(key) = std::str::from_utf8(&buf[..len]) {
                return self.types.get(key);
            }
        }
        self.types.get(&name.key())
    }

    /// A type's key and its base types' keys, nearest first. A loop in the
    /// docs' inheritance ends the walk (it is reported when the model is built).
    pub fn ancestors(&self, key: &str) -> Vec<String> {
        let mut out = vec![key.to_string()];
        while let Some(base) = self
            .types
            .get(out.last().expect("never empty"))
            .and_then(|t| t.base.as_ref())
        {
            let k = base.key();
            if out.contains(&k) || out.len() > 32 {
                break;
            }
            out.push(k);
        }
        out
    }

    /// Whether `ancestor` is `key` or one of its base types (keys). It
    /// walks the chain as [`Self::ancestors`] does, without collecting it:
    /// the model asks this of every type for every table it reads.
    pub fn is_ancestor(&self, key: &str, ancestor: &str) -> bool {
        if key == ancestor {
            return true;
        }
        let mut base = self.types.get(key).and_then(|t| t.base.as_ref());
        // A loop in the docs' inheritance ends the walk, as in `ancestors`.
        for _ in 0..32 {
            let Some(b) = base else { return false };
            if b.has_key(ancestor) {
                return true;
            }
            base = self.get(b).and_then(|t| t.base.as_ref());
        }
        false
    }

    /// The type an `@odata.type` value names within a family, `base` or a
    /// type derived from it: by its full name (`#microsoft.graph.x`, in any
    /// case) first, else the one type of the family whose name is the
    /// value's last dotted part, as docs write it without its namespace or
    /// with another (`x`, `Microsoft.Teams.GraphSvc.x`). The generated
    /// `...Any` enums read `@odata.type` by the same rule.
    pub fn family_member(&self, base: &str, odata_type: &str) -> Option<&TypeDef> {
        let full = odata_type.trim_start_matches('#').to_ascii_lowercase();
        if self.is_ancestor(&full, base) {
            return self.types.get(&full);
        }
        let simple = full.rsplit('.').next().filter(|s| !s.is_empty())?;
        let mut found = self
            .types
            .iter()
            .filter(|(k, t)| t.name.name.eq_ignore_ascii_case(simple) && self.is_ancestor(k, base));
        match (found.next(), found.next()) {
            (Some((_, t)), None) => Some(t),
            _ => None,
        }
    }

    /// Each type that has derived types, to all of them (direct or not),
    /// in key order.
    pub fn derived_types(&self) -> BTreeMap<String, Vec<String>> {
        let mut derived: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for key in self.types.keys() {
            for ancestor in self.ancestors(key).into_iter().skip(1) {
                derived.entry(ancestor).or_default().push(key.clone());
            }
        }
        derived
    }

    /// The nearest type both keys derive from (or are), short of `entity`:
    /// two types whose only common base is `entity` are unrelated for the
    /// purpose of one request or response.
    pub fn common_ancestor(&self, a: &str, b: &str) -> Option<String> {
        let of_b = self.ancestors(b);
        self.ancestors(a)
            .into_iter()
            .find(|k| of_b.contains(k))
            .filter(|k| {
                self.types
                    .get(k)
                    .is_none_or(|t| !t.name.name.eq_ignore_ascii_case("entity"))
            })
    }

    /// A property of a type or of one of its bases, without building the
    /// whole list.
    pub fn find_property<'a>(&'a self, ty: &'a TypeDef, wire_name: &str) -> Option<&'a Property> {
        self.base_chain(ty)
            .into_iter()
            .find_map(|t| t.properties.iter().find(|p| p.wire_name == wire_name))
    }

    /// Whether the type or a base type has a property that `pred` holds
    /// for: what `all_properties(ty).iter().any(pred)` says when `pred`
    /// reads the name, or the name and a least evidence (the property
    /// `all_properties` keeps of one name is the strongest), without
    /// collecting the list.
    pub fn any_property(&self, ty: &TypeDef, pred: impl Fn(&Property) -> bool) -> bool {
        self.base_chain(ty)
            .into_iter()
            .any(|t| t.properties.iter().any(&pred))
    }

    /// A type and its base types that the model holds, nearest first. A
    /// loop in the docs' inheritance ends the chain before a type repeats
    /// (it is reported when the model is built).
    pub fn base_chain<'a>(&'a self, ty: &'a TypeDef) -> Vec<&'a TypeDef> {
        let mut chain = vec![ty];
        let mut current = ty;
        while let Some(base) = current.base.as_ref().and_then(|b| self.get(b)) {
            if chain.iter().any(|t| std::ptr::eq(*t, base)) {
                break;
            }
            chain.push(base);
            current = base;
        }
        chain
    }

    /// All properties of a type, inherited ones first, base before derived.
    pub fn all_properties<'a>(&'a self, ty: &'a TypeDef) -> Vec<&'a Property> {
        let chain = self.base_chain(ty);
        // Base properties come first; a derived type that documents a
        // property its base only knows from an example (an example of a
        // base-typed operation showing a derived object) keeps the base's
        // place but the derived type's documentation and type.
        let mut out: Vec<&Property> = Vec::new();
        let mut names: BTreeMap<&str, usize> = BTreeMap::new();
        for t in chain.iter().rev() {
            for p in &t.properties {
                match names.get(p.wire_name.as_str()) {
                    Some(&i) => {
                        if p.evidence > out[i].evidence {
                            out[i] = p;
                        }
                    }
                    None => {
                        names.insert(&p.wire_name, out.len());
                        out.push(p);
                    }
                }
            }
        }
        out
    }
}

/// Whether a property or parameter holds a secret, which generated code
/// never prints in `Debug` output. The docs do not mark secrets, so the
/// rule reads the name, the type and the description: a string or bytes
/// whose name ends in `password`, `secret` or `passphrase` (`clientSecret`,
/// `adDomainPassword`), says `secret` and ends in `text` or `value`
/// (`secretText`), or ends in `key` and is key material: bytes
/// (`keyCredential.key`), or a description that speaks of a symmetric,
/// private or product key. `changeKey` and other keys that are names or
/// versions are not secrets.
pub fn holds_secret(wire_name: &str, ty: &TypeRef, description: &doc::Doc) -> bool {
    let is_bytes = matches!(ty, TypeRef::Primitive(Primitive::Binary));
    if !(is_bytes || matches!(ty, TypeRef::Primitive(Primitive::String))) {
        return false;
    }
    let words: Vec<String> = crate::names::split_words(wire_name)
        .iter()
        .map(|w| w.to_ascii_lowercase())
        .collect();
    let Some(last) = words.last().map(String::as_str) else {
        return false;
    };
    let about_keys = || {
        let text = description.plain().to_ascii_lowercase();
        ["symmetric", "private key", "product key"]
            .iter()
            .any(|k| text.contains(k))
    };
    matches!(last, "password" | "secret" | "passphrase")
        || (words.iter().any(|w| w == "secret") && matches!(last, "text" | "value"))
        || (last == "key" && (is_bytes || about_keys()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `get` finds a type by its key whatever the name's case, with the
    /// key built on the stack or, for a long name, on the heap.
    #[test]
    fn get_finds_a_type_by_its_key() {
        let mut model = Model::default();
        let long = "x".repeat(200);
        for name in [
            QualifiedName::new("microsoft.graph", "user"),
            QualifiedName::new("microsoft.graph", long.clone()),
        ] {
            let ty = TypeDef::new(name.clone(), TypeKind::Complex, Evidence::Mention);
            model.types.insert(name.key(), ty);
        }
        let found = |ns: &str, n: &str| {
            model
                .get(&QualifiedName::new(ns, n))
                .map(|t| t.name.name.clone())
        };
        assert_eq!(found("Microsoft.Graph", "USER"), Some("user".to_string()));
        assert_eq!(found("microsoft.graph", &long.to_uppercase()), Some(long));
        assert_eq!(found("microsoft.graph", "group"), None);
    }
}
