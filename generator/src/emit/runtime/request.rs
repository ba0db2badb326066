//! Requests as data: the method, the path, the query and the JSON body of a
//! call, with the type of its response. Endpoint functions build these; the
//! HTTP client sends them.

use serde::{Deserialize, Serialize};
use std::marker::PhantomData;

/// An HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    /// The method as written in a request line.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

/// The body of a request that sends none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct NoBody;

/// The response of a call that returns no content (`204 No Content`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
pub struct NoContent;

/// The response of a call that returns raw bytes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Binary(pub Vec<u8>);

/// A page of a collection: `{"value": [...], "@odata.nextLink": ...}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Collection<T> {
    #[serde(rename = "@odata.context", default, skip_serializing_if = "Option::is_none")]
    pub odata_context: Option<String>,
    #[serde(rename = "@odata.count", default, skip_serializing_if = "Option::is_none")]
    pub odata_count: Option<i64>,
    #[serde(rename = "@odata.nextLink", default, skip_serializing_if = "Option::is_none")]
    pub next_link: Option<String>,
    #[serde(rename = "@odata.deltaLink", default, skip_serializing_if = "Option::is_none")]
    pub delta_link: Option<String>,
    #[serde(default = "Vec::new")]
    pub value: Vec<T>,
}

impl<T> Default for Collection<T> {
    fn default() -> Self {
        Collection { odata_context: None, odata_count: None, next_link: None, delta_link: None, value: Vec::new() }
    }
}

/// One call: method, path, query and body, and the type `R` of the response.
#[derive(Debug, Clone, PartialEq)]
pub struct Request<R, B = NoBody> {
    method: Method,
    path: String,
    query: Vec<(String, String)>,
    body: Option<B>,
    response: PhantomData<fn() -> R>,
}

impl<R> Request<R, NoBody> {
    /// A request without a body.
    pub fn new(method: Method, path: String) -> Self {
        Request { method, path, query: Vec::new(), body: None, response: PhantomData }
    }
}

impl<R, B> Request<R, B> {
    /// A request with a body: JSON for typed bodies, bytes for [`Binary`].
    pub fn with_body(method: Method, path: String, body: B) -> Self {
        Request { method, path, query: Vec::new(), body: Some(body), response: PhantomData }
    }

    pub fn method(&self) -> Method {
        self.method
    }

    /// The path, relative to the base URL (`https://graph.microsoft.com/v1.0`).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Adds a query option such as `$select`; the value is sent URL-encoded.
    pub fn query(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.query.push((name.into(), value.into()));
        self
    }

    pub fn query_pairs(&self) -> &[(String, String)] {
        &self.query
    }

    /// The path and the encoded query string.
    pub fn path_and_query(&self) -> String {
        let mut out = self.path.clone();
        for (i, (k, v)) in self.query.iter().enumerate() {
            out.push(if i == 0 { '?' } else { '&' });
            out.push_str(&encode_query(k));
            out.push('=');
            out.push_str(&encode_query(v));
        }
        out
    }

    /// The full URL for a base URL such as `https://graph.microsoft.com/v1.0`.
    pub fn url(&self, base: &str) -> String {
        format!("{}{}", base.trim_end_matches('/'), self.path_and_query())
    }

    /// The typed body.
    pub fn body(&self) -> Option<&B> {
        self.body.as_ref()
    }

}

impl<R, B: Serialize> Request<R, B> {
    /// The body as JSON, as it is sent.
    pub fn body_json(&self) -> Result<Option<serde_json::Value>, serde_json::Error> {
        self.body.as_ref().map(serde_json::to_value).transpose()
    }
}

/// Percent-encodes one path segment or parameter value (RFC 3986 unreserved
/// characters stay as they are).
pub fn encode_path(value: &str) -> String {
    encode(value, b"-._~")
}

/// Percent-encodes a query name or value; `$` and `,` stay readable.
pub fn encode_query(value: &str) -> String {
    encode(value, b"-._~$,")
}

fn encode(value: &str, keep: &[u8]) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || keep.contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoding() {
        assert_eq!(encode_path("a b/c"), "a%20b%2Fc");
        assert_eq!(encode_path("jon@contoso.com"), "jon%40contoso.com");
        let r: Request<NoContent> = Request::new(Method::Get, "/me".into()).query("$select", "a,b").query("$filter", "x eq 'y'");
        assert_eq!(r.path_and_query(), "/me?$select=a,b&$filter=x%20eq%20%27y%27");
        assert_eq!(r.url("https://graph.microsoft.com/v1.0/"), "https://graph.microsoft.com/v1.0/me?$select=a,b&$filter=x%20eq%20%27y%27");
    }
}
