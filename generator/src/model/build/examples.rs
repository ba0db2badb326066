//! Step 4: example requests and responses, read from API pages and attached
//! to their operation, and the checks that need every type known.

use super::*;

impl<'d> Builder<'d> {
    /// Request/response example pairs on an API page. It reads the page
    /// alone, so it runs on all cores before the pages are merged.
    pub(super) fn examples(info: &PageInfo, diags: &mut Diagnostics) -> Vec<RawExample> {
        let mut out: Vec<RawExample> = Vec::new();
        for (section, _, b) in &info.blocks {
            // Annotated requests and responses are examples wherever they
            // are (pages put a named example request under `HTTP request`
            // and its response under `Response`); `ignored` blocks (which
            // the docs' validator skips) only in an example section.
            let in_examples = section.starts_with("example");
            let BlockKind::Code(code) = &b.kind else {
                continue;
            };
            let unannotated = Annotation::default();
            let a = match &code.annotation {
                Some(a) => a,
                // A request the docs did not annotate, in an example
                // section: an example when an annotated response pairs
                // with it (see the end).
                None if in_examples
                    && matches!(&code.http, Some(HttpMessage::Request(r)) if r.lines.len() == 1) =>
                {
                    &unannotated
                }
                None => continue,
            };
            if a.block_type() == Some("ignored") && !in_examples {
                continue;
            }
            // The block's first line says what it holds; an annotation that
            // says otherwise is a slip of the docs.
            let block_type = match (a.block_type(), &code.http) {
                (None, _) => Some("request"),
                (Some(said @ ("request" | "response")), Some(m)) => {
                    let holds = match m {
                        HttpMessage::Request(_) => "request",
                        HttpMessage::Response(_) => "response",
                        HttpMessage::Unrecognized => said,
                    };
                    if holds != said {
                        diags.info(
                            Code::ExampleAnnotationDisagrees,
                            &info.at(code.content_line),
                            format!("example annotated as a {said} holds a {holds}; read as the {holds}"),
                        );
                    }
                    Some(holds)
                }
                (t, _) => t,
            };
            match (block_type, &code.http) {
                (Some("request" | "ignored"), Some(HttpMessage::Request(r))) => {
                    // Under `HTTP request`, a block that lists the paths is
                    // not an example; one request there is, when a
                    // response pairs with it (see the end).
                    let Some(line) = r.lines.first() else {
                        continue;
                    };
                    if section == "http request" && r.lines.len() > 1 {
                        continue;
                    }
                    let (path, version) = strip_base(&line.target);
                    let (path, query) = match path.split_once('?') {
                        Some((p, q)) => (keys_as_segments(p), Some(q.to_string())),
                        None => (keys_as_segments(path), None),
                    };
                    let json = r.body.as_ref().and_then(|b| b.json_owned());
                    let text = r
                        .body
                        .as_ref()
                        .filter(|b| !matches!(json, Some(Ok(_))) && !b.text.trim().is_empty())
                        .map(|b| b.text.clone());
                    let body = Self::body_json(info, r.body.as_ref(), json, "request", diags);
                    out.push(RawExample {
                        name: a.str("name").map(str::to_string),
                        error: false,
                        needs_response: section == "http request" || code.annotation.is_none(),
                        request: ExampleRequest {
                            source: info.at(line.line),
                            method: line.method.clone(),
                            path,
                            query,
                            version,
                            body,
                            text,
                            content_type: r
                                .headers
                                .iter()
                                .find(|(k, _)| k.eq_ignore_ascii_case("content-type"))
                                .map(|(_, v)| {
                                    v.split(';').next().unwrap_or(v).trim().to_ascii_lowercase()
                                }),
                            sample: None,
                            misfit: None,
                        },
                        scopes: a
                            .str("scopes")
                            .map(|s| s.split_whitespace().map(str::to_string).collect())
                            .unwrap_or_default(),
                        response: None,
                    });
                }
                (Some("response" | "ignored"), Some(HttpMessage::Response(r))) => {
                    let json = r.body.as_ref().and_then(|b| b.json_owned());
                    let body = Self::body_json(info, r.body.as_ref(), json, "response", diags);
                    let response = ExampleResponse {
                        source: info.at(r.line),
                        status: r.status,
                        truncated: a.bool("truncated").unwrap_or(false),
                        body,
                        annotated: None,
                        sample: None,
                        misfit: None,
                    };
                    let declared = a.odata_type().map(str::to_string);
                    let collection = collection_member(a);
                    let error = a.bool("expectError") == Some(true) || r.status >= 400;
                    // A response pairs with the requests of its `name` (one
                    // name or several), else with the request before it.
                    let names = a.strings("name");
                    let mut targets: Vec<usize> = (0..out.len())
                        .filter(|&i| {
                            out[i].response.is_none()
                                && !out[i].error
                                && out[i].name.as_ref().is_some_and(|n| names.contains(n))
                        })
                        .collect();
                    if targets.is_empty() {
                        targets.extend(
                            out.iter()
                                .rposition(|ex| ex.response.is_none() && !ex.error)
                                .filter(|&i| i + 1 == out.len()),
                        );
                    }
                    if targets.is_empty() {
                        // Further `ignored` responses show what follows (a
                        // redirect's target).
                        if a.block_type() != Some("ignored") {
                            diags.warning(
                                Code::ResponseWithoutRequest,
                                &info.at(r.line),
                                "example response has no example request before it",
                            );
                        }
                        continue;
                    }
                    // The last request takes the response; the others, if
                    // the response names several, a copy.
                    let mut paired = Some((response, declared, collection));
                    let last = targets.len() - 1;
                    for (n, i) in targets.into_iter().enumerate() {
                        if error {
                            out[i].error = true;
                        } else if n == last {
                            out[i].response = paired.take();
                        } else {
                            out[i].response = paired.clone();
                        }
                    }
                }
                (Some("request" | "response"), _) => diags.unsupported(
                    Code::ExampleNotHttp,
                    &info.at(code.content_line),
                    "annotated example is not an HTTP message",
                ),
                _ => {}
            }
        }
        out.retain(|ex| !ex.needs_response || ex.response.is_some() || ex.error);
        out
    }

    /// An example message's JSON body (see [`crate::parse::Body::json_owned`]);
    /// one that is not JSON is reported where it fails to parse.
    fn body_json(
        info: &PageInfo,
        body: Option<&crate::parse::Body>,
        json: Option<Result<serde_json::Value, crate::parse::JsonError>>,
        what: &str,
        diags: &mut Diagnostics,
    ) -> Option<serde_json::Value> {
        match (body?, json?) {
            (_, Ok(v)) => Some(v),
            (body, Err(e)) => {
                diags.warning(
                    Code::InvalidJson,
                    &info.json_error_at(body.line, &e),
                    format!("{what} body is not valid JSON: {e}"),
                );
                None
            }
        }
    }

    /// Attaches an example read with its page (see [`Builder::api_page`])
    /// once every page is read: to the operation its page found for it,
    /// or the operation that owns its path.
    pub(super) fn attach_pending(
        &mut self,
        target: ExampleTarget,
        example: RawExample,
        page_ns: String,
    ) {
        let op = match target {
            ExampleTarget::Operation(i) => Some(i),
            ExampleTarget::Path(key, fallback) => self.op_index.get(&key).copied().or(fallback),
        };
        // An example of a type cast (`.../members/microsoft.graph.user`) or
        // a count (`.../members/$count`) goes to the operation of that cast
        // or count.
        let op = op.map(|i| {
            self.count_operation(i, &example.request.path, &page_ns)
                .or_else(|| self.cast_operation(i, &example.request.path, &page_ns))
                .unwrap_or(i)
        });
        match op {
            Some(op) => self.attach_example(op, example, &page_ns),
            None => self.diags.warning(
                Code::ExampleMethodUnmatched,
                &example.request.source,
                format!(
                    "example `{} {}` is of a path another page lists, which made no operation of it; the example is not attached",
                    example.request.method, example.request.path
                ),
            ),
        }
    }

    pub(super) fn attach_example(&mut self, op_index: usize, raw: RawExample, page_ns: &str) {
        self.example_scopes(op_index, &raw);
        self.create_sends_object(op_index, &raw, page_ns);
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
            self.apply_object(&key, obj, &raw.request.source, page_ns, Evidence::Example);
        }
        let mut response = None;
        if let Some((resp, declared, collection)) = raw.response {
            // The response's type: the operation's, else the annotation's.
            let mut body_kind = self.model.operations[op_index].response.body.clone();
            if matches!(body_kind, ResponseBody::None) && resp.body.is_some() {
                if let Some(body) = declared.as_deref().and_then(|d| {
                    self.annotated_body(d, collection.as_deref(), page_ns, &resp.source)
                }) {
                    if let Some(q) = body.named() {
                        let q = q.clone();
                        self.ensure_type(&q, TypeKind::Complex, Evidence::Mention, &resp.source);
                    }
                    body_kind = body;
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
                    self.apply_object(&key, obj, &resp.source, page_ns, Evidence::Example);
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
                                self.apply_object(
                                    &key,
                                    o,
                                    &resp.source,
                                    page_ns,
                                    Evidence::Example,
                                );
                            }
                        }
                    }
                }
                _ => {}
            }
            let derived = |q: &QualifiedName| {
                annotated
                    .clone()
                    .filter(|a| a.key() != q.key() && self.model.is_ancestor(&a.key(), &q.key()))
            };
            response = Some(ExampleResponse {
                annotated: body_kind.named().and_then(derived),
                ..resp
            });
        }
        self.model.operations[op_index].examples.push(Example {
            name: raw.name,
            request: raw.request,
            response,
        });
    }

    /// The scopes a request annotation says the call needs: the
    /// operation's permissions where its page documents none; where it does,
    /// a scope its table does not list is reported with both places.
    /// A create (`POST` answering `201 Created` with an object) whose table
    /// was read as an action's parameters, but whose example sends an
    /// object that names with `@odata.type` the created type or a type
    /// derived from it: the body is an object of the created type (an
    /// action's parameters have no type; `POST .../members` with `roles`
    /// and a `user@odata.bind` adds an `aadUserConversationMember`).
    fn create_sends_object(&mut self, op_index: usize, raw: &RawExample, page_ns: &str) {
        let op = &self.model.operations[op_index];
        let (
            "POST",
            RequestBody::Parameters { .. },
            201,
            ResponseBody::Single {
                ty: TypeRef::Named(created),
            },
        ) = (
            op.method.as_str(),
            &op.request,
            op.response.status,
            &op.response.body,
        )
        else {
            return;
        };
        let created = created.clone();
        let sent = match &raw.request.body {
            Some(serde_json::Value::Object(obj)) => obj.get("@odata.type").and_then(|t| t.as_str()),
            _ => None,
        };
        let Some(sent) = sent.and_then(|t| self.resolve_odata_type(t, page_ns)) else {
            return;
        };
        if !self.model.is_ancestor(&sent.key(), &created.key()) {
            return;
        }
        let at = self.model.operations[op_index].sources[0].clone();
        self.diags.related_info(
            Code::CreateSendsObject,
            &raw.request.source,
            &at,
            format!(
                "the example sends a `{}` object to a create of `{}`, whose table was read as parameters; the body is a `{}`",
                sent.full(),
                created.full(),
                created.full()
            ),
        );
        self.model.operations[op_index].request = RequestBody::Type {
            ty: TypeRef::Named(created),
            collection: false,
        };
    }

    fn example_scopes(&mut self, op_index: usize, raw: &RawExample) {
        if raw.scopes.is_empty() {
            return;
        }
        let op = &mut self.model.operations[op_index];
        let listed: BTreeSet<String> = op
            .permissions
            .iter()
            .flat_map(|p| p.scopes.iter().map(|s| s.to_ascii_lowercase()))
            .collect();
        if listed.is_empty() {
            op.permissions.retain(|p| !p.scopes.is_empty());
            if !op.permissions.iter().any(|p| p.scopes == raw.scopes) {
                op.permissions.push(Permission {
                    kind: "Scopes (from the example's annotation)".to_string(),
                    scopes: raw.scopes.clone(),
                    supported: true,
                });
            }
            return;
        }
        let unlisted: Vec<&str> = raw
            .scopes
            .iter()
            .filter(|s| !listed.contains(&s.to_ascii_lowercase()))
            .map(String::as_str)
            .collect();
        if !unlisted.is_empty() {
            let at = op.sources[0].clone();
            self.diags.related_info(
                Code::ScopesUnlisted,
                &raw.request.source,
                &at,
                format!(
                    "the example's annotation needs the scopes {}, which the permissions table does not list",
                    unlisted.join(", ")
                ),
            );
        }
    }

    /// Reports a response example whose `@odata.type` names neither the
    /// declared response type nor a type derived from it.
    pub(super) fn note_odata_type(
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

    pub(super) fn check_odata_type(
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
    pub(super) fn check_unlisted_properties(&mut self) {
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

    /// For an example whose path is one of an operation's collection paths
    /// (or a cast of one) followed by `/$count`: the operation that counts
    /// that collection, made the first time (the bare number OData answers
    /// with). `None` when the path is not such a count.
    pub(super) fn count_operation(
        &mut self,
        op: usize,
        path: &str,
        page_ns: &str,
    ) -> Option<usize> {
        let parent = path.trim_end_matches('/').strip_suffix("/$count")?;
        let collection = self.cast_operation(op, parent, page_ns).unwrap_or(op);
        let base = &self.model.operations[collection];
        if !matches!(base.response.body, ResponseBody::Collection { .. })
            || !base.paths.iter().any(|p| p.matches(parent))
        {
            return None;
        }
        let facet = match &base.facet {
            Some(f) => format!("{f} count"),
            None => "count".to_string(),
        };
        let response = Response {
            status: 200,
            body: ResponseBody::Count,
        };
        Some(self.derived_operation(collection, "$count", facet, response))
    }

    /// The operation at `base`'s paths with one more segment (a cast, or
    /// `$count`), answering `response`: the one already made, else a new
    /// one like `base` with its own facet and no examples yet.
    fn derived_operation(
        &mut self,
        base: usize,
        segment: &str,
        facet: String,
        response: Response,
    ) -> usize {
        let base = &self.model.operations[base];
        let paths: Vec<PathTemplate> = base
            .paths
            .iter()
            .map(|p| {
                let bare = p.raw.split('?').next().unwrap_or(&p.raw);
                let raw = format!("{}/{segment}", bare.trim_end_matches('/'));
                parse_path(&raw, p.source.clone())
            })
            .collect();
        let key = format!("{} {}", base.method, paths[0].shape());
        if let Some(&existing) = self.op_index.get(&key) {
            return existing;
        }
        let mut op = base.clone();
        op.facet = Some(facet);
        op.paths = paths;
        op.examples = Vec::new();
        op.response = response;
        let method = op.method.clone();
        self.model.operations.push(op);
        let index = self.model.operations.len() - 1;
        for p in &self.model.operations[index].paths {
            self.op_index
                .entry(format!("{method} {}", p.shape()))
                .or_insert(index);
        }
        index
    }

    /// For an example whose path is one of an operation's collection paths
    /// followed by a type cast (`/groups/{id}/members/microsoft.graph.user`,
    /// OData's way to ask for the members of one derived type): the
    /// operation of that cast, made the first time (a collection of the
    /// derived type, at the operation's paths with the cast appended).
    /// `None` when the path is not such a cast.
    pub(super) fn cast_operation(&mut self, op: usize, path: &str, page_ns: &str) -> Option<usize> {
        let base = &self.model.operations[op];
        if base.paths.iter().any(|p| p.matches(path)) {
            return None;
        }
        let ResponseBody::Collection {
            ty: TypeRef::Named(item),
        } = &base.response.body
        else {
            return None;
        };
        let item = item.clone();
        let (parent, cast) = path.trim_end_matches('/').rsplit_once('/')?;
        if !cast.contains('.') || !base.paths.iter().any(|p| p.matches(parent)) {
            return None;
        }
        let derived = self.resolve_odata_type(cast, page_ns)?;
        let base = &self.model.operations[op];
        if !self.model.types.contains_key(&derived.key())
            || !self.model.is_ancestor(&derived.key(), &item.key())
        {
            return None;
        }
        let derived = self.model.types[&derived.key()].name.clone();
        let response = Response {
            status: base.response.status,
            body: ResponseBody::Collection {
                ty: TypeRef::Named(derived.clone()),
            },
        };
        Some(self.derived_operation(op, &derived.full(), derived.name.clone(), response))
    }
}
