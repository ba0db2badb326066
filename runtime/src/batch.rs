//! JSON batching (`POST /$batch`): typed requests from the path builders
//! combined into as few calls as the service allows (20 requests each),
//! with `dependsOn`, each answer read back as the type its request
//! declared. Sub-requests the service throttled (429) are sent again after
//! their own `Retry-After`, as the client's retry policy bounds.

use crate::client::{Body, Client, Error, FromResponse, HttpResponse, IntoBody};
use crate::error::ApiError;
use crate::request::{Method, Request};
use base64::Engine;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::marker::PhantomData;
use std::time::{Instant, SystemTime};

/// The most requests one `$batch` call takes.
pub const MAX_PER_BATCH: usize = 20;

/// A sub-request's handle: the type its answer is read as.
#[derive(Debug)]
pub struct BatchKey<R> {
    id: String,
    response: PhantomData<fn() -> R>,
}

impl<R> BatchKey<R> {
    /// The sub-request's `id` in the batch.
    pub fn id(&self) -> &str {
        &self.id
    }
}

/// One sub-request, as JSON batching sends it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct SubRequest {
    id: String,
    method: String,
    url: String,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    headers: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    body: Option<serde_json::Value>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    depends_on: Vec<String>,
}

/// One sub-response.
#[derive(Debug, Clone, Deserialize)]
struct SubResponse {
    id: String,
    status: u16,
    #[serde(default)]
    headers: BTreeMap<String, String>,
    #[serde(default)]
    body: Option<serde_json::Value>,
}

#[derive(Debug, Serialize)]
struct BatchRequest<'a> {
    requests: &'a [SubRequest],
}

#[derive(Debug, Deserialize)]
struct BatchResponse {
    responses: Vec<SubResponse>,
}

/// Requests to send together.
#[derive(Debug, Default)]
pub struct Batch {
    requests: Vec<SubRequest>,
}

impl Batch {
    pub fn new() -> Self {
        Batch::default()
    }

    /// How many requests the batch holds.
    pub fn len(&self) -> usize {
        self.requests.len()
    }

    pub fn is_empty(&self) -> bool {
        self.requests.is_empty()
    }

    /// Adds a request, or a call from the path builders
    /// (`client.me().get()`); its answer is read as `R`. A streamed body
    /// cannot be batched.
    pub fn add<R, B: IntoBody>(
        &mut self,
        request: impl Into<Request<R, B>>,
    ) -> Result<BatchKey<R>, Error> {
        self.push(request.into(), Vec::new())
    }

    /// Adds a request that runs after `first` (`dependsOn`); the service
    /// answers it `424 Failed Dependency` if `first` fails.
    pub fn add_after<R, B: IntoBody, D>(
        &mut self,
        request: impl Into<Request<R, B>>,
        first: &BatchKey<D>,
    ) -> Result<BatchKey<R>, Error> {
        self.push(request.into(), vec![first.id.clone()])
    }

    fn push<R, B: IntoBody>(
        &mut self,
        request: Request<R, B>,
        depends_on: Vec<String>,
    ) -> Result<BatchKey<R>, Error> {
        let id = (self.requests.len() + 1).to_string();
        let url = request.path_and_query();
        let (method, headers, body, _) = request.into_parts();
        let mut headers: BTreeMap<String, String> = headers.into_iter().collect();
        let body = match body.map(IntoBody::into_body).transpose()? {
            None | Some((Body::Empty, _)) => None,
            Some((Body::Bytes(bytes), content_type)) => {
                if let Some(ct) = content_type {
                    headers
                        .entry("Content-Type".to_string())
                        .or_insert(ct.to_string());
                }
                Some(match serde_json::from_slice(&bytes) {
                    Ok(json) => json,
                    // Bytes that are not JSON go base64-encoded, as the
                    // batching docs say.
                    Err(_) => serde_json::Value::String(
                        base64::engine::general_purpose::STANDARD.encode(&bytes),
                    ),
                })
            }
            Some((Body::Stream(_), _)) => {
                return Err(Error::Config("a streamed body cannot be batched".into()))
            }
        };
        self.requests.push(SubRequest {
            id: id.clone(),
            method: method.as_str().to_string(),
            url,
            headers,
            body,
            depends_on,
        });
        Ok(BatchKey {
            id,
            response: PhantomData,
        })
    }

    /// The batch in calls of at most [`MAX_PER_BATCH`] requests; a request
    /// and those that depend on it stay in one call.
    fn calls(&self) -> Result<Vec<Vec<SubRequest>>, Error> {
        // Requests joined by `dependsOn` form groups that travel together.
        let mut group: Vec<usize> = (0..self.requests.len()).collect();
        fn root(group: &mut [usize], i: usize) -> usize {
            let mut r = i;
            while group[r] != r {
                r = group[r];
            }
            group[i] = r;
            r
        }
        let index: BTreeMap<&str, usize> = self
            .requests
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.as_str(), i))
            .collect();
        for (i, r) in self.requests.iter().enumerate() {
            for d in &r.depends_on {
                if let Some(&j) = index.get(d.as_str()) {
                    let (a, b) = (root(&mut group, i), root(&mut group, j));
                    group[a] = b;
                }
            }
        }
        let mut groups: BTreeMap<usize, Vec<SubRequest>> = BTreeMap::new();
        for (i, r) in self.requests.iter().enumerate() {
            let g = root(&mut group, i);
            groups.entry(g).or_default().push(r.clone());
        }
        let mut calls: Vec<Vec<SubRequest>> = Vec::new();
        for (_, members) in groups {
            if members.len() > MAX_PER_BATCH {
                return Err(Error::Config(format!(
                    "{} requests depend on one another; one batch takes at most {MAX_PER_BATCH}",
                    members.len()
                )));
            }
            match calls
                .iter_mut()
                .find(|c| c.len() + members.len() <= MAX_PER_BATCH)
            {
                Some(call) => call.extend(members),
                None => calls.push(members),
            }
        }
        Ok(calls)
    }

    /// Sends the batch (in as many calls as it needs) and returns every
    /// answer. Sub-requests answered 429 are sent again after their
    /// `Retry-After`, with those that failed because they depend on one.
    pub async fn send(self, client: &Client) -> Result<BatchResponses, Error> {
        let mut answers = BTreeMap::new();
        for call in self.calls()? {
            answers.extend(send_call(client, call).await?);
        }
        Ok(BatchResponses { answers })
    }
}

async fn send_call(
    client: &Client,
    mut pending: Vec<SubRequest>,
) -> Result<BTreeMap<String, SubResponse>, Error> {
    let policy = client.retry_policy().clone();
    let started = Instant::now();
    let mut answers = BTreeMap::new();
    let mut retry = 0;
    loop {
        let url = format!("{}/$batch", client.base_url());
        let body =
            serde_json::to_vec(&BatchRequest { requests: &pending }).map_err(Error::Encode)?;
        let headers = vec![("Content-Type".to_string(), "application/json".to_string())];
        let response = client
            .execute(Method::POST, url, headers, Body::Bytes(body.into()))
            .await?;
        let status = response.status().as_u16();
        let bytes = crate::transport::body_bytes(response).await?;
        let read: BatchResponse =
            serde_json::from_slice(&bytes).map_err(|source| Error::Decode { status, source })?;
        let throttled: BTreeSet<String> = read
            .responses
            .iter()
            .filter(|r| r.status == 429)
            .map(|r| r.id.clone())
            .collect();
        let wait = read
            .responses
            .iter()
            .filter(|r| r.status == 429)
            .map(|r| policy.delay(retry, header(&r.headers, "Retry-After"), SystemTime::now()))
            .max();
        // Sent again: the throttled, and those that failed because one of
        // them did (424 Failed Dependency).
        let again: BTreeSet<String> = pending
            .iter()
            .filter(|r| {
                throttled.contains(&r.id) || r.depends_on.iter().any(|d| throttled.contains(d))
            })
            .map(|r| r.id.clone())
            .collect();
        let can_wait = wait.is_some_and(|w| started.elapsed() + w <= policy.max_total);
        for r in read.responses {
            if !(can_wait && retry < policy.max_retries && again.contains(&r.id)) {
                answers.insert(r.id.clone(), r);
            }
        }
        if again.is_empty() || !can_wait || retry >= policy.max_retries {
            return Ok(answers);
        }
        client.transport().sleep(wait.unwrap_or_default()).await;
        retry += 1;
        pending.retain(|r| again.contains(&r.id));
    }
}

fn header<'a>(headers: &'a BTreeMap<String, String>, name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// The answers of a sent batch, each read by its key.
#[derive(Debug)]
pub struct BatchResponses {
    answers: BTreeMap<String, SubResponse>,
}

impl BatchResponses {
    /// The answer to `key`'s request, read as its type: an error status is
    /// [`Error::Api`], as for a call of its own.
    pub async fn get<R: FromResponse>(&mut self, key: &BatchKey<R>) -> Result<R, Error> {
        let Some(answer) = self.answers.remove(&key.id) else {
            return Err(Error::Config(format!("no answer for request {}", key.id)));
        };
        let pairs: Vec<(String, String)> = answer.headers.into_iter().collect();
        let headers = crate::transport::header_map(&pairs)?;
        let json =
            crate::transport::header(&headers, "Content-Type").is_none_or(|ct| ct.contains("json"));
        let bytes = match answer.body {
            None => Vec::new(),
            // A body that is not JSON comes base64-encoded in a string.
            Some(serde_json::Value::String(s)) if !json => {
                base64::engine::general_purpose::STANDARD
                    .decode(&s)
                    .unwrap_or_else(|_| s.into_bytes())
            }
            Some(json) => serde_json::to_vec(&json).map_err(Error::Encode)?,
        };
        if answer.status >= 400 {
            return Err(Error::Api(Box::new(ApiError::from_parts(
                answer.status,
                headers,
                &bytes,
            ))));
        }
        let body: crate::client::ByteStream = Box::pin(futures_util::stream::iter(
            std::iter::once(Ok(bytes.into())),
        ));
        let mut response = HttpResponse::new(body);
        *response.status_mut() = http::StatusCode::from_u16(answer.status)
            .map_err(|_| Error::Config(format!("status {} in a batch answer", answer.status)))?;
        *response.headers_mut() = headers;
        R::from_response(response).await
    }
}
