//! The transport: one HTTP exchange behind a trait (reqwest with rustls by
//! default, or any other client, runtime or test double), and the waiting
//! the client does between attempts, so the client's core needs no async
//! runtime of its own.

use crate::client::{BoxFuture, ByteStream, Error};
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

/// One HTTP request, as handed to a [`Transport`]: the `http` crate's, with
/// the `Authorization` value marked sensitive (its `Debug` hides it).
pub type HttpRequest = http::Request<Body>;

/// One HTTP response, as a [`Transport`] returns it: the `http` crate's,
/// with the body as a stream of bytes.
pub type HttpResponse = http::Response<ByteStream>;

/// Headers whose values are secrets: never in `Debug` output or logs.
const SECRET_HEADERS: &[&str] = &[
    "authorization",
    "proxy-authorization",
    "cookie",
    "set-cookie",
];

/// Header names and values, with the values of secret headers redacted.
pub(crate) struct RedactedHeaders<'a>(pub(crate) &'a http::HeaderMap);

impl fmt::Debug for RedactedHeaders<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.0.iter().map(|(k, v)| {
                let secret = SECRET_HEADERS
                    .iter()
                    .any(|s| k.as_str().eq_ignore_ascii_case(s));
                let shown = if secret || v.is_sensitive() {
                    "<redacted>"
                } else {
                    v.to_str().unwrap_or("<bytes>")
                };
                (k.as_str(), shown)
            }))
            .finish()
    }
}

/// A header's value as text; names compare without case.
pub fn header<'a>(headers: &'a http::HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// Reads a response's whole body.
pub async fn body_bytes(response: HttpResponse) -> Result<Bytes, Error> {
    let mut body = response.into_body();
    let mut out = Vec::new();
    while let Some(chunk) = body.next().await {
        out.extend_from_slice(
            &chunk.map_err(|e| Error::Transport(TransportError::from_source(e)))?,
        );
    }
    Ok(Bytes::from(out))
}

/// Characters a URI may not hold as they are, which paths written from the
/// docs can (`resizedRange(deltaRows=1, deltaColumns=2)` has a space):
/// encoded, as a browser or the `url` crate would.
const NOT_IN_URI: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'<')
    .add(b'>')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'|')
    .add(b'\\')
    .add(b'^');

/// A URL as an `http::Uri`, characters a URI may not hold encoded.
pub fn uri(url: &str) -> Result<http::Uri, Error> {
    let encoded = percent_encoding::utf8_percent_encode(url, NOT_IN_URI).to_string();
    encoded
        .parse()
        .map_err(|_| Error::Config(format!("invalid URL `{url}`")))
}

/// Headers from name and value pairs (a request's builder keeps them so);
/// a name or value HTTP does not allow is an error that names it.
pub fn header_map(pairs: &[(String, String)]) -> Result<http::HeaderMap, Error> {
    let mut map = http::HeaderMap::with_capacity(pairs.len());
    for (k, v) in pairs {
        let name = http::HeaderName::from_bytes(k.as_bytes())
            .map_err(|_| Error::Config(format!("invalid header name `{k}`")))?;
        let mut value = http::HeaderValue::from_str(v)
            .map_err(|_| Error::Config(format!("invalid value of header `{k}`")))?;
        if SECRET_HEADERS.contains(&name.as_str()) {
            value.set_sensitive(true);
        }
        map.append(name, value);
    }
    Ok(map)
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
            let (parts, body) = request.into_parts();
            let mut builder = self
                .client
                .request(parts.method, parts.uri.to_string())
                .headers(parts.headers);
            builder = match body {
                Body::Empty => builder,
                Body::Bytes(b) => builder.body(b),
                Body::Stream(s) => builder.body(reqwest::Body::wrap_stream(s)),
            };
            let response = builder.send().await.map_err(TransportError::from_source)?;
            let status = response.status();
            let headers = response.headers().clone();
            let body: ByteStream = Box::pin(
                response
                    .bytes_stream()
                    .map(|chunk| chunk.map_err(std::io::Error::other)),
            );
            let mut out = http::Response::new(body);
            *out.status_mut() = status;
            *out.headers_mut() = headers;
            Ok(out)
        })
    }

    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        Box::pin(tokio::time::sleep(duration))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn urls_from_the_docs_become_uris() {
        let u = super::uri("https://g.example/v1.0/range/resizedRange(deltaRows=1, deltaColumns=2)?$filter=a eq 'b'").unwrap();
        assert_eq!(
            u.to_string(),
            "https://g.example/v1.0/range/resizedRange(deltaRows=1,%20deltaColumns=2)?$filter=a%20eq%20'b'"
        );
        // Encoded input stays as it is.
        assert_eq!(
            super::uri("https://g.example/a%2Fb").unwrap().to_string(),
            "https://g.example/a%2Fb"
        );
    }
}
