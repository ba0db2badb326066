//! Everything a call can fail with, and Graph's error body.

use crate::transport::{RedactedHeaders, TransportError};
use std::fmt;
use std::time::Duration;

/// An error status with Graph's error body:
/// `{"error": {"code", "message", "details", "innerError": {"request-id", "date", ...}}}`.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ApiError {
    pub status: u16,
    pub code: Option<String>,
    pub message: Option<String>,
    pub request_id: Option<String>,
    pub date: Option<String>,
    /// The whole `innerError` object (`client-request-id`, nested
    /// `innerError` codes such as `ErrorInvalidIdMalformed`...).
    pub inner_error: Option<serde_json::Value>,
    /// The error's `details` array, when the service sends one.
    pub details: Vec<serde_json::Value>,
    /// The response headers (`request-id`, `Retry-After`, ...), secret ones
    /// redacted in `Debug`.
    pub headers: http::HeaderMap,
}

impl ApiError {
    /// Reads Graph's error body; a body that is not one leaves the fields
    /// from it empty.
    pub fn from_parts(status: u16, headers: http::HeaderMap, body: &[u8]) -> Self {
        let value: serde_json::Value =
            serde_json::from_slice(body).unwrap_or(serde_json::Value::Null);
        let error = &value["error"];
        let inner = if error["innerError"].is_object() {
            &error["innerError"]
        } else {
            &error["innererror"]
        };
        let text = |v: &serde_json::Value| v.as_str().map(str::to_string);
        let header = |name: &str| crate::transport::header(&headers, name).map(str::to_string);
        ApiError {
            status,
            code: text(&error["code"]),
            message: text(&error["message"]),
            request_id: text(&inner["request-id"]).or_else(|| header("request-id")),
            date: text(&inner["date"]),
            inner_error: inner.is_object().then(|| inner.clone()),
            details: error["details"].as_array().cloned().unwrap_or_default(),
            headers,
        }
    }

    /// A response header; names compare without case.
    pub fn header(&self, name: &str) -> Option<&str> {
        crate::transport::header(&self.headers, name)
    }
}

impl std::error::Error for ApiError {}

impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiError")
            .field("status", &self.status)
            .field("code", &self.code)
            .field("message", &self.message)
            .field("request_id", &self.request_id)
            .field("date", &self.date)
            .field("inner_error", &self.inner_error)
            .field("details", &self.details)
            .field("headers", &RedactedHeaders(&self.headers))
            .finish()
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {}", self.status)?;
        if let Some(code) = &self.code {
            write!(f, " {code}")?;
        }
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " (request id {id})")?;
        }
        Ok(())
    }
}

/// Everything a call can fail with. New kinds of failure may be added, so
/// a `match` needs a `_` arm.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The server answered with an error status (boxed: it keeps the
    /// headers and details, and errors travel in every `Result`).
    Api(Box<ApiError>),
    /// The request could not be exchanged; the cause is its `source()`.
    Transport(TransportError),
    /// No answer within the configured timeout.
    Timeout(Duration),
    /// The response body is not what the docs describe.
    Decode {
        status: u16,
        source: serde_json::Error,
    },
    /// The request body could not be serialized.
    Encode(serde_json::Error),
    /// The token provider failed.
    Auth(String),
    /// The client was built without a transport.
    Config(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api(e) => write!(f, "{e}"),
            Error::Transport(e) => write!(f, "transport: {e}"),
            Error::Timeout(d) => write!(f, "no response within {d:?}"),
            Error::Decode { status, source } => {
                write!(f, "HTTP {status}: unexpected response body: {source}")
            }
            Error::Encode(e) => write!(f, "request body: {e}"),
            Error::Auth(e) => write!(f, "token: {e}"),
            Error::Config(e) => write!(f, "client: {e}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Transport(e) => Some(e),
            Error::Decode { source, .. } => Some(source),
            Error::Encode(e) => Some(e),
            Error::Api(_) | Error::Timeout(_) | Error::Auth(_) | Error::Config(_) => None,
        }
    }
}
