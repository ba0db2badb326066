//! The HTTP client: a transport behind a trait (reqwest with rustls by
//! default), bearer-token authentication, retries of 429 and 503 after
//! `Retry-After`, timeouts, typed errors, and paging that follows
//! `@odata.nextLink`.

use crate::request::{Collection, Method, Request};
use bytes::Bytes;
use futures_core::Stream;
use futures_util::StreamExt;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

/// A boxed future, as transports and token providers return them.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A stream of bytes: request uploads and response downloads.
pub type ByteStream = Pin<Box<dyn Stream<Item = Result<Bytes, std::io::Error>> + Send>>;

/// The Graph service in the global cloud, v1.0.
pub const GLOBAL_V1: &str = "https://graph.microsoft.com/v1.0";
/// The Graph service in the global cloud, beta.
pub const GLOBAL_BETA: &str = "https://graph.microsoft.com/beta";
/// Microsoft Graph for US Government L4.
pub const US_GOV_V1: &str = "https://graph.microsoft.us/v1.0";
/// Microsoft Graph operated by 21Vianet in China.
pub const CHINA_V1: &str = "https://microsoftgraph.chinacloudapi.cn/v1.0";

/// A request body as the transport sends it.
pub enum Body {
    Empty,
    Bytes(Bytes),
    /// Sent as it is read; a request with a streamed body is not retried.
    Stream(ByteStream),
}

impl Body {
    fn try_clone(&self) -> Option<Body> {
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
struct RedactedHeaders<'a>(&'a [(String, String)]);

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
}

/// The default transport: reqwest with rustls.
#[cfg(feature = "reqwest")]
#[derive(Debug, Clone, Default)]
pub struct ReqwestTransport {
    client: reqwest::Client,
}

#[cfg(feature = "reqwest")]
impl ReqwestTransport {
    /// A transport over an existing reqwest client (proxies, TLS settings).
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
}

/// An access token. It never appears in `Debug` output, errors or logs.
#[derive(Clone, PartialEq, Eq)]
pub struct AccessToken(String);

impl AccessToken {
    pub fn new(token: impl Into<String>) -> Self {
        AccessToken(token.into())
    }

    /// The token itself, for the `Authorization` header.
    pub fn secret(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AccessToken(<redacted>)")
    }
}

/// Supplies access tokens, e.g. from an OAuth flow with refresh.
pub trait TokenProvider: Send + Sync + 'static {
    fn token(&self) -> BoxFuture<'_, Result<AccessToken, Error>>;
}

/// A fixed bearer token.
#[derive(Debug, Clone)]
pub struct StaticToken(AccessToken);

impl StaticToken {
    pub fn new(token: impl Into<String>) -> Self {
        StaticToken(AccessToken::new(token))
    }
}

impl TokenProvider for StaticToken {
    fn token(&self) -> BoxFuture<'_, Result<AccessToken, Error>> {
        let token = self.0.clone();
        Box::pin(async move { Ok(token) })
    }
}

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
    pub headers: Vec<(String, String)>,
}

impl ApiError {
    /// Reads Graph's error body; a body that is not one leaves the fields
    /// from it empty.
    pub fn from_parts(status: u16, headers: Vec<(String, String)>, body: &[u8]) -> Self {
        let value: serde_json::Value =
            serde_json::from_slice(body).unwrap_or(serde_json::Value::Null);
        let error = &value["error"];
        let inner = if error["innerError"].is_object() {
            &error["innerError"]
        } else {
            &error["innererror"]
        };
        let text = |v: &serde_json::Value| v.as_str().map(str::to_string);
        let header = |name: &str| {
            headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.clone())
        };
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
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
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

struct Inner {
    base_url: String,
    transport: Arc<dyn Transport>,
    token: Option<Arc<dyn TokenProvider>>,
    max_retries: u32,
    max_retry_after: Duration,
    timeout: Option<Duration>,
}

/// A Graph client: cheap to clone, shared between tasks.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("authenticated", &self.inner.token.is_some())
            .field("max_retries", &self.inner.max_retries)
            .field("timeout", &self.inner.timeout)
            .finish()
    }
}

/// Builds a [`Client`].
pub struct ClientBuilder {
    base_url: String,
    transport: Option<Arc<dyn Transport>>,
    token: Option<Arc<dyn TokenProvider>>,
    max_retries: u32,
    max_retry_after: Duration,
    timeout: Option<Duration>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("authenticated", &self.token.is_some())
            .finish_non_exhaustive()
    }
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            base_url: GLOBAL_V1.to_string(),
            transport: None,
            token: None,
            max_retries: 3,
            max_retry_after: Duration::from_secs(60),
            timeout: Some(Duration::from_secs(100)),
        }
    }
}

impl ClientBuilder {
    /// The service root: [`GLOBAL_V1`] (the default), [`GLOBAL_BETA`], a
    /// national cloud, or a local server such as `http://127.0.0.1:8080`.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into().trim_end_matches('/').to_string();
        self
    }

    pub fn token_provider(mut self, provider: impl TokenProvider) -> Self {
        self.token = Some(Arc::new(provider));
        self
    }

    /// A fixed bearer token.
    pub fn bearer_token(self, token: impl Into<String>) -> Self {
        self.token_provider(StaticToken::new(token))
    }

    pub fn transport(mut self, transport: impl Transport) -> Self {
        self.transport = Some(Arc::new(transport));
        self
    }

    /// How often a 429 or 503 answer is retried (default 3).
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// The longest `Retry-After` honoured; longer waits are cut to it.
    pub fn max_retry_after(mut self, limit: Duration) -> Self {
        self.max_retry_after = limit;
        self
    }

    /// The time one attempt may take (default 100 s); `None` waits forever.
    pub fn timeout(mut self, timeout: Option<Duration>) -> Self {
        self.timeout = timeout;
        self
    }

    pub fn build(self) -> Result<Client, Error> {
        let transport = match self.transport {
            Some(t) => t,
            None => default_transport()?,
        };
        Ok(Client {
            inner: Arc::new(Inner {
                base_url: self.base_url,
                transport,
                token: self.token,
                max_retries: self.max_retries,
                max_retry_after: self.max_retry_after,
                timeout: self.timeout,
            }),
        })
    }
}

#[cfg(feature = "reqwest")]
fn default_transport() -> Result<Arc<dyn Transport>, Error> {
    Ok(Arc::new(ReqwestTransport::default()))
}

#[cfg(not(feature = "reqwest"))]
fn default_transport() -> Result<Arc<dyn Transport>, Error> {
    Err(Error::Config(
        "no transport: enable the `reqwest` feature or call `transport`".into(),
    ))
}

impl Client {
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// Sends one request: adds the token, retries 429 and 503 after
    /// `Retry-After` (a bounded number of times, for bodies that can be sent
    /// again), applies the timeout, and turns error statuses into
    /// [`Error::Api`].
    pub async fn execute(
        &self,
        method: Method,
        url: String,
        headers: Vec<(String, String)>,
        body: Body,
    ) -> Result<HttpResponse, Error> {
        let mut headers = headers;
        if let Some(provider) = &self.inner.token {
            let token = provider.token().await?;
            headers.push((
                "Authorization".to_string(),
                format!("Bearer {}", token.secret()),
            ));
        }
        let mut body = Some(body);
        let mut attempt = 0;
        loop {
            let current = body.take().unwrap_or(Body::Empty);
            let spare = current.try_clone();
            let request = HttpRequest {
                method,
                url: url.clone(),
                headers: headers.clone(),
                body: current,
            };
            let sent = self.inner.transport.send(request);
            let response = match self.inner.timeout {
                Some(limit) => tokio::time::timeout(limit, sent)
                    .await
                    .map_err(|_| Error::Timeout(limit))?,
                None => sent.await,
            }
            .map_err(Error::Transport)?;
            let retryable = matches!(response.status, 429 | 503);
            if retryable && attempt < self.inner.max_retries && spare.is_some() {
                let wait = response
                    .header("Retry-After")
                    .and_then(|v| v.trim().parse::<u64>().ok())
                    .map(Duration::from_secs)
                    .unwrap_or_else(|| Duration::from_millis(500 << attempt.min(6)))
                    .min(self.inner.max_retry_after);
                tokio::time::sleep(wait).await;
                attempt += 1;
                body = spare;
                continue;
            }
            if response.status >= 400 {
                let status = response.status;
                let headers = response.headers.clone();
                let bytes = response.bytes().await?;
                return Err(Error::Api(Box::new(ApiError::from_parts(
                    status, headers, &bytes,
                ))));
            }
            return Ok(response);
        }
    }
}

/// How a response body becomes the value a call returns.
pub trait FromResponse: Sized + Send + 'static {
    fn from_response(response: HttpResponse) -> BoxFuture<'static, Result<Self, Error>>;
}

impl<T: DeserializeOwned + Send + 'static> FromResponse for T {
    fn from_response(response: HttpResponse) -> BoxFuture<'static, Result<Self, Error>> {
        Box::pin(async move {
            let status = response.status;
            let bytes = response.bytes().await?;
            // Some operations the docs describe as returning an object answer
            // `204 No Content`; an empty body then reads as an empty object.
            let body: &[u8] = if bytes.iter().all(u8::is_ascii_whitespace) {
                b"{}"
            } else {
                &bytes
            };
            serde_json::from_slice(body).map_err(|source| Error::Decode { status, source })
        })
    }
}

impl FromResponse for crate::request::NoContent {
    fn from_response(_: HttpResponse) -> BoxFuture<'static, Result<Self, Error>> {
        Box::pin(async { Ok(crate::request::NoContent) })
    }
}

impl FromResponse for crate::request::Download {
    fn from_response(response: HttpResponse) -> BoxFuture<'static, Result<Self, Error>> {
        Box::pin(async move {
            Ok(crate::request::Download::new(
                response.headers,
                response.body,
            ))
        })
    }
}

/// How a request body is sent.
pub trait IntoBody {
    /// The body and its content type.
    fn into_body(self) -> Result<(Body, Option<&'static str>), Error>;
}

impl<T: Serialize> IntoBody for T {
    fn into_body(self) -> Result<(Body, Option<&'static str>), Error> {
        let bytes = serde_json::to_vec(&self).map_err(Error::Encode)?;
        Ok((Body::Bytes(Bytes::from(bytes)), Some("application/json")))
    }
}

impl IntoBody for crate::request::NoBody {
    fn into_body(self) -> Result<(Body, Option<&'static str>), Error> {
        Ok((Body::Empty, None))
    }
}

impl IntoBody for crate::request::Upload {
    fn into_body(self) -> Result<(Body, Option<&'static str>), Error> {
        Ok((self.into_body_stream(), Some("application/octet-stream")))
    }
}

impl<R: FromResponse, B: IntoBody + Send + 'static> Request<R, B> {
    /// Sends the request and reads the response as `R`. The future owns
    /// what it needs (a clone of the client, which is a reference count),
    /// so it can be spawned: `tokio::spawn(request.send(&client))`.
    pub fn send(self, client: &Client) -> impl Future<Output = Result<R, Error>> + Send + 'static {
        let client = client.clone();
        async move {
            let url = self.url(client.base_url());
            let (method, mut headers, body) = self.into_parts();
            let (body, content_type) = match body {
                Some(b) => b.into_body()?,
                None => (Body::Empty, None),
            };
            // A `Content-Type` the request sets (MIME content as
            // `text/plain`) wins over the body's default.
            if let Some(ct) = content_type.filter(|_| {
                !headers
                    .iter()
                    .any(|(k, _)| k.eq_ignore_ascii_case("content-type"))
            }) {
                headers.push(("Content-Type".to_string(), ct.to_string()));
            }
            let response = client.execute(method, url, headers, body).await?;
            R::from_response(response).await
        }
    }
}

/// Pages of a collection, and its items, following `@odata.nextLink`.
pub type PageStream<T> = Pin<Box<dyn Stream<Item = Result<Collection<T>, Error>> + Send>>;

impl<T, B> Request<Collection<T>, B>
where
    T: DeserializeOwned + Send + 'static,
    B: IntoBody + Send + 'static,
{
    /// Every page, following `@odata.nextLink` with the first request's
    /// headers (`ConsistencyLevel`, `Prefer`); the last page carries the
    /// `@odata.deltaLink` of delta queries.
    pub fn pages(self, client: &Client) -> PageStream<T> {
        let headers = self.headers().to_vec();
        follow(PageState::First(self), client.clone(), headers)
    }

    /// Every item of every page.
    pub fn items(self, client: &Client) -> Pin<Box<dyn Stream<Item = Result<T, Error>> + Send>> {
        Box::pin(self.pages(client).flat_map(|page| {
            let items: Vec<Result<T, Error>> = match page {
                Ok(p) => p.value.into_iter().map(Ok).collect(),
                Err(e) => vec![Err(e)],
            };
            futures_util::stream::iter(items)
        }))
    }
}

enum PageState<R> {
    First(R),
    Next(String),
    Done,
}

/// The pages from a first request or from a link, each next page asked for
/// with `headers`.
fn follow<T, B>(
    start: PageState<Request<Collection<T>, B>>,
    client: Client,
    headers: Vec<(String, String)>,
) -> PageStream<T>
where
    T: DeserializeOwned + Send + 'static,
    B: IntoBody + Send + 'static,
{
    Box::pin(futures_util::stream::unfold(start, move |state| {
        let client = client.clone();
        let headers = headers.clone();
        async move {
            let result = match state {
                PageState::Done => return None,
                PageState::First(request) => request.send(&client).await,
                PageState::Next(url) => {
                    match client.execute(Method::Get, url, headers, Body::Empty).await {
                        Ok(r) => <Collection<T> as FromResponse>::from_response(r).await,
                        Err(e) => Err(e),
                    }
                }
            };
            match result {
                Ok(page) => {
                    let next = match &page.next_link {
                        Some(link) => PageState::Next(link.clone()),
                        None => PageState::Done,
                    };
                    Some((Ok(page), next))
                }
                Err(e) => Some((Err(e), PageState::Done)),
            }
        }
    }))
}

impl Client {
    /// The pages from a saved `@odata.nextLink` or `@odata.deltaLink` (a
    /// delta query started again where it ended), each asked for with
    /// `headers`.
    pub fn pages_from_link<T>(
        &self,
        link: impl Into<String>,
        headers: Vec<(String, String)>,
    ) -> PageStream<T>
    where
        T: DeserializeOwned + Send + 'static,
    {
        follow::<T, crate::request::NoBody>(PageState::Next(link.into()), self.clone(), headers)
    }
}

/// A request bound to a client, as the path builders return it:
/// `client.users().by_id("...").get().select(["displayName"]).send().await`.
#[derive(Debug)]
pub struct Call<'c, R, B = crate::request::NoBody> {
    client: &'c Client,
    request: Request<R, B>,
}

impl<'c, R, B> Call<'c, R, B> {
    pub fn new(client: &'c Client, request: Request<R, B>) -> Self {
        Call { client, request }
    }

    /// The request, to send later or elsewhere.
    pub fn into_request(self) -> Request<R, B> {
        self.request
    }

    pub fn request(&self) -> &Request<R, B> {
        &self.request
    }

    fn map(self, f: impl FnOnce(Request<R, B>) -> Request<R, B>) -> Self {
        Call {
            client: self.client,
            request: f(self.request),
        }
    }

    /// `$select`: the properties to return.
    pub fn select<I: IntoIterator<Item = S>, S: AsRef<str>>(self, properties: I) -> Self {
        self.map(|r| r.select(properties))
    }

    /// `$expand`: the relationships to return inline.
    pub fn expand<I: IntoIterator<Item = S>, S: AsRef<str>>(self, relationships: I) -> Self {
        self.map(|r| r.expand(relationships))
    }

    /// Any other query option.
    pub fn query(self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.map(|r| r.query(name, value))
    }

    /// A request header.
    pub fn header(self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.map(|r| r.header(name, value))
    }
}

/// Options of collection calls only; see [`Request`].
impl<T, B> Call<'_, Collection<T>, B> {
    /// `$filter`: an OData filter expression.
    pub fn filter(self, expression: impl Into<String>) -> Self {
        self.map(|r| r.filter(expression))
    }

    /// `$orderby`: properties, each optionally followed by ` desc`.
    pub fn orderby<I: IntoIterator<Item = S>, S: AsRef<str>>(self, properties: I) -> Self {
        self.map(|r| r.orderby(properties))
    }

    /// `$top`: the page size.
    pub fn top(self, n: u32) -> Self {
        self.map(|r| r.top(n))
    }

    /// `$skip`: items to skip.
    pub fn skip(self, n: u32) -> Self {
        self.map(|r| r.skip(n))
    }

    /// `$count`: include `@odata.count`.
    pub fn count(self, count: bool) -> Self {
        self.map(|r| r.count(count))
    }

    /// `$search`: a search expression.
    pub fn search(self, expression: impl Into<String>) -> Self {
        self.map(|r| r.search(expression))
    }
}

impl<R: FromResponse, B: IntoBody + Send + 'static> Call<'_, R, B> {
    /// Sends the request and reads the response. The future does not
    /// borrow the client: it can be spawned.
    pub fn send(self) -> impl Future<Output = Result<R, Error>> + Send + 'static {
        self.request.send(self.client)
    }
}

impl<T, B> Call<'_, Collection<T>, B>
where
    T: DeserializeOwned + Send + 'static,
    B: IntoBody + Send + 'static,
{
    /// Every page, following `@odata.nextLink`.
    pub fn pages(self) -> PageStream<T> {
        self.request.pages(self.client)
    }

    /// Every item of every page.
    pub fn items(self) -> Pin<Box<dyn Stream<Item = Result<T, Error>> + Send>> {
        self.request.items(self.client)
    }
}

/// A position in the URL tree that path builders walk; `path` is encoded.
#[derive(Debug, Clone)]
pub struct PathNode<'c> {
    pub client: &'c Client,
    pub path: String,
}

impl<'c> PathNode<'c> {
    /// One more literal segment.
    pub fn join(&self, segment: &str) -> PathNode<'c> {
        PathNode {
            client: self.client,
            path: format!("{}/{segment}", self.path),
        }
    }
}

impl Client {
    /// The root of the URL tree, for the path builders.
    pub fn root(&self) -> PathNode<'_> {
        PathNode {
            client: self,
            path: String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_redacted() {
        let token = AccessToken::new("secret-value");
        assert!(!format!("{token:?}").contains("secret-value"));
        let builder = Client::builder().bearer_token("secret-value");
        assert!(!format!("{builder:?}").contains("secret-value"));
    }

    #[test]
    fn error_bodies() {
        let body = br#"{"error": {"code": "Request_ResourceNotFound", "message": "Gone.", "innerError": {"request-id": "abc", "date": "2021-07-16T00:00:00"}}}"#;
        let e = ApiError::from_parts(404, Vec::new(), body);
        assert_eq!(e.code.as_deref(), Some("Request_ResourceNotFound"));
        assert_eq!(e.request_id.as_deref(), Some("abc"));
        assert_eq!(
            e.to_string(),
            "HTTP 404 Request_ResourceNotFound: Gone. (request id abc)"
        );
    }
}
