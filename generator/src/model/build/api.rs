//! Step 3: API pages become operations; a path documented on several pages
//! is merged or split by one policy.

use super::*;

/// What every operation of an API page shares.
pub(super) struct PageParts {
    area: String,
    description: Doc,
    permissions: Vec<Permission>,
    response: Response,
    /// The body, query parameters and headers.
    request: (RequestBody, Vec<Parameter>, Vec<Parameter>),
}

/// What a draft shares with an operation already placed.
struct Shared<'p> {
    first_path: &'p PathTemplate,
    new_paths: &'p [PathTemplate],
    request: &'p RequestBody,
    response: &'p Response,
    may_widen: bool,
}

/// An operation a page describes, before it is placed in the model.
pub(super) struct Draft {
    method: String,
    /// The operation's title when it is not the page's: the name of the
    /// example that documents it.
    title: Option<String>,
    facet: Option<String>,
    paths: Vec<PathTemplate>,
    request: RequestBody,
    response: Response,
}

/// The order API pages are read in, which decides which page owns a path
/// several pages document: the first page read gives the operation its
/// title, description, area, request and response, and the others merge
/// into it (see [`Builder::api_page`]).
///
/// 1. Pattern pages (see [`Builder::is_pattern_page`]) last.
/// 2. A page about its own resource (its file name starts with a type's
///    name, after a namespace prefix: `user-post-users.md`,
///    `callrecords-session-get.md`) before pages about something else
///    that list the same path (`intune-devices-user-create.md`).
/// 3. Among those, the more general resource first: `message-get.md`
///    owns `GET /me/messages/{id}`, and `eventmessage-get.md`, about a
///    type derived from message, merges into it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct PageRank {
    pub(super) pattern: bool,
    pub(super) not_own: bool,
    depth: usize,
}

impl<'d> Builder<'d> {
    /// A page's rank, given whether it documents a shared pattern (see
    /// [`Builder::is_pattern_page`]).
    pub(super) fn page_rank(&self, info: &PageInfo, pattern: bool) -> PageRank {
        let subject = self.page_subject(info);
        PageRank {
            pattern,
            not_own: subject.is_none(),
            depth: subject.map_or(0, |key| self.model.ancestors(&key).len()),
        }
    }

    /// The type a page is about, by its file name: the first word of the
    /// name (after a namespace prefix) when a page declares a type by it.
    pub(super) fn page_subject(&self, info: &PageInfo) -> Option<String> {
        let stem = info.page.file.rsplit('/').next()?.strip_suffix(".md")?;
        let stem = stem.to_ascii_lowercase();
        let mut words = stem.split('-');
        let mut first = words.next()?;
        let prefixed_ns = self
            .namespaces
            .keys()
            .find(|k| k.as_str() != ROOT_NAMESPACE && k.rsplit('.').next() == Some(first))
            .cloned();
        let namespace = match prefixed_ns {
            Some(ns) => {
                first = words.next()?;
                ns
            }
            None => info.namespace.to_ascii_lowercase(),
        };
        let declared = self.declared.get(first)?;
        let ns = declared
            .iter()
            .find(|d| d.eq_ignore_ascii_case(&namespace))
            .or_else(|| declared.iter().next())?;
        Some(QualifiedName::new(ns.clone(), first).key())
    }

    /// The request lines of an API page: its `## HTTP request` blocks, or
    /// request lines with relative paths outside the examples.
    pub(super) fn request_lines(info: &PageInfo) -> Vec<RequestLine> {
        let mut lines = Vec::new();
        for (_, _, b) in info.section(&["http request"]) {
            if let Some(CodeBlock {
                http: Some(HttpMessage::Request(r)),
                ..
            }) = b.code()
            {
                lines.extend(r.lines.iter().cloned());
            }
        }
        if lines.is_empty() {
            // Some pages put the request block under another heading: take
            // request lines with relative paths outside the examples.
            for (h2, _, b) in &info.blocks {
                if let Some(CodeBlock {
                    http: Some(HttpMessage::Request(r)),
                    ..
                }) = b.code()
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
    pub(super) fn is_pattern_page(lines: &[RequestLine], paths: &[PathTemplate]) -> bool {
        let mut ends: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
        for (l, path) in lines.iter().zip(paths) {
            let shape = path.shape();
            let last = shape
                .rsplit('/')
                .find(|s| !s.is_empty() && *s != "{}")
                .map(|s| s.split('(').next().unwrap_or(s).to_string())
                .unwrap_or_default();
            ends.entry(l.method.as_str()).or_default().insert(last);
        }
        ends.values().any(|e| e.len() >= PATTERN_BREADTH)
    }

    /// Reads an API page, given its [`Builder::request_lines`] with the
    /// path of each: splits its paths into drafts of operations
    /// ([`Builder::drafts`]), places each ([`Builder::place`]), and returns
    /// its examples with the operation each belongs to.
    pub(super) fn api_page(
        &mut self,
        info: &PageInfo,
        lines: Vec<(RequestLine, PathTemplate)>,
        rank: PageRank,
        read: ApiRead,
    ) -> Vec<PendingExample> {
        let ApiRead {
            description,
            permissions,
            examples,
            request,
            response,
            area: page_area,
            documented,
            diags,
        } = read;
        self.diags.extend(diags);
        if lines.is_empty() {
            self.diags.unsupported(
                Code::ApiPageWithoutPaths,
                &info.at(1),
                "API page lists no request line under `## HTTP request`",
            );
            return Vec::new();
        }
        let response = self.response(info, response);
        let parts = PageParts {
            area: area(page_area, &lines[0].0.target),
            description,
            permissions,
            request: self.request_parts(info, &lines[0].0.method, &response, request),
            response,
        };
        // A request line with a query string (`GET /users?$expand=manager`)
        // whose path another page lists bare documents a query option of
        // that page's operation; the line is left to it.
        // Said at info level with both places, as it is a rule, not a fault.
        let mut own = Vec::with_capacity(lines.len());
        let mut borrowed: Vec<(String, PathTemplate)> = Vec::new();
        for (l, path) in lines {
            let Some(owner) = self.bare_elsewhere(info, &l, &path).cloned() else {
                own.push((l, path));
                continue;
            };
            let bare = l
                .target
                .split_once('?')
                .map_or(l.target.as_str(), |(p, _)| p);
            self.diags.related_info(
                Code::QueryOfAnotherOperation,
                &info.at(l.line),
                &owner,
                format!(
                    "`{} {}` is another page's `{} {bare}` with a query string; \
                     it is left to that page's operation, to which callers add the query",
                    l.method, l.target, l.method,
                ),
            );
            borrowed.push((l.method, path));
        }
        let lines = own;
        // A page with no HTTP request section (docs written for ApiDoctor)
        // documents its operations by example: each request with its own
        // response.
        let mut drafts = if documented || examples.iter().all(|e| e.error) {
            self.drafts(lines, &parts)
        } else {
            self.example_drafts(info, &examples, &parts)
        };
        media_type_variants(&mut drafts, &examples);
        let mut ops_on_page: Vec<(String, usize, Vec<PathTemplate>)> = Vec::new();
        for draft in drafts {
            let paths = draft.paths.clone();
            let method = draft.method.clone();
            let index = self.place(info, draft, &parts, rank);
            ops_on_page.push((method, index, paths));
        }
        let mut pending = Vec::new();
        for ex in examples {
            if ex.error {
                *self
                    .model
                    .unread
                    .entry("examples of a failure (not tests)".to_string())
                    .or_default() += 1;
                self.diags.info(
                    Code::ExampleShowsError,
                    &ex.request.source,
                    "example shows a failure (`expectError` or an error status); it is not a test of the success response",
                );
                continue;
            }
            let same_method = || {
                ops_on_page
                    .iter()
                    .filter(|(m, _, _)| *m == ex.request.method)
            };
            // The operation whose path the example's path fits; else the
            // page's first operation with its method.
            // The operation that owns the path the example's path fits
            // (this page's, or the page's that owns a shared or borrowed
            // path); else the page's first operation with its method.
            let fits = ops_on_page
                .iter()
                .flat_map(|(m, _, paths)| paths.iter().map(move |p| (m, p)))
                .chain(borrowed.iter().map(|(m, p)| (m, p)))
                .find(|(m, p)| **m == ex.request.method && p.matches(&ex.request.path))
                .map(|(m, p)| {
                    let fallback = same_method().next().map(|(_, i, _)| *i);
                    // Bytes of another media type go to that form of the
                    // operation, when the docs make one.
                    let plain = format!("{m} {}", p.shape());
                    let key = media_type_of(&ex.request)
                        .map(|ct| format!("{plain} {ct}"))
                        .filter(|k| self.op_index.contains_key(k))
                        .unwrap_or(plain);
                    ExampleTarget::Path(key, fallback)
                });
            let first = || {
                same_method()
                    .next()
                    .map(|(_, i, _)| ExampleTarget::Operation(*i))
            };
            match fits.or_else(first) {
                Some(target) => pending.push((target, ex, info.namespace.clone())),
                None => self.diags.warning(
                    Code::ExampleMethodUnmatched,
                    &ex.request.source,
                    format!("example uses `{}`, which the page's `## HTTP request` does not list; the example is not attached", ex.request.method),
                ),
            }
        }
        pending
    }

    /// The operations a page's request lines describe: one per method, with
    /// two kinds of path split off into operations of their own, because
    /// they answer differently from the page's resource:
    /// - a path to the raw bytes (ending in `/$value` or `/content`): a
    ///   download (GET) or an upload (PUT) of a stream;
    /// - a path to a property of the page's response type
    ///   (`/me/mailboxSettings/automaticRepliesSetting` beside
    ///   `/me/mailboxSettings`): an operation on that property's type.
    pub(super) fn drafts(
        &mut self,
        lines: Vec<(RequestLine, PathTemplate)>,
        parts: &PageParts,
    ) -> Vec<Draft> {
        let mut by_method: BTreeMap<String, Vec<PathTemplate>> = BTreeMap::new();
        for (l, path) in lines {
            let entry = by_method.entry(l.method).or_default();
            if !entry.iter().any(|p| p.shape() == path.shape()) {
                entry.push(path);
            }
        }
        let mut drafts = Vec::new();
        for (method, paths) in by_method {
            let lists = match (method.as_str(), &parts.response.body) {
                (
                    "GET",
                    ResponseBody::Single {
                        ty: TypeRef::Named(_),
                    },
                ) => collection_paths(&paths),
                _ => BTreeSet::new(),
            };
            let mut list = Vec::new();
            let mut main = Vec::new();
            let mut bytes = Vec::new();
            let mut references = Vec::new();
            let mut properties: BTreeMap<String, (Property, Vec<PathTemplate>)> = BTreeMap::new();
            for p in paths {
                let last = p.last_literal().to_ascii_lowercase();
                let to_bytes = last == "$value" || last == "content";
                if to_bytes && !matches!(parts.response.body, ResponseBody::Stream) {
                    bytes.push(p);
                    continue;
                }
                if last == "$ref" {
                    references.push(p);
                    continue;
                }
                if lists.contains(p.shape()) {
                    list.push(p);
                    continue;
                }
                match self.property_path(&p, &main, &parts.response.body) {
                    Some(prop) => {
                        let key = prop.wire_name.to_ascii_lowercase();
                        properties
                            .entry(key)
                            .or_insert((prop, Vec::new()))
                            .1
                            .push(p);
                    }
                    None => main.push(p),
                }
            }
            let (request, _, _) = &parts.request;
            if !main.is_empty() {
                drafts.push(Draft {
                    method: method.clone(),
                    title: None,
                    facet: None,
                    paths: main,
                    request: request.clone(),
                    response: parts.response.clone(),
                });
            }
            if let (false, ResponseBody::Single { ty }) = (list.is_empty(), &parts.response.body) {
                drafts.push(Draft {
                    method: method.clone(),
                    title: None,
                    facet: Some("list".to_string()),
                    paths: list,
                    request: RequestBody::None,
                    response: Response {
                        status: parts.response.status,
                        body: ResponseBody::Collection { ty: ty.clone() },
                    },
                });
            }
            if !bytes.is_empty() {
                let (request, response) = match method.as_str() {
                    "GET" => (
                        RequestBody::None,
                        Response {
                            status: 200,
                            body: ResponseBody::Stream,
                        },
                    ),
                    _ => (
                        RequestBody::Stream { content_type: None },
                        parts.response.clone(),
                    ),
                };
                drafts.push(Draft {
                    method: method.clone(),
                    title: None,
                    facet: Some("content".to_string()),
                    paths: bytes,
                    request,
                    response,
                });
            }
            if !references.is_empty() {
                // `$ref` paths send a reference (`POST`, `PUT`) or remove one
                // (`DELETE .../{id}/$ref`, the member's id in the path).
                let request = match method.as_str() {
                    "POST" | "PUT" => RequestBody::Reference,
                    _ => RequestBody::None,
                };
                let response = match method.as_str() {
                    "GET" => parts.response.clone(),
                    _ => Response {
                        status: 204,
                        body: ResponseBody::None,
                    },
                };
                drafts.push(Draft {
                    method: method.clone(),
                    title: None,
                    facet: Some("ref".to_string()),
                    paths: references,
                    request,
                    response,
                });
            }
            for (_, (prop, paths)) in properties {
                let body = if method == "GET" {
                    ResponseBody::of(prop.ty.clone(), prop.collection)
                } else {
                    parts.response.body.clone()
                };
                let request = match (&method[..], request) {
                    ("PATCH" | "PUT", RequestBody::Type { .. }) => RequestBody::Type {
                        ty: prop.ty.clone(),
                        collection: prop.collection,
                    },
                    (_, r) => r.clone(),
                };
                drafts.push(Draft {
                    method: method.clone(),
                    title: None,
                    facet: Some(prop.wire_name.clone()),
                    paths,
                    request,
                    response: Response {
                        status: parts.response.status,
                        body,
                    },
                });
            }
        }
        drafts
    }

    /// The operations of a page that documents them only by example: one
    /// per request (the same method and path shape is one operation), with
    /// the response its own response example's annotation and status line
    /// say, and for a request with a JSON body, the body type the page
    /// names, else the type the response returns (a create), else any JSON.
    fn example_drafts(
        &mut self,
        info: &PageInfo,
        examples: &[RawExample],
        parts: &PageParts,
    ) -> Vec<Draft> {
        let mut drafts: Vec<Draft> = Vec::new();
        for ex in examples.iter().filter(|e| !e.error) {
            let path = parse_path(&ex.request.path, ex.request.source.clone());
            let method = ex.request.method.clone();
            if drafts
                .iter()
                .any(|d| d.method == method && d.paths[0].shape() == path.shape())
            {
                continue;
            }
            let response = match &ex.response {
                Some((r, declared, collection)) => {
                    let body = match declared {
                        _ if r.body.is_none() => None,
                        Some(t) => self.annotated_body(
                            t,
                            collection.as_deref(),
                            &info.namespace,
                            &r.source,
                        ),
                        None => None,
                    };
                    Response {
                        status: r.status,
                        body: body.unwrap_or(ResponseBody::None),
                    }
                }
                None => parts.response.clone(),
            };
            let request = match (&ex.request.body, &parts.request.0) {
                (None, _) => RequestBody::None,
                (Some(_), RequestBody::None) => match response.body.named() {
                    Some(q) if method != "GET" => RequestBody::Type {
                        ty: TypeRef::Named(q.clone()),
                        collection: false,
                    },
                    _ => RequestBody::Type {
                        ty: TypeRef::Json,
                        collection: false,
                    },
                },
                (Some(_), documented) => documented.clone(),
            };
            drafts.push(Draft {
                method,
                title: ex.name.clone(),
                facet: None,
                paths: vec![path],
                request,
                response,
            });
        }
        drafts
    }

    /// The property a path addresses, when it is another of the page's
    /// paths plus one segment that names a property (not a relationship)
    /// of the response type.
    fn property_path(
        &self,
        path: &PathTemplate,
        others: &[PathTemplate],
        response: &ResponseBody,
    ) -> Option<Property> {
        let ty = response.named()?;
        let shape = path.shape();
        let (parent, last) = shape.rsplit_once('/')?;
        if !others.iter().any(|o| o.shape() == parent) {
            return None;
        }
        let def = self.model.get(ty)?;
        self.model
            .all_properties(def)
            .into_iter()
            .find(|p| !p.navigation && p.wire_name.eq_ignore_ascii_case(last))
            .filter(|p| matches!(p.ty, TypeRef::Named(_)) || p.collection)
            .cloned()
    }

    /// Places one draft: a new operation, or merged into the operation
    /// that already has one of its paths, by [`Builder::merge_policy`].
    /// Returns the operation's index.
    fn place(&mut self, info: &PageInfo, draft: Draft, parts: &PageParts, rank: PageRank) -> usize {
        let Draft {
            method,
            title,
            facet,
            paths,
            request,
            response,
        } = draft;
        // A form of an operation that sends another media type is an
        // operation of its own at the same paths.
        let media = match &request {
            RequestBody::Stream {
                content_type: Some(ct),
            } => format!(" {ct}"),
            _ => String::new(),
        };
        let key = |p: &PathTemplate| format!("{method} {}{media}", p.shape());
        let existing = paths
            .iter()
            .find_map(|p| self.op_index.get(&key(p)).copied());
        // Paths of this page that no operation has yet.
        let new_paths: Vec<PathTemplate> = paths
            .iter()
            .filter(|p| !self.op_index.contains_key(&key(p)))
            .cloned()
            .collect();
        let merged_into = existing.and_then(|i| {
            let shared = Shared {
                first_path: &paths[0],
                new_paths: &new_paths,
                request: &request,
                response: &response,
                may_widen: !rank.pattern && !rank.not_own,
            };
            self.merge_policy(info, i, &method, shared, parts)
        });
        let index = match merged_into {
            Some(i) => i,
            None => {
                let (_, query_parameters, headers) = &parts.request;
                self.model.operations.push(Operation {
                    title: title.unwrap_or_else(|| info.title.clone()),
                    facet,
                    namespace: info.namespace.clone(),
                    method: method.clone(),
                    paths: new_paths,
                    api_versions: BTreeSet::new(),
                    description: parts.description.clone(),
                    permissions: parts.permissions.clone(),
                    request,
                    response,
                    query_parameters: query_parameters.clone(),
                    headers: headers.clone(),
                    area: parts.area.clone(),
                    examples: Vec::new(),
                    sources: vec![info.at(1)],
                });
                self.model.operations.len() - 1
            }
        };
        for p in &self.model.operations[index].paths {
            self.op_index.entry(key(p)).or_insert(index);
        }
        index
    }

    /// Where another page lists a request line's path without a query
    /// string, when the line has one (`GET /me?$expand=manager` on a page
    /// about a manager, where the user's page lists `GET /me`): that page's
    /// operation takes the query, and the line is left to it.
    fn bare_elsewhere(
        &self,
        info: &PageInfo,
        line: &RequestLine,
        path: &PathTemplate,
    ) -> Option<&Location> {
        if !line.target.contains('?') {
            return None;
        }
        let key = format!("{} {}", line.method, path.shape());
        self.bare_paths
            .get(&key)?
            .iter()
            .find(|(file, _)| *file != info.page.file)
            .map(|(_, at)| at)
    }

    /// What to do with a draft one of whose paths an operation (`i`, from a
    /// page read earlier, which owns it: see [`PageRank`]) already has.
    ///
    /// Pages that agree on the response describe one operation (often once
    /// per derived type) and are merged: the owner keeps its title,
    /// description, area, request and response, fills a request it lacks,
    /// and takes real permissions where it had none. Pages that disagree,
    /// or that would widen the response to a common base while adding paths
    /// of their own, describe another operation that shares a path: only
    /// their new paths become an operation (`None`), so one shared path
    /// never chains unrelated operations together. Either way both pages are
    /// named in a diagnostic.
    ///
    /// Only a page about its own resource may widen the response to a
    /// common base: a pattern page or a page about another resource that
    /// lists the path (an extended-property page's `PATCH /me/messages/{id}`)
    /// does not change what the owner's operation returns.
    fn merge_policy(
        &mut self,
        info: &PageInfo,
        i: usize,
        method: &str,
        shared: Shared,
        parts: &PageParts,
    ) -> Option<usize> {
        let Shared {
            first_path,
            new_paths,
            request,
            response,
            may_widen,
        } = shared;
        let op = &self.model.operations[i];
        let first = op.sources[0].clone();
        let msg = format!(
            "`{method} {}` is also described on another page",
            first_path.raw
        );
        let merged = op.response.body.clone();
        let same =
            merged.same_as(&response.body) || self.agrees_by_ancestor(&merged, &response.body);
        let common = self.common_response(&merged, &response.body);
        let at = info.at(first_path.source.line);
        if same || (may_widen && common.is_some() && new_paths.is_empty()) {
            let op = &mut self.model.operations[i];
            op.sources.push(info.at(1));
            op.paths.extend(new_paths.iter().cloned());
            if op.permissions.iter().all(|p| p.scopes.is_empty())
                && parts.permissions.iter().any(|p| !p.scopes.is_empty())
            {
                op.permissions = parts.permissions.clone();
            }
            if matches!(op.request, RequestBody::None) && !matches!(request, RequestBody::None) {
                op.request = request.clone();
            }
            if let (false, Some(common)) = (same, common) {
                op.response.body = common;
            }
            self.diags.related_info(
                Code::OperationOnSeveralPages,
                &at,
                &first,
                format!("{msg}; merging (the page that owns the path wins for title, description, request and response)"),
            );
            return Some(i);
        }
        if common.is_some() {
            self.diags.related_info(
                Code::OperationOnSeveralPages,
                &at,
                &first,
                format!("{msg}, for a related type; that path stays with the first page, this page's other paths are an operation of their own"),
            );
        } else {
            self.diags.conflict(
                Code::OperationOnSeveralPages,
                &at,
                &first,
                format!("{msg} and the pages disagree on the response; that path keeps the first page's operation"),
            );
        }
        // Nothing of its own: the page's examples still belong to the
        // operation it describes.
        new_paths.is_empty().then_some(i)
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

/// The media type of an example request's bytes when they are neither JSON
/// nor empty and the method sends a body: a form of the operation other
/// than its JSON one (MIME content sent as `text/plain`).
/// The shapes of the `GET` paths of a page that address a collection
/// although the page answers with one object: a path written with a query
/// option only a collection takes (`/me/onlineMeetings?$filter=...`), and
/// a path another of the page's paths addresses an item of (`/me/photos`
/// beside `/me/photos/{size}`). They answer with a collection of the
/// page's type, an operation of their own.
fn collection_paths(paths: &[PathTemplate]) -> BTreeSet<String> {
    const COLLECTION_OPTIONS: &[&str] = &["$filter", "$top", "$skip", "$orderby", "$search"];
    let shapes: BTreeSet<&str> = paths.iter().map(PathTemplate::shape).collect();
    paths
        .iter()
        .filter(|p| {
            let query = p.raw.split_once('?').map_or("", |(_, q)| q);
            let option = query.split('&').any(|kv| {
                let key = kv.split('=').next().unwrap_or("").trim();
                COLLECTION_OPTIONS
                    .iter()
                    .any(|o| o.eq_ignore_ascii_case(key))
            });
            let shape = p.shape();
            let parent = shapes.contains(format!("{}/{{}}", shape.trim_end_matches('/')).as_str());
            (option || parent) && !shape.ends_with("{}") && !shape.ends_with(')')
        })
        .map(|p| p.shape().to_string())
        .collect()
}

fn media_type_of(request: &ExampleRequest) -> Option<&str> {
    let ct = request.content_type.as_deref()?;
    (request.method != "GET" && request.text.is_some() && !ct.contains("json")).then_some(ct)
}

/// A page whose examples send a path's bytes in a media type other than
/// JSON (`Content-type: text/plain` and a base64 MIME message beside the
/// JSON form of `POST /me/sendMail`) documents a second form of the
/// operation: an operation of its own at the same paths, facet named after
/// the media type (`plain text`), that sends bytes of that type and
/// answers as the JSON form does. A draft that already sends bytes needs no
/// second form.
fn media_type_variants(drafts: &mut Vec<Draft>, examples: &[RawExample]) {
    let mut variants: Vec<Draft> = Vec::new();
    for ex in examples.iter().filter(|e| !e.error) {
        let Some(ct) = media_type_of(&ex.request) else {
            continue;
        };
        let Some(main) = drafts.iter().find(|d| {
            d.facet.is_none()
                && d.method == ex.request.method
                && !matches!(d.request, RequestBody::Stream { .. })
                && d.paths.iter().any(|p| p.matches(&ex.request.path))
        }) else {
            continue;
        };
        if variants.iter().any(|v| {
            v.method == main.method
                && matches!(&v.request, RequestBody::Stream { content_type: Some(c) } if c == ct)
        }) {
            continue;
        }
        let (kind, sub) = ct.split_once('/').unwrap_or((ct, ""));
        variants.push(Draft {
            method: main.method.clone(),
            title: main.title.clone(),
            facet: Some(format!("{sub} {kind}").trim().to_string()),
            paths: main.paths.clone(),
            request: RequestBody::Stream {
                content_type: Some(ct.to_string()),
            },
            response: main.response.clone(),
        });
    }
    drafts.extend(variants);
}

/// The feature area: the page's `ms.prod` when it is real (`page_area`,
/// read with the page, see [`page_area`]), else the first path segment.
fn area(page_area: Option<String>, first_path: &str) -> String {
    if let Some(prod) = page_area {
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
