//! A scripted transport for the runtime's tests: it answers from a script,
//! in order, and records every request (with its `Authorization`) and
//! every wait. Waits take no time, except with `hang`, where the transport
//! never answers and waits on tokio's (paused) clock.

#![allow(dead_code)]

use client_runtime::client::{BoxFuture, HttpRequest, HttpResponse, Transport, TransportError};
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A status and headers to answer with. A header named [`BODY`] is not
/// sent: its value is the answer's body.
pub type Answer = (u16, Vec<(&'static str, String)>);

/// The pseudo-header whose value is an answer's body.
pub const BODY: &str = "x-test-body";

/// A request as the transport saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub url: String,
    pub headers: Vec<(String, String)>,
    /// The body, when it was bytes.
    pub body: Option<bytes::Bytes>,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Answers from a script, in order; records requests and waits.
#[derive(Clone, Default)]
pub struct Scripted {
    pub answers: Arc<Mutex<VecDeque<Answer>>>,
    pub seen: Arc<Mutex<Vec<String>>>,
    pub requests: Arc<Mutex<Vec<Seen>>>,
    pub waits: Arc<Mutex<Vec<Duration>>>,
    /// Answer never (for timeouts), and really wait in `sleep`.
    pub hang: bool,
}

impl Scripted {
    pub fn new(answers: Vec<Answer>) -> Self {
        Scripted {
            answers: Arc::new(Mutex::new(answers.into())),
            ..Scripted::default()
        }
    }
}

impl Transport for Scripted {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        let headers: Vec<(String, String)> = request
            .headers()
            .iter()
            .map(|(k, v)| (k.as_str().to_string(), v.to_str().unwrap_or("").to_string()))
            .collect();
        let auth = headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("authorization"))
            .map(|(_, v)| v.clone())
            .unwrap_or_default();
        let url = request.uri().to_string();
        self.seen.lock().unwrap().push(
            format!("{} {url} {auth}", request.method().as_str())
                .trim_end()
                .to_string(),
        );
        self.requests.lock().unwrap().push(Seen {
            method: request.method().as_str().to_string(),
            url,
            headers,
            body: match request.body() {
                client_runtime::client::Body::Bytes(b) => Some(b.clone()),
                _ => None,
            },
        });
        let next = self.answers.lock().unwrap().pop_front();
        let hang = self.hang;
        Box::pin(async move {
            if hang {
                std::future::pending::<()>().await;
            }
            let (status, headers) = next.expect("a scripted answer");
            let body = headers
                .iter()
                .find(|(k, _)| *k == BODY)
                .map(|(_, v)| bytes::Bytes::from(v.clone()));
            let mut response = http::Response::builder().status(status);
            for (k, v) in headers.iter().filter(|(k, _)| *k != BODY) {
                response = response.header(*k, v.as_str());
            }
            let body: client_runtime::client::ByteStream =
                Box::pin(futures_util::stream::iter(body.map(Ok)));
            Ok(response.body(body).expect("a valid scripted answer"))
        })
    }

    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        self.waits.lock().unwrap().push(duration);
        if self.hang {
            Box::pin(tokio::time::sleep(duration))
        } else {
            Box::pin(async {})
        }
    }
}
