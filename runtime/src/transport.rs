//! The transport: one HTTP exchange behind a trait (reqwest with rustls by
//! default, or any other client, runtime or test double), and the waiting
//! the client does between attempts, so the client's core needs no async
//! runtime of its own.

use crate::client::{BoxFuture, ByteStream, Error};
use crate::request::Method;
use bytes::Bytes;
use futures_util::StreamExt;
use std::fmt;
use std::time::Duration;

/// A request body as the transport sends it.
pub enum Body {
    Empty,
    Bytes(Bytes),
    /// Sent as it is read; a request with a streamed body is not retried.
    Stream(ByteStream),
}

impl Body {
    pub(crate) fn try_clone(&self) -> Option<Body> {
        match self {
            Body::Empty => Some(Body::Empty),
            Body::Bytes(b) => Some(Body::Bytes(b.clone())),
            Body::Stream(_) => None,
        }
    }
}

impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Body::Empty => f.write_str("Empty"),
            Body::Bytes(b) => write!(f, "Bytes({} bytes)", b.len()),
            Body::Stream(_) => f.write_str("Stream"),
        }
    }
}

/// One HTTP request, as handed to a [`Transport`].
pub struct HttpRequest {
    pub method: Method,
    pub url: String,
    /// Header names and values; `Authorization` is among them.
    pub headers: Vec<(String, String)>,
    pub body: Body,
}

/// Headers whose values are secrets: never in `Debug` output or logs.
const SECRET_HEADERS: &[&str] = &[
    "authorization",
    "proxy-authorization",
    "cookie",
    "set-cookie",
];

/// Header names and values, with the values of secret headers redacted.
pub(crate) struct RedactedHeaders<'a>(pub(crate) &'a [(String, String)]);

impl fmt::Debug for RedactedHeaders<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.0.iter().map(|(k, v)| {
                let secret = SECRET_HEADERS.iter().any(|s| k.eq_ignore_ascii_case(s));
                (k.as_str(), if secret { "<redacted>" } else { v.as_str() })
            }))
            .finish()
    }
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &RedactedHeaders(&self.headers))
            .field("body", &self.body)
            .finish()
    }
}

/// One HTTP response, as a [`Transport`] returns it.
pub struct HttpResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: ByteStream,
}

impl fmt::Debug for HttpResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpResponse")
            .field("status", &self.status)
            .field("headers", &RedactedHeaders(&self.headers))
            .finish_non_exhaustive()
    }
}

impl HttpResponse {
    /// A header's value; names compare without case.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Reads the whole body.
    pub async fn bytes(mut self) -> Result<Bytes, Error> {
        let mut out = Vec::new();
        while let Some(chunk) = self.body.next().await {
            out.extend_from_slice(
                &chunk.map_err(|e| Error::Transport(TransportError::from_source(e)))?,
            );
        }
        Ok(Bytes::from(out))
    }
}

/// A failure to exchange a request with the server, with its cause.
#[derive(Debug)]
pub struct TransportError {
    message: String,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl TransportError {
    /// A failure described in words.
    pub fn new(message: impl Into<String>) -> Self {
        TransportError {
            message: message.into(),
            source: None,
        }
    }

    /// A failure caused by another error, which [`std::error::Error::source`] returns.
    pub fn from_source(source: impl std::error::Error + Send + Sync + 'static) -> Self {
        TransportError {
            message: source.to_string(),
            source: Some(Box::new(source)),
        }
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// Sends HTTP requests. The crate uses reqwest by default; tests or other
/// runtimes plug in their own.
pub trait Transport: Send + Sync + 'static {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>>;

    /// A future that completes after `duration`: the client waits between
    /// retries and for timeouts with it, so the client itself needs no
    /// async runtime (the reqwest transport uses tokio's timer).
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()>;
}

/// The default transport: reqwest with rustls. It does not follow
/// redirects: the client does, so it can leave the token out of requests
/// to pre-authenticated download URLs.
#[cfg(feature = "reqwest")]
#[derive(Debug, Clone)]
pub struct ReqwestTransport {
    client: reqwest::Client,
}

#[cfg(feature = "reqwest")]
impl Default for ReqwestTransport {
    fn default() -> Self {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap_or_default();
        ReqwestTransport { client }
    }
}

#[cfg(feature = "reqwest")]
impl ReqwestTransport {
    /// A transport over an existing reqwest client (proxies, TLS settings).
    /// Build it with `redirect(reqwest::redirect::Policy::none())` so the
    /// Graph client follows redirects itself (reqwest's own following drops
    /// the token only when the host changes).
    pub fn new(client: reqwest::Client) -> Self {
        ReqwestTransport { client }
    }
}

#[cfg(feature = "reqwest")]
impl Transport for ReqwestTransport {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        Box::pin(async move {
            let method = reqwest::Method::from_bytes(request.method.as_str().as_bytes())
                .map_err(TransportError::from_source)?;
            let mut builder = self.client.request(method, &request.url);
            for (k, v) in &request.headers {
                builder = builder.header(k, v);
            }
            builder = match request.body {
                Body::Empty => builder,
                Body::Bytes(b) => builder.body(b),
                Body::Stream(s) => builder.body(reqwest::Body::wrap_stream(s)),
            };
            let response = builder.send().await.map_err(TransportError::from_source)?;
            let status = response.status().as_u16();
            let headers = response
                .headers()
                .iter()
                .map(|(k, v)| {
                    (
                        k.as_str().to_string(),
                        String::from_utf8_lossy(v.as_bytes()).into_owned(),
                    )
                })
                .collect();
            let body = response
                .bytes_stream()
                .map(|chunk| chunk.map_err(std::io::Error::other));
            Ok(HttpResponse {
                status,
                headers,
                body: Box::pin(body),
            })
        })
    }

    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        Box::pin(tokio::time::sleep(duration))
    }
}
