//! Property and enum member tables, and the merge of a property seen at
//! several sources (stronger evidence wins, disagreements are reported).

use super::*;

impl<'d> Builder<'d> {
    /// Adds or merges a property. Stronger evidence wins; a different type
    /// from another source is reported with both locations.
    pub(super) fn add_property(&mut self, type_key: &str, prop: Property, placeholder: bool) {
        let existing_ty = match self.model.types.get_mut(type_key) {
            Some(t) => match t.properties.iter().find(|p| p.wire_name == prop.wire_name) {
                Some(p) => Some(p.ty.clone()),
                // Most properties are new: nothing to merge.
                None => {
                    t.properties.push(prop);
                    return;
                }
            },
            None => None,
        };
        // The enums among the two types that may meet.
        let enums: BTreeSet<String> = [Some(&prop.ty), existing_ty.as_ref()]
            .into_iter()
            .flatten()
            .filter_map(|t| match t {
                TypeRef::Named(q)
                    if self
                        .model
                        .types
                        .get(&q.key())
                        .is_some_and(|d| d.kind == TypeKind::Enum) =>
                {
                    Some(q.key())
                }
                _ => None,
            })
            .collect();
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
                // An enum is a string on the wire: a table that says
                // `String` where another names the enum does not contradict it.
                let is_enum = |t: &TypeRef| match t {
                    TypeRef::Named(q) => enums.contains(&q.key()),
                    _ => false,
                };
                let string = TypeRef::Primitive(Primitive::String);
                let string_enum = (existing.ty == string && is_enum(&prop.ty))
                    || (prop.ty == string && is_enum(&existing.ty));
                let same = (existing.ty.same_as(&prop.ty) || string_enum)
                    && existing.collection == prop.collection;
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

    /// Reads a property table's rows (see [`PropertyRows::read`]) into a
    /// type.
    pub(super) fn property_table(
        &mut self,
        info: &PageInfo,
        type_key: &str,
        table: PropertyRows,
        evidence: Evidence,
        navigation: bool,
    ) {
        let PropertyRows {
            rows,
            todos,
            first_line,
        } = table;
        // A property table is evidence for the type it describes.
        if let Some(t) = self.model.types.get_mut(type_key) {
            t.evidence = t.evidence.max(evidence);
        }
        for row in rows {
            let PropertyRow {
                line,
                wire,
                type_cell,
                description,
                nullable,
                inherited,
                possible,
            } = row;
            let at = info.at(line);
            let one_of = type_cell
                .as_ref()
                .map(|c| self.alternatives(info, c, line))
                .unwrap_or_default();
            let ty = match one_of.first() {
                Some(first) => Some((TypeRef::Named(first.clone()), false)),
                None => type_cell
                    .as_ref()
                    .and_then(|c| self.cell_type(info, c, line)),
            };
            let (ty, collection) = ty.unwrap_or((TypeRef::Json, false));
            // `Inherited from [x]`: the property belongs to the base type x.
            let mut owner = type_key.to_string();
            if let Some((base, link)) = inherited {
                {
                    if let Some(l) = &link {
                        self.note_link(info, l, line);
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
                let values = possible;
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
                        self.set_members(&key, members, at.clone(), false);
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
                one_of,
                optional: None,
            };
            self.add_property(&owner, prop, false);
        }
        if todos > 0 {
            self.diags.warning(
                Code::TodoPlaceholder,
                &info.at(first_line),
                format!("{todos} description(s) in this table are TODO placeholders; they are left out of the documentation"),
            );
        }
    }

    /// Adds members to an enum. Members that differ only in case are one
    /// member; a table's spelling (`from_table`) wins over one from prose
    /// ("Possible values are: `None`").
    pub(super) fn set_members(
        &mut self,
        key: &str,
        members: Vec<EnumMember>,
        at: Location,
        from_table: bool,
    ) {
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
            match ty
                .members
                .iter_mut()
                .find(|e| e.wire_name.eq_ignore_ascii_case(&m.wire_name))
            {
                Some(e) if from_table && e.wire_name != m.wire_name => {
                    e.wire_name = m.wire_name;
                    if e.description.is_empty() {
                        e.description = m.description;
                    }
                }
                Some(_) => {}
                None => ty.members.push(m),
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
}

/// The members an enum's table lists: name, value where a column gives
/// one, and description. It reads the page alone.
pub(super) fn member_rows(info: &PageInfo, table: &Table) -> Vec<EnumMember> {
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

/// A property table's rows, with what can be read of them without the
/// model: the wire name, the type cell, the description and what it says.
/// Resource pages' tables are read so on all cores before the pages are
/// merged ([`super::resources::ResourceRead`]).
pub(super) struct PropertyRows {
    rows: Vec<PropertyRow>,
    /// Rows whose description is a TODO placeholder.
    todos: usize,
    /// The line of the table's first row, where the TODOs are reported.
    first_line: u32,
}

struct PropertyRow {
    line: u32,
    wire: String,
    type_cell: Option<TypeCell>,
    description: Doc,
    nullable: Option<bool>,
    /// `Inherited from [x](x.md)`: the base type's name, and the link to
    /// its page.
    inherited: Option<(String, Option<String>)>,
    /// `Possible values are: `a`, `b``: the values of the enum the type
    /// cell names.
    possible: Vec<String>,
}

impl PropertyRows {
    /// The rows that name a property; `None` for a table whose name
    /// column is also its only "type" column (such as `| type property |
    /// Type of recurrence range |`), which lists values, not properties.
    pub(super) fn read(table: &Table) -> Option<Self> {
        let cols = Columns::new(table);
        let name_col = cols
            .index(&["property", "relationship", "name", "parameter"])
            .unwrap_or(0);
        if cols.index(&["type"]).is_none_or(|t| t == name_col) {
            return None;
        }
        let mut todos = 0;
        let mut rows = Vec::with_capacity(table.rows.len());
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
            let desc_cell = cols.cell(row, &["description"]).unwrap_or_default();
            let (description, todo) = Doc::from_inlines(desc_cell);
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
            let inherited = name_after(&text, "Inherited from ").map(|base| {
                let link = links_of(desc_cell).into_iter().find(|l| l.contains(".md"));
                (base, link)
            });
            rows.push(PropertyRow {
                line: row.line,
                wire,
                type_cell: cols.cell(row, &["type"]).map(TypeCell::read),
                description,
                nullable,
                inherited,
                possible: possible_values(desc_cell),
            });
        }
        Some(PropertyRows {
            rows,
            todos,
            first_line: table.rows.first().map(|r| r.line).unwrap_or(1),
        })
    }
}
