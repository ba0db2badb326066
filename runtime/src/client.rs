//! The HTTP client: a transport behind a trait (reqwest with rustls by
//! default), bearer-token authentication, retries of throttled answers
//! (`retry`), timeouts, typed errors, and paging that follows
//! `@odata.nextLink`. It uses no async runtime itself: waiting goes
//! through the transport.

#[cfg(feature = "azure")]
pub use crate::auth::AzureCredential;
use crate::auth::TokenCache;
pub use crate::auth::{AccessToken, StaticToken, TokenProvider};
pub use crate::error::{ApiError, Error};
pub use crate::retry::RetryPolicy;
#[cfg(feature = "reqwest")]
pub use crate::transport::ReqwestTransport;
use crate::transport::{body_bytes, header};
pub use crate::transport::{Body, HttpRequest, HttpResponse, Transport, TransportError};

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
use std::time::{Duration, Instant, SystemTime};

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

struct Inner {
    base_url: String,
    transport: Arc<dyn Transport>,
    token: Option<TokenCache>,
    retry: RetryPolicy,
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
            .field("retry", &self.inner.retry)
            .field("timeout", &self.inner.timeout)
            .finish()
    }
}

/// Builds a [`Client`].
pub struct ClientBuilder {
    base_url: String,
    transport: Option<Arc<dyn Transport>>,
    token: Option<Arc<dyn TokenProvider>>,
    scopes: Option<Vec<String>>,
    retry: RetryPolicy,
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
            scopes: None,
            retry: RetryPolicy::default(),
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

    /// Signs in with a credential of the Azure SDK for Rust
    /// (`azure_identity::ClientSecretCredential::new(...)`, a managed
    /// identity, the Azure CLI): tokens for the base URL's cloud, cached
    /// until five minutes before they expire.
    #[cfg(feature = "azure")]
    pub fn credential(self, credential: Arc<dyn azure_core::credentials::TokenCredential>) -> Self {
        self.token_provider(AzureCredential(credential))
    }

    /// The scopes tokens are asked for; by default the base URL's
    /// `/.default` scope (see [`crate::auth::default_scope`]).
    pub fn scopes<I: IntoIterator<Item = S>, S: Into<String>>(mut self, scopes: I) -> Self {
        self.scopes = Some(scopes.into_iter().map(Into::into).collect());
        self
    }

    pub fn transport(mut self, transport: impl Transport) -> Self {
        self.transport = Some(Arc::new(transport));
        self
    }

    /// How often a 429, 503 or 504 answer is retried (default 3).
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.retry.max_retries = retries;
        self
    }

    /// The longest `Retry-After` honoured; longer waits are cut to it.
    pub fn max_retry_after(mut self, limit: Duration) -> Self {
        self.retry.max_retry_after = limit;
        self
    }

    /// The whole retry policy: attempts, total time, backoff.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
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
        let scopes = self
            .scopes
            .unwrap_or_else(|| vec![crate::auth::default_scope(&self.base_url)]);
        Ok(Client {
            inner: Arc::new(Inner {
                base_url: self.base_url,
                transport,
                token: self.token.map(|provider| TokenCache::new(provider, scopes)),
                retry: self.retry,
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

    /// How throttled answers are retried.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.inner.retry
    }

    /// The transport (for its timer: batches wait through it too).
    pub(crate) fn transport(&self) -> &dyn Transport {
        &*self.inner.transport
    }

    /// Sends one request: adds the token, retries throttled answers as the
    /// [`RetryPolicy`] says (for bodies that can be sent again), applies
    /// the client's timeout to each attempt, and turns error statuses into
    /// [`Error::Api`].
    pub async fn execute(
        &self,
        method: Method,
        url: String,
        headers: Vec<(String, String)>,
        body: Body,
    ) -> Result<HttpResponse, Error> {
        self.execute_with(method, url, headers, body, CallOptions::default())
            .await
    }

    /// [`Client::execute`] with a call's own options: a limit on the whole
    /// call, attempts and waits included, besides the client's limit per
    /// attempt; the documented path template, for tracing.
    pub async fn execute_with(
        &self,
        method: Method,
        url: String,
        headers: Vec<(String, String)>,
        body: Body,
        options: CallOptions,
    ) -> Result<HttpResponse, Error> {
        let call = self.attempts(method.clone(), url, headers, body, true);
        #[cfg(feature = "tracing")]
        let call = tracing::Instrument::instrument(call, request_span(&method, options.template));
        within(&*self.inner.transport, options.timeout, call).await?
    }

    /// Sends a request to a URL that must not see the token (an upload
    /// session's `uploadUrl`, which is pre-authenticated), with the
    /// client's retries and timeouts.
    pub async fn execute_unauthenticated(
        &self,
        method: Method,
        url: String,
        headers: Vec<(String, String)>,
        body: Body,
    ) -> Result<HttpResponse, Error> {
        let call = self.attempts(method.clone(), url, headers, body, false);
        #[cfg(feature = "tracing")]
        let call = tracing::Instrument::instrument(call, request_span(&method, None));
        within(&*self.inner.transport, None, call).await?
    }

    async fn attempts(
        &self,
        method: Method,
        url: String,
        headers: Vec<(String, String)>,
        body: Body,
        authenticate: bool,
    ) -> Result<HttpResponse, Error> {
        let started = Instant::now();
        let mut token = match (&self.inner.token, authenticate) {
            (Some(cache), true) => Some(cache.get().await?),
            _ => None,
        };
        let mut method = method;
        let mut url = url;
        let mut redirects = 0;
        let headers = crate::transport::header_map(&headers)?;
        let policy = &self.inner.retry;
        let mut body = Some(body);
        let mut retry = 0;
        let mut signed_in_again = false;
        loop {
            let current = body.take().unwrap_or(Body::Empty);
            let spare = current.try_clone();
            let mut request = HttpRequest::new(current);
            *request.method_mut() = method.clone();
            *request.uri_mut() = crate::transport::uri(&url)?;
            *request.headers_mut() = headers.clone();
            if let Some(t) = &token {
                let mut value = http::HeaderValue::from_str(&format!("Bearer {}", t.secret()))
                    .map_err(|_| Error::Auth("the token is not a valid header value".into()))?;
                // The `http` crate's `Debug` shows a sensitive value as such.
                value.set_sensitive(true);
                request
                    .headers_mut()
                    .insert(http::header::AUTHORIZATION, value);
            }
            let sent = self.inner.transport.send(request);
            let response = within(&*self.inner.transport, self.inner.timeout, sent)
                .await?
                .map_err(Error::Transport)?;
            // Never the token, nor other headers: the status, the attempt
            // and the service's request-id, to find the call in its logs.
            let status = response.status().as_u16();
            let answered = response.headers();
            #[cfg(feature = "tracing")]
            tracing::debug!(
                status,
                attempt = retry + 1,
                request_id = header(answered, "request-id").unwrap_or("-"),
                "answered"
            );
            if policy.retries_status(status) && retry < policy.max_retries {
                if let Some(again) = spare.as_ref().and_then(Body::try_clone) {
                    let wait =
                        policy.delay(retry, header(answered, "Retry-After"), SystemTime::now());
                    // A wait that would end past the call's time budget is
                    // not taken: the caller gets the answer now.
                    if started.elapsed() + wait <= policy.max_total {
                        self.inner.transport.sleep(wait).await;
                        retry += 1;
                        body = Some(again);
                        continue;
                    }
                }
            }
            // A 401 to a token the cache still held: the token was revoked
            // or lapsed early. Sign in again, once, and send again.
            if let (401, false, Some(cache), Some(rejected), Some(again)) = (
                status,
                signed_in_again,
                &self.inner.token,
                &token,
                spare.as_ref().and_then(Body::try_clone),
            ) {
                cache.reject(rejected).await;
                token = Some(cache.get().await?);
                signed_in_again = true;
                body = Some(again);
                continue;
            }
            // A redirect (a download's `302` to a pre-authenticated URL) is
            // followed here, never with the token: the URL carries its own
            // authorization, and the token must not leave for another host.
            // Other headers (`Range`) go along.
            if let (301 | 302 | 303 | 307 | 308, Some(location)) =
                (status, header(answered, "Location"))
            {
                if redirects < MAX_REDIRECTS {
                    let keeps_method = matches!(status, 307 | 308);
                    let again = if keeps_method {
                        spare.as_ref().and_then(Body::try_clone)
                    } else {
                        Some(Body::Empty)
                    };
                    if let Some(again) = again {
                        url = resolve_location(&url, location);
                        if !keeps_method {
                            method = Method::GET;
                        }
                        token = None;
                        redirects += 1;
                        body = Some(again);
                        continue;
                    }
                }
            }
            if status >= 400 {
                let headers = answered.clone();
                let bytes = body_bytes(response).await?;
                return Err(Error::Api(Box::new(ApiError::from_parts(
                    status, headers, &bytes,
                ))));
            }
            return Ok(response);
        }
    }
}

/// What one call adds to the client's settings.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct CallOptions {
    /// A limit on the whole call, attempts and waits included.
    pub timeout: Option<Duration>,
    /// The documented path (`/users/{user-id}`), which tracing shows
    /// instead of the URL (ids and keys stay out of logs).
    pub template: Option<&'static str>,
}

/// The span of one call: method and path template.
#[cfg(feature = "tracing")]
fn request_span(method: &Method, template: Option<&'static str>) -> tracing::Span {
    tracing::info_span!(
        "graph.request",
        method = method.as_str(),
        path = template.unwrap_or("-")
    )
}

/// How many redirects one call follows.
const MAX_REDIRECTS: u32 = 5;

/// A `Location` header against the URL it answered: absolute, or a path
/// on the same origin.
fn resolve_location(from: &str, location: &str) -> String {
    if location.contains("://") {
        return location.to_string();
    }
    let after_scheme = from.find("://").map_or(0, |i| i + 3);
    let origin_end = from[after_scheme..]
        .find('/')
        .map_or(from.len(), |i| after_scheme + i);
    format!(
        "{}/{}",
        &from[..origin_end],
        location.trim_start_matches('/')
    )
}

/// Runs `fut` for at most `limit`, waiting through the transport.
async fn within<T>(
    transport: &dyn Transport,
    limit: Option<Duration>,
    fut: impl Future<Output = T> + Send,
) -> Result<T, Error> {
    let Some(limit) = limit else {
        return Ok(fut.await);
    };
    let fut = std::pin::pin!(fut);
    match futures_util::future::select(fut, transport.sleep(limit)).await {
        futures_util::future::Either::Left((value, _)) => Ok(value),
        futures_util::future::Either::Right(_) => Err(Error::Timeout(limit)),
    }
}

/// How a response body becomes the value a call returns.
pub trait FromResponse: Sized + Send + 'static {
    fn from_response(response: HttpResponse) -> BoxFuture<'static, Result<Self, Error>>;
}

impl<T: DeserializeOwned + Send + 'static> FromResponse for T {
    fn from_response(response: HttpResponse) -> BoxFuture<'static, Result<Self, Error>> {
        Box::pin(async move {
            let status = response.status().as_u16();
            let bytes = body_bytes(response).await?;
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
            let (parts, body) = response.into_parts();
            Ok(crate::request::Download::new(parts.headers, body))
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
            let (method, mut headers, body, options) = self.into_parts();
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
            let response = client
                .execute_with(method, url, headers, body, options)
                .await?;
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
                    match client.execute(Method::GET, url, headers, Body::Empty).await {
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

/// A call from the path builders is its request, for a batch.
impl<R, B> From<Call<'_, R, B>> for Request<R, B> {
    fn from(call: Call<'_, R, B>) -> Self {
        call.into_request()
    }
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

    /// A limit on this call, attempts and waits included.
    pub fn timeout(self, limit: Duration) -> Self {
        self.map(|r| r.timeout(limit))
    }
}

/// Options of downloads only; see [`Request`].
impl<B> Call<'_, crate::request::Download, B> {
    /// Part of the bytes; see [`Request::range`].
    pub fn range(self, start: u64, end: Option<u64>) -> Self {
        self.map(|r| r.range(start, end))
    }
}

/// Options of collection calls only; see [`Request`].
impl<T, B> Call<'_, Collection<T>, B> {
    /// `$filter` from a typed expression; see [`Request::filter_by`].
    pub fn filter_by<P>(self, filter: crate::filter::Filter<P>) -> Self
    where
        T: crate::filter::Filters<P>,
    {
        self.map(|r| r.filter_by(filter))
    }

    /// `$orderby` from typed keys; see [`Request::orderby_by`].
    pub fn orderby_by<P, I: IntoIterator<Item = crate::filter::OrderBy<P>>>(self, keys: I) -> Self
    where
        T: crate::filter::Filters<P>,
    {
        self.map(|r| r.orderby_by(keys))
    }

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
        // Secret headers are marked sensitive, which the `http` crate's
        // `Debug` hides.
        let headers = crate::transport::header_map(&[
            ("Authorization".into(), "Bearer secret-value".into()),
            ("Accept".into(), "application/json".into()),
        ])
        .unwrap();
        let mut request = HttpRequest::new(Body::Empty);
        *request.headers_mut() = headers.clone();
        assert!(!format!("{request:?}").contains("secret-value"));
        assert!(format!("{request:?}").contains("application/json"));
        let error = ApiError::from_parts(401, headers, b"");
        assert!(!format!("{error:?}").contains("secret-value"));
        assert!(crate::transport::header_map(&[("bad name".into(), "x".into())]).is_err());
    }

    #[test]
    fn error_bodies() {
        let body = br#"{"error": {"code": "Request_ResourceNotFound", "message": "Gone.", "innerError": {"request-id": "abc", "date": "2021-07-16T00:00:00"}}}"#;
        let e = ApiError::from_parts(404, http::HeaderMap::new(), body);
        assert_eq!(e.code.as_deref(), Some("Request_ResourceNotFound"));
        assert_eq!(e.request_id.as_deref(), Some("abc"));
        assert_eq!(
            e.to_string(),
            "HTTP 404 Request_ResourceNotFound: Gone. (request id abc)"
        );
    }
}
