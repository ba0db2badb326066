//! With the `tracing` feature, a call is a span with its method and path
//! template, and each attempt an event with its status, number and
//! request-id; the token never appears.

#![cfg(feature = "tracing")]

mod common;

use client_runtime::client::Client;
use client_runtime::request::{Method, NoContent, Request};
use common::Scripted;
use std::sync::{Arc, Mutex};

/// Collects what the subscriber writes.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn a_call_is_a_span_and_each_attempt_an_event_without_the_token() {
    let out = Captured::default();
    let writer = out.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let t = Scripted::new(vec![
        (503, vec![("Retry-After", "0".to_string())]),
        (204, vec![("request-id", "abc-123".to_string())]),
    ]);
    let client = Client::builder()
        .base_url("https://graph.microsoft.com/v1.0")
        .bearer_token("very-secret-token")
        .transport(t.clone())
        .timeout(None)
        .build()
        .unwrap();
    let request: Request<NoContent> =
        Request::new(Method::DELETE, "/users/42".to_string()).template("/users/{user-id}");
    request.send(&client).await.unwrap();
    let text = String::from_utf8(out.0.lock().unwrap().clone()).unwrap();
    assert!(text.contains("graph.request"), "{text}");
    assert!(text.contains("method=\"DELETE\""), "{text}");
    assert!(text.contains("path=\"/users/{user-id}\""), "{text}");
    assert!(
        text.contains("status=503") && text.contains("attempt=1"),
        "{text}"
    );
    assert!(
        text.contains("status=204") && text.contains("attempt=2"),
        "{text}"
    );
    assert!(text.contains("request_id=\"abc-123\""), "{text}");
    assert!(
        !text.contains("very-secret-token") && !text.contains("/users/42"),
        "{text}"
    );
}
