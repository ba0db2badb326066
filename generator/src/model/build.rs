//! Builds the model from typed pages, in explicit steps.
//!
//! 1. Declare: every resource and enum page declares its type, so that name
//!    resolution does not depend on the order pages are read in.
//! 2. Resource and enum pages: properties, relationships, base types, members.
//! 3. API pages: operations, request body tables, parameters, permissions.
//! 4. Examples: properties that only JSON examples show, and the examples
//!    themselves, attached to their operation.
//! 5. Finish: canonical spellings, kinds, samples for the round-trip tests.
//!
//! Stronger evidence wins (resource page > API table > mention > example);
//! every disagreement between two sources is reported with both locations.

use super::doc::Doc;
use super::infer;
use super::typeref::{parse_type_cell, CellSpec, CellType, Primitive};
use super::*;
use crate::diag::{Code, Diagnostics, Location};
use crate::parse::{
    links_of, plain_text_of, Block, BlockKind, CodeBlock, HttpMessage, Inline, JsonError, Page,
    RequestLine, Table,
};
use std::collections::{BTreeMap, BTreeSet};

pub const ROOT_NAMESPACE: &str = "microsoft.graph";

/// The kind of page, from front matter `doc_type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PageKind {
    Api,
    Resource,
    Enum,
    Other,
}

/// A page with what every step needs to know about it.
struct PageInfo<'a> {
    page: &'a Page,
    kind: PageKind,
    namespace: String,
    title: String,
    /// Blocks with the lowercased `##` and `###` headings they sit under.
    blocks: Vec<(String, String, &'a Block)>,
}

impl<'a> PageInfo<'a> {
    fn at(&self, line: u32) -> Location {
        Location::new(self.page.file.clone(), line)
    }
    /// Where a JSON error is, for a JSON text that starts on `line`.
    fn json_error_at(&self, line: u32, e: &JsonError) -> Location {
        Location::at(self.page.file.clone(), line + e.line - 1, e.column)
    }
    /// Blocks under a `##` heading whose text starts with one of `names`.
    fn section(&self, names: &[&str]) -> impl Iterator<Item = &(String, String, &'a Block)> + '_ {
        let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
        self.blocks
            .iter()
            .filter(move |(h2, _, _)| names.iter().any(|n| h2.starts_with(n.as_str())))
    }
    fn first_table(&self, names: &[&str]) -> Option<(&'a Table, u32)> {
        self.section(names).find_map(|(_, _, b)| match &b.kind {
            BlockKind::Table(t) => Some((t, b.line)),
            _ => None,
        })
    }
    fn paragraphs(&self, names: &[&str]) -> Vec<(&'a [Inline], u32)> {
        self.section(names)
            .filter_map(|(_, _, b)| match &b.kind {
                BlockKind::Paragraph(p) => Some((p.as_slice(), b.line)),
                _ => None,
            })
            .collect()
    }
}

/// Builds the model. Diagnostics go to `diags`; the model is always complete
/// for what could be understood.
pub fn build(pages: &[Page], diags: &mut Diagnostics) -> Model {
    let mut b = Builder {
        diags,
        model: Model::default(),
        files: pages.iter().map(|p| p.file.to_ascii_lowercase()).collect(),
        resource_file_names: pages
            .iter()
            .map(|p| p.file.to_ascii_lowercase())
            .filter(|f| f.contains("resources"))
            .map(|f| f.rsplit('/').next().unwrap_or(&f).to_string())
            .collect(),
        folders: pages
            .iter()
            .map(|p| {
                let f = p.file.to_ascii_lowercase();
                f.rsplit_once('/')
                    .map_or(String::new(), |(d, _)| d.to_string())
            })
            .collect(),
        namespaces: BTreeMap::new(),
        declared: BTreeMap::new(),
        spellings: BTreeMap::new(),
        op_index: BTreeMap::new(),
        missing_links: BTreeSet::new(),
        inherited_claims: Vec::new(),
        odata_checks: Vec::new(),
        unlisted_properties: Vec::new(),
        linked_outside: BTreeSet::new(),
        own_pages: BTreeMap::new(),
        family_names: None,
    };
    let mut infos: Vec<PageInfo> = pages.iter().map(|p| b.page_info(p)).collect();
    infos.sort_by(|a, b| a.page.file.cmp(&b.page.file));
    for info in &infos {
        let key = match info.kind {
            PageKind::Api => "apiPageType",
            PageKind::Resource => "resourcePageType",
            PageKind::Enum => "enumPageType",
            PageKind::Other => "other",
        };
        *b.model
            .pages_by_doc_type
            .entry(key.to_string())
            .or_default() += 1;
    }
    for info in &infos {
        b.declare(info);
    }
    for info in infos
        .iter()
        .filter(|i| matches!(i.kind, PageKind::Resource | PageKind::Enum))
    {
        b.resource_page(info);
    }
    b.own_pages_first();
    let mut api_pages: Vec<(bool, &PageInfo, Vec<RequestLine>)> = infos
        .iter()
        .filter(|i| i.kind == PageKind::Api)
        .map(|i| {
            let lines = Builder::request_lines(i);
            (Builder::is_pattern_page(i, &lines), i, lines)
        })
        .collect();
    // Stable: path order within each group.
    api_pages.sort_by_key(|(pattern, _, _)| *pattern);
    let mut pending_examples = Vec::new();
    for (_, info, lines) in api_pages {
        pending_examples.extend(b.api_page(info, lines));
    }
    for info in infos.iter().filter(|i| i.kind == PageKind::Resource) {
        b.resource_json(info);
    }
    for (op, example, page_ns) in pending_examples {
        b.attach_example(op, example, &page_ns);
    }
    for info in &infos {
        b.check_links(info);
    }
    b.finish();
    b.model
}

struct Builder<'d> {
    diags: &'d mut Diagnostics,
    model: Model,
    /// Lowercased paths of all pages, to tell missing linked pages.
    files: BTreeSet<String>,
    /// Lowercased folders that hold pages: links into them can be checked.
    folders: BTreeSet<String>,
    /// Lowercased file names of pages in a `resources` folder.
    resource_file_names: BTreeSet<String>,
    /// Lowercased namespace to its spelling.
    namespaces: BTreeMap<String, String>,
    /// Lowercased type name to the namespaces that declare it on a page.
    declared: BTreeMap<String, BTreeSet<String>>,
    /// Type key to each spelling and the strongest evidence it came with.
    spellings: BTreeMap<String, BTreeMap<String, Evidence>>,
    /// Method and path shape to the operation's index.
    op_index: BTreeMap<String, usize>,
    /// (page, target) pairs already reported as missing.
    missing_links: BTreeSet<(String, String)>,
    /// "Inherited from x" claims: the type, x, and where.
    inherited_claims: Vec<(String, QualifiedName, Location)>,
    /// Response examples' `@odata.type` to check against the declared type
    /// once base types are known: the value, declared type, where, page
    /// namespace.
    odata_checks: Vec<(String, QualifiedName, Location, String)>,
    /// Example properties no table listed when the example was read: the
    /// type, the property, where. Checked once base types are known.
    unlisted_properties: Vec<(String, String, Location)>,
    /// Types linked to pages outside the docs folder: not unknown, only
    /// not at hand (an info says so at the link).
    linked_outside: BTreeSet<String>,
    /// Type key to the page named after the type (`resources/user.md` for
    /// `user`), which describes it first when several pages do.
    own_pages: BTreeMap<String, String>,
    /// Built when examples are read, once every table is: per type, the
    /// types derived from it, and the lowercased property names its tables
    /// and its base types' tables list.
    family_names: Option<FamilyNames>,
}

/// See [`Builder::family_names`].
struct FamilyNames {
    derived: BTreeMap<String, Vec<String>>,
    documented: BTreeMap<String, BTreeSet<String>>,
}

/// How many different collections the paths of one method must end in for
/// a page to document a shared pattern; see [`Builder::is_pattern_page`].
/// Specific pages reach three (`chartaxis-get.md`: category, series and
/// value axes); the pattern pages of v1.0 reach four to eleven.
const PATTERN_BREADTH: usize = 4;

/// An example pair waiting for all types to be known.
type PendingExample = (usize, RawExample, String);

/// An example as found on a page, before placeholder handling.
struct RawExample {
    name: Option<String>,
    request: ExampleRequest,
    response: Option<(ExampleResponse, Option<String>, bool)>,
}

impl<'d> Builder<'d> {
    // ----- pages -----

    fn page_info<'a>(&mut self, page: &'a Page) -> PageInfo<'a> {
        let doc_type = page
            .front_matter
            .get("doc_type")
            .map(|f| f.value.trim().trim_end_matches('_').to_ascii_lowercase())
            .unwrap_or_default();
        let mut kind = match doc_type.as_str() {
            "apipagetype" => PageKind::Api,
            "resourcepagetype" => PageKind::Resource,
            "enumpagetype" => PageKind::Enum,
            _ => PageKind::Other,
        };
        let mut namespace = None;
        let mut title = String::new();
        let mut blocks = Vec::new();
        let (mut h2, mut h3) = (String::new(), String::new());
        for block in &page.blocks {
            match &block.kind {
                BlockKind::Heading { tab: true, .. } => continue,
                BlockKind::Heading { level: 1, text, .. } if title.is_empty() => {
                    title = text.clone();
                    continue;
                }
                BlockKind::Heading { level: 2, text, .. } => {
                    h2 = text.to_ascii_lowercase();
                    h3.clear();
                    continue;
                }
                BlockKind::Heading { level: 3, text, .. } => {
                    h3 = text.to_ascii_lowercase();
                    continue;
                }
                BlockKind::Paragraph(p) if namespace.is_none() => {
                    let text = plain_text_of(p);
                    if let Some(ns) = text.trim().strip_prefix("Namespace:") {
                        let ns = ns.split_whitespace().next().unwrap_or("").to_string();
                        namespace = Some(ns);
                        continue;
                    }
                }
                _ => {}
            }
            blocks.push((h2.clone(), h3.clone(), block));
        }
        if kind == PageKind::Other && blocks.iter().any(|(h2, _, _)| h2 == "http request") {
            kind = PageKind::Api;
        }
        if title.is_empty() {
            title = page
                .front_matter
                .get("title")
                .map(|f| f.value.clone())
                .unwrap_or_else(|| page.file.clone());
        }
        let namespace = match namespace {
            Some(ns) if !ns.is_empty() => ns,
            _ => {
                if kind != PageKind::Other {
                    self.diags.info(
                        Code::NoNamespace,
                        &Location::new(page.file.clone(), 1),
                        format!("page has no `Namespace:` line; using {ROOT_NAMESPACE}"),
                    );
                }
                ROOT_NAMESPACE.to_string()
            }
        };
        self.namespaces
            .entry(namespace.to_ascii_lowercase())
            .or_insert_with(|| namespace.clone());
        for (key, field) in &page.front_matter.fields {
            if field.value.contains("TODO") {
                self.diags.warning(
                    Code::TodoPlaceholder,
                    &Location::new(page.file.clone(), field.line),
                    format!("front matter `{key}` is a TODO placeholder"),
                );
            }
        }
        PageInfo {
            page,
            kind,
            namespace,
            title,
            blocks,
        }
    }

    /// Step 1: the type a resource or enum page is about, and the enums its
    /// `### x values` sections define.
    fn declare(&mut self, info: &PageInfo) {
        let mut names = Vec::new();
        match info.kind {
            PageKind::Resource | PageKind::Enum => {
                if let Some(q) = self.page_type_name(info) {
                    names.push(q);
                }
                for (_, h3, _) in info.section(&[""]) {
                    if let Some(name) = h3.strip_suffix(" values") {
                        names.push(QualifiedName::new(info.namespace.clone(), name.trim()));
                    }
                }
            }
            _ => {}
        }
        for q in names {
            self.namespaces
                .entry(q.namespace.to_ascii_lowercase())
                .or_insert_with(|| q.namespace.clone());
            self.declared
                .entry(q.name.to_ascii_lowercase())
                .or_default()
                .insert(q.namespace.clone());
        }
    }

    /// The type a resource page describes: the JSON representation's
    /// `@odata.type`, else the title (`user resource type`).
    fn page_type_name(&self, info: &PageInfo) -> Option<QualifiedName> {
        for (_, _, block) in &info.blocks {
            if let BlockKind::Code(CodeBlock {
                annotation: Some(a),
                ..
            }) = &block.kind
            {
                if a.block_type() == Some("resource") {
                    if let Some(t) = a.str("@odata.type") {
                        if let Some((ns, name)) = t.trim_start_matches('#').rsplit_once('.') {
                            return Some(QualifiedName::new(ns, name));
                        }
                    }
                }
            }
        }
        // A parenthetical after the title (`... resource type (open extensions)`)
        // is commentary.
        let title = info.title.trim();
        let title = match title.rsplit_once(" (") {
            Some((head, tail)) if tail.ends_with(')') => head.trim(),
            _ => title,
        };
        let lower = title.to_ascii_lowercase();
        for suffix in [
            " resource type",
            " enum type",
            " complex type",
            " entity type",
            " enumeration type",
            " resource",
        ] {
            if lower.ends_with(suffix) {
                let name = title[..title.len() - suffix.len()].trim();
                let name = name.rsplit('.').next().unwrap_or(name);
                if !name.is_empty() && !name.contains(' ') {
                    return Some(QualifiedName::new(info.namespace.clone(), name));
                }
            }
        }
        None
    }

    // ----- names and types -----

    /// Resolves a type named in the docs. An explicit namespace is used as
    /// written; otherwise the page's namespace if a page there declares the
    /// name, the namespace a link's file prefix names (`managedtenants-x.md`),
    /// the root namespace if declared there, the only declaring namespace,
    /// and finally the page's own namespace.
    fn resolve(
        &mut self,
        namespace: Option<&str>,
        name: &str,
        link: Option<&str>,
        page_ns: &str,
    ) -> QualifiedName {
        let name = name.trim().trim_start_matches('#');
        if let Some(ns) = namespace {
            let ns = self.canonical_namespace(ns);
            return QualifiedName::new(ns, name);
        }
        let lower = name.to_ascii_lowercase();
        let declared = self.declared.get(&lower).cloned().unwrap_or_default();
        if declared.contains(page_ns) {
            return QualifiedName::new(page_ns, name);
        }
        if let Some(link) = link {
            let stem = link
                .rsplit('/')
                .next()
                .unwrap_or(link)
                .trim_end_matches(".md")
                .to_ascii_lowercase();
            if let Some((prefix, _)) = stem.split_once('-') {
                let found = self
                    .namespaces
                    .iter()
                    .find(|(k, _)| {
                        k.rsplit('.').next() == Some(prefix) && k.as_str() != ROOT_NAMESPACE
                    })
                    .map(|(_, v)| v.clone());
                if let Some(ns) = found {
                    return QualifiedName::new(ns, name);
                }
            }
        }
        if declared.contains(ROOT_NAMESPACE) {
            return QualifiedName::new(ROOT_NAMESPACE, name);
        }
        if declared.len() == 1 {
            return QualifiedName::new(declared.iter().next().cloned().unwrap_or_default(), name);
        }
        QualifiedName::new(page_ns, name)
    }

    fn canonical_namespace(&mut self, ns: &str) -> String {
        self.namespaces
            .entry(ns.to_ascii_lowercase())
            .or_insert_with(|| ns.to_string())
            .clone()
    }

    /// Resolves an `@odata.type` value (`#microsoft.graph.x`).
    fn resolve_odata_type(&mut self, value: &str, page_ns: &str) -> Option<QualifiedName> {
        let v = value.trim().trim_start_matches('#');
        // `Collection(microsoft.graph.x)` names x; Edm primitives are no type.
        let v = match v
            .strip_prefix("Collection(")
            .and_then(|r| r.strip_suffix(')'))
        {
            Some(inner) => inner,
            None => v,
        };
        if v.starts_with("Edm.")
            || v.starts_with("edm.")
            || !v.contains('.') && Primitive::from_name(v).is_some()
        {
            return None;
        }
        match v.rsplit_once('.') {
            Some((ns, name)) if !name.is_empty() => {
                Some(self.resolve(Some(ns), name, None, page_ns))
            }
            _ if !v.is_empty() => Some(self.resolve(None, v, None, page_ns)),
            _ => None,
        }
    }

    /// Makes sure a type exists; records the spelling and the source.
    fn ensure_type(
        &mut self,
        name: &QualifiedName,
        kind: TypeKind,
        evidence: Evidence,
        at: &Location,
    ) -> String {
        let key = name.key();
        let entry = self
            .model
            .types
            .entry(key.clone())
            .or_insert_with(|| TypeDef {
                name: name.clone(),
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
            });
        if evidence > entry.evidence {
            entry.evidence = evidence;
        }
        if !entry.sources.contains(at) {
            entry.sources.push(at.clone());
        }
        entry.spellings.insert(name.name.clone());
        let e = self
            .spellings
            .entry(key.clone())
            .or_default()
            .entry(name.name.clone())
            .or_insert(evidence);
        if evidence > *e {
            *e = evidence;
        }
        key
    }

    /// Checks a type's link; true when it points outside the pages at hand.
    fn note_link(&mut self, page: &PageInfo, target: &str, line: u32) -> bool {
        self.check_link(page, target, line, true)
    }

    /// Checks a link to another page of the docs. A link that resolves into
    /// a folder holding pages, to a page that is not there, is a broken link
    /// (a warning). Links that leave the docs folder or point into folders
    /// it does not hold (the corpus has no `concepts/`) cannot be checked;
    /// for a type's link that is worth an info, as the type is then built
    /// only from what the pages show.
    ///
    /// Returns whether the link points outside the pages at hand.
    fn check_link(&mut self, page: &PageInfo, target: &str, line: u32, names_type: bool) -> bool {
        if target.contains("://")
            || target.starts_with('/')
            || target.starts_with('#')
            || target.starts_with("mailto:")
        {
            return true;
        }
        let target = target.split(['#', '?']).next().unwrap_or(target);
        if !target.to_ascii_lowercase().ends_with(".md") {
            return true;
        }
        let dir = page
            .page
            .file
            .rsplit_once('/')
            .map(|(d, _)| d)
            .unwrap_or("");
        let mut parts: Vec<&str> = if dir.is_empty() {
            vec![]
        } else {
            dir.split('/').collect()
        };
        let mut outside = false;
        for seg in target.split('/') {
            match seg {
                ".." => outside |= parts.pop().is_none(),
                "." | "" => {}
                s => parts.push(s),
            }
        }
        let resolved = parts.join("/").to_ascii_lowercase();
        let folder = resolved.rsplit_once('/').map_or("", |(d, _)| d);
        let checkable = !outside && self.folders.contains(folder);
        // The seeds are a flat folder: a link is also satisfied by a page of
        // the same file name anywhere in the folder.
        let file_name = resolved.rsplit('/').next().unwrap_or(&resolved);
        let exists = self.files.contains(&resolved)
            || (!checkable && names_type && self.resource_file_names.contains(file_name));
        if exists
            || !(checkable || names_type)
            || !self
                .missing_links
                .insert((page.page.file.clone(), target.to_string()))
        {
            return !exists && !checkable;
        }
        if checkable {
            self.diags.warning(
                Code::LinkedPageMissing,
                &page.at(line),
                format!("link to `{target}`, which is not a page of the docs folder"),
            );
        } else {
            self.diags.info(
                Code::LinkedPageMissing,
                &page.at(line),
                format!("linked page `{target}` is not in the docs folder; its type is built from what these pages show"),
            );
        }
        !checkable
    }

    /// Checks every link of a page's prose and tables.
    fn check_links(&mut self, info: &PageInfo) {
        for (_, _, block) in &info.blocks {
            match &block.kind {
                BlockKind::Paragraph(inlines) => {
                    for l in links_of(inlines) {
                        let _ = self.check_link(info, &l, block.line, false);
                    }
                }
                BlockKind::Table(t) => {
                    for row in &t.rows {
                        for cell in &row.cells {
                            for l in links_of(cell) {
                                let _ = self.check_link(info, &l, row.line, false);
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }

    /// Resolves a type cell of a table row.
    fn cell_type(
        &mut self,
        info: &PageInfo,
        cell: &[Inline],
        line: u32,
    ) -> Option<(TypeRef, bool)> {
        let text = plain_text_of(cell);
        let links = links_of(cell);
        let link = links.first().map(|s| s.as_str());
        match parse_type_cell(&text, link) {
            Ok(CellSpec {
                ty: CellType::Primitive(p),
                collection,
            }) => Some((TypeRef::Primitive(p), collection)),
            Ok(CellSpec {
                ty:
                    CellType::Named {
                        namespace,
                        name,
                        link,
                    },
                collection,
            }) => {
                let outside = link.as_ref().is_some_and(|l| self.note_link(info, l, line));
                let q = self.resolve(
                    namespace.as_deref(),
                    &name,
                    link.as_deref(),
                    &info.namespace,
                );
                if outside {
                    self.linked_outside.insert(q.key());
                }
                Some((TypeRef::Named(q), collection))
            }
            Err(text) => {
                self.diags.unsupported(
                    Code::TypeCellNotUnderstood,
                    &info.at(line),
                    format!("type `{text}` does not name one type; using any JSON value"),
                );
                None
            }
        }
    }

    /// Adds or merges a property. Stronger evidence wins; a different type
    /// from another source is reported with both locations.
    fn add_property(&mut self, type_key: &str, prop: Property, placeholder: bool) {
        let Some(ty) = self.model.types.get_mut(type_key) else {
            self.diags.bug(
                Code::PropertyWithoutType,
                &prop.source,
                format!("type {type_key} vanished"),
            );
            return;
        };
        let type_name = ty.name.full();
        match ty
            .properties
            .iter_mut()
            .find(|p| p.wire_name == prop.wire_name)
        {
            None => ty.properties.push(prop),
            Some(existing) => {
                let same = existing.ty.same_as(&prop.ty) && existing.collection == prop.collection;
                // A placeholder `"String"` in an example fits any string-like type.
                let compatible = same || (placeholder && prop.evidence == Evidence::Example);
                if !compatible && prop.ty != TypeRef::Json && existing.ty != TypeRef::Json {
                    let (winner, loser) = if prop.evidence > existing.evidence {
                        (&prop, &*existing)
                    } else {
                        (&*existing, &prop)
                    };
                    let msg = format!(
                        "`{}.{}` is {} here but {} at the other source; keeping {} ({:?} evidence wins)",
                        type_name,
                        prop.wire_name,
                        describe(&prop.ty, prop.collection),
                        describe(&existing.ty, existing.collection),
                        describe(&winner.ty, winner.collection),
                        winner.evidence,
                    );
                    let (at, other) = (loser.source.clone(), winner.source.clone());
                    if prop.evidence == Evidence::Example && existing.evidence > Evidence::Example {
                        self.diags.info(Code::ExampleTypeDiffers, &at, msg);
                    } else {
                        self.diags
                            .conflict(Code::PropertyTypeConflict, &at, &other, msg);
                    }
                }
                if prop.evidence > existing.evidence {
                    let description = if prop.description.is_empty() {
                        existing.description.clone()
                    } else {
                        prop.description.clone()
                    };
                    *existing = Property {
                        description,
                        ..prop
                    };
                } else if existing.description.is_empty() && !prop.description.is_empty() {
                    existing.description = prop.description;
                }
            }
        }
    }

    // ----- step 2: resource and enum pages -----

    fn resource_page(&mut self, info: &PageInfo) {
        let name = self.page_type_name(info);
        let at = info.at(1);
        if let Some(q) = &name {
            let kind = if info.kind == PageKind::Enum {
                TypeKind::Enum
            } else {
                TypeKind::Complex
            };
            let key = self.ensure_type(q, kind, Evidence::ResourcePage, &at);
            let description = self.page_description(info);
            let annotation = info.blocks.iter().find_map(|(_, _, b)| match &b.kind {
                BlockKind::Code(CodeBlock {
                    annotation: Some(a),
                    ..
                }) if a.block_type() == Some("resource") => Some(a.clone()),
                _ => None,
            });
            let mut base = None;
            let mut entity = false;
            let mut open = false;
            if let Some(a) = &annotation {
                if let Some(bt) = a.str("baseType") {
                    base = self.resolve_odata_type(bt, &info.namespace);
                }
                entity = a.str("keyProperty").is_some();
                open = a.bool("openType").unwrap_or(false);
            }
            if base.is_none() {
                base = self.inherits_from(info);
            }
            // Several pages may describe one type (`user.md` and Intune's
            // `intune-devices-user.md`): the type's own page, named after
            // it, gives the description and area; otherwise the first page
            // in path order does.
            let stem = info.page.file.rsplit('/').next().unwrap_or(&info.page.file);
            let own = stem
                .strip_suffix(".md")
                .is_some_and(|s| s.eq_ignore_ascii_case(&q.name));
            if own {
                self.own_pages.insert(key.clone(), info.page.file.clone());
            }
            let ty = self.model.types.get_mut(&key).expect("just ensured");
            ty.kind = kind;
            if ty.description.is_empty() || (own && !description.is_empty()) {
                ty.description = description;
            }
            ty.open |= open;
            if ty.area.is_none() || own {
                ty.area = page_area(info).or(ty.area.take());
            }
            if entity && ty.kind != TypeKind::Enum {
                ty.kind = TypeKind::Entity;
            }
            if let Some(b) = base {
                ty.base = Some(b.clone());
                self.ensure_type(&b, TypeKind::Complex, Evidence::Mention, &at);
            }
            if info.kind == PageKind::Enum {
                if let Some((table, _)) = info.first_table(&["members", "enum", "values", ""]) {
                    let members = self.member_rows(info, table);
                    self.set_members(&key, members, info.at(1));
                }
            } else {
                for (section, navigation) in [("properties", false), ("relationships", true)] {
                    let tables: Vec<(&Table, u32)> = info
                        .section(&[section])
                        .filter_map(|(_, _, b)| match &b.kind {
                            BlockKind::Table(t) => Some((t, b.line)),
                            _ => None,
                        })
                        .collect();
                    for (table, line) in tables {
                        self.property_table(
                            info,
                            &key,
                            table,
                            line,
                            Evidence::ResourcePage,
                            navigation,
                        );
                    }
                }
            }
        } else if info.kind == PageKind::Resource {
            self.diags.unsupported(Code::ResourcePageWithoutType, &at, "resource page names no type (no `@odata.type` annotation, title not `x resource type`)");
        }
        // `### x values` sections define enums of this page's namespace.
        let sections: Vec<(String, &Table, u32)> = info
            .blocks
            .iter()
            .filter_map(|(_, h3, b)| match (&b.kind, h3.strip_suffix(" values")) {
                (BlockKind::Table(t), Some(n)) => Some((n.trim().to_string(), t, b.line)),
                _ => None,
            })
            .collect();
        for (enum_name, table, line) in sections {
            let q = self.resolve(None, &enum_name, None, &info.namespace);
            let key = self.ensure_type(&q, TypeKind::Enum, Evidence::ResourcePage, &info.at(line));
            let members = self.member_rows(info, table);
            self.set_members(&key, members, info.at(line));
        }
    }

    /// Puts the properties a type's own page lists before those other pages
    /// add, keeping each group's order, so `User` starts with `user.md`'s
    /// table and not with Intune's additions.
    fn own_pages_first(&mut self) {
        for (key, file) in &self.own_pages {
            if let Some(ty) = self.model.types.get_mut(key) {
                ty.properties.sort_by_key(|p| p.source.file != *file);
            }
        }
    }

    fn page_description(&self, info: &PageInfo) -> Doc {
        info.blocks
            .iter()
            .take_while(|(h2, _, _)| h2.is_empty())
            .find_map(|(_, _, b)| match &b.kind {
                BlockKind::Paragraph(p) => {
                    let (doc, _) = Doc::from_inlines(p);
                    let text = doc.plain();
                    (!doc.is_empty()
                        && !text.starts_with("[!INCLUDE")
                        && !text.starts_with("!INCLUDE"))
                    .then_some(doc)
                }
                _ => None,
            })
            .unwrap_or_default()
    }

    /// `Inherits from [x](x.md)` in the page's introduction.
    fn inherits_from(&mut self, info: &PageInfo) -> Option<QualifiedName> {
        for (h2, _, b) in &info.blocks {
            if !h2.is_empty() {
                break;
            }
            if let BlockKind::Paragraph(p) = &b.kind {
                let text = plain_text_of(p);
                // The link after the phrase names the base ("Inherits from
                // base class [x](x.md)"); without one, the word after it.
                let linked = p
                    .iter()
                    .position(|i| plain_text_of(std::slice::from_ref(i)).contains("Inherits from"))
                    .and_then(|at| first_link(&p[at..]))
                    .map(|(_, text)| text.trim().to_string())
                    .filter(|t| !t.is_empty() && !t.contains(' '));
                if let Some(name) = linked.or_else(|| name_after(&text, "Inherits from ")) {
                    {
                        let link = links_of(p).into_iter().next();
                        let (ns, n) = match name.rsplit_once('.') {
                            Some((ns, n)) => (Some(ns.to_string()), n.to_string()),
                            None => (None, name.clone()),
                        };
                        return Some(self.resolve(
                            ns.as_deref(),
                            &n,
                            link.as_deref(),
                            &info.namespace,
                        ));
                    }
                }
            }
        }
        None
    }

    fn member_rows(&mut self, info: &PageInfo, table: &Table) -> Vec<EnumMember> {
        let cols = Columns::new(table);
        table
            .rows
            .iter()
            .filter_map(|row| {
                let name = cols.text(row, &["member", "name", "value"], 0)?;
                let name = name.trim().trim_matches('`').to_string();
                if name.is_empty() || name.contains(' ') {
                    return None;
                }
                let value = cols
                    .index(&["value"])
                    .filter(|&i| Some(i) != cols.index(&["member", "name"]))
                    .and_then(|i| row.cells.get(i))
                    .and_then(|c| plain_text_of(c).trim().parse::<i64>().ok());
                let description = cols
                    .cell(row, &["description"])
                    .map(|c| Doc::from_inlines(c).0)
                    .unwrap_or_default();
                Some(EnumMember {
                    wire_name: name,
                    value,
                    description,
                    source: info.at(row.line),
                })
            })
            .collect()
    }

    fn set_members(&mut self, key: &str, members: Vec<EnumMember>, at: Location) {
        let Some(ty) = self.model.types.get_mut(key) else {
            return;
        };
        // A type only named so far (no properties, no page) becomes the enum.
        if ty.kind != TypeKind::Enum && ty.properties.is_empty() && ty.base.is_none() {
            ty.kind = TypeKind::Enum;
        }
        if ty.kind != TypeKind::Enum {
            let msg = format!(
                "`{}` is described as an enum here but as a {:?} type elsewhere",
                ty.name.full(),
                ty.kind
            );
            let other = ty.sources[0].clone();
            self.diags
                .conflict(Code::EnumKindConflict, &at, &other, msg);
            return;
        }
        for m in members {
            if !ty.members.iter().any(|e| e.wire_name == m.wire_name) {
                ty.members.push(m);
            }
        }
        // Flags enums: every value a distinct power of two, and more than two.
        let values: Vec<i64> = ty.members.iter().filter_map(|m| m.value).collect();
        ty.flags = values.len() == ty.members.len()
            && values.len() > 2
            && values
                .iter()
                .filter(|v| **v > 0)
                .all(|v| v.count_ones() == 1)
            && values.iter().filter(|v| **v > 2).count() > 0
            && values.windows(2).all(|w| w[0] < w[1])
            && values.contains(&4);
    }

    /// Reads a property table into a type.
    fn property_table(
        &mut self,
        info: &PageInfo,
        type_key: &str,
        table: &Table,
        _line: u32,
        evidence: Evidence,
        navigation: bool,
    ) {
        let cols = Columns::new(table);
        // A table whose name column is also its only "type" column (such as
        // `| type property | Type of recurrence range |`) lists values, not
        // properties.
        let name_col = cols
            .index(&["property", "relationship", "name", "parameter"])
            .unwrap_or(0);
        if cols.index(&["type"]).is_none_or(|t| t == name_col) {
            return;
        }
        // A property table is evidence for the type it describes.
        if let Some(t) = self.model.types.get_mut(type_key) {
            t.evidence = t.evidence.max(evidence);
        }
        let mut todos = 0;
        for row in &table.rows {
            let Some(name_cell) = cols
                .cell(row, &["property", "relationship", "name", "parameter"])
                .or(row.cells.first().map(|v| v.as_slice()))
            else {
                continue;
            };
            let wire = plain_text_of(name_cell)
                .trim()
                .trim_matches('`')
                .trim_matches('*')
                .trim()
                .to_string();
            if wire.is_empty() || wire.contains(' ') {
                continue; // group rows such as `**Calendar**`
            }
            // `@odata.type` and other instance annotations are not properties;
            // every struct carries `@odata.type` already.
            if wire.starts_with('@') {
                continue;
            }
            let at = info.at(row.line);
            let ty = cols
                .cell(row, &["type"])
                .and_then(|c| self.cell_type(info, c, row.line));
            let (ty, collection) = ty.unwrap_or((TypeRef::Json, false));
            let desc_cell = cols
                .cell(row, &["description"])
                .map(|c| c.to_vec())
                .unwrap_or_default();
            let (description, todo) = Doc::from_inlines(&desc_cell);
            if todo {
                todos += 1;
            }
            let text = description.plain();
            let nullable = if text.contains("Not nullable") || text.contains("not nullable") {
                Some(false)
            } else if text.contains("Nullable") {
                Some(true)
            } else {
                None
            };
            // `Inherited from [x]`: the property belongs to the base type x.
            let mut owner = type_key.to_string();
            if let Some(base) = name_after(&text, "Inherited from ") {
                {
                    let link = links_of(&desc_cell).into_iter().find(|l| l.contains(".md"));
                    if let Some(l) = &link {
                        self.note_link(info, l, row.line);
                    }
                    let q = self.resolve(None, &base, link.as_deref(), &info.namespace);
                    let kind = if base.eq_ignore_ascii_case("entity") {
                        TypeKind::Entity
                    } else {
                        TypeKind::Complex
                    };
                    let base_key =
                        self.ensure_type(&q, kind, evidence.min(Evidence::ApiTable), &at);
                    if base_key != type_key {
                        let this = self.model.types.get_mut(type_key).expect("owner exists");
                        // "Inherited from x" names the ancestor that declares the
                        // property, not always the direct base; a base the page
                        // gives stays, and the claim is checked once all bases
                        // are known.
                        if this.base.is_none() {
                            this.base = Some(q.clone());
                        }
                        self.inherited_claims
                            .push((type_key.to_string(), q.clone(), at.clone()));
                        owner = base_key;
                    }
                }
            }
            // `Possible values are: `a`, `b``: the named type is an enum.
            if let TypeRef::Named(q) = &ty {
                let values = possible_values(&desc_cell);
                if !values.is_empty() {
                    let declared_other = self.model.get(q).is_some_and(|t| {
                        t.kind != TypeKind::Enum && t.evidence == Evidence::ResourcePage
                    });
                    if !declared_other {
                        let key = self.ensure_type(q, TypeKind::Enum, Evidence::Mention, &at);
                        let t = self.model.types.get_mut(&key).expect("just ensured");
                        if t.evidence < Evidence::ResourcePage {
                            t.kind = TypeKind::Enum;
                        }
                        let members = values
                            .into_iter()
                            .map(|v| EnumMember {
                                wire_name: v,
                                value: None,
                                description: Doc::default(),
                                source: at.clone(),
                            })
                            .collect();
                        self.set_members(&key, members, at.clone());
                    }
                } else {
                    self.ensure_type(q, TypeKind::Complex, Evidence::Mention, &at);
                }
            }
            let prop = Property {
                wire_name: wire,
                ty,
                collection,
                nullable,
                navigation,
                description,
                evidence,
                source: at,
            };
            self.add_property(&owner, prop, false);
        }
        if todos > 0 {
            self.diags.warning(
                Code::TodoPlaceholder,
                &info.at(table.rows.first().map(|r| r.line).unwrap_or(1)),
                format!("{todos} description(s) in this table are TODO placeholders; they are left out of the documentation"),
            );
        }
    }

    /// The `## JSON representation` block of a resource page: properties the
    /// tables do not list.
    fn resource_json(&mut self, info: &PageInfo) {
        let Some(q) = self.page_type_name(info) else {
            return;
        };
        let key = q.key();
        let blocks: Vec<&CodeBlock> = info
            .blocks
            .iter()
            .filter_map(|(_, _, b)| match &b.kind {
                BlockKind::Code(c)
                    if c.annotation.as_ref().and_then(|a| a.block_type()) == Some("resource") =>
                {
                    Some(c)
                }
                _ => None,
            })
            .collect();
        for code in blocks {
            match &code.json {
                Some(Ok(serde_json::Value::Object(obj))) => {
                    let at = info.at(code.content_line);
                    self.apply_object(&key, obj, &at, &info.namespace.clone());
                }
                Some(Err(e)) => self.diags.warning(
                    Code::InvalidJson,
                    &info.json_error_at(code.content_line, e),
                    format!("JSON representation is not valid JSON: {e}"),
                ),
                _ => {}
            }
        }
    }

    // ----- step 3: API pages -----

    /// The request lines of an API page: its `## HTTP request` blocks, or
    /// request lines with relative paths outside the examples.
    fn request_lines(info: &PageInfo) -> Vec<RequestLine> {
        let mut lines = Vec::new();
        for (_, _, b) in info.section(&["http request"]) {
            if let BlockKind::Code(CodeBlock {
                http: Some(HttpMessage::Request(r)),
                ..
            }) = &b.kind
            {
                lines.extend(r.lines.iter().cloned());
            }
        }
        if lines.is_empty() {
            // Some pages put the request block under another heading: take
            // request lines with relative paths outside the examples.
            for (h2, _, b) in &info.blocks {
                if let BlockKind::Code(CodeBlock {
                    http: Some(HttpMessage::Request(r)),
                    ..
                }) = &b.kind
                {
                    if !h2.starts_with("example")
                        && r.lines.iter().all(|l| l.target.starts_with('/'))
                    {
                        lines.extend(r.lines.iter().cloned());
                    }
                }
            }
        }
        lines
    }

    /// Whether a page documents a pattern many resources share (open
    /// extensions, extended properties: `POST /me/messages`, `POST
    /// /me/events`, ... on one page) rather than one operation: for one
    /// method, its paths end in [`PATTERN_BREADTH`] or more different
    /// collections. Such pages are read after the others, so each path
    /// belongs to its own page's operation (`POST /me/events` creates an
    /// event) and the pattern page keeps only paths no other page lists.
    fn is_pattern_page(info: &PageInfo, lines: &[RequestLine]) -> bool {
        let mut ends: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
        for l in lines {
            let shape = parse_path(&l.target, info.at(l.line)).shape();
            let last = shape
                .rsplit('/')
                .find(|s| !s.is_empty() && *s != "{}")
                .map(|s| s.split('(').next().unwrap_or(s).to_string())
                .unwrap_or_default();
            ends.entry(l.method.as_str()).or_default().insert(last);
        }
        ends.values().any(|e| e.len() >= PATTERN_BREADTH)
    }

    /// Reads an API page, given its [`Builder::request_lines`].
    fn api_page(&mut self, info: &PageInfo, lines: Vec<RequestLine>) -> Vec<PendingExample> {
        if lines.is_empty() {
            self.diags.unsupported(
                Code::ApiPageWithoutPaths,
                &info.at(1),
                "API page lists no request line under `## HTTP request`",
            );
            return Vec::new();
        }
        let area = self.area(info, &lines[0].target);
        let description = self.page_description(info);
        let permissions = self.permissions(info);
        let (request, query_parameters, headers) = self.request_parts(info);
        let response = self.response(info);
        // One operation per method; a page that lists several methods is rare.
        let mut by_method: BTreeMap<String, Vec<PathTemplate>> = BTreeMap::new();
        for l in &lines {
            let path = parse_path(&l.target, info.at(l.line));
            let entry = by_method.entry(l.method.clone()).or_default();
            if !entry.iter().any(|p| p.shape() == path.shape()) {
                entry.push(path);
            }
        }
        let mut ops_on_page = Vec::new();
        for (method, paths) in by_method {
            let existing = paths.iter().find_map(|p| {
                self.op_index
                    .get(&format!("{method} {}", p.shape()))
                    .copied()
            });
            // Paths of this page that no operation has yet.
            let new_paths: Vec<PathTemplate> = paths
                .iter()
                .filter(|p| {
                    !self
                        .op_index
                        .contains_key(&format!("{method} {}", p.shape()))
                })
                .cloned()
                .collect();
            let mut merged_into = None;
            if let Some(i) = existing {
                let op = &self.model.operations[i];
                let first = op.sources[0].clone();
                let msg = format!(
                    "`{method} {}` is also described on another page",
                    paths[0].raw
                );
                // Pages that agree on the response describe one operation
                // (often once per derived type) and are merged. Pages that
                // disagree, or that would widen the response to a common
                // base while adding paths of their own, describe another
                // operation that shares a path: only their new paths become
                // an operation, so one shared path never chains unrelated
                // operations together.
                let merged = op.response.body.clone();
                let same = merged.same_as(&response.body)
                    || self.agrees_by_ancestor(&merged, &response.body);
                let common = self.common_response(&merged, &response.body);
                let merge = same || (common.is_some() && new_paths.is_empty());
                if merge {
                    let op = &mut self.model.operations[i];
                    op.sources.push(info.at(1));
                    op.paths.extend(new_paths.iter().cloned());
                    if op.permissions.iter().all(|p| p.scopes.is_empty())
                        && permissions.iter().any(|p| !p.scopes.is_empty())
                    {
                        op.permissions = permissions.clone();
                    }
                    if matches!(op.request, RequestBody::None)
                        && !matches!(request, RequestBody::None)
                    {
                        op.request = request.clone();
                    }
                    if let (false, Some(common)) = (same, common) {
                        op.response.body = common;
                    }
                    self.diags.related_info(
                        Code::OperationOnSeveralPages,
                        &info.at(paths[0].source.line),
                        &first,
                        format!("{msg}; merging (the first page read wins for title, description, request and response)"),
                    );
                    merged_into = Some(i);
                } else if common.is_some() {
                    self.diags.related_info(
                        Code::OperationOnSeveralPages,
                        &info.at(paths[0].source.line),
                        &first,
                        format!("{msg}, for a related type; that path stays with the first page, this page's other paths are an operation of their own"),
                    );
                } else {
                    self.diags.conflict(
                        Code::OperationOnSeveralPages,
                        &info.at(paths[0].source.line),
                        &first,
                        format!("{msg} and the pages disagree on the response; that path keeps the first page's operation"),
                    );
                }
                if merged_into.is_none() && new_paths.is_empty() {
                    // Nothing of its own: the page's examples still belong
                    // to the operation it describes.
                    merged_into = Some(i);
                }
            }
            let index = match merged_into {
                Some(i) => i,
                None => {
                    self.model.operations.push(Operation {
                        title: info.title.clone(),
                        namespace: info.namespace.clone(),
                        method: method.clone(),
                        paths: new_paths,
                        api_versions: BTreeSet::new(),
                        description: description.clone(),
                        permissions: permissions.clone(),
                        request: request.clone(),
                        response: response.clone(),
                        query_parameters: query_parameters.clone(),
                        headers: headers.clone(),
                        area: area.clone(),
                        examples: Vec::new(),
                        sources: vec![info.at(1)],
                    });
                    self.model.operations.len() - 1
                }
            };
            for p in &self.model.operations[index].paths {
                self.op_index
                    .entry(format!("{method} {}", p.shape()))
                    .or_insert(index);
            }
            ops_on_page.push((method, index));
        }
        let mut pending = Vec::new();
        for ex in self.examples(info) {
            let target = ops_on_page
                .iter()
                .find(|(m, _)| *m == ex.request.method)
                .map(|(_, i)| *i);
            match target {
                Some(i) => pending.push((i, ex, info.namespace.clone())),
                None => self.diags.warning(
                    Code::ExampleMethodUnmatched,
                    &ex.request.source,
                    format!("example uses `{}`, which the page's `## HTTP request` does not list; the example is not attached", ex.request.method),
                ),
            }
        }
        pending
    }

    /// The feature area: `ms.prod` when it is real, else the first path segment.
    fn area(&self, info: &PageInfo, first_path: &str) -> String {
        if let Some(prod) = page_area(info) {
            return prod;
        }
        let path = strip_base(first_path).0;
        path.trim_start_matches('/')
            .split(['/', '(', '?'])
            .next()
            .filter(|s| !s.is_empty())
            .unwrap_or("root")
            .to_string()
    }

    fn permissions(&mut self, info: &PageInfo) -> Vec<Permission> {
        let Some((table, line)) = info.first_table(&["permissions", "prerequisites"]) else {
            return Vec::new();
        };
        let cols = Columns::new(table);
        let header = table
            .header
            .get(1)
            .map(|c| plain_text_of(c).to_ascii_lowercase())
            .unwrap_or_default();
        let most_first = header.contains("most to least");
        let mut todo = false;
        let mut out = Vec::new();
        for row in &table.rows {
            let kind = cols
                .text(row, &["permission type", "type"], 0)
                .unwrap_or_default()
                .trim()
                .to_string();
            let text = row
                .cells
                .get(1)
                .map(|c| plain_text_of(c))
                .unwrap_or_default();
            if text.contains("TODO") {
                todo = true;
                out.push(Permission {
                    kind,
                    scopes: Vec::new(),
                    supported: true,
                });
                continue;
            }
            let lower = text.trim().to_ascii_lowercase();
            if lower.starts_with("not supported")
                || lower.starts_with("not applicable")
                || lower.is_empty()
            {
                out.push(Permission {
                    kind,
                    scopes: Vec::new(),
                    supported: false,
                });
                continue;
            }
            let mut scopes: Vec<String> = text
                .split([',', ' '])
                .map(|s| s.trim().trim_end_matches('.').to_string())
                .filter(|s| {
                    !s.is_empty()
                        && s.contains('.')
                        && !s.eq_ignore_ascii_case("and")
                        && !s.eq_ignore_ascii_case("or")
                })
                .collect();
            if most_first {
                scopes.reverse();
            }
            out.push(Permission {
                kind,
                scopes,
                supported: true,
            });
        }
        if todo {
            self.diags.warning(
                Code::TodoPlaceholder,
                &info.at(line),
                "permissions are TODO placeholders; the operation documents no permissions",
            );
        }
        out
    }

    fn request_parts(&mut self, info: &PageInfo) -> (RequestBody, Vec<Parameter>, Vec<Parameter>) {
        // The body: a type named in a `JSON representation of [x]` sentence,
        // or a parameter table (actions).
        let mut body = RequestBody::None;
        for (p, line) in info.paragraphs(&["request body"]) {
            let text = plain_text_of(p).to_ascii_lowercase();
            if text.contains("json representation") || text.contains("supply a json") {
                if let Some(link_inline) = first_link(p) {
                    let (target, link_text) = link_inline;
                    self.note_link(info, &target, line);
                    let name = link_text.trim().to_string();
                    if let Ok(CellSpec {
                        ty:
                            CellType::Named {
                                namespace, name, ..
                            },
                        collection,
                    }) = parse_type_cell(&name, Some(&target))
                    {
                        let q = self.resolve(
                            namespace.as_deref(),
                            &name,
                            Some(&target),
                            &info.namespace,
                        );
                        self.ensure_type(&q, TypeKind::Complex, Evidence::Mention, &info.at(line));
                        body = RequestBody::Type {
                            ty: TypeRef::Named(q),
                            collection,
                        };
                        break;
                    }
                }
            } else if text.contains("binary") || text.contains("stream") {
                body = RequestBody::Stream;
            }
        }
        if let Some((table, line)) = info.first_table(&["request body"]) {
            match &body {
                RequestBody::Type {
                    ty: TypeRef::Named(q),
                    ..
                } => {
                    let key = q.key();
                    self.property_table(info, &key, table, line, Evidence::ApiTable, false);
                }
                _ => {
                    let parameters = self.parameter_table(info, table);
                    if !parameters.is_empty() {
                        body = RequestBody::Parameters { parameters };
                    }
                }
            }
        }
        let query = match info.first_table(&[
            "optional query parameters",
            "query parameters",
            "function parameters",
            "parameters",
        ]) {
            Some((t, _)) => self.parameter_table(info, t),
            None => Vec::new(),
        };
        let headers = match info.first_table(&["request headers", "optional request headers"]) {
            Some((t, _)) => self.parameter_table(info, t),
            None => Vec::new(),
        };
        (body, query, headers)
    }

    fn parameter_table(&mut self, info: &PageInfo, table: &Table) -> Vec<Parameter> {
        let cols = Columns::new(table);
        let mut out = Vec::new();
        for row in &table.rows {
            let Some(name) = cols.text(row, &["parameter", "name", "property", "header"], 0) else {
                continue;
            };
            let wire = name
                .trim()
                .trim_matches('`')
                .trim_matches('*')
                .trim()
                .to_string();
            if wire.is_empty() {
                continue;
            }
            let (ty, collection) = match cols.cell(row, &["type"]) {
                Some(c) => self
                    .cell_type(info, c, row.line)
                    .unwrap_or((TypeRef::Json, false)),
                None => (TypeRef::Primitive(Primitive::String), false),
            };
            let desc = cols
                .cell(row, &["description", "value"])
                .map(|c| c.to_vec())
                .unwrap_or_default();
            let (description, _) = Doc::from_inlines(&desc);
            let text = description.plain().to_ascii_lowercase();
            let required = text.contains("required") && !text.contains("not required");
            out.push(Parameter {
                wire_name: wire,
                ty,
                collection,
                required,
                description,
                source: info.at(row.line),
            });
        }
        out
    }

    fn response(&mut self, info: &PageInfo) -> Response {
        let mut status = None;
        let mut body = ResponseBody::None;
        for (p, line) in info.paragraphs(&["response"]) {
            let text = plain_text_of(p);
            if status.is_none() {
                status = status_code(&text);
            }
            if matches!(body, ResponseBody::None) {
                if let Some((target, link_text)) = first_link(p) {
                    if target.contains(".md") && !target.contains("/graph/") {
                        self.note_link(info, &target, line);
                        if let Ok(CellSpec {
                            ty:
                                CellType::Named {
                                    namespace, name, ..
                                },
                            ..
                        }) = parse_type_cell(link_text.trim(), Some(&target))
                        {
                            let q = self.resolve(
                                namespace.as_deref(),
                                &name,
                                Some(&target),
                                &info.namespace,
                            );
                            self.ensure_type(
                                &q,
                                TypeKind::Complex,
                                Evidence::Mention,
                                &info.at(line),
                            );
                            let lower = text.to_ascii_lowercase();
                            body = ResponseBody::of(
                                TypeRef::Named(q),
                                lower.contains("collection") || lower.contains("list of"),
                            );
                        }
                    }
                } else if let Some((p, collection)) = primitive_in_text(p) {
                    body = ResponseBody::of(TypeRef::Primitive(p), collection);
                } else if text.to_ascii_lowercase().contains("stream") {
                    body = ResponseBody::Stream;
                }
            }
        }
        let status = status.unwrap_or(200);
        if status == 204 {
            body = ResponseBody::None;
        }
        Response { status, body }
    }

    /// Request/response example pairs on an API page.
    fn examples(&mut self, info: &PageInfo) -> Vec<RawExample> {
        let mut out: Vec<RawExample> = Vec::new();
        for (h2, _, b) in &info.blocks {
            if !h2.starts_with("example") {
                continue;
            }
            let BlockKind::Code(code) = &b.kind else {
                continue;
            };
            let Some(a) = &code.annotation else { continue };
            match (a.block_type(), &code.http) {
                // `ignored` example blocks are examples the docs' validator skips;
                // they are still documented requests and responses.
                (Some("request" | "ignored"), Some(HttpMessage::Request(r)))
                    if h2.starts_with("example") =>
                {
                    let Some(line) = r.lines.first() else {
                        continue;
                    };
                    let (path, version) = strip_base(&line.target);
                    let (path, query) = match path.split_once('?') {
                        Some((p, q)) => (p.to_string(), Some(q.to_string())),
                        None => (path.to_string(), None),
                    };
                    let body = match &r.body {
                        Some(body) => match &body.json {
                            Some(Ok(v)) => Some(v.clone()),
                            Some(Err(e)) => {
                                self.diags.warning(
                                    Code::InvalidJson,
                                    &info.json_error_at(body.line, e),
                                    format!("request body is not valid JSON: {e}"),
                                );
                                None
                            }
                            None => None,
                        },
                        None => None,
                    };
                    out.push(RawExample {
                        name: a.str("name").map(str::to_string),
                        request: ExampleRequest {
                            source: info.at(line.line),
                            method: line.method.clone(),
                            path,
                            query,
                            version,
                            body,
                            sample: None,
                        },
                        response: None,
                    });
                }
                (Some("response" | "ignored"), Some(HttpMessage::Response(r))) => {
                    let body = match &r.body {
                        Some(body) => match &body.json {
                            Some(Ok(v)) => Some(v.clone()),
                            Some(Err(e)) => {
                                self.diags.warning(
                                    Code::InvalidJson,
                                    &info.json_error_at(body.line, e),
                                    format!("response body is not valid JSON: {e}"),
                                );
                                None
                            }
                            None => None,
                        },
                        None => None,
                    };
                    let response = ExampleResponse {
                        source: info.at(r.line),
                        status: r.status,
                        truncated: a.bool("truncated").unwrap_or(false),
                        body,
                        sample: None,
                    };
                    let declared = a.str("@odata.type").map(str::to_string);
                    let is_collection = a.bool("isCollection").unwrap_or(false);
                    match out.last_mut() {
                        Some(ex) if ex.response.is_none() => {
                            ex.response = Some((response, declared, is_collection))
                        }
                        // Further `ignored` responses show what follows (a redirect's target).
                        _ if a.block_type() == Some("ignored") => {}
                        _ => self.diags.warning(
                            Code::ResponseWithoutRequest,
                            &info.at(r.line),
                            "example response has no example request before it",
                        ),
                    }
                }
                (Some("request" | "response"), _) => self.diags.unsupported(
                    Code::ExampleNotHttp,
                    &info.at(code.content_line),
                    "annotated example is not an HTTP message",
                ),
                _ => {}
            }
        }
        out
    }

    // ----- step 4: examples -----

    fn attach_example(&mut self, op_index: usize, raw: RawExample, page_ns: &str) {
        let op_request = self.model.operations[op_index].request.clone();
        if let Some(v) = &raw.request.version {
            self.model.operations[op_index]
                .api_versions
                .insert(v.clone());
        }
        if let (
            Some(serde_json::Value::Object(obj)),
            RequestBody::Type {
                ty: TypeRef::Named(q),
                collection: false,
            },
        ) = (&raw.request.body, &op_request)
        {
            let mut key = self.object_type(obj, q, &raw.request.source, page_ns);
            // Examples that send a sibling of the documented body type (one
            // page per derived type): the body type is their common base.
            if key != q.key() && !self.model.is_ancestor(&key, &q.key()) {
                if let Some(common) = self.model.common_ancestor(&key, &q.key()) {
                    let base = self.model.types[&common].name.clone();
                    self.diags.related_info(
                        Code::RequestBodyWidened,
                        &raw.request.source,
                        &self.model.operations[op_index].sources[0],
                        format!("the example sends `{}`, a sibling of the documented `{}`; the body type is their base `{}`", self.model.types[&key].name.full(), q.full(), base.full()),
                    );
                    self.model.operations[op_index].request = RequestBody::Type {
                        ty: TypeRef::Named(base),
                        collection: false,
                    };
                } else {
                    key = q.key();
                }
            }
            self.apply_object(&key, obj, &raw.request.source, page_ns);
        }
        let mut response = None;
        if let Some((resp, declared, is_collection)) = raw.response {
            // The response's type: the operation's, else the annotation's.
            let mut body_kind = self.model.operations[op_index].response.body.clone();
            if matches!(body_kind, ResponseBody::None) && resp.body.is_some() {
                if let Some(q) = declared
                    .as_deref()
                    .and_then(|d| self.resolve_odata_type(d, page_ns))
                {
                    self.ensure_type(&q, TypeKind::Complex, Evidence::Mention, &resp.source);
                    body_kind = ResponseBody::of(TypeRef::Named(q), is_collection);
                    self.model.operations[op_index].response.body = body_kind.clone();
                }
            }
            // An annotation naming a type derived from the declared one says
            // what the example's objects are (a `directoryObject` list that
            // shows groups); objects without their own `@odata.type` then
            // teach that type, not the base every other derived type shares.
            let annotated = declared
                .as_deref()
                .and_then(|d| self.resolve_odata_type(d, page_ns))
                .filter(|a| self.model.types.contains_key(&a.key()));
            let narrow = |q: &QualifiedName, model: &Model| match &annotated {
                Some(a) if a.key() != q.key() && model.is_ancestor(&a.key(), &q.key()) => a.clone(),
                _ => q.clone(),
            };
            match (&resp.body, &body_kind) {
                (
                    Some(serde_json::Value::Object(obj)),
                    ResponseBody::Single {
                        ty: TypeRef::Named(q),
                    },
                ) => {
                    self.note_odata_type(obj, q, &resp.source, page_ns);
                    let key = self.object_type(obj, &narrow(q, &self.model), &resp.source, page_ns);
                    self.apply_object(&key, obj, &resp.source, page_ns);
                }
                (
                    Some(serde_json::Value::Object(obj)),
                    ResponseBody::Collection {
                        ty: TypeRef::Named(q),
                    },
                ) => {
                    let narrowed = narrow(q, &self.model);
                    if let Some(serde_json::Value::Array(items)) = obj.get("value") {
                        for item in items {
                            if let serde_json::Value::Object(o) = item {
                                self.note_odata_type(o, q, &resp.source, page_ns);
                                let key = self.object_type(o, &narrowed, &resp.source, page_ns);
                                self.apply_object(&key, o, &resp.source, page_ns);
                            }
                        }
                    }
                }
                _ => {}
            }
            response = Some(resp);
        }
        self.model.operations[op_index].examples.push(Example {
            name: raw.name,
            request: raw.request,
            response,
        });
    }

    /// Reports a response example whose `@odata.type` names neither the
    /// declared response type nor a type derived from it.
    fn note_odata_type(
        &mut self,
        obj: &serde_json::Map<String, serde_json::Value>,
        declared: &QualifiedName,
        at: &Location,
        page_ns: &str,
    ) {
        if let Some(serde_json::Value::String(t)) = obj.get("@odata.type") {
            self.odata_checks
                .push((t.clone(), declared.clone(), at.clone(), page_ns.to_string()));
        }
    }

    fn check_odata_type(
        &mut self,
        t: &str,
        declared: &QualifiedName,
        at: &Location,
        page_ns: &str,
    ) {
        let Some(q) = self.resolve_odata_type(t, page_ns) else {
            return;
        };
        let key = q.key();
        if key == declared.key() || self.model.is_ancestor(&key, &declared.key()) {
            return;
        }
        let what = if self.model.types.contains_key(&key) {
            "which is not that type nor derived from it"
        } else {
            "which no page defines"
        };
        self.diags.warning(
            Code::ExampleOdataTypeMismatch,
            at,
            format!(
                "response example has \"@odata.type\": \"{t}\" but the operation returns `{}`, {what}",
                declared.full()
            ),
        );
    }

    /// Reports example properties that no table of the type, its base types
    /// or the types derived from it lists (an example of a base-typed
    /// operation may show a derived type's properties).
    fn check_unlisted_properties(&mut self) {
        // Lowercased names the tables list, per type with its base types and
        // derived types; built once per type that has a candidate.
        let mut listed: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let derived = self.model.derived_types();
        let mut reported = BTreeSet::new();
        for (key, name, at) in std::mem::take(&mut self.unlisted_properties) {
            let Some(ty) = self.model.types.get(&key) else {
                continue;
            };
            if ty.evidence < Evidence::ApiTable || ty.open {
                continue;
            }
            let model = &self.model;
            let names = listed.entry(key.clone()).or_insert_with(|| {
                let family = model
                    .ancestors(&key)
                    .into_iter()
                    .chain(derived.get(&key).into_iter().flatten().cloned());
                family
                    .filter_map(|k| model.types.get(&k))
                    .flat_map(|t| &t.properties)
                    .filter(|p| p.evidence > Evidence::Example)
                    .map(|p| p.wire_name.to_ascii_lowercase())
                    .collect()
            });
            if !names.contains(&name.to_ascii_lowercase())
                && reported.insert((key.clone(), name.clone()))
            {
                let full = ty.name.full();
                self.diags.warning(
                    Code::ExamplePropertyUnknown,
                    &at,
                    format!("example shows property `{name}`, which no table of `{full}` lists; it is added from the example"),
                );
            }
        }
    }

    /// The type of an example object: its `@odata.type` if it names one,
    /// else the declared type.
    fn object_type(
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
    fn derived_shown(
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
    fn apply_object(
        &mut self,
        type_key: &str,
        obj: &serde_json::Map<String, serde_json::Value>,
        at: &Location,
        page_ns: &str,
    ) {
        if !self.model.types.contains_key(type_key) {
            return;
        }
        if self.model.types[type_key].kind == TypeKind::Enum {
            return;
        }
        for (k, v) in obj {
            if k.contains('@') {
                continue; // `@odata.type` and instance annotations are not properties.
            }
            let known = {
                let ty = &self.model.types[type_key];
                self.model.find_property(ty, k).cloned()
            };
            let inferred = infer::infer(v);
            match (&known, inferred) {
                (Some(p), Some(inf))
                    if inf.ty != TypeRef::Json
                        && (inf.ty != p.ty || inf.collection != p.collection)
                        && !inf.placeholder_string
                        && !compatible(&p.ty, &inf.ty, &self.model) =>
                {
                    self.diags.info(
                        Code::ExampleTypeDiffers,
                        at,
                        format!(
                            "example value of `{}` looks like {} but the docs say {}; the docs win",
                            k,
                            describe(&inf.ty, inf.collection),
                            describe(&p.ty, p.collection)
                        ),
                    );
                }
                // A documented property spelled with other case in an example
                // is a slip of the docs, not a new property.
                (None, Some(_))
                    if self
                        .model
                        .all_properties(&self.model.types[type_key])
                        .iter()
                        .any(|p| p.wire_name.eq_ignore_ascii_case(k)) =>
                {
                    self.diags.info(Code::ExamplePropertyCase, at, format!("example spells the property `{k}` with other case than the docs; it is not a new property"));
                }
                (None, Some(inf)) => {
                    self.unlisted_properties
                        .push((type_key.to_string(), k.clone(), at.clone()));
                    let mut ty = inf.ty.clone();
                    // A nested object with `@odata.type` names its type.
                    if let Some(t) = inf.odata_type.as_deref() {
                        if let Some(q) = self.resolve_odata_type(t, page_ns) {
                            self.ensure_type(&q, TypeKind::Complex, Evidence::Example, at);
                            ty = TypeRef::Named(q);
                        }
                    }
                    let prop = Property {
                        wire_name: k.clone(),
                        ty,
                        collection: inf.collection,
                        nullable: None,
                        navigation: false,
                        description: Doc::default(),
                        evidence: Evidence::Example,
                        source: at.clone(),
                    };
                    self.add_property(type_key, prop, inf.placeholder_string);
                }
                _ => {}
            }
            // Recurse into nested objects of named types.
            let prop = {
                let ty = &self.model.types[type_key];
                self.model.find_property(ty, k).cloned()
            };
            if let Some(Property {
                ty: TypeRef::Named(q),
                ..
            }) = prop
            {
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
                        self.apply_object(&key, o, at, page_ns);
                    }
                }
            }
        }
    }

    /// Whether `ancestor` is `key` or in its base chain.
    fn is_ancestor(&self, key: &str, ancestor: &str) -> bool {
        self.model.is_ancestor(key, ancestor)
    }

    /// For one operation documented once per derived type: the nearest
    /// common base of the two response types.
    fn common_response(&self, a: &ResponseBody, b: &ResponseBody) -> Option<ResponseBody> {
        let (ta, tb, collection) = match (a, b) {
            (
                ResponseBody::Single {
                    ty: TypeRef::Named(x),
                },
                ResponseBody::Single {
                    ty: TypeRef::Named(y),
                },
            ) => (x, y, false),
            (
                ResponseBody::Collection {
                    ty: TypeRef::Named(x),
                },
                ResponseBody::Collection {
                    ty: TypeRef::Named(y),
                },
            ) => (x, y, true),
            _ => return None,
        };
        if ta.key() == tb.key() {
            return None;
        }
        let common = self.model.common_ancestor(&ta.key(), &tb.key())?;
        let ty = TypeRef::Named(self.model.types.get(&common)?.name.clone());
        Some(ResponseBody::of(ty, collection))
    }

    fn agrees_by_ancestor(&self, merged: &ResponseBody, page: &ResponseBody) -> bool {
        match (merged, page) {
            (
                ResponseBody::Single {
                    ty: TypeRef::Named(m),
                },
                ResponseBody::Single {
                    ty: TypeRef::Named(p),
                },
            )
            | (
                ResponseBody::Collection {
                    ty: TypeRef::Named(m),
                },
                ResponseBody::Collection {
                    ty: TypeRef::Named(p),
                },
            ) => self.is_ancestor(&p.key(), &m.key()),
            _ => false,
        }
    }

    // ----- step 5: finish -----

    fn finish(&mut self) {
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
        // Canonical spelling of references to types.
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
        // Entities: types whose base chain reaches an entity.
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
        // "Inherited from x": x must be an ancestor.
        for (key, claimed, at) in std::mem::take(&mut self.inherited_claims) {
            if !self.is_ancestor(&key, &claimed.key()) {
                let ty = &self.model.types[&key];
                let msg = format!("`{}` says a property is inherited from `{}`, which is not among its base types", ty.name.full(), claimed.full());
                let other = ty.sources[0].clone();
                self.diags
                    .conflict(Code::BaseTypeConflict, &at, &other, msg);
            }
        }
        for (t, declared, at, page_ns) in std::mem::take(&mut self.odata_checks) {
            self.check_odata_type(&t, &declared, &at, &page_ns);
        }
        self.check_unlisted_properties();
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
        // Samples for the round-trip tests.
        let model = &self.model;
        let mut samples = Vec::new();
        for (i, op) in model.operations.iter().enumerate() {
            for (j, ex) in op.examples.iter().enumerate() {
                let req = match (&ex.request.body, &op.request) {
                    (Some(v), RequestBody::Type { ty, collection }) => {
                        infer::sample(v, ty, *collection, model)
                    }
                    (Some(v), RequestBody::Parameters { parameters }) => {
                        infer::sample_parameters(v, parameters, model)
                    }
                    (Some(v), _) => Some(v.clone()),
                    _ => None,
                };
                let resp = ex.response.as_ref().and_then(|r| {
                    let v = r.body.as_ref()?;
                    match &op.response.body {
                        ResponseBody::Single { ty } => infer::sample(v, ty, false, model),
                        ResponseBody::Collection { ty } => {
                            // A collection is an object with a `value` array.
                            let mut v = v.clone();
                            // Besides `value`, only instance annotations:
                            // `@odata.type` or `odata.context` there are slips.
                            let extra = v
                                .as_object()?
                                .keys()
                                .any(|k| k != "value" && (!k.contains('@') || k == "@odata.type"));
                            if extra {
                                return None;
                            }
                            let serde_json::Value::Array(items) = v.get_mut("value")? else {
                                return None;
                            };
                            for item in items.iter_mut() {
                                *item = infer::sample(item, ty, false, model)?;
                            }
                            Some(v)
                        }
                        _ => Some(v.clone()),
                    }
                });
                samples.push((i, j, req, resp));
            }
        }
        for (i, j, req, resp) in samples {
            let ex = &mut self.model.operations[i].examples[j];
            ex.request.sample = req;
            if let Some(r) = ex.response.as_mut() {
                r.sample = resp;
            }
        }
    }
}

fn starts_lower(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_lowercase())
}

/// Whether an inferred example type fits a declared one (a string value for
/// an enum or a date-time, an integer for a double).
fn compatible(declared: &TypeRef, inferred: &TypeRef, model: &Model) -> bool {
    match (declared, inferred) {
        (TypeRef::Primitive(d), TypeRef::Primitive(Primitive::String)) => d.is_string_like(),
        (TypeRef::Primitive(d), TypeRef::Primitive(Primitive::DateTimeOffset)) => {
            d.is_string_like()
        }
        (TypeRef::Primitive(d), TypeRef::Primitive(Primitive::Int64)) => {
            !d.is_string_like() && *d != Primitive::Boolean
        }
        (TypeRef::Primitive(d), TypeRef::Primitive(Primitive::Double)) => matches!(
            d,
            Primitive::Double | Primitive::Single | Primitive::Decimal
        ),
        (TypeRef::Named(q), TypeRef::Primitive(Primitive::String | Primitive::DateTimeOffset)) => {
            model.get(q).is_some_and(|t| t.kind == TypeKind::Enum)
        }
        (TypeRef::Named(_), TypeRef::Named(_)) => true,
        (_, TypeRef::Json) | (TypeRef::Json, _) => true,
        _ => false,
    }
}

fn describe(ty: &TypeRef, collection: bool) -> String {
    let base = match ty {
        TypeRef::Primitive(p) => format!("{p:?}"),
        TypeRef::Named(q) => q.full(),
        TypeRef::Json => "any JSON".to_string(),
    };
    if collection {
        format!("{base} collection")
    } else {
        base
    }
}

/// The type name after a phrase such as `Inherits from `, without the
/// sentence's closing period.
fn name_after(text: &str, phrase: &str) -> Option<String> {
    let rest = &text[text.find(phrase)? + phrase.len()..];
    let name: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '.')
        .collect();
    let name = name.trim_end_matches('.');
    (!name.is_empty()).then(|| name.to_string())
}

/// The first link in inline content: (target, text).
fn first_link(inlines: &[Inline]) -> Option<(String, String)> {
    for i in inlines {
        match i {
            Inline::Link { target, content } => {
                return Some((target.clone(), plain_text_of(content)))
            }
            Inline::Strong(c) | Inline::Emphasis(c) => {
                if let Some(l) = first_link(c) {
                    return Some(l);
                }
            }
            _ => {}
        }
    }
    None
}

/// The values after `Possible values are:` (each in backticks).
fn possible_values(cell: &[Inline]) -> Vec<String> {
    let mut found = false;
    let mut out = Vec::new();
    for i in cell {
        match i {
            Inline::Text(t) => {
                let lower = t.to_ascii_lowercase();
                if lower.contains("possible values") || lower.contains("allowed values") {
                    found = true;
                } else if found
                    && !out.is_empty()
                    && t.contains('.')
                    && !t.trim_start().starts_with(',')
                {
                    break;
                }
            }
            Inline::Code(c) if found => {
                let c = c.trim();
                if !c.is_empty() && !c.contains(' ') && c != "null" {
                    out.push(c.to_string());
                }
            }
            _ => {}
        }
    }
    out
}

/// The first HTTP status code in a sentence (`201 Created`).
fn status_code(text: &str) -> Option<u16> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 3)
        .filter_map(|w| w.parse::<u16>().ok())
        .find(|s| (200..600).contains(s))
}

/// Removes the scheme, host and version from an example URL.
pub fn strip_base(target: &str) -> (&str, Option<String>) {
    let mut rest = target;
    for scheme in ["https://", "http://"] {
        if let Some(r) = rest.strip_prefix(scheme) {
            rest = r.find('/').map(|i| &r[i..]).unwrap_or("/");
        }
    }
    for v in ["/v1.0", "/beta"] {
        if let Some(r) = rest.strip_prefix(v) {
            if r.is_empty() || r.starts_with('/') || r.starts_with('?') {
                return (if r.is_empty() { "/" } else { r }, Some(v[1..].to_string()));
            }
        }
    }
    (rest, None)
}

/// Parses a documented path into literal text and parameters, naming each
/// parameter after the segment before it (`/users/{id}` is `userId`).
pub fn parse_path(raw: &str, source: Location) -> PathTemplate {
    let (path, _) = strip_base(raw);
    let path = path.split('?').next().unwrap_or(path);
    let mut segments = Vec::new();
    let mut literal = String::new();
    let mut chars = path.chars().peekable();
    let mut names: Vec<String> = Vec::new();
    while let Some(c) = chars.next() {
        if c == '{' {
            let mut placeholder = String::new();
            for n in chars.by_ref() {
                if n == '}' {
                    break;
                }
                placeholder.push(n);
            }
            let name = param_name(&literal, &placeholder, &names);
            names.push(name.clone());
            if !literal.is_empty() {
                segments.push(PathSegment::Literal {
                    text: std::mem::take(&mut literal),
                });
            }
            segments.push(PathSegment::Param { name, placeholder });
        } else {
            literal.push(c);
        }
    }
    if !literal.is_empty() {
        segments.push(PathSegment::Literal { text: literal });
    }
    PathTemplate {
        raw: raw.to_string(),
        segments,
        source,
    }
}

fn param_name(before: &str, placeholder: &str, taken: &[String]) -> String {
    let first = placeholder.split('|').next().unwrap_or("").trim();
    let first = first.trim_start_matches(['-', '_']);
    let generic = first.is_empty() || first.eq_ignore_ascii_case("id");
    let mut name = if generic {
        // The segment before: `/users/` or `/users(` or `items(id='`.
        let seg = before
            .trim_end_matches(['/', '(', '\'', '='])
            .rsplit(['/', '('])
            .next()
            .unwrap_or("")
            .trim_end_matches("(id");
        let seg: String = seg.chars().filter(|c| c.is_alphanumeric()).collect();
        let singular = seg
            .strip_suffix("ies")
            .map(|s| format!("{s}y"))
            .or_else(|| seg.strip_suffix('s').map(str::to_string))
            .unwrap_or(seg);
        if singular.is_empty() {
            "id".to_string()
        } else {
            format!("{singular}Id")
        }
    } else {
        first.to_string()
    };
    let base = name.clone();
    let mut n = 2;
    while taken.contains(&name) {
        name = format!("{base}{n}");
        n += 1;
    }
    name
}

/// Finds columns of a table by header text.
struct Columns {
    headers: Vec<String>,
}

impl Columns {
    fn new(table: &Table) -> Self {
        Columns {
            headers: table
                .header
                .iter()
                .map(|c| plain_text_of(c).trim().to_ascii_lowercase())
                .collect(),
        }
    }
    fn index(&self, names: &[&str]) -> Option<usize> {
        names
            .iter()
            .find_map(|n| self.headers.iter().position(|h| h == n || h.starts_with(n)))
    }
    fn cell<'a>(&self, row: &'a crate::parse::Row, names: &[&str]) -> Option<&'a [Inline]> {
        self.index(names)
            .and_then(|i| row.cells.get(i))
            .map(|c| c.as_slice())
    }
    fn text(&self, row: &crate::parse::Row, names: &[&str], fallback: usize) -> Option<String> {
        let i = self.index(names).unwrap_or(fallback);
        row.cells.get(i).map(|c| plain_text_of(c))
    }
}

/// A primitive type named in code or bold in a sentence (`String` collection,
/// a `Boolean`), for responses of functions that return primitives.
fn primitive_in_text(inlines: &[Inline]) -> Option<(Primitive, bool)> {
    let text = plain_text_of(inlines);
    for (i, inline) in inlines.iter().enumerate() {
        let word = match inline {
            Inline::Code(c) => c.clone(),
            Inline::Strong(c) | Inline::Emphasis(c) => plain_text_of(c),
            _ => continue,
        };
        if let Some(p) = Primitive::from_name(word.trim()) {
            let after = inlines
                .get(i + 1)
                .map(|n| plain_text_of(std::slice::from_ref(n)))
                .unwrap_or_default();
            let collection = after
                .trim_start()
                .to_ascii_lowercase()
                .starts_with("collection")
                || text.contains(&format!("collection of {}", word.trim()));
            return Some((p, collection));
        }
    }
    None
}

/// A page's `ms.prod`, when it is a real value (not empty, not a TODO).
fn page_area(info: &PageInfo) -> Option<String> {
    let prod = info
        .page
        .front_matter
        .get("ms.prod")?
        .value
        .trim()
        .to_ascii_lowercase();
    (!prod.is_empty() && !prod.contains("todo") && !prod.contains(' ')).then_some(prod)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Builds the model of a few pages given as (path, text).
    fn model_of(pages: &[(&str, &str)]) -> (Model, Vec<crate::diag::Diagnostic>) {
        let sources: Vec<crate::pipeline::SourceFile> = pages
            .iter()
            .map(|(rel, text)| {
                crate::pipeline::SourceFile::from_bytes(rel.to_string(), text.as_bytes().to_vec())
            })
            .collect();
        let mut diags = Diagnostics::default();
        let parsed = crate::pipeline::parse_all(&sources, &mut diags);
        let model = build(&parsed, &mut diags);
        (model, diags.into_sorted())
    }

    fn resource(title: &str, intro: &str, odata: &str, rows: &[&str]) -> String {
        format!(
            "---\ntitle: \"{title} resource type\"\nms.prod: \"{title}s\"\ndoc_type: resourcePageType\n---\n\n\
             # {title} resource type\n\nNamespace: microsoft.graph\n\n{intro}\n\n## Properties\n\n\
             | Property | Type | Description |\n|:--|:--|:--|\n{}\n\n\
             ## JSON representation\n\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{odata}\" }} -->\n\
             ```json\n{{}}\n```\n",
            rows.join("\n")
        )
    }

    #[test]
    fn a_types_own_page_describes_it_first() {
        // `intune-user.md` sorts before `user.md` but is not the type's page.
        let intune = resource(
            "user",
            "Intune's view of a user.",
            "user",
            &["| managedDevices | String | Devices. |"],
        )
        .replace("ms.prod: \"users\"", "ms.prod: \"intune\"");
        let own = resource(
            "user",
            "Represents a user account.",
            "user",
            &["| displayName | String | The name. |"],
        );
        let (model, _) = model_of(&[
            ("resources/intune-user.md", &intune),
            ("resources/user.md", &own),
        ]);
        let user = &model.types["microsoft.graph.user"];
        assert_eq!(user.description.plain(), "Represents a user account.");
        assert_eq!(user.area.as_deref(), Some("users"));
        let names: Vec<&str> = user
            .properties
            .iter()
            .map(|p| p.wire_name.as_str())
            .collect();
        assert_eq!(names, ["displayName", "managedDevices"]);
    }

    #[test]
    fn base_typed_examples_showing_one_derived_type_teach_that_type() {
        let base = resource(
            "directoryObject",
            "A directory object.",
            "directoryObject",
            &["| id | String | Id. |"],
        );
        let group = resource(
            "group",
            "A group. Inherits from [directoryObject](directoryobject.md).",
            "group",
            &[
                "| displayName | String | Group name. |",
                "| mailEnabled | Boolean | Mail. |",
            ],
        );
        let user = resource(
            "user",
            "A user. Inherits from [directoryObject](directoryobject.md).",
            "user",
            &["| displayName | String | User name. |"],
        );
        let api = "---\ntitle: \"Get deleted item\"\ndoc_type: apiPageType\n---\n\n# Get deleted item\n\n\
            Namespace: microsoft.graph\n\n## HTTP request\n\n<!-- { \"blockType\": \"ignored\" } -->\n\
            ```http\nGET /directory/deletedItems/{id}\n```\n\n## Response\n\n\
            If successful, this method returns a `200 OK` response code and a [directoryObject](../resources/directoryobject.md) object in the response body.\n\n\
            ## Example\n\n### Request\n\n<!-- { \"blockType\": \"request\", \"name\": \"get_item\" } -->\n\
            ```http\nGET https://graph.microsoft.com/v1.0/directory/deletedItems/1\n```\n\n### Response\n\n\
            <!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.directoryObject\" } -->\n\
            ```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n\
            {\"id\": \"1\", \"displayName\": \"Team\", \"mailEnabled\": true, \"visibility\": \"Public\"}\n```\n";
        let (model, diags) = model_of(&[
            ("api/directory-deleteditems-get.md", api),
            ("resources/directoryobject.md", &base),
            ("resources/group.md", &group),
            ("resources/user.md", &user),
        ]);
        let names = |k: &str| -> Vec<String> {
            model.types[k]
                .properties
                .iter()
                .map(|p| p.wire_name.clone())
                .collect()
        };
        // `mailEnabled` is listed by `group` only, so the object is a group:
        // its one unlisted property goes there, and the base stays clean.
        assert_eq!(names("microsoft.graph.directoryobject"), ["id"]);
        assert_eq!(
            names("microsoft.graph.group"),
            ["displayName", "mailEnabled", "visibility"]
        );
        assert!(diags.iter().any(|d| d.code == Code::ExampleReadAsDerived
            && d.message.contains("`microsoft.graph.group`")));
    }

    fn api(title: &str, paths: &[&str], body_type: &str) -> String {
        format!(
            "---\ntitle: \"{title}\"\ndoc_type: apiPageType\n---\n\n# {title}\n\nNamespace: microsoft.graph\n\n\
             ## HTTP request\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n```http\n{}\n```\n\n\
             ## Request body\n\nIn the request body, supply a JSON representation of a [{body_type}](../resources/{body_type}.md) object.\n\n\
             ## Response\n\nIf successful, this method returns a `201 Created` response code and a [{body_type}](../resources/{body_type}.md) object in the response body.\n",
            paths.join("\n")
        )
    }

    #[test]
    fn pattern_pages_do_not_take_the_paths_of_specific_pages() {
        let message = resource(
            "message",
            "A message.",
            "message",
            &["| subject | String | Subject. |"],
        );
        let event = resource(
            "event",
            "An event.",
            "event",
            &["| start | String | Start. |"],
        );
        // Read first in path order, and lists creating four kinds of items.
        let pattern = api(
            "Create item with extended property",
            &[
                "POST /me/messages",
                "POST /me/events",
                "POST /me/contactFolders",
                "POST /me/mailFolders",
            ],
            "message",
        );
        let create_event = api("Create event", &["POST /me/events"], "event");
        let (model, _) = model_of(&[
            ("api/extendedproperty-post.md", &pattern),
            ("api/user-post-events.md", &create_event),
            ("resources/event.md", &event),
            ("resources/message.md", &message),
        ]);
        let owner = |path: &str| {
            model
                .operations
                .iter()
                .find(|op| op.paths.iter().any(|p| p.raw == path))
                .map(|op| (op.title.as_str(), &op.request))
                .unwrap()
        };
        let (title, request) = owner("/me/events");
        assert_eq!(title, "Create event");
        assert!(
            matches!(request, RequestBody::Type { ty: TypeRef::Named(q), .. } if q.name == "event")
        );
        assert_eq!(
            owner("/me/messages").0,
            "Create item with extended property"
        );
    }

    #[test]
    fn a_spelling_with_word_humps_names_the_type() {
        // The enum's own page spells it without humps (as its file name
        // does); a property table spells it `bodyType`.
        let page = "---\ntitle: \"bodytype enum type\"\ndoc_type: enumPageType\n---\n\n# bodytype enum type\n\n\
            Namespace: microsoft.graph\n\n| Member | Value | Description |\n|:--|:--|:--|\n| text | 0 | Text. |\n| html | 1 | HTML. |\n";
        let item = resource(
            "itemBody",
            "A body.",
            "itemBody",
            &["| contentType | bodyType | The type. |"],
        );
        let (model, _) = model_of(&[
            ("resources/bodytype.md", page),
            ("resources/itembody.md", &item),
        ]);
        assert_eq!(
            model.types["microsoft.graph.bodytype"].name.name,
            "bodyType"
        );
    }

    #[test]
    fn a_derived_types_table_wins_over_its_bases_example_property() {
        let base = resource(
            "directoryObject",
            "A directory object.",
            "directoryObject",
            &["| id | String | Id. |"],
        );
        let user = resource(
            "user",
            "A user. Inherits from [directoryObject](directoryobject.md).",
            "user",
            &["| displayName | String | The user's name. |"],
        );
        let (mut model, _) = model_of(&[
            ("resources/directoryobject.md", &base),
            ("resources/user.md", &user),
        ]);
        // As if an ambiguous example had taught the base `displayName`.
        let mut from_example = model.types["microsoft.graph.user"].properties[0].clone();
        from_example.evidence = Evidence::Example;
        from_example.description = Doc::default();
        model
            .types
            .get_mut("microsoft.graph.directoryobject")
            .unwrap()
            .properties
            .push(from_example);
        let user = &model.types["microsoft.graph.user"];
        let all = model.all_properties(user);
        let names: Vec<&str> = all.iter().map(|p| p.wire_name.as_str()).collect();
        assert_eq!(names, ["id", "displayName"]);
        assert_eq!(all[1].evidence, Evidence::ResourcePage);
        assert_eq!(all[1].description.plain(), "The user's name.");
    }

    #[test]
    fn path_parameters() {
        let p = parse_path(
            "/users/{id | userPrincipalName}/mailFolders/{id}/messages/{id}",
            Location::new("x", 1),
        );
        let names: Vec<&str> = p.params().collect();
        assert_eq!(names, vec!["userId", "mailFolderId", "messageId"]);
        assert_eq!(p.shape(), "/users/{}/mailfolders/{}/messages/{}");
        let f = parse_path(
            "/reports/getEmailActivityCounts(period='{period_value}')",
            Location::new("x", 1),
        );
        assert_eq!(f.params().collect::<Vec<_>>(), vec!["period_value"]);
        let v = parse_path(
            "https://graph.microsoft.com/beta/external/connections?$top=1",
            Location::new("x", 1),
        );
        assert_eq!(
            v.raw,
            "https://graph.microsoft.com/beta/external/connections?$top=1"
        );
        assert_eq!(v.shape(), "/external/connections");
    }

    #[test]
    fn base_urls() {
        assert_eq!(
            strip_base("https://graph.microsoft.com/beta/azureConnections"),
            ("/azureConnections", Some("beta".into()))
        );
        assert_eq!(
            strip_base("https://graph.microsoft.com/v1.0/me?$select=a"),
            ("/me?$select=a", Some("v1.0".into()))
        );
        assert_eq!(strip_base("/me/messages"), ("/me/messages", None));
    }

    #[test]
    fn statuses() {
        assert_eq!(
            status_code("returns a `201 Created` response code"),
            Some(201)
        );
        assert_eq!(status_code("returns `204 No Content`"), Some(204));
        assert_eq!(status_code("returns nothing"), None);
    }
}
