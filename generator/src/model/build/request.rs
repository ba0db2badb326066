//! The parts of an API page an operation is made of: permissions, request
//! body, query parameters, headers and the response.

use super::*;

impl<'d> Builder<'d> {
    /// The permissions table of an API page. It reads the page alone, so
    /// it runs on all cores before the pages are merged.
    pub(super) fn permissions(info: &PageInfo, diags: &mut Diagnostics) -> Vec<Permission> {
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
            diags.warning(
                Code::TodoPlaceholder,
                &info.at(line),
                "permissions are TODO placeholders; the operation documents no permissions",
            );
        }
        out
    }

    /// The request body, query parameters and headers of an API page whose
    /// first request line has `method` and whose response is `response`,
    /// from what the page says of them (see [`RequestRead`]).
    pub(super) fn request_parts(
        &mut self,
        info: &PageInfo,
        method: &str,
        response: &Response,
        read: RequestRead,
    ) -> (RequestBody, Vec<Parameter>, Vec<Parameter>) {
        let RequestRead {
            prose,
            table,
            no_body,
            query,
            headers,
        } = read;
        let mut body = self.body_from_prose(info, prose);
        let body_table = table.is_some();
        if let Some(table) = table {
            body = self.body_from_table(info, method, response, body, table);
        }
        // A POST that creates (`201 Created` with the created object) and
        // says nothing else of its body sends the object it creates; one
        // whose page says it takes no body ("Do not supply a request body",
        // "This method does not require a request body") sends none.
        if matches!(body, RequestBody::None) && !body_table && method == "POST" && !no_body {
            if let (
                201,
                ResponseBody::Single {
                    ty: ty @ TypeRef::Named(_),
                },
            ) = (response.status, &response.body)
            {
                body = RequestBody::Type {
                    ty: ty.clone(),
                    collection: false,
                };
            }
        }
        let query = self.parameter_table(info, query);
        let headers = self.parameter_table(info, headers);
        (body, query, headers)
    }

    /// The body the Request body prose names: a linked type (`a JSON
    /// representation of a [user](../resources/user.md) object`), a type
    /// named in words (`a JSON representation for the user object`), or
    /// bytes (`binary`, `stream`). Any sentence about JSON that links a
    /// type and speaks of no parameters names the body ("Provide a JSON
    /// body of an [openTypeExtension](...)").
    fn body_from_prose(&mut self, info: &PageInfo, sentences: Vec<BodySentence>) -> RequestBody {
        for BodySentence {
            line,
            about_json,
            worded,
            link,
            named,
            bytes,
            no_body: _,
        } in sentences
        {
            if about_json {
                if let Some((target, link_text)) = link {
                    if let Some((q, collection)) =
                        self.type_of_link(info, &target, &link_text, line)
                    {
                        self.ensure_type(&q, TypeKind::Complex, Evidence::Mention, &info.at(line));
                        return RequestBody::Type {
                            ty: TypeRef::Named(q),
                            collection,
                        };
                    }
                }
                if let Some(q) = named
                    .filter(|_| worded)
                    .and_then(|name| self.object_named_in(info, &name))
                {
                    return RequestBody::Type {
                        ty: TypeRef::Named(q),
                        collection: false,
                    };
                }
            } else if bytes {
                return RequestBody::Stream { content_type: None };
            }
        }
        RequestBody::None
    }

    /// A declared type named in words (see [`object_word`]): the type
    /// exists from here, though its page may be read later.
    fn object_named_in(&mut self, info: &PageInfo, name: &str) -> Option<QualifiedName> {
        if !self.declared.contains_key(name) {
            return None;
        }
        let q = self.resolve(None, name, None, &info.namespace);
        self.ensure_type(&q, TypeKind::Complex, Evidence::Mention, &info.at(1));
        Some(q)
    }

    /// What a body table says. With a type already named, the table lists
    /// properties of it. Otherwise the resource the page is about is the
    /// body when the page updates it (PATCH, PUT) or when the table lists
    /// its properties (a create page: "supply the values for relevant
    /// fields"); else the table is an action's parameters.
    fn body_from_table(
        &mut self,
        info: &PageInfo,
        method: &str,
        response: &Response,
        body: RequestBody,
        table: BodyTable,
    ) -> RequestBody {
        let BodyTable {
            properties: rows,
            parameters,
            names,
        } = table;
        if let RequestBody::Type {
            ty: TypeRef::Named(q),
            ..
        } = &body
        {
            let key = q.key();
            if let Some(rows) = rows {
                self.property_table(info, &key, rows, Evidence::ApiTable, false);
            }
            return body;
        }
        let resource = match response.body.named() {
            Some(q) if method != "GET" => Some(q.key()),
            _ => self.page_subject(info),
        };
        if let Some(key) = resource.filter(|k| self.model.types.contains_key(k)) {
            let updates = method == "PATCH" || method == "PUT";
            if updates || self.lists_properties_of(&names, &key) {
                let q = self.model.types[&key].name.clone();
                if let Some(rows) = rows {
                    self.property_table(info, &key, rows, Evidence::ApiTable, false);
                }
                return RequestBody::Type {
                    ty: TypeRef::Named(q),
                    collection: false,
                };
            }
        }
        let parameters = self.parameter_table(info, parameters);
        if parameters.is_empty() {
            body
        } else {
            RequestBody::Parameters { parameters }
        }
    }

    /// Whether most names of a table are properties of a type: its own,
    /// inherited, or of a type derived from it (a create in a collection of
    /// `conversationMember` sends an `aadUserConversationMember`'s `user`).
    fn lists_properties_of(&self, names: &[String], key: &str) -> bool {
        let Some(def) = self.model.types.get(key) else {
            return false;
        };
        if names.is_empty() {
            return false;
        }
        let mut known: BTreeSet<String> = self
            .model
            .all_properties(def)
            .iter()
            .map(|p| p.wire_name.to_ascii_lowercase())
            .collect();
        let majority = |known: &BTreeSet<String>| {
            names.iter().filter(|n| known.contains(*n)).count() * 2 > names.len()
        };
        // The derived types are looked for only when the type's own and
        // inherited properties are not enough: that takes a walk over
        // every type.
        if majority(&known) {
            return true;
        }
        // A type no type names as its base has no derived types: that is
        // told without building a key, and most types have none.
        if !self
            .model
            .types
            .values()
            .any(|t| t.base.as_ref().is_some_and(|b| b.has_key(key)))
        {
            return false;
        }
        for (derived_key, derived) in &self.model.types {
            if derived.base.is_some()
                && derived_key != key
                && self.model.is_ancestor(derived_key, key)
            {
                known.extend(
                    derived
                        .properties
                        .iter()
                        .map(|p| p.wire_name.to_ascii_lowercase()),
                );
            }
        }
        majority(&known)
    }

    /// A parameter table's rows (see [`parameter_rows`]), their types
    /// resolved.
    pub(super) fn parameter_table(
        &mut self,
        info: &PageInfo,
        rows: Vec<ParameterRow>,
    ) -> Vec<Parameter> {
        rows.into_iter()
            .map(
                |ParameterRow {
                     line,
                     wire,
                     type_cell,
                     description,
                     required,
                 }| {
                    let (ty, collection) = match type_cell {
                        Some(c) => self
                            .cell_type(info, &c, line)
                            .unwrap_or((TypeRef::Json, false)),
                        None => (TypeRef::Primitive(Primitive::String), false),
                    };
                    Parameter {
                        wire_name: wire,
                        ty,
                        collection,
                        required,
                        description,
                        source: info.at(line),
                    }
                },
            )
            .collect()
    }

    /// The success response, from two kinds of evidence: the prose under
    /// the Response heading (a status, a linked type, a primitive, "stream")
    /// and the first success response example's annotation (`@odata.type`,
    /// `isCollection`, `isEmpty`) and status line. See
    /// [`Builder::combine_response`] for which wins.
    pub(super) fn response(&mut self, info: &PageInfo, read: ResponseRead) -> Response {
        let ResponseRead { prose, annotation } = read;
        let prose = self.response_prose(info, prose);
        let annotated = self.response_annotation(info, annotation);
        self.combine_response(info, prose, annotated)
    }

    fn response_prose(
        &mut self,
        info: &PageInfo,
        sentences: Vec<ResponseSentence>,
    ) -> ResponseEvidence {
        let mut found = ResponseEvidence::default();
        for ResponseSentence {
            line,
            status,
            link,
            collection,
            primitive,
            stream,
        } in sentences
        {
            // Once the status and the body are found, no paragraph changes
            // what was found.
            if found.status.is_some() && found.body.is_some() {
                break;
            }
            if found.status.is_none() {
                found.status = status;
            }
            if found.line == 0 {
                found.line = line;
            }
            if found.body.is_some() {
                continue;
            }
            if let Some((target, link_text)) = link {
                if let Some((q, _)) = self.type_of_link(info, &target, &link_text, line) {
                    self.ensure_type(&q, TypeKind::Complex, Evidence::Mention, &info.at(line));
                    found.body = Some(ResponseBody::of(TypeRef::Named(q), collection));
                    found.line = line;
                }
                continue;
            }
            if let Some((p, collection)) = primitive {
                found.body = Some(ResponseBody::of(TypeRef::Primitive(p), collection));
                found.line = line;
            } else if stream {
                found.body = Some(ResponseBody::Stream);
                found.line = line;
            }
        }
        found
    }

    /// What the first success response example's annotation says.
    fn response_annotation(
        &mut self,
        info: &PageInfo,
        annotation: Option<ResponseAnnotation>,
    ) -> ResponseEvidence {
        let mut found = ResponseEvidence::default();
        let Some(ResponseAnnotation {
            line,
            status,
            shape,
            empty,
            odata_type,
            member,
        }) = annotation
        else {
            return found;
        };
        found.status = Some(status);
        found.line = line;
        found.shape = shape;
        if empty {
            found.body = Some(ResponseBody::None);
        } else if let Some(t) = odata_type {
            found.body =
                self.annotated_body(&t, member.as_deref(), &info.namespace, &info.at(line));
        }
        found
    }

    /// The body an annotation's `"@odata.type"` names: `Collection(x)` or
    /// `isCollection` a collection, an Edm or plain primitive (`String`,
    /// `Edm.Int32`) that primitive, `stream` and reports (`microsoft.graph.
    /// report`, which Graph answers with a redirect to a CSV file) a stream.
    /// `collection` is the member that holds a collection (`value`, or the
    /// annotation's `collectionProperty`); see [`Builder::collection_in`].
    pub(super) fn annotated_body(
        &mut self,
        odata_type: &str,
        collection: Option<&str>,
        page_ns: &str,
        at: &Location,
    ) -> Option<ResponseBody> {
        let v = odata_type.trim().trim_start_matches('#');
        let (inner, collection) = match v
            .get(..11)
            .filter(|p| p.eq_ignore_ascii_case("collection("))
            .and_then(|_| v[11..].strip_suffix(')'))
        {
            Some(inner) => (inner, Some(collection.unwrap_or("value"))),
            None => (v, collection),
        };
        if inner.eq_ignore_ascii_case("stream")
            || inner.eq_ignore_ascii_case("edm.stream")
            || inner.eq_ignore_ascii_case("microsoft.graph.report")
        {
            return Some(ResponseBody::Stream);
        }
        let element = match Primitive::from_name(inner) {
            Some(p) if inner.contains('.') == inner.to_ascii_lowercase().starts_with("edm.") => {
                TypeRef::Primitive(p)
            }
            _ => TypeRef::Named(self.resolve_odata_type(inner, page_ns)?),
        };
        Some(match collection {
            None => ResponseBody::of(element, false),
            Some("value") => ResponseBody::of(element, true),
            Some(member) => {
                let wrapper = self.collection_in(element, member, page_ns, at);
                ResponseBody::of(TypeRef::Named(wrapper), false)
            }
        })
    }

    /// The object a collection comes in when an annotation's
    /// `collectionProperty` names a member other than `value`: a complex
    /// type (`driveItemItemsCollection`) with that one member. The rest of
    /// the model and the emitted code then need nothing special for it.
    fn collection_in(
        &mut self,
        element: TypeRef,
        member: &str,
        page_ns: &str,
        at: &Location,
    ) -> QualifiedName {
        let element_name = match &element {
            TypeRef::Named(q) => q.name.clone(),
            TypeRef::Primitive(p) => format!("{p:?}"),
            TypeRef::Json => "json".to_string(),
        };
        let mut member_word: Vec<char> = member.chars().collect();
        if let Some(c) = member_word.first_mut() {
            *c = c.to_ascii_uppercase();
        }
        let name = QualifiedName::new(
            page_ns,
            format!(
                "{element_name}{}Collection",
                member_word.into_iter().collect::<String>()
            ),
        );
        let key = self.ensure_type(&name, TypeKind::Complex, Evidence::ResourcePage, at);
        let description = Doc {
            spans: vec![
                Span::Text("A collection of ".to_string()),
                Span::Code(element_name.clone()),
                Span::Text(" in the member ".to_string()),
                Span::Code(member.to_string()),
                Span::Text(".".to_string()),
            ],
        };
        if let Some(t) = self.model.types.get_mut(&key) {
            if t.description.is_empty() {
                t.description = description.clone();
            }
        }
        self.add_property(
            &key,
            Property {
                wire_name: member.to_string(),
                ty: element,
                collection: true,
                nullable: None,
                navigation: false,
                description,
                evidence: Evidence::ResourcePage,
                source: at.clone(),
                one_of: Vec::new(),
                optional: None,
            },
            false,
        );
        name
    }

    /// The response from prose and annotation. A redirect (`302 Found`) is
    /// a download of the bytes it points to. The prose names the
    /// operation's type; an annotation describes one example, which may show
    /// a derived type, so a type derived from the prose's agrees with it.
    /// Where the prose names no body, the annotation's is taken; where the
    /// two name unrelated types, the prose wins and both places are named.
    fn combine_response(
        &mut self,
        info: &PageInfo,
        prose: ResponseEvidence,
        annotated: ResponseEvidence,
    ) -> Response {
        let status = prose.status.or(annotated.status).unwrap_or(200);
        let body = match (prose.body, annotated.body) {
            (None, None) => ResponseBody::None,
            (Some(p), None) => p,
            (None, Some(a)) => {
                if let Some(t) = a.named() {
                    self.ensure_type(
                        t,
                        TypeKind::Complex,
                        Evidence::Mention,
                        &info.at(annotated.line),
                    );
                }
                a
            }
            (Some(p), Some(a)) => match (p.parts(), a.parts()) {
                (Some((pt, pc)), Some((at, ac))) => {
                    let ty = self.response_type(info, prose.line, annotated.line, pt, at);
                    // Whether it is a collection: where prose and annotation
                    // disagree, the example's shape (a `value` array) decides.
                    let collection = if pc == ac {
                        pc
                    } else {
                        let decided = annotated.shape.unwrap_or(ac);
                        self.diags.conflict(
                            Code::ResponseEvidenceDisagrees,
                            &info.at(annotated.line),
                            &info.at(prose.line),
                            format!(
                                "the Response section says {} but the response example's annotation says {}; following the example, which {}",
                                p.describe(),
                                a.describe(),
                                if decided { "is a collection" } else { "is one object" }
                            ),
                        );
                        decided
                    };
                    ResponseBody::of(ty, collection)
                }
                _ => p,
            },
        };
        // An example whose body is a `value` array (and annotations) shows a
        // collection, whatever the prose says: `value` is never a property.
        let body = match (&body, annotated.shape) {
            (
                ResponseBody::Single {
                    ty: ty @ TypeRef::Named(_),
                },
                Some(true),
            ) => {
                self.diags.conflict(
                    Code::ResponseEvidenceDisagrees,
                    &info.at(annotated.line),
                    &info.at(prose.line.max(1)),
                    format!(
                        "the response example is a collection (a `value` array) but the page says {}; reading a collection",
                        body.describe()
                    ),
                );
                ResponseBody::of(ty.clone(), true)
            }
            _ => body,
        };
        let body = match status {
            204 => ResponseBody::None,
            301 | 302 | 303 | 307 => ResponseBody::Stream,
            _ => body,
        };
        Response { status, body }
    }
}

/// One kind of evidence for a response: a status, a body, and the line
/// that says so; for an example, whether its body is a collection (an
/// object holding only a `value` array).
#[derive(Default)]
struct ResponseEvidence {
    status: Option<u16>,
    body: Option<ResponseBody>,
    line: u32,
    shape: Option<bool>,
}

impl<'d> Builder<'d> {
    /// The response type when prose and annotation both name one. Types of
    /// one family agree, and the more general one is the operation's (a
    /// base-typed response still reads every derived object). Unrelated
    /// types are a contradiction of the docs: the prose wins.
    fn response_type(
        &mut self,
        info: &PageInfo,
        prose_line: u32,
        annotated_line: u32,
        pt: &TypeRef,
        at: &TypeRef,
    ) -> TypeRef {
        match (pt, at) {
            (TypeRef::Named(p), TypeRef::Named(a)) if p.key() != a.key() => {
                if self.is_ancestor(&a.key(), &p.key()) {
                    return pt.clone();
                }
                if self.is_ancestor(&p.key(), &a.key()) {
                    return at.clone();
                }
            }
            _ if pt.same_as(at) => return pt.clone(),
            _ => {}
        }
        self.diags.conflict(
            Code::ResponseEvidenceDisagrees,
            &info.at(annotated_line),
            &info.at(prose_line),
            format!(
                "the response example's annotation names {} but the Response section names {}; following the Response section",
                describe(at, false),
                describe(pt, false)
            ),
        );
        pt.clone()
    }
}
