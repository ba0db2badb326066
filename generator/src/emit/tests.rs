//! The generated crate's test target `examples`: for every documented
//! example, the JSON deserializes into its declared type and serializes back
//! to the same value, and the path builders produce the documented method,
//! path, query and body. `tests/examples/main.rs` holds the helpers and a
//! module per area, `tests/examples/<area>.rs` that area's tests, so the
//! files are formatted in parallel and a change to one area's examples
//! leaves the others' files as they were.

use super::endpoints::response_type;
use super::ident;
use crate::model::{Example, RequestBody, ResponseBody};
use crate::plan::paths::{chains, Chain, Piece, Step};
use crate::plan::tests::{ExampleTest, TestRequest};
use crate::plan::{op_feature, Plan};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeMap;

/// JSON as a raw string literal, pretty-printed for reading.
fn json_literal(v: &serde_json::Value) -> TokenStream {
    json_literal_text(&serde_json::to_string_pretty(v).unwrap_or_default())
}

/// Text as a raw string literal.
fn json_literal_text(text: &str) -> TokenStream {
    let lit = super::docs::raw_string(text, 1);
    quote! { #lit }
}

/// The areas that have tests, in order.
pub fn areas<'p>(ctx: &'p Plan) -> Vec<&'p str> {
    let mut areas: Vec<&str> = ctx
        .tests
        .iter()
        .map(|t| ctx.endpoints[t.endpoint].module.as_str())
        .collect();
    areas.sort_unstable();
    areas.dedup();
    areas
}

/// The tests of one area: `tests/examples/<area>.rs`.
pub fn area_file(ctx: &Plan, area: &str) -> TokenStream {
    // Each test is called through the path builders; finding one chain per
    // test walked the whole tree for each.
    let tests: Vec<&ExampleTest> = ctx
        .tests
        .iter()
        .filter(|t| ctx.endpoints[t.endpoint].module == area)
        .collect();
    let chains = chains(&ctx.paths, &tests.iter().map(|t| t.endpoint).collect());
    let tests = tests.into_iter().map(|t| example_test(ctx, &chains, t));
    let doc = format!(" The documented examples of the `{area}` area.");
    quote! {
        #![doc = #doc]
        #![allow(unused_imports)]
        #[rustfmt::skip]
        use super::*;
        #(#tests)*
    }
}

/// `tests/examples/main.rs`: the helpers every test uses, and a module per
/// area.
pub fn main_file(ctx: &Plan) -> TokenStream {
    let mods = areas(ctx).into_iter().map(|a| {
        let m = ident(a);
        quote! { #[rustfmt::skip] mod #m; }
    });
    let krate = ident(&ctx.crate_ident);
    quote! {
        #![doc = " Tests generated from the documented examples: each example's JSON"]
        #![doc = " deserializes into its type and serializes back to the same value, and"]
        #![doc = " the path builders build the documented request."]
        #![allow(unused_imports, dead_code)]

        #(#mods)*

        #[rustfmt::skip]
        use #krate::request::Method;

        /// Drops `null` members (a `None` field is left out when serialized,
        /// which the docs' examples write as `null`) and instance annotations
        /// such as `@odata.context` or `name@odata.type` (also spelled
        /// without `@`: `odata.context`), which are metadata about a value,
        /// not properties of its type. `@odata.type` stays.
        /// Numbers compare as `f64`.
        #[rustfmt::skip]
        fn strip_nulls(v: serde_json::Value) -> serde_json::Value {
            match v {
                serde_json::Value::Object(map) => serde_json::Value::Object(
                    map.into_iter()
                        .filter(|(k, v)| !v.is_null() && (k == "@odata.type" || !(k.contains('@') || k.starts_with("odata."))))
                        .map(|(k, v)| (k, strip_nulls(v)))
                        .collect(),
                ),
                serde_json::Value::Array(items) => serde_json::Value::Array(items.into_iter().map(strip_nulls).collect()),
                // `99` and `99.0` are one number once read into an `f64`.
                serde_json::Value::Number(n) => n.as_f64().map(serde_json::Value::from).unwrap_or(serde_json::Value::Number(n)),
                other => other,
            }
        }

        /// Sends a request through the client to a local mock server that
        /// answers with the documented status and body; returns what the
        /// client read and what the server received.
        #[rustfmt::skip]
        async fn exchange<R, B>(request: #krate::Request<R, B>, status: u16, body: &'static str) -> (R, wiremock::Request)
        where
            R: #krate::client::FromResponse,
            B: #krate::client::IntoBody + Send + 'static,
        {
            let server = wiremock::MockServer::start().await;
            wiremock::Mock::given(wiremock::matchers::any())
                .respond_with(wiremock::ResponseTemplate::new(status).set_body_raw(body, "application/json"))
                .mount(&server)
                .await;
            let client = #krate::Client::builder().base_url(server.uri()).bearer_token("test-token").build().expect("client");
            let response = request.send(&client).await.expect("the documented response is accepted");
            let mut received = server.received_requests().await.expect("requests are recorded");
            assert_eq!(received.len(), 1, "one request");
            let seen = received.remove(0);
            assert_eq!(seen.headers.get("authorization").and_then(|v| v.to_str().ok()), Some("Bearer test-token"));
            (response, seen)
        }

        /// A client that only builds requests; `exchange` sends them.
        #[rustfmt::skip]
        fn client() -> #krate::Client {
            #krate::Client::builder().bearer_token("test-token").build().expect("client")
        }

        /// Reads a documented JSON example (`what` it is) into its type and
        /// checks that it serializes back to the same value; returns the
        /// value read and the example's JSON.
        #[rustfmt::skip]
        #[track_caller]
        fn read_example<T: serde::de::DeserializeOwned + serde::Serialize>(json: &str, what: &str) -> (T, serde_json::Value) {
            let value: serde_json::Value = serde_json::from_str(json).expect("the example is JSON");
            let read: T = serde_json::from_value(value.clone())
                .unwrap_or_else(|e| panic!("the example {what} deserializes into its type: {e}"));
            assert_eq!(strip_nulls(serde_json::to_value(&read).expect("serializes")), strip_nulls(value.clone()));
            (read, value)
        }

        /// The documented response reads into its type, and the client read
        /// the same value from the mock server.
        #[rustfmt::skip]
        #[track_caller]
        fn check_response<T: serde::de::DeserializeOwned + serde::Serialize>(json: &str, read: &impl serde::Serialize) {
            let (_, response_json) = read_example::<T>(json, "response");
            assert_eq!(strip_nulls(serde_json::to_value(read).expect("serializes")), strip_nulls(response_json));
        }

        /// The request's method, and its path and query as the docs write
        /// them (decoded, without case, a trailing `/` aside).
        #[rustfmt::skip]
        #[track_caller]
        fn check_request_line(method: &str, path_and_query: &str, expected_method: &str, expected: &str) {
            assert_eq!(method, expected_method);
            let read = |p: &str| decode(p).to_lowercase().replace("/?", "?").trim_end_matches('/').to_string();
            assert_eq!(read(path_and_query), read(expected));
        }

        /// What the mock server received: the method, the path (Graph reads
        /// paths without case; the docs vary the case of segments) and the
        /// query.
        #[rustfmt::skip]
        #[track_caller]
        fn check_received(seen: &wiremock::Request, method: &str, path: &str, query: Option<&str>) {
            assert_eq!(seen.method.as_str(), method);
            assert_eq!(decode(seen.url.path()).to_lowercase().trim_end_matches('/'), decode(path).to_lowercase().trim_end_matches('/'));
            assert_eq!(seen.url.query().map(decode), query.map(decode));
        }

        /// The mock server received the example's JSON body.
        #[rustfmt::skip]
        #[track_caller]
        fn check_received_json(seen: &wiremock::Request, sent: serde_json::Value) {
            let received: serde_json::Value = serde_json::from_slice(&seen.body).expect("the server received JSON");
            assert_eq!(strip_nulls(received), strip_nulls(sent));
        }

        /// Decodes `%XX` escapes, to compare paths as the server reads them.
        #[rustfmt::skip]
        fn decode(s: &str) -> String {
            let bytes = s.as_bytes();
            let mut out = Vec::with_capacity(bytes.len());
            let mut i = 0;
            while i < bytes.len() {
                if bytes[i] == b'%' && i + 2 < bytes.len() {
                    if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                        out.push(b);
                        i += 3;
                        continue;
                    }
                }
                out.push(bytes[i]);
                i += 1;
            }
            String::from_utf8_lossy(&out).into_owned()
        }
    }
}

fn example_test(ctx: &Plan, chains: &BTreeMap<usize, Chain>, t: &ExampleTest) -> TokenStream {
    let ExampleTest {
        op,
        example,
        endpoint,
        name: test_name,
        values,
        request: test_request,
        query,
        check_response,
    } = t;
    let op = &ctx.model.operations[*op];
    let Example {
        name,
        request,
        response,
    } = &op.examples[*example];
    let f = &ctx.endpoints[*endpoint];
    let test_name = ident(test_name);
    let krate = ident(&ctx.crate_ident);
    // Requests are built through the path builders, as users build them;
    // this client only carries them (`exchange` sends them to the mock).
    let mut body_stmts = vec![quote! { let client = client(); }];
    let mut has_body = false;
    // A body the server must receive byte for byte.
    let mut sent_bytes: Option<String> = None;
    let module = ident(&f.module);
    // The plan tests only endpoints the path builders reach.
    let Some(chain) = chains.get(endpoint) else {
        return TokenStream::new();
    };
    let call = builder_call(chain, values);

    match test_request {
        TestRequest::Json => {
            let (ty, sample) = match (&op.request, &request.sample) {
                (RequestBody::Type { ty, collection }, Some(sample)) => {
                    (ctx.value_type(ty, *collection, true), sample)
                }
                (RequestBody::Reference, Some(sample)) => {
                    (ctx.runtime_path("request", "Reference", true), sample)
                }
                (_, Some(sample)) => {
                    let b = ident(f.body_struct.as_deref().unwrap_or("NoBody"));
                    (quote! { #krate::endpoints::#module::#b }, sample)
                }
                // The plan gives JSON bodies only to examples with a sample.
                (_, None) => (quote! { serde_json::Value }, &serde_json::Value::Null),
            };
            let lit = json_literal(sample);
            // PATCH: the properties the example sets to `null` are cleared.
            let is_patch = op.method == "PATCH"
                && matches!(
                    op.request,
                    RequestBody::Type {
                        collection: false,
                        ..
                    }
                );
            let nulls: Vec<&String> = match sample {
                serde_json::Value::Object(m) if is_patch => m
                    .iter()
                    .filter(|(_, v)| v.is_null())
                    .map(|(k, _)| k)
                    .collect(),
                _ => Vec::new(),
            };
            let arg = if is_patch {
                quote! { #krate::Patch::new(body) #(.clear(#nulls))* }
            } else {
                quote! { body }
            };
            body_stmts.push(quote! {
                let (body, request_json) = read_example::<#ty>(#lit, "request body");
                let request: #krate::Request<_, _> = client #call(#arg).into();
                let sent_json = request.body_json().expect("serializes").expect("has a body");
                assert_eq!(strip_nulls(sent_json.clone()), strip_nulls(request_json.clone()));
                #(assert!(sent_json[#nulls].is_null() && sent_json.get(#nulls).is_some(), "cleared");)*
            });
            has_body = true;
        }
        TestRequest::None => {
            body_stmts.push(quote! { let request: #krate::Request<_, _> = client #call().into(); });
        }
        // Bytes (a file, HTML, MIME) go out as written.
        TestRequest::Bytes(text) => {
            let upload = ctx.runtime_path("request", "Upload", true);
            body_stmts.push(quote! {
                let request: #krate::Request<_, _> = client #call(#upload::bytes(#text)).into();
            });
            sent_bytes = Some(text.clone());
        }
        // An action whose parameters are all optional, called without a
        // body: the client sends the empty object.
        TestRequest::EmptyObject => {
            body_stmts.push(quote! {
                let request: #krate::Request<_, _> = client #call(Default::default()).into();
            });
            sent_bytes = Some("{}".to_string());
        }
    }
    let method = &request.method;
    let mut expected = request.path.clone();
    let query_stmts = query.as_deref().map(|q| {
        expected.push('?');
        expected.push_str(q);
        let pairs = q.split('&').filter(|p| !p.is_empty()).map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            quote! { .query(decode(#k), decode(#v)) }
        });
        quote! { let request = request #(#pairs)*; }
    });
    body_stmts.push(quote! {
        #query_stmts
        check_request_line(request.method().as_str(), &request.path_and_query(), #method, #expected);
    });

    // The documented response, served by a local mock server.
    let status = response
        .as_ref()
        .map(|r| r.status)
        .unwrap_or(op.response.status);
    let served = response.as_ref().and_then(|r| r.sample.as_ref());
    let expects_json = matches!(
        op.response.body,
        ResponseBody::Single { .. } | ResponseBody::Collection { .. } | ResponseBody::Count
    );
    let served_text = match served {
        Some(v) => serde_json::to_string_pretty(v).unwrap_or_default(),
        // No documented body: the least the declared type reads.
        None if matches!(op.response.body, ResponseBody::Count) => "0".to_string(),
        None if expects_json => "{}".to_string(),
        None => String::new(),
    };
    let served_lit = json_literal_text(&served_text);
    let path_only = request.path.clone();
    let query = match query.as_deref() {
        Some(q) => quote! { Some(#q) },
        None => quote! { None },
    };
    let body_check = has_body.then(|| quote! { check_received_json(&seen, request_json); });
    let bytes_check = sent_bytes.map(|b| {
        quote! { assert_eq!(String::from_utf8_lossy(&seen.body), #b); }
    });
    // Bytes of a documented media type go out with it.
    let media_check = match &op.request {
        RequestBody::Stream {
            content_type: Some(ct),
        } => Some(quote! {
            assert_eq!(seen.headers.get("content-type").and_then(|v| v.to_str().ok()), Some(#ct));
        }),
        _ => None,
    };
    body_stmts.push(quote! {
        let (sent_response, seen) = exchange(request, #status, #served_lit).await;
        // Responses without a documented body are only checked for acceptance.
        let _ = &sent_response;
        check_received(&seen, #method, #path_only, #query);
        #body_check
        #bytes_check
        #media_check
    });

    // The plan leaves out a `204 No Content` that shows a body (HTTP
    // drops it) and responses without a sample.
    if let (true, Some(resp)) = (check_response, response) {
        if let Some(sample) = &resp.sample {
            let ty = response_type(ctx, op, true);
            let lit = json_literal(sample);
            body_stmts.push(quote! { check_response::<#ty>(#lit, &sent_response); });
        }
    }
    let doc = format!(
        " Example `{}` at `{}`.",
        name.as_deref().unwrap_or("(unnamed)"),
        request.source
    );
    let cfg = ctx.features.feature_cfg(&op_feature(op));
    quote! {
        #[doc = #doc]
        #cfg
        #[tokio::test]
        #[rustfmt::skip]
        async fn #test_name() {
            #(#body_stmts)*
        }
    }
}

/// The path-builder calls from the client to the operation's method, less
/// its arguments: `.users().by_id(&decode("42")).get`. The docs write path
/// values as they appear in a URL; the builders take the values themselves
/// (decoded at run time) and encode them.
fn builder_call(chain: &Chain, values: &[String]) -> TokenStream {
    let mut values = values.iter();
    let mut arg = || {
        let v = values.next().map(String::as_str).unwrap_or_default();
        quote! { &decode(#v) }
    };
    let module = ident(chain.module);
    let mut calls = vec![quote! { .#module() }];
    for child in &chain.steps {
        let accessor = ident(&child.accessor);
        calls.push(match &child.step {
            Step::Literal(_) => quote! { .#accessor() },
            Step::Param => {
                let a = arg();
                quote! { .#accessor(#a) }
            }
            Step::Call(pieces) => {
                let args: Vec<TokenStream> = pieces
                    .iter()
                    .filter(|p| matches!(p, Piece::Param(_)))
                    .map(|_| arg())
                    .collect();
                quote! { .#accessor(#(#args),*) }
            }
        });
    }
    let verb = ident(chain.verb);
    quote! { #(#calls)* .#verb }
}
