//! Which documented examples become tests of the generated crate, under
//! which names, through which endpoint function; each example that gets no
//! test is reported at its line with the reason.

use super::endpoints::EndpointFn;
use super::paths::{reached, PathModule};
use crate::diag::{Code, Diagnostics};
use crate::model::{Example, Model, Operation, RequestBody, ResponseBody};
use crate::names;

/// What the generated tests cover, for the summary.
#[derive(Debug, Default, Clone, Copy)]
pub struct ExampleCounts {
    pub examples: usize,
    pub tested: usize,
    pub skipped: usize,
}

/// The test of one documented example.
#[derive(Hash, Debug, Clone)]
pub struct ExampleTest {
    /// Indexes into the model's operations and that operation's examples.
    pub op: usize,
    pub example: usize,
    /// The endpoint function (index into the plan's) whose path the
    /// example's path fits.
    pub endpoint: usize,
    pub name: String,
    /// The path parameters' values, as the example writes them in its URL.
    pub values: Vec<String>,
    pub request: TestRequest,
    /// The example's query, without empty options.
    pub query: Option<String>,
    /// Whether the documented response body is read into the response type
    /// (not when there is none, or when a `204` shows one).
    pub check_response: bool,
}

/// How the test builds the request's body.
#[derive(Hash, Debug, Clone, PartialEq, Eq)]
pub enum TestRequest {
    /// No body.
    None,
    /// The example's JSON, read into the operation's body type.
    Json,
    /// Bytes, sent as written.
    Bytes(String),
    /// An action whose parameters are all optional, called without a body:
    /// the default body, sent as `{}`.
    EmptyObject,
}

/// Plans a test per documented example that can have one, in the order of
/// the operations and their examples.
pub fn plan(
    model: &Model,
    endpoints: &[EndpointFn],
    paths: &[PathModule],
    diags: &mut Diagnostics,
) -> (Vec<ExampleTest>, ExampleCounts) {
    let mut counts = ExampleCounts::default();
    let mut scope: names::Scope<()> = names::Scope::new();
    let mut tests = Vec::new();
    let reached = reached(paths);
    for (i, op) in model.operations.iter().enumerate() {
        // A test builds its request through the path builders, so only
        // paths the builders reach (every path that starts with a literal
        // segment) can be tested.
        let fns: Vec<usize> = (0..endpoints.len())
            .filter(|&f| endpoints[f].op == i && reached.contains(&f))
            .collect();
        for (e, ex) in op.examples.iter().enumerate() {
            counts.examples += 1;
            // Every example takes its name, tested or not, so a test keeps
            // its name when another example starts or stops having one.
            let natural = names::fn_name(
                ex.name
                    .as_deref()
                    .unwrap_or(&format!("{} example", op.title)),
            );
            let name = scope.assign(&natural, ()).name;
            match example_test(op, endpoints, &fns, ex, diags) {
                Some(mut t) => {
                    counts.tested += 1;
                    t.op = i;
                    t.example = e;
                    t.name = name;
                    tests.push(t);
                }
                None => counts.skipped += 1,
            }
        }
    }
    (tests, counts)
}

/// The test of one example, or `None` (reported) when it cannot have one.
fn example_test(
    op: &Operation,
    endpoints: &[EndpointFn],
    fns: &[usize],
    ex: &Example,
    diags: &mut Diagnostics,
) -> Option<ExampleTest> {
    let Example {
        name: _,
        request,
        response,
    } = ex;
    let matched = fns.iter().find_map(|&f| {
        op.paths[endpoints[f].path]
            .match_path(&request.path)
            .map(|values| (f, values))
    });
    let Some((endpoint, values)) = matched else {
        diags.warning(
            Code::ExamplePathUnmatched,
            &request.source,
            format!(
                "example path `{}` fits none of the operation's documented paths; no test for it",
                request.path
            ),
        );
        return None;
    };
    let test_request = if matches!(op.request, RequestBody::None | RequestBody::Stream { .. })
        || request.body.is_none()
    {
        request_without_json(op, ex, diags)?
    } else if request.sample.is_none() {
        diags.warning(
            Code::ExampleBodyMismatch,
            &request.source,
            format!(
                "example request body does not fit the declared body type ({}); no test for it",
                request.misfit.as_deref().unwrap_or("no reason recorded")
            ),
        );
        return None;
    } else {
        TestRequest::Json
    };
    // A query option without `=` (`$orderbydisplayName`) is a slip of the docs.
    if let Some(bad) = request
        .query
        .as_deref()
        .and_then(|q| q.split('&').find(|p| !p.is_empty() && !p.contains('=')))
    {
        diags.warning(
            Code::ExampleQueryMalformed,
            &request.source,
            format!("example query option `{bad}` has no value; no test for this example"),
        );
        return None;
    }
    // Empty options (`?&$filter=...`) are slips of the docs that a client
    // does not send.
    let query: Option<String> = request
        .query
        .as_deref()
        .map(|q| {
            q.split('&')
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join("&")
        })
        .filter(|q| !q.is_empty());
    let json_response = matches!(
        op.response.body,
        ResponseBody::Single { .. } | ResponseBody::Collection { .. } | ResponseBody::Count
    );
    // A response body that does not fit its type was reported when the
    // model was built; such an example gets no test.
    if let Some(r) = response {
        if r.body.is_some() && r.sample.is_none() && json_response {
            diags.warning(
                Code::ExampleBodyMismatch,
                &r.source,
                format!(
                    "example response body does not fit the declared response type ({}); no test for this example",
                    r.misfit.as_deref().unwrap_or("no reason recorded")
                ),
            );
            return None;
        }
    }
    // `204 No Content` with a body cannot be served: HTTP drops the body.
    let no_content_with_body = response
        .as_ref()
        .is_some_and(|r| r.status == 204 && r.body.is_some());
    if let (true, Some(r)) = (no_content_with_body, response) {
        diags.warning(
            Code::Example204WithBody,
            &r.source,
            "example response is `204 No Content` but shows a body; only the request is tested",
        );
    }
    let check_response = !no_content_with_body
        && json_response
        && response.as_ref().is_some_and(|r| r.sample.is_some());
    Some(ExampleTest {
        op: 0,
        example: 0,
        endpoint,
        name: String::new(),
        values,
        request: test_request,
        query,
        check_response,
    })
}

/// The body of an example whose request shows no JSON to read into a type:
/// none, bytes, or the empty object of an action whose parameters are all
/// optional; `None` (reported) when the operation needs a body the example
/// does not show.
fn request_without_json(
    op: &Operation,
    ex: &Example,
    diags: &mut Diagnostics,
) -> Option<TestRequest> {
    let request = &ex.request;
    match &op.request {
        RequestBody::None => Some(TestRequest::None),
        // Bytes (a file, HTML, MIME) go out as written.
        RequestBody::Stream { .. } if request.text.is_some() || request.body.is_some() => {
            let text = match (&request.text, &request.body) {
                (Some(t), _) => t.clone(),
                (None, Some(json)) => serde_json::to_string(json).unwrap_or_default(),
                (None, None) => String::new(),
            };
            Some(TestRequest::Bytes(text))
        }
        RequestBody::Parameters { parameters }
            if parameters.iter().all(|p| !p.required)
                && request.body.is_none()
                && request.text.is_none() =>
        {
            Some(TestRequest::EmptyObject)
        }
        _ => {
            diags.info(
                Code::ExampleWithoutBody,
                &request.source,
                "example request of an operation with a body shows no JSON body; no test for it",
            );
            None
        }
    }
}
