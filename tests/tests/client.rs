//! The generated client against a local mock server: path builders, the
//! token, retries after `Retry-After`, typed errors, timeouts and paging.
//! Runs on the crate generated from the cursed fixture.

use cursed_api::client::Error;
use cursed_api::{Client, Collection, Method, Request};
use futures_util::StreamExt;
use std::time::Duration;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .bearer_token("s3cret")
        .max_retry_after(Duration::from_millis(50))
        .build()
        .expect("client")
}

#[test]
fn path_builders_follow_the_url_and_encode_values() {
    let client = Client::builder()
        .bearer_token("s3cret")
        .build()
        .expect("client");
    let call = client
        .users()
        .by_id("jon@contoso.com")
        .cursed_things()
        .by_id("a/b")
        .get()
        .select(["type", "self"]);
    assert_eq!(
        call.request().path_and_query(),
        "/users/jon%40contoso.com/cursedThings/a%2Fb?$select=type,self"
    );
    let direct = client.cursed_things().by_id("x").get().into_request();
    assert_eq!(direct.path(), "/cursedThings/x");
    assert_eq!(direct.method(), Method::GET);
    // The token stays out of Debug output.
    assert!(!format!("{client:?}").contains("s3cret"));
}

#[tokio::test]
async fn sends_the_token_and_reads_the_typed_response() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/cursedThings/x"))
        .and(header("authorization", "Bearer s3cret"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r#"{"id":"x","type":"t","kind":"1080p"}"#,
            "application/json",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let thing = client(&server)
        .cursed_things()
        .by_id("x")
        .get()
        .send()
        .await
        .expect("sent");
    assert_eq!(thing.r#type.as_deref(), Some("t"));
    assert_eq!(thing.kind, Some(cursed_api::graph::CursedKind::V1080p));
}

#[tokio::test]
async fn retries_429_after_retry_after_then_succeeds() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "0"))
        .up_to_n_times(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("{}", "application/json"))
        .mount(&server)
        .await;
    client(&server)
        .cursed_things()
        .by_id("x")
        .get()
        .send()
        .await
        .expect("third attempt succeeds");
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

#[tokio::test]
async fn gives_up_after_the_retry_limit_with_a_typed_error() {
    let server = MockServer::start().await;
    let body = r#"{"error":{"code":"TooManyRequests","message":"Slow down.","innerError":{"request-id":"r-1","date":"2021-07-16T00:00:00"}}}"#;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(503)
                .insert_header("Retry-After", "0")
                .set_body_raw(body, "application/json"),
        )
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .max_retries(2)
        .build()
        .unwrap();
    let err = client
        .cursed_things()
        .by_id("x")
        .get()
        .send()
        .await
        .expect_err("fails");
    let Error::Api(api) = err else {
        panic!("{err:?}")
    };
    assert_eq!(
        (api.status, api.code.as_deref(), api.request_id.as_deref()),
        (503, Some("TooManyRequests"), Some("r-1"))
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

#[tokio::test]
async fn times_out() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .timeout(Some(Duration::from_millis(100)))
        .build()
        .unwrap();
    let err = client
        .cursed_things()
        .by_id("x")
        .get()
        .send()
        .await
        .expect_err("times out");
    assert!(matches!(err, Error::Timeout(_)), "{err:?}");
}

#[tokio::test]
async fn pages_follow_next_links_and_expose_the_delta_link() {
    let server = MockServer::start().await;
    let next = format!("{}/things?page=2", server.uri());
    Mock::given(wiremock::matchers::query_param("page", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            serde_json::json!({"value": [3], "@odata.deltaLink": "https://example/delta"}),
        ))
        .mount(&server)
        .await;
    Mock::given(path("/things"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(serde_json::json!({"value": [1, 2], "@odata.nextLink": next})),
        )
        .mount(&server)
        .await;
    let request: Request<Collection<i32>> = Request::new(Method::GET, "/things".into());
    let pages: Vec<_> = request.pages(&client(&server)).collect().await;
    assert_eq!(pages.len(), 2);
    let last = pages.last().unwrap().as_ref().unwrap();
    assert_eq!(last.delta_link.as_deref(), Some("https://example/delta"));
    let request: Request<Collection<i32>> = Request::new(Method::GET, "/things".into());
    let items: Vec<i32> = request
        .items(&client(&server))
        .map(|i| i.unwrap())
        .collect()
        .await;
    assert_eq!(items, vec![1, 2, 3]);
}

#[tokio::test]
async fn odata_type_picks_the_derived_type() {
    use cursed_api::graph::AnimalAny;
    let server = MockServer::start().await;
    Mock::given(path("/animals"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r##"{"value":[{"@odata.type":"#microsoft.graph.dog","name":"Rex","barks":true},{"name":"Generic"}]}"##,
            "application/json",
        ))
        .mount(&server)
        .await;
    let animals: Vec<AnimalAny> = client(&server)
        .animals()
        .get()
        .items()
        .map(|a| a.unwrap())
        .collect()
        .await;
    let AnimalAny::Dog(dog) = &animals[0] else {
        panic!("{animals:?}")
    };
    assert_eq!((dog.name.as_deref(), dog.barks), (Some("Rex"), Some(true)));
    assert!(matches!(&animals[1], AnimalAny::Base(a) if a.name.as_deref() == Some("Generic")));
}

#[tokio::test]
async fn api_errors_keep_headers_and_inner_error_and_errors_have_sources() {
    let server = MockServer::start().await;
    let body = r#"{"error":{"code":"Request_BadRequest","message":"Bad id.","details":[{"code":"x"}],"innerError":{"request-id":"r-2","client-request-id":"c-2","innerError":{"code":"ErrorInvalidIdMalformed"}}}}"#;
    Mock::given(path("/cursedThings/bad"))
        .respond_with(
            ResponseTemplate::new(400)
                .insert_header("x-ms-ags-diagnostic", "{\"ServerInfo\":{}}")
                .insert_header("set-cookie", "session=s3cret")
                .set_body_raw(body, "application/json"),
        )
        .mount(&server)
        .await;
    Mock::given(path("/cursedThings/garbled"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("not json", "application/json"))
        .mount(&server)
        .await;
    let client = client(&server);
    let err = client
        .cursed_things()
        .by_id("bad")
        .get()
        .send()
        .await
        .expect_err("fails");
    let Error::Api(api) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(api.request_id.as_deref(), Some("r-2"));
    assert_eq!(
        api.inner_error
            .as_ref()
            .map(|i| i["innerError"]["code"].clone()),
        Some(serde_json::json!("ErrorInvalidIdMalformed"))
    );
    assert_eq!(api.details.len(), 1);
    assert!(api.header("X-MS-AGS-Diagnostic").is_some());
    // A secret header of the response stays out of Debug output.
    assert!(!format!("{err:?}").contains("s3cret"), "{err:?}");
    let err = client
        .cursed_things()
        .by_id("garbled")
        .get()
        .send()
        .await
        .expect_err("fails");
    let source = std::error::Error::source(&err).expect("a decode error has its source");
    assert!(source.is::<serde_json::Error>(), "{source:?}");
}

/// The request a transport gets, as its `Debug` shows it.
#[derive(Clone, Default)]
struct DebugOfRequest(std::sync::Arc<std::sync::Mutex<String>>);

impl cursed_api::client::Transport for DebugOfRequest {
    fn send(
        &self,
        request: cursed_api::client::HttpRequest,
    ) -> cursed_api::client::BoxFuture<
        '_,
        Result<cursed_api::client::HttpResponse, cursed_api::client::TransportError>,
    > {
        *self.0.lock().unwrap() = format!("{request:?}");
        let empty: cursed_api::client::ByteStream = Box::pin(futures_util::stream::empty());
        let mut response = cursed_api::client::HttpResponse::new(empty);
        *response.status_mut() = http::StatusCode::NO_CONTENT;
        Box::pin(async move { Ok(response) })
    }

    fn sleep(&self, duration: Duration) -> cursed_api::client::BoxFuture<'static, ()> {
        Box::pin(tokio::time::sleep(duration))
    }
}

#[tokio::test]
async fn requests_never_show_the_token_in_debug() {
    let seen = DebugOfRequest::default();
    let client = Client::builder()
        .bearer_token("s3cret")
        .transport(seen.clone())
        .build()
        .expect("client");
    let request: Request<cursed_api::NoContent> =
        Request::new(Method::DELETE, "/me".to_string()).header("ConsistencyLevel", "eventual");
    request.send(&client).await.expect("sent");
    let shown = seen.0.lock().unwrap().clone();
    assert!(!shown.contains("s3cret"), "{shown}");
    assert!(
        shown.contains("eventual") && shown.contains("Sensitive"),
        "{shown}"
    );
}

#[test]
fn secrets_in_models_never_show_in_debug() {
    let thing = cursed_api::graph::CursedThing {
        client_secret: Some("s3cret".to_string()),
        display_name: Some("shown".to_string()),
        ..Default::default()
    };
    let shown = format!("{thing:?}");
    assert!(!shown.contains("s3cret"), "{shown}");
    assert!(
        shown.contains("<redacted>") && shown.contains("shown"),
        "{shown}"
    );
}

#[tokio::test]
async fn next_pages_keep_the_first_requests_headers_and_a_delta_link_resumes() {
    let server = MockServer::start().await;
    let next = format!("{}/things?page=2", server.uri());
    let delta = format!("{}/things/delta?token=abc", server.uri());
    // The second page answers only when the first request's headers come again.
    Mock::given(wiremock::matchers::query_param("page", "2"))
        .and(header("ConsistencyLevel", "eventual"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(serde_json::json!({"value": [3], "@odata.deltaLink": delta})),
        )
        .mount(&server)
        .await;
    Mock::given(path("/things"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(serde_json::json!({"value": [1, 2], "@odata.nextLink": next})),
        )
        .mount(&server)
        .await;
    Mock::given(path("/things/delta"))
        .and(wiremock::matchers::query_param("token", "abc"))
        .and(header("Prefer", "return=minimal"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            serde_json::json!({"value": [4], "@odata.deltaLink": "https://example/delta2"}),
        ))
        .mount(&server)
        .await;
    let request: Request<Collection<i32>> =
        Request::new(Method::GET, "/things".into()).header("ConsistencyLevel", "eventual");
    let items: Vec<i32> = request
        .items(&client(&server))
        .map(|i| i.expect("every page answers"))
        .collect()
        .await;
    assert_eq!(items, vec![1, 2, 3]);
    // A delta sync started again from the link the last sync saved.
    let pages: Vec<_> = client(&server)
        .pages_from_link::<i32>(&delta, vec![("Prefer".into(), "return=minimal".into())])
        .collect()
        .await;
    let page = pages[0].as_ref().expect("the delta link answers");
    assert_eq!(page.value, vec![4]);
    assert_eq!(page.delta_link.as_deref(), Some("https://example/delta2"));
}

#[tokio::test]
async fn a_call_can_be_spawned() {
    let server = MockServer::start().await;
    Mock::given(path("/cursedThings/x"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(r#"{"id":"x"}"#, "application/json"))
        .mount(&server)
        .await;
    let client = client(&server);
    // The call's future owns a clone of the client; the client can go away.
    let call = client.cursed_things().by_id("x").get().send();
    drop(client);
    let thing = tokio::spawn(call).await.expect("joins").expect("answers");
    assert_eq!(thing.id.as_deref(), Some("x"));
}

#[test]
fn filters_and_orderings_are_typed_by_the_listed_type() {
    use cursed_api::graph::Animal;
    let client = Client::builder().build().expect("client");
    let call = client
        .animals()
        .get()
        .filter_by(
            Animal::NAME
                .eq("O'Neil")
                .or(Animal::NAME.starts_with("Rex")),
        )
        .orderby_by([Animal::NAME.desc()]);
    assert_eq!(
        call.request().path_and_query(),
        "/animals?$filter=%28name%20eq%20%27O%27%27Neil%27%29%20or%20%28startswith%28name,%20%27Rex%27%29%29&$orderby=name%20desc"
    );
}

#[tokio::test]
async fn count_true_gives_the_odata_count() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/animals"))
        .and(wiremock::matchers::query_param("$count", "true"))
        .and(header("consistencylevel", "eventual"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r#"{"@odata.count": 42, "value": [{"name": "Rex"}]}"#,
            "application/json",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let page = client(&server)
        .animals()
        .get()
        .count(true)
        .header("ConsistencyLevel", "eventual")
        .send()
        .await
        .expect("a page");
    assert_eq!(page.odata_count, Some(42));
}
