//! The runtime over its default transport (reqwest) against a local mock
//! server: the token, a throttled answer retried, a download's redirect
//! followed without the token and with its `Range`, and a typed error.

use client_runtime::client::{Client, Error};
use client_runtime::request::{Download, Method, Request};
use std::time::Duration;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, Request as Seen, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .bearer_token("s3cret")
        .max_retry_after(Duration::from_millis(10))
        .build()
        .expect("client")
}

#[tokio::test]
async fn a_throttled_call_is_retried_and_a_download_follows_its_redirect() {
    let server = MockServer::start().await;
    // Throttled once, then the redirect to the bytes.
    Mock::given(method("GET"))
        .and(path("/me/drive/items/1/content"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "1"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/me/drive/items/1/content"))
        .and(header("authorization", "Bearer s3cret"))
        .respond_with(ResponseTemplate::new(302).insert_header(
            "Location",
            format!("{}/files/1?sig=x", server.uri()).as_str(),
        ))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/files/1"))
        .and(header("range", "bytes=2-"))
        .respond_with(
            ResponseTemplate::new(206)
                .insert_header("Content-Range", "bytes 2-4/5")
                .set_body_raw("cde", "application/octet-stream"),
        )
        .mount(&server)
        .await;
    let download = Request::<Download>::new(Method::GET, "/me/drive/items/1/content".to_string())
        .range(2, None)
        .send(&client(&server))
        .await
        .expect("the bytes");
    assert_eq!(download.content_range(), Some("bytes 2-4/5"));
    assert_eq!(&download.bytes().await.expect("read")[..], b"cde");
    let received: Vec<Seen> = server.received_requests().await.unwrap_or_default();
    assert_eq!(received.len(), 3);
    let to_file = received
        .iter()
        .find(|r| r.url.path() == "/files/1")
        .expect("followed");
    assert!(!to_file.headers.contains_key("authorization"));
}

#[tokio::test]
async fn an_error_status_is_a_typed_error_with_the_headers() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(404)
                .insert_header("request-id", "r-1")
                .set_body_raw(
                    r#"{"error": {"code": "itemNotFound", "message": "Gone."}}"#,
                    "application/json",
                ),
        )
        .mount(&server)
        .await;
    let err = Request::<serde_json::Value>::new(Method::GET, "/me".to_string())
        .send(&client(&server))
        .await
        .expect_err("404");
    match err {
        Error::Api(e) => {
            assert_eq!((e.status, e.code.as_deref()), (404, Some("itemNotFound")));
            assert_eq!(e.request_id.as_deref(), Some("r-1"));
            assert_eq!(e.header("Request-Id"), Some("r-1"));
        }
        other => panic!("{other:?}"),
    }
}
