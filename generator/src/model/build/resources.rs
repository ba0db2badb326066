//! Step 2: resource and enum pages: a type's description, base, kind,
//! properties, relationships and members.

use super::*;

/// Phrases in a resource page's introduction that name its base type, in
/// lower case: "Inherits from [x]", "**y** inherits from [x]", "Derived
/// from [x]", "derives from [x]", "A subclass of [x]", "This creates a
/// subclass from [x]".
const BASE_PHRASES: &[&str] = &[
    "inherits from ",
    "derived from ",
    "derives from ",
    "subclass of ",
    "subclass from ",
];

/// What a resource or enum page says on its own, read on the second core
/// while the pages before it are merged (`build`), then taken by
/// [`Builder::resource_page`]: its description, its property tables' rows
/// (see [`PropertyRows`]), its `resource` annotation, whether the page is
/// the type's own (named after it), its area, its members, its `x values`
/// sections and the sentences that may name its base type.
#[derive(Default)]
pub(super) struct ResourceRead {
    description: Doc,
    /// Each property table, in page order, and whether it lists
    /// relationships.
    tables: Vec<(PropertyRows, bool)>,
    /// The first `resource` annotation.
    annotation: Option<ResourceAnnotation>,
    /// The page is named after the type it declares (`user.md`).
    own: bool,
    area: Option<String>,
    /// An enum page's members table.
    members: Option<Vec<EnumMember>>,
    /// Each `### x values` section: the enum's name, its members and the
    /// table's line.
    value_sections: Vec<(String, Vec<EnumMember>, u32)>,
    /// The introduction's sentences that may name the base type (see
    /// [`BaseClaim`]), in page order.
    base_claims: Vec<BaseClaim>,
    /// The links by which the introduction names derived types (see
    /// [`derived_named`]).
    derived: Vec<(u32, Vec<(String, String)>)>,
}

/// What a resource page's first `resource` annotation says of its type:
/// its `baseType`, whether it has a `keyProperty` (an entity), and its
/// `openType`.
struct ResourceAnnotation {
    base_type: Option<String>,
    entity: bool,
    open: bool,
}

/// A sentence of a resource page's introduction with one of the
/// [`BASE_PHRASES`]: the link after the phrase (its target and text), and
/// the word after it, either of which may name the base type.
struct BaseClaim {
    line: u32,
    linked: Option<(String, String)>,
    worded: Option<String>,
}

impl ResourceRead {
    pub(super) fn new(info: &PageInfo) -> Self {
        // `### x values` sections define enums of this page's namespace.
        let value_sections = info
            .blocks
            .iter()
            .filter_map(|(_, h3, b)| match (&b.kind, h3.strip_suffix(" values")) {
                (BlockKind::Table(t), Some(n)) => {
                    Some((n.trim().to_string(), member_rows(info, t), b.line))
                }
                _ => None,
            })
            .collect();
        let Some(q) = &info.type_name else {
            return ResourceRead {
                value_sections,
                ..ResourceRead::default()
            };
        };
        let mut tables = Vec::new();
        let mut members = None;
        if info.kind == PageKind::Enum {
            members = info
                .first_table(&["members", "enum", "values", ""])
                .map(|(table, _)| member_rows(info, table));
        } else {
            // A page without `Properties` and `Relationships` sections
            // (docs written for ApiDoctor) lists properties in any table
            // with a name and a type column, wherever it is.
            let sectioned = info
                .section(&["properties", "relationships"])
                .any(|(_, _, b)| matches!(b.kind, BlockKind::Table(_)));
            for (section, navigation) in [("properties", false), ("relationships", true)] {
                let read = info
                    .blocks
                    .iter()
                    .filter(|(s, _, _)| {
                        if sectioned {
                            s.starts_with(section)
                        } else {
                            !navigation && !s.ends_with(" values")
                        }
                    })
                    .filter_map(|(_, _, b)| match &b.kind {
                        BlockKind::Table(t) => PropertyRows::read(t),
                        _ => None,
                    });
                tables.extend(read.map(|rows| (rows, navigation)));
            }
        }
        let annotation = info.blocks.iter().find_map(|(_, _, b)| match b.code() {
            Some(CodeBlock {
                annotation: Some(a),
                ..
            }) if a.block_type() == Some("resource") => Some(ResourceAnnotation {
                base_type: a.str("baseType").map(str::to_string),
                entity: a.str("keyProperty").is_some(),
                open: a.bool("openType").unwrap_or(false),
            }),
            _ => None,
        });
        let stem = info.page.file.rsplit('/').next().unwrap_or(&info.page.file);
        ResourceRead {
            description: page_description(info),
            tables,
            annotation,
            own: stem
                .strip_suffix(".md")
                .is_some_and(|s| s.eq_ignore_ascii_case(&q.name)),
            area: page_area(info),
            members,
            value_sections,
            base_claims: base_claims(info),
            derived: if info.kind == PageKind::Enum {
                Vec::new()
            } else {
                derived_named(info)
            },
        }
    }
}

/// The sentences of a page's introduction that may name its base type:
/// "Inherits from [x](x.md)", "Inherits from base class [x](x.md)", or,
/// without a link, the word after the phrase.
fn base_claims(info: &PageInfo) -> Vec<BaseClaim> {
    let mut claims = Vec::new();
    for (h2, _, b) in &info.blocks {
        if !h2.is_empty() {
            break;
        }
        let BlockKind::Paragraph(p) = &b.kind else {
            continue;
        };
        let text = plain_text_of(p);
        let lower = text.to_ascii_lowercase();
        let Some(phrase) = BASE_PHRASES.iter().find(|ph| lower.contains(*ph)) else {
            continue;
        };
        // The link after the phrase names the base ("Inherits from base
        // class [x](x.md)"); without one, the word after it.
        let at = p.iter().position(|i| {
            plain_text_of(std::slice::from_ref(i))
                .to_ascii_lowercase()
                .contains(phrase)
        });
        let linked = at
            .and_then(|at| first_link(&p[at..]))
            .filter(|(_, t)| !t.trim().is_empty() && !t.trim().contains(' '));
        let start = lower.find(phrase).unwrap_or(0);
        let worded = name_after(&text[start..], &text[start..start + phrase.len()]);
        claims.push(BaseClaim {
            line: b.line,
            linked,
            worded,
        });
    }
    claims
}

impl<'d> Builder<'d> {
    pub(super) fn resource_page(&mut self, info: &PageInfo, read: ResourceRead) {
        let ResourceRead {
            description,
            tables,
            annotation,
            own,
            area,
            members,
            value_sections,
            base_claims,
            derived,
        } = read;
        let name = info.type_name.clone();
        let at = info.at(1);
        if let Some(q) = &name {
            let kind = if info.kind == PageKind::Enum {
                TypeKind::Enum
            } else {
                TypeKind::Complex
            };
            let key = self.ensure_type(q, kind, Evidence::ResourcePage, &at);
            let mut base = None;
            let mut entity = false;
            let mut open = false;
            if let Some(a) = &annotation {
                if let Some(bt) = &a.base_type {
                    base = self.resolve_odata_type(bt, &info.namespace);
                }
                entity = a.entity;
                open = a.open;
            }
            if base.is_none() {
                base = self.inherits_from(info, base_claims);
            }
            // Several pages may describe one type (`user.md` and Intune's
            // `intune-devices-user.md`): the type's own page, named after
            // it, gives the description and area; otherwise the first page
            // in path order does.
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
                ty.area = area.or(ty.area.take());
            }
            if entity && ty.kind != TypeKind::Enum {
                ty.kind = TypeKind::Entity;
            }
            if let Some(b) = &base {
                ty.base = Some(b.clone());
                self.ensure_type(b, TypeKind::Complex, Evidence::Mention, &at);
            }
            if kind != TypeKind::Enum {
                self.derived_types_named(info, q, derived);
            }
            if info.kind == PageKind::Enum {
                if let Some(members) = members {
                    self.set_members(&key, members, info.at(1), true);
                }
            } else {
                for (rows, navigation) in tables {
                    self.property_table(info, &key, rows, Evidence::ResourcePage, navigation);
                }
            }
        } else if info.kind == PageKind::Resource {
            self.diags.unsupported(Code::ResourcePageWithoutType, &at, "resource page names no type (no `@odata.type` annotation, title not `x resource type`)");
        }
        for (enum_name, members, line) in value_sections {
            let q = self.resolve(None, &enum_name, None, &info.namespace);
            let key = self.ensure_type(&q, TypeKind::Enum, Evidence::ResourcePage, &info.at(line));
            self.set_members(&key, members, info.at(line), true);
        }
    }

    /// Puts the properties a type's own page lists before those other pages
    /// add, keeping each group's order, so `User` starts with `user.md`'s
    /// table and not with Intune's additions.
    pub(super) fn own_pages_first(&mut self) {
        for (key, file) in &self.own_pages {
            if let Some(ty) = self.model.types.get_mut(key) {
                ty.properties.sort_by_key(|p| p.source.file != *file);
            }
        }
    }

    /// `Inherits from [x](x.md)` in the page's introduction: the first of
    /// its [`BaseClaim`]s whose link names a type, or whose word after the
    /// phrase is a type a page declares ("inherits from base policy type"
    /// names none).
    fn inherits_from(&mut self, info: &PageInfo, claims: Vec<BaseClaim>) -> Option<QualifiedName> {
        for BaseClaim {
            line,
            linked,
            worded,
        } in claims
        {
            if let Some((target, link_text)) = linked {
                if let Some((q, _)) = self.type_of_link(info, &target, &link_text, line) {
                    return Some(q);
                }
            }
            if let Some(name) = worded.filter(|n| {
                let last = n.rsplit('.').next().unwrap_or(n);
                self.declared.contains_key(&last.to_ascii_lowercase())
            }) {
                let (ns, n) = match name.rsplit_once('.') {
                    Some((ns, n)) => (Some(ns.to_string()), n.to_string()),
                    None => (None, name.clone()),
                };
                return Some(self.resolve(ns.as_deref(), &n, None, &info.namespace));
            }
        }
        None
    }

    /// The resource blocks of a page, on any kind of page: each block's
    /// JSON gives the properties of the type its annotation names (else the
    /// page's type), and its `nullableProperties` say which may be null.
    pub(super) fn resource_json(&mut self, info: &PageInfo, blocks: Vec<JsonBlock>) {
        let page_type = info.type_name.clone();
        for JsonBlock {
            code,
            evidence,
            nullable,
            optional,
            in_block,
        } in blocks
        {
            let at = info.at(code.content_line);
            let annotation = code.annotation.as_ref();
            let named = annotation
                .and_then(|a| a.odata_type())
                .and_then(|t| self.resolve_odata_type(t, &info.namespace));
            let Some(q) = named.or_else(|| page_type.clone()) else {
                continue;
            };
            let key = self.ensure_type(&q, TypeKind::Complex, evidence, &at);
            match code.json() {
                Some(Ok(serde_json::Value::Object(obj))) => {
                    let ns = info.namespace.clone();
                    self.apply_object(&key, obj, &at, &ns, evidence);
                }
                Some(Err(e)) => self.diags.warning(
                    Code::InvalidJson,
                    &info.json_error_at(code.content_line, e),
                    format!("JSON representation is not valid JSON: {e}"),
                ),
                _ => {}
            }
            let listed = |names: &[String], p: &Property| {
                names.iter().any(|n| n.eq_ignore_ascii_case(&p.wire_name))
            };
            if let Some(ty) = self.model.types.get_mut(&key) {
                for p in &mut ty.properties {
                    if listed(&nullable, p) {
                        p.nullable = Some(true);
                    }
                    if let Some(optional) = &optional {
                        if listed(optional, p) {
                            p.optional = Some(true);
                        } else if in_block.contains(&p.wire_name) {
                            p.optional = Some(false);
                        }
                    }
                }
            }
        }
    }
}

/// A block whose JSON shows a type's properties, as read from its page
/// alone (see [`json_blocks`]).
pub(super) struct JsonBlock<'p> {
    code: &'p CodeBlock,
    evidence: Evidence,
    /// The annotation's `nullableProperties`.
    nullable: Vec<String>,
    /// `optionalProperties`, only on resource blocks that have it: the
    /// block's other properties are always there.
    optional: Option<Vec<String>>,
    /// The names the block's JSON object shows.
    in_block: BTreeSet<String>,
}

/// A page's `resource` blocks, and its `example` blocks whose annotation
/// names a type (an example value of that type: weak evidence, like any
/// example), for [`Builder::resource_json`]. It reads the page alone, so
/// it is read on the second core while API pages are merged.
pub(super) fn json_blocks<'p>(info: &PageInfo<'p>) -> Vec<JsonBlock<'p>> {
    info.blocks
        .iter()
        .filter_map(|(_, _, b)| {
            let b: &'p Block = b;
            let code = b.code()?;
            let a = code.annotation.as_ref()?;
            let evidence = match a.block_type() {
                Some("resource") => Evidence::ResourcePage,
                Some("example") if a.odata_type().is_some() => Evidence::Example,
                _ => return None,
            };
            let in_block = match code.json() {
                Some(Ok(serde_json::Value::Object(o))) => o.keys().cloned().collect(),
                _ => BTreeSet::new(),
            };
            Some(JsonBlock {
                code,
                evidence,
                nullable: a.strings("nullableProperties"),
                optional: a
                    .fields
                    .contains_key("optionalProperties")
                    .then(|| a.strings("optionalProperties")),
                in_block,
            })
        })
        .collect()
}
