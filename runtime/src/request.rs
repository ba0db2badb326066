//! Requests as data: the method, the path, the query and the JSON body of a
//! call, with the type of its response. Endpoint functions build these; the
//! HTTP client sends them.

use serde::{Deserialize, Serialize};
use std::marker::PhantomData;

/// An HTTP method: the `http` crate's (`Method::GET`, `Method::PATCH`...).
pub use http::Method;

/// The body of a request that sends none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NoBody;

/// The response of a call that returns no content (`204 No Content`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NoContent;

/// Raw bytes sent as a request body (`$value`, content and photo uploads),
/// from memory or streamed from a reader without buffering it whole.
pub struct Upload(crate::client::Body);

impl Upload {
    pub fn bytes(bytes: impl Into<bytes::Bytes>) -> Self {
        Upload(crate::client::Body::Bytes(bytes.into()))
    }

    pub fn stream(stream: crate::client::ByteStream) -> Self {
        Upload(crate::client::Body::Stream(stream))
    }

    pub(crate) fn into_body_stream(self) -> crate::client::Body {
        self.0
    }
}

impl std::fmt::Debug for Upload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Upload({:?})", self.0)
    }
}

/// Raw bytes of a response (`$value`, content and photo downloads), read as
/// a stream so large files are never held in memory whole.
pub struct Download {
    headers: http::HeaderMap,
    body: crate::client::ByteStream,
}

impl Download {
    pub(crate) fn new(headers: http::HeaderMap, body: crate::client::ByteStream) -> Self {
        Download { headers, body }
    }

    /// A header the server sent; names compare without case.
    pub fn header(&self, name: &str) -> Option<&str> {
        crate::transport::header(&self.headers, name)
    }

    /// The headers the server sent.
    pub fn headers(&self) -> &http::HeaderMap {
        &self.headers
    }

    /// The `Content-Type` the server sent.
    pub fn content_type(&self) -> Option<&str> {
        self.header("content-type")
    }

    /// The `Content-Length`: the size of this body (of the range, when one
    /// was asked for).
    pub fn content_length(&self) -> Option<u64> {
        self.header("content-length")?.trim().parse().ok()
    }

    /// The `Content-Range` of a partial download (`bytes 0-1023/4096`).
    pub fn content_range(&self) -> Option<&str> {
        self.header("content-range")
    }

    /// The body, chunk by chunk.
    pub fn into_stream(self) -> crate::client::ByteStream {
        self.body
    }

    /// The whole body in memory, for small contents.
    pub async fn bytes(self) -> Result<bytes::Bytes, crate::client::Error> {
        use futures_util::StreamExt;
        let mut body = self.body;
        let mut out = Vec::new();
        while let Some(chunk) = body.next().await {
            out.extend_from_slice(&chunk.map_err(|e| {
                crate::client::Error::Transport(crate::client::TransportError::from_source(e))
            })?);
        }
        Ok(out.into())
    }
}

impl std::fmt::Debug for Download {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Download")
            .field("content_type", &self.content_type())
            .finish_non_exhaustive()
    }
}

/// A PATCH body: the properties set in `value` are sent, and the ones named
/// in `clear` are sent as `null`; everything else is left out, so one
/// property can be cleared without sending the others.
#[derive(Debug, Clone, PartialEq)]
pub struct Patch<T> {
    value: T,
    nulls: Vec<String>,
}

impl<T> Patch<T> {
    pub fn new(value: T) -> Self {
        Patch {
            value,
            nulls: Vec::new(),
        }
    }

    /// Sends the property with this wire name as `null`.
    pub fn clear(mut self, wire_name: impl Into<String>) -> Self {
        self.nulls.push(wire_name.into());
        self
    }

    pub fn value(&self) -> &T {
        &self.value
    }
}

impl<T> From<T> for Patch<T> {
    fn from(value: T) -> Self {
        Patch::new(value)
    }
}

impl<T: Serialize> Serialize for Patch<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut value = serde_json::to_value(&self.value).map_err(serde::ser::Error::custom)?;
        if let serde_json::Value::Object(map) = &mut value {
            for name in &self.nulls {
                map.insert(name.clone(), serde_json::Value::Null);
            }
        }
        value.serialize(serializer)
    }
}

/// A reference to an entity, the body of `POST .../$ref` and `PUT .../$ref`:
/// `{"@odata.id": "https://graph.microsoft.com/v1.0/directoryObjects/{id}"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reference {
    #[serde(rename = "@odata.id")]
    pub odata_id: String,
}

impl Reference {
    /// A reference to the entity at this URL.
    pub fn new(url: impl Into<String>) -> Self {
        Reference {
            odata_id: url.into(),
        }
    }
}

/// The result of a function that returns one primitive value, which Graph
/// wraps in an object: `{"@odata.context": ..., "value": 42}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PrimitiveValue<T> {
    #[serde(
        rename = "@odata.context",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub odata_context: Option<String>,
    pub value: T,
}

/// A page of a collection: `{"value": [...], "@odata.nextLink": ...}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Collection<T> {
    #[serde(
        rename = "@odata.context",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub odata_context: Option<String>,
    #[serde(
        rename = "@odata.count",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub odata_count: Option<i64>,
    #[serde(
        rename = "@odata.nextLink",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub next_link: Option<String>,
    #[serde(
        rename = "@odata.deltaLink",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub delta_link: Option<String>,
    #[serde(default = "Vec::new")]
    pub value: Vec<T>,
}

impl<T> Default for Collection<T> {
    fn default() -> Self {
        Collection {
            odata_context: None,
            odata_count: None,
            next_link: None,
            delta_link: None,
            value: Vec::new(),
        }
    }
}

/// One call: method, path, query and body, and the type `R` of the response.
#[derive(Debug, Clone, PartialEq)]
pub struct Request<R, B = NoBody> {
    head: Head,
    body: Option<B>,
    response: PhantomData<fn() -> R>,
}

/// Everything of a request but its body and response type. It is not
/// generic, so its code is compiled once rather than once per endpoint.
#[derive(Debug, Clone, PartialEq)]
struct Head {
    method: Method,
    path: String,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    /// The docs ask for `ConsistencyLevel: eventual` with `$search` and `$count`.
    advanced_query: bool,
    /// A limit on the whole call, attempts and waits included.
    timeout: Option<std::time::Duration>,
    /// The documented path this request was built from, for tracing.
    template: Option<&'static str>,
}

impl Head {
    fn new(method: Method, path: String) -> Self {
        Head {
            method,
            path,
            query: Vec::new(),
            headers: Vec::new(),
            advanced_query: false,
            timeout: None,
            template: None,
        }
    }
}

impl<R> Request<R, NoBody> {
    /// A request without a body.
    pub fn new(method: Method, path: String) -> Self {
        Request {
            head: Head::new(method, path),
            body: None,
            response: PhantomData,
        }
    }
}

impl<R, B> Request<R, B> {
    /// A request from its parts; endpoint functions use this.
    pub fn from_parts(method: Method, path: String, body: Option<B>) -> Self {
        Request {
            head: Head::new(method, path),
            body,
            response: PhantomData,
        }
    }

    /// A request with a body: JSON for typed bodies, bytes for [`Upload`].
    pub fn with_body(method: Method, path: String, body: B) -> Self {
        Request {
            head: Head::new(method, path),
            body: Some(body),
            response: PhantomData,
        }
    }

    pub fn method(&self) -> Method {
        self.head.method.clone()
    }

    /// The path, relative to the base URL (`https://graph.microsoft.com/v1.0`).
    pub fn path(&self) -> &str {
        &self.head.path
    }

    /// Adds a query option such as `$select`; the value is sent URL-encoded.
    pub fn query(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.head.query.push((name.into(), value.into()));
        self
    }

    pub fn query_pairs(&self) -> &[(String, String)] {
        &self.head.query
    }

    /// Adds a request header.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.head.headers.push((name.into(), value.into()));
        self
    }

    pub fn headers(&self) -> &[(String, String)] {
        &self.head.headers
    }

    /// Marks an operation whose docs require `ConsistencyLevel: eventual`
    /// for `$search` and `$count` (advanced directory queries).
    pub fn advanced_query(mut self) -> Self {
        self.head.advanced_query = true;
        self
    }

    fn eventual(mut self) -> Self {
        if self.head.advanced_query
            && !self
                .head
                .headers
                .iter()
                .any(|(k, _)| k.eq_ignore_ascii_case("ConsistencyLevel"))
        {
            self.head
                .headers
                .push(("ConsistencyLevel".into(), "eventual".into()));
        }
        self
    }

    /// `$select`: the properties to return.
    pub fn select<I: IntoIterator<Item = S>, S: AsRef<str>>(self, properties: I) -> Self {
        let list: Vec<String> = properties
            .into_iter()
            .map(|s| s.as_ref().to_string())
            .collect();
        self.query("$select", list.join(","))
    }

    /// `$expand`: the relationships to return inline.
    pub fn expand<I: IntoIterator<Item = S>, S: AsRef<str>>(self, relationships: I) -> Self {
        let list: Vec<String> = relationships
            .into_iter()
            .map(|s| s.as_ref().to_string())
            .collect();
        self.query("$expand", list.join(","))
    }

    /// A limit on this call, every attempt and wait between them included,
    /// besides the client's limit per attempt. Dropping the call's future
    /// cancels it as well.
    pub fn timeout(mut self, limit: std::time::Duration) -> Self {
        self.head.timeout = Some(limit);
        self
    }

    /// The documented path (`/users/{user-id}`) the request was built
    /// from; endpoint functions set it, and tracing shows it.
    pub fn template(mut self, template: &'static str) -> Self {
        self.head.template = Some(template);
        self
    }

    /// Method, headers, body and the call's own options, for sending.
    pub(crate) fn into_parts(
        self,
    ) -> (
        Method,
        Vec<(String, String)>,
        Option<B>,
        crate::client::CallOptions,
    ) {
        let options = crate::client::CallOptions {
            timeout: self.head.timeout,
            template: self.head.template,
        };
        (self.head.method, self.head.headers, self.body, options)
    }

    /// The path and the encoded query string.
    pub fn path_and_query(&self) -> String {
        let mut out = self.head.path.clone();
        for (i, (k, v)) in self.head.query.iter().enumerate() {
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

/// Options that only make sense on collections: they exist only on calls
/// whose response is a [`Collection`], so the compiler rejects `$top` on a
/// single item.
/// Options of downloads only.
impl<B> Request<Download, B> {
    /// Asks for part of the bytes (`Range: bytes=start-end`, `end`
    /// inclusive; `None` to the end): to resume a download or read a large
    /// file in parts. The header follows the redirect to the file's
    /// pre-authenticated URL.
    pub fn range(self, start: u64, end: Option<u64>) -> Self {
        let end = end.map(|e| e.to_string()).unwrap_or_default();
        self.header("Range", format!("bytes={start}-{end}"))
    }
}

impl<T, B> Request<Collection<T>, B> {
    /// `$filter` from a typed expression over `T`'s properties
    /// (`User::DISPLAY_NAME.eq("Ada")`).
    pub fn filter_by<P>(self, filter: crate::filter::Filter<P>) -> Self
    where
        T: crate::filter::Filters<P>,
    {
        self.filter(filter.as_str().to_string())
    }

    /// `$orderby` from typed keys (`User::DISPLAY_NAME.desc()`).
    pub fn orderby_by<P, I: IntoIterator<Item = crate::filter::OrderBy<P>>>(self, keys: I) -> Self
    where
        T: crate::filter::Filters<P>,
    {
        self.query("$orderby", crate::filter::join_keys(keys))
    }

    /// `$filter`: an OData filter expression, such as `startswith(displayName,'a')`.
    pub fn filter(self, expression: impl Into<String>) -> Self {
        self.query("$filter", expression)
    }

    /// `$orderby`: properties, each optionally followed by ` desc`.
    pub fn orderby<I: IntoIterator<Item = S>, S: AsRef<str>>(self, properties: I) -> Self {
        let list: Vec<String> = properties
            .into_iter()
            .map(|s| s.as_ref().to_string())
            .collect();
        self.query("$orderby", list.join(","))
    }

    /// `$top`: the page size.
    pub fn top(self, n: u32) -> Self {
        self.query("$top", n.to_string())
    }

    /// `$skip`: items to skip.
    pub fn skip(self, n: u32) -> Self {
        self.query("$skip", n.to_string())
    }

    /// `$count`: include `@odata.count`.
    pub fn count(self, count: bool) -> Self {
        self.query("$count", count.to_string()).eventual()
    }

    /// `$search`: a search expression, such as `"displayName:wa"`.
    pub fn search(self, expression: impl Into<String>) -> Self {
        self.query("$search", expression).eventual()
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
    percent_encoding::utf8_percent_encode(value, PATH_SEGMENT).to_string()
}

/// Percent-encodes a query name or value; `$` and `,` stay readable.
pub fn encode_query(value: &str) -> String {
    percent_encoding::utf8_percent_encode(value, QUERY_VALUE).to_string()
}

/// A path segment keeps only RFC 3986's unreserved characters: a `/`, `?`
/// or `#` in a key (`/drive/root:/a?b.txt:`) must not change the path.
const PATH_SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A query value also keeps `$` and `,`, which OData options use
/// (`$select=id,displayName`) and Graph reads unencoded.
const QUERY_VALUE: &percent_encoding::AsciiSet = &PATH_SEGMENT.remove(b'$').remove(b',');

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consistency_level_where_the_docs_ask_for_it() {
        let plain: Request<Collection<()>> =
            Request::new(Method::GET, "/users".into()).search("\"displayName:wa\"");
        assert!(plain.headers().is_empty());
        let advanced: Request<Collection<()>> = Request::new(Method::GET, "/users".into())
            .advanced_query()
            .search("x")
            .count(true);
        assert_eq!(
            advanced.headers(),
            &[("ConsistencyLevel".to_string(), "eventual".to_string())]
        );
    }

    #[test]
    fn patch_sends_nulls_only_where_asked() {
        #[derive(Serialize)]
        struct U {
            #[serde(skip_serializing_if = "Option::is_none")]
            a: Option<i32>,
            #[serde(skip_serializing_if = "Option::is_none")]
            b: Option<i32>,
        }
        let p = Patch::new(U {
            a: Some(1),
            b: None,
        })
        .clear("c");
        assert_eq!(
            serde_json::to_value(&p).unwrap(),
            serde_json::json!({"a": 1, "c": null})
        );
    }

    #[test]
    fn encoding() {
        assert_eq!(encode_path("a b/c"), "a%20b%2Fc");
        assert_eq!(encode_path("jon@contoso.com"), "jon%40contoso.com");
        let r: Request<Collection<()>> = Request::new(Method::GET, "/me".into())
            .select(["a", "b"])
            .filter("x eq 'y'");
        assert_eq!(
            r.path_and_query(),
            "/me?$select=a,b&$filter=x%20eq%20%27y%27"
        );
        assert_eq!(
            r.url("https://graph.microsoft.com/v1.0/"),
            "https://graph.microsoft.com/v1.0/me?$select=a,b&$filter=x%20eq%20%27y%27"
        );
    }
}
