//! Type names: resolving a name written in the docs to one type, creating
//! types as they are named, and reading table type cells.

use super::*;

impl<'d> Builder<'d> {
    /// Resolves a type named in the docs. An explicit namespace is used as
    /// written; otherwise the page's namespace if a page there declares the
    /// name, the namespace a link's file prefix names (`managedtenants-x.md`),
    /// the root namespace if declared there, the only declaring namespace,
    /// and finally the page's own namespace.
    pub(super) fn resolve(
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

    pub(super) fn canonical_namespace(&mut self, ns: &str) -> String {
        self.namespaces
            .entry(ns.to_ascii_lowercase())
            .or_insert_with(|| ns.to_string())
            .clone()
    }

    /// Resolves an `@odata.type` value (`#microsoft.graph.x`).
    pub(super) fn resolve_odata_type(
        &mut self,
        value: &str,
        page_ns: &str,
    ) -> Option<QualifiedName> {
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
        if let Some(q) = self.aliases.get(&v.to_ascii_lowercase()) {
            return Some(q.clone());
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
    pub(super) fn ensure_type(
        &mut self,
        name: &QualifiedName,
        kind: TypeKind,
        evidence: Evidence,
        at: &Location,
    ) -> String {
        // Most calls name a type, spelling and place seen before: nothing
        // is copied for those.
        let key = name.key();
        let entry = self
            .model
            .types
            .get_or_insert_with(&key, || TypeDef::new(name.clone(), kind, evidence));
        if evidence > entry.evidence {
            entry.evidence = evidence;
        }
        if !entry.sources.contains(at) {
            entry.sources.push(at.clone());
        }
        if !entry.spellings.contains(&name.name) {
            entry.spellings.insert(name.name.clone());
        }
        let spellings = match self.spellings.get_mut(&key) {
            Some(s) => s,
            None => self.spellings.entry(key.clone()).or_default(),
        };
        match spellings.get_mut(&name.name) {
            Some(e) if evidence > *e => *e = evidence,
            Some(_) => {}
            None => {
                spellings.insert(name.name.clone(), evidence);
            }
        }
        key
    }

    /// Resolves a type cell of a table row.
    pub(super) fn cell_type(
        &mut self,
        info: &PageInfo,
        cell: &TypeCell,
        line: u32,
    ) -> Option<(TypeRef, bool)> {
        match &cell.spec {
            Ok(CellSpec {
                ty: CellType::Primitive(p),
                collection,
            }) => Some((TypeRef::Primitive(*p), *collection)),
            Ok(CellSpec {
                ty: CellType::Json,
                collection,
            }) => Some((TypeRef::Json, *collection)),
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
                // A link to a place in a page (`chat.md#chattype-values`)
                // names what is there, not the page's type.
                let q = match link
                    .as_deref()
                    .filter(|l| !l.contains('#'))
                    .and_then(|l| self.linked_type(info, l))
                {
                    Some(q) => q,
                    None => {
                        self.resolve(namespace.as_deref(), name, link.as_deref(), &info.namespace)
                    }
                };
                if outside {
                    self.linked_outside.insert(q.key());
                }
                Some((TypeRef::Named(q), *collection))
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

    /// The type a link in prose names (`a [user](../resources/user.md)
    /// object`): the type its target page declares, else the type its text
    /// names. `None` when neither names one type.
    pub(super) fn type_of_link(
        &mut self,
        info: &PageInfo,
        target: &str,
        text: &str,
        line: u32,
    ) -> Option<(QualifiedName, bool)> {
        self.note_link(info, target, line);
        let spec = parse_type_cell(text.trim(), Some(target)).ok();
        let collection = spec.as_ref().is_some_and(|s| s.collection);
        if let Some(q) = Some(target)
            .filter(|l| !l.contains('#'))
            .and_then(|l| self.linked_type(info, l))
        {
            if let Some(CellSpec {
                ty: CellType::Named { name, .. },
                ..
            }) = &spec
            {
                if !name.eq_ignore_ascii_case(&q.name) {
                    let declared_at = self.linked_page_at(info, target);
                    self.diags.related_info(
                        Code::LinkTextNamesOtherType,
                        &info.at(line),
                        &declared_at,
                        format!(
                            "the link text says `{name}` but the page it links to declares `{}`; reading `{}`",
                            q.full(),
                            q.full()
                        ),
                    );
                }
            }
            return Some((q, collection));
        }
        match spec? {
            CellSpec {
                ty: CellType::Named {
                    namespace, name, ..
                },
                collection,
            } => Some((
                self.resolve(namespace.as_deref(), &name, Some(target), &info.namespace),
                collection,
            )),
            _ => None,
        }
    }

    /// The types of a cell that names several (see
    /// [`TypeCell::alternatives`]): each linked or named type.
    pub(super) fn alternatives(
        &mut self,
        info: &PageInfo,
        cell: &TypeCell,
        line: u32,
    ) -> Vec<QualifiedName> {
        let mut out = Vec::new();
        for (name, link) in &cell.alternatives {
            let link = link.as_deref();
            let linked = link.and_then(|l| {
                self.note_link(info, l, line);
                self.linked_type(info, l)
            });
            let q = match linked {
                Some(q) => q,
                None => {
                    let (ns, n) = match name.rsplit_once('.') {
                        Some((ns, n)) => (Some(ns), n),
                        None => (None, name.as_str()),
                    };
                    self.resolve(ns, n, link, &info.namespace)
                }
            };
            self.ensure_type(&q, TypeKind::Complex, Evidence::Mention, &info.at(line));
            out.push(q);
        }
        out
    }
}

/// A table's type cell, read from the page alone (so on all cores, see
/// [`PropertyRows::read`]): what its text says before names are resolved,
/// and the types it names when it names several.
pub(super) struct TypeCell {
    spec: Result<CellSpec, String>,
    /// Each name of a cell that names two or more types (`[A](a.md) or
    /// [B](b.md)`, `A or B`), with its link. Empty otherwise: only named
    /// types have a common base, so `Boolean or String` names none.
    alternatives: Vec<(String, Option<String>)>,
}

impl TypeCell {
    pub(super) fn read(cell: &[Inline]) -> Self {
        let text = plain_text_of(cell);
        let links = links_of(cell);
        let spec = parse_type_cell(&text, links.first().map(String::as_str));
        let names: Vec<&str> = text.split(" or ").map(str::trim).collect();
        let several = names.len() >= 2
            && names.iter().all(|n| {
                !n.is_empty()
                    && n.chars().all(|c| c.is_alphanumeric() || c == '.')
                    && Primitive::from_name(n).is_none()
            });
        let alternatives = if several {
            names
                .iter()
                .enumerate()
                .map(|(i, n)| (n.to_string(), links.get(i).cloned()))
                .collect()
        } else {
            Vec::new()
        };
        TypeCell { spec, alternatives }
    }
}
