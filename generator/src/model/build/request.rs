//! The parts of an API page an operation is made of: permissions, request
//! body, query parameters, headers and the response.

use super::*;

impl<'d> Builder<'d> {
    pub(super) fn permissions(&mut self, info: &PageInfo) -> Vec<Permission> {
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

    pub(super) fn request_parts(
        &mut self,
        info: &PageInfo,
    ) -> (RequestBody, Vec<Parameter>, Vec<Parameter>) {
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

    pub(super) fn parameter_table(&mut self, info: &PageInfo, table: &Table) -> Vec<Parameter> {
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

    pub(super) fn response(&mut self, info: &PageInfo) -> Response {
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
}
