//! Step 3: API pages become operations; a path documented on several pages
//! is merged or split by one policy.

use super::*;

impl<'d> Builder<'d> {
    /// The request lines of an API page: its `## HTTP request` blocks, or
    /// request lines with relative paths outside the examples.
    pub(super) fn request_lines(info: &PageInfo) -> Vec<RequestLine> {
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
    pub(super) fn is_pattern_page(info: &PageInfo, lines: &[RequestLine]) -> bool {
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
    pub(super) fn api_page(
        &mut self,
        info: &PageInfo,
        lines: Vec<RequestLine>,
    ) -> Vec<PendingExample> {
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
    pub(super) fn area(&self, info: &PageInfo, first_path: &str) -> String {
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

    /// Whether `ancestor` is `key` or in its base chain.
    pub(super) fn is_ancestor(&self, key: &str, ancestor: &str) -> bool {
        self.model.is_ancestor(key, ancestor)
    }

    /// For one operation documented once per derived type: the nearest
    /// common base of the two response types.
    pub(super) fn common_response(
        &self,
        a: &ResponseBody,
        b: &ResponseBody,
    ) -> Option<ResponseBody> {
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

    pub(super) fn agrees_by_ancestor(&self, merged: &ResponseBody, page: &ResponseBody) -> bool {
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
}
