//! What an API page says on its own, read from the page alone on the
//! helper cores while the model merges (see `build`): its request body's
//! table and prose, its parameter tables, its `Response` section and its
//! first success response example. The merge (`api`, `request`) takes
//! these values and only resolves the types they name; they are the
//! per-page contributions an incremental model would keep (ARCHITECTURE.md,
//! "Speed").

use super::*;

/// What an API page says on its own: its description, permissions,
/// examples, request and response, with the diagnostics reading them gave.
/// Read on the helper cores while the pages before it are merged
/// (`build`), then taken by [`Builder::api_page`].
#[derive(Default)]
pub(super) struct ApiRead {
    pub(super) description: Doc,
    pub(super) permissions: Vec<Permission>,
    pub(super) examples: Vec<RawExample>,
    /// What it says of its request: body, query parameters, headers.
    pub(super) request: RequestRead,
    pub(super) response: ResponseRead,
    /// Its `ms.prod` (see [`page_area`]).
    pub(super) area: Option<String>,
    /// It has an `HTTP request` section with a code block; a page without
    /// one (docs written for ApiDoctor) documents its operations by
    /// example.
    pub(super) documented: bool,
    pub(super) diags: Diagnostics,
}

impl ApiRead {
    /// Reads a page whose request lines are `lines`; a page without any
    /// makes no operation, and nothing of it is read.
    pub(super) fn new(info: &PageInfo, lines: &[RequestLine]) -> Self {
        if lines.is_empty() {
            return ApiRead::default();
        }
        let mut diags = Diagnostics::default();
        ApiRead {
            description: page_description(info),
            permissions: Builder::permissions(info, &mut diags),
            examples: Builder::examples(info, &mut diags),
            request: RequestRead::new(info, &lines[0].method),
            response: ResponseRead::new(info),
            area: page_area(info),
            documented: info
                .section(&["http request"])
                .any(|(_, _, b)| matches!(b.kind, BlockKind::Code(_))),
            diags,
        }
    }
}

/// The table of a request's body: under `Request body`, or, for a POST
/// that has none there, under `Parameters` (an action's parameters). It is
/// read both ways with the page (see [`BodyTable`]), as it lists either
/// the body type's properties or the action's parameters.
fn body_table<'p>(info: &PageInfo<'p>, method: &str) -> Option<&'p Table> {
    info.first_table(&["request body"])
        .or_else(|| {
            (method == "POST")
                .then(|| {
                    info.blocks
                        .iter()
                        .find_map(|(section, _, b)| match &b.kind {
                            BlockKind::Table(t) if section == "parameters" => Some((t, b.line)),
                            _ => None,
                        })
                })
                .flatten()
        })
        .map(|(t, _)| t)
}

/// Whether a lowercased sentence of the Request body section says the
/// method takes no body ("Do not supply a request body").
fn says_no_body(text: &str) -> bool {
    let text = text.replace("don't", "do not");
    [
        "do not supply a request body",
        "not require a request body",
        "not require any request body",
        "no request body",
    ]
    .iter()
    .any(|phrase| text.contains(phrase))
}

/// What an API page's `Response` section and its first success response
/// example say, read from the page alone (`ApiRead`, on the second core);
/// [`Builder::response`] resolves the types they name.
#[derive(Default)]
pub(super) struct ResponseRead {
    pub(super) prose: Vec<ResponseSentence>,
    pub(super) annotation: Option<ResponseAnnotation>,
}

/// A paragraph of the `Response` section: the status code it names, its
/// first link when that is to a page of the docs, whether it speaks of a
/// collection ("collection", "list of"), the primitive it names, and
/// whether it speaks of a stream.
pub(super) struct ResponseSentence {
    pub(super) line: u32,
    pub(super) status: Option<u16>,
    pub(super) link: Option<(String, String)>,
    pub(super) collection: bool,
    pub(super) primitive: Option<(Primitive, bool)>,
    pub(super) stream: bool,
}

/// The first success response example's annotation: its line, the
/// example's status, whether its body is a collection (an object holding
/// only a `value` array and annotations), `isEmpty`, its `@odata.type` and
/// the member that holds a collection (see [`collection_member`]).
pub(super) struct ResponseAnnotation {
    pub(super) line: u32,
    pub(super) status: u16,
    pub(super) shape: Option<bool>,
    pub(super) empty: bool,
    pub(super) odata_type: Option<String>,
    pub(super) member: Option<String>,
}

impl ResponseRead {
    pub(super) fn new(info: &PageInfo) -> Self {
        let prose = info
            .first_paragraphs(&["response"])
            .into_iter()
            .map(|(p, line)| {
                let text = plain_text_of(p);
                let lower = text.to_ascii_lowercase();
                ResponseSentence {
                    line,
                    status: status_code(&text),
                    link: first_link(p).filter(|(target, _)| {
                        target.contains(".md") && !target.contains("/graph/")
                    }),
                    collection: lower.contains("collection") || lower.contains("list of"),
                    primitive: primitive_in_text(p),
                    stream: lower.contains("stream"),
                }
            })
            .collect();
        ResponseRead {
            prose,
            annotation: info
                .blocks
                .iter()
                .find_map(|(_, _, b)| success_annotation(b)),
        }
    }
}

/// A block's response annotation, when the block is an example of a
/// success response.
fn success_annotation(b: &Block) -> Option<ResponseAnnotation> {
    let CodeBlock {
        annotation: Some(a),
        http: Some(HttpMessage::Response(resp)),
        ..
    } = b.code()?
    else {
        return None;
    };
    if a.block_type() != Some("response") || a.bool("expectError") == Some(true) {
        return None;
    }
    if resp.status >= 400 {
        return None;
    }
    let shape = match resp.body.as_ref().and_then(|b| b.json()) {
        Some(Ok(serde_json::Value::Object(o))) => Some(
            matches!(o.get("value"), Some(serde_json::Value::Array(_)))
                && o.keys().all(|k| k == "value" || k.contains('@')),
        ),
        _ => None,
    };
    Some(ResponseAnnotation {
        line: a.line,
        status: resp.status,
        shape,
        empty: a.bool("isEmpty") == Some(true),
        odata_type: a.odata_type().map(str::to_string),
        member: collection_member(a),
    })
}

/// A paragraph of the `Request body` section, read from the page alone
/// (`ApiRead`): whether it speaks of JSON as a body does ("a JSON
/// representation", "supply a JSON ...", or JSON without parameters), and
/// in words; its first link; the word before "object", "resource" or
/// "entity" (see [`object_word`]); whether it speaks of bytes ("binary",
/// "stream"); and whether it says the method takes no body.
pub(super) struct BodySentence {
    pub(super) line: u32,
    pub(super) about_json: bool,
    pub(super) worded: bool,
    pub(super) link: Option<(String, String)>,
    pub(super) named: Option<String>,
    pub(super) bytes: bool,
    pub(super) no_body: bool,
}

/// The paragraphs of a page's `Request body` section (see
/// [`BodySentence`]).
fn body_sentences(info: &PageInfo) -> Vec<BodySentence> {
    info.paragraphs(&["request body"])
        .into_iter()
        .map(|(p, line)| {
            let text = plain_text_of(p).to_ascii_lowercase();
            let worded = text.contains("json representation") || text.contains("supply a json");
            BodySentence {
                line,
                about_json: worded || (text.contains("json") && !text.contains("parameter")),
                worded,
                link: first_link(p),
                named: object_word(&text),
                bytes: text.contains("binary") || text.contains("stream"),
                no_body: says_no_body(&text),
            }
        })
        .collect()
}

/// The word a lowercased sentence names a type by: the one before
/// "object", "resource" or "entity" (`... of the user object`, `... for a
/// user resource`).
fn object_word(text: &str) -> Option<String> {
    let words: Vec<&str> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '.'))
        .map(|w| w.trim_end_matches('.'))
        .filter(|w| !w.is_empty())
        .collect();
    let at = words
        .iter()
        .position(|w| *w == "object" || *w == "resource" || *w == "entity")?;
    Some(
        words
            .get(at.checked_sub(1)?)?
            .trim_end_matches('.')
            .to_string(),
    )
}

/// What an API page says of its request, read from the page alone
/// (`ApiRead`, on the second core); [`Builder::request_parts`] resolves
/// the types it names and decides what the body is.
#[derive(Default)]
pub(super) struct RequestRead {
    /// The paragraphs of the `Request body` section.
    pub(super) prose: Vec<BodySentence>,
    /// The body's table (see [`body_table`]).
    pub(super) table: Option<BodyTable>,
    /// The page says the request takes no body ("Do not supply a request
    /// body").
    pub(super) no_body: bool,
    /// The rows of the query parameters' table and the headers' table.
    pub(super) query: Vec<ParameterRow>,
    pub(super) headers: Vec<ParameterRow>,
}

/// A request body's table, read both ways it may be meant: as properties
/// of the body's type and as an action's parameters, with its names
/// lowercased (to tell which, see [`Builder::body_from_table`]).
pub(super) struct BodyTable {
    pub(super) properties: Option<PropertyRows>,
    pub(super) parameters: Vec<ParameterRow>,
    pub(super) names: Vec<String>,
}

impl RequestRead {
    /// Reads the request of a page whose first request line has `method`.
    pub(super) fn new(info: &PageInfo, method: &str) -> Self {
        let table = body_table(info, method).map(|table| {
            let cols = Columns::new(table);
            BodyTable {
                properties: PropertyRows::read(table),
                parameters: parameter_rows(table),
                names: table
                    .rows
                    .iter()
                    .filter_map(|row| cols.text(row, &["parameter", "name", "property"], 0))
                    .map(|n| {
                        n.trim()
                            .trim_matches(['`', '*'])
                            .trim()
                            .to_ascii_lowercase()
                    })
                    .filter(|n| !n.is_empty())
                    .collect(),
            }
        });
        let rows = |names: &[&str]| {
            info.first_table(names)
                .map(|(t, _)| parameter_rows(t))
                .unwrap_or_default()
        };
        let prose = body_sentences(info);
        RequestRead {
            no_body: prose.iter().any(|s| s.no_body),
            prose,
            table,
            query: rows(&[
                "optional query parameters",
                "query parameters",
                "function parameters",
                "parameters",
            ]),
            headers: rows(&["request headers", "optional request headers"]),
        }
    }
}

/// A parameter table's row, read from the page alone: the name, the type
/// cell, the description, and whether the parameter is required.
pub(super) struct ParameterRow {
    pub(super) line: u32,
    pub(super) wire: String,
    pub(super) type_cell: Option<TypeCell>,
    pub(super) description: Doc,
    pub(super) required: bool,
}

/// The rows of a parameter table that name a parameter.
fn parameter_rows(table: &Table) -> Vec<ParameterRow> {
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
        let desc = cols
            .cell(row, &["description", "value"])
            .map(|c| c.to_vec())
            .unwrap_or_default();
        let (description, _) = Doc::from_inlines(&desc);
        // A `Required` column says; else a sentence of the description
        // that is only "Required" ("Required.", "(Required)"). Other
        // sentences with the word are about other things or conditional
        // ("Required if ...", "required only for ..."), and a parameter
        // wrongly required breaks every call without it.
        let required = match cols.text(row, &["required"], usize::MAX) {
            Some(cell) => {
                let cell = cell.trim().to_ascii_lowercase();
                cell.starts_with("yes") || cell.starts_with("true")
            }
            None => description
                .plain()
                .split(['.', ';', '(', ')', ':'])
                .any(|s| s.trim().eq_ignore_ascii_case("required")),
        };
        out.push(ParameterRow {
            line: row.line,
            wire,
            type_cell: cols.cell(row, &["type"]).map(TypeCell::read),
            description,
            required,
        });
    }
    out
}
