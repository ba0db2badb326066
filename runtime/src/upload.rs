//! Large files through an upload session: after `createUploadSession`
//! returns an `uploadUrl`, the bytes go to that URL in chunks of a multiple
//! of 320 KiB, each with its `Content-Range`, never with the token (the URL
//! is pre-authenticated, and the docs say not to send `Authorization` to
//! it). A chunk that fails is not fatal: the session says which bytes it
//! still expects (`nextExpectedRanges`) and the upload goes on from there.
//! The last chunk's answer is the uploaded item.

use crate::client::{Body, BoxFuture, Client, Error, TransportError};
use crate::request::Method;
use bytes::Bytes;
use serde::de::DeserializeOwned;
use serde::Deserialize;

/// Chunk sizes must be multiples of this (the service's rule).
pub const CHUNK_UNIT: usize = 320 * 1024;

/// The largest chunk the service takes (60 MiB).
pub const MAX_CHUNK: usize = 60 * 1024 * 1024;

/// The bytes to upload, read a part at a time, as often as a resumed
/// session needs. Implemented for bytes in memory; implement it for a file
/// to upload one without reading it whole.
pub trait ChunkSource: Send + Sync {
    /// The total size in bytes.
    fn len(&self) -> u64;

    /// Whether there is nothing to upload.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// `len` bytes from `offset`.
    fn read(&self, offset: u64, len: usize) -> BoxFuture<'_, Result<Bytes, std::io::Error>>;
}

impl ChunkSource for Bytes {
    fn len(&self) -> u64 {
        Bytes::len(self) as u64
    }

    fn read(&self, offset: u64, len: usize) -> BoxFuture<'_, Result<Bytes, std::io::Error>> {
        let start = offset as usize;
        let part = self.slice(start..(start + len).min(Bytes::len(self)));
        Box::pin(async move { Ok(part) })
    }
}

/// An upload session's state, as `GET uploadUrl` and each chunk's `202`
/// answer give it.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SessionState {
    #[serde(default)]
    next_expected_ranges: Vec<String>,
}

/// Uploads to an upload session's URL.
#[derive(Debug, Clone)]
pub struct LargeFileUpload {
    upload_url: String,
    chunk_size: usize,
    max_resumes: u32,
}

impl LargeFileUpload {
    /// An upload to `upload_url` (from `createUploadSession`'s answer), in
    /// chunks of 10 x 320 KiB by default.
    pub fn new(upload_url: impl Into<String>) -> Self {
        LargeFileUpload {
            upload_url: upload_url.into(),
            chunk_size: 10 * CHUNK_UNIT,
            max_resumes: 3,
        }
    }

    /// The chunk size: a multiple of [`CHUNK_UNIT`] up to [`MAX_CHUNK`].
    pub fn chunk_size(mut self, bytes: usize) -> Result<Self, Error> {
        if bytes == 0 || !bytes.is_multiple_of(CHUNK_UNIT) || bytes > MAX_CHUNK {
            return Err(Error::Config(format!(
                "chunk size {bytes} is not a multiple of 320 KiB up to 60 MiB"
            )));
        }
        self.chunk_size = bytes;
        Ok(self)
    }

    /// How many times a failed chunk makes the upload ask the session
    /// where to go on (default 3).
    pub fn max_resumes(mut self, n: u32) -> Self {
        self.max_resumes = n;
        self
    }

    /// Uploads `source` and returns the item the last chunk's answer
    /// holds (a `DriveItem`, an `AttachmentItem`...).
    pub async fn upload<T: DeserializeOwned>(
        &self,
        client: &Client,
        source: &dyn ChunkSource,
    ) -> Result<T, Error> {
        let total = source.len();
        let mut offset = 0u64;
        let mut resumes = 0;
        loop {
            match self.put_chunk(client, source, offset, total).await {
                Ok(Step::Done(bytes)) => {
                    return serde_json::from_slice(&bytes).map_err(|source| Error::Decode {
                        status: 200,
                        source,
                    });
                }
                Ok(Step::Next(next)) => offset = next,
                Err(e) if resumes < self.max_resumes => {
                    resumes += 1;
                    // The session knows what it has; a failed chunk is sent
                    // again from the first byte it still expects.
                    offset = match self.expected(client).await {
                        Ok(Some(next)) => next,
                        _ => return Err(e),
                    };
                }
                Err(e) => return Err(e),
            }
        }
    }

    /// Sends the chunk at `offset`: the next offset the session expects,
    /// or the final answer.
    async fn put_chunk(
        &self,
        client: &Client,
        source: &dyn ChunkSource,
        offset: u64,
        total: u64,
    ) -> Result<Step, Error> {
        let len = (total - offset).min(self.chunk_size as u64) as usize;
        let chunk = source
            .read(offset, len)
            .await
            .map_err(|e| Error::Transport(TransportError::from_source(e)))?;
        let end = offset + chunk.len() as u64;
        let headers = vec![
            ("Content-Length".to_string(), chunk.len().to_string()),
            (
                "Content-Range".to_string(),
                format!("bytes {offset}-{}/{total}", end.saturating_sub(1)),
            ),
        ];
        let response = client
            .execute_unauthenticated(
                Method::PUT,
                self.upload_url.clone(),
                headers,
                Body::Bytes(chunk),
            )
            .await?;
        let status = response.status().as_u16();
        let bytes = crate::transport::body_bytes(response).await?;
        if status == 202 {
            let state: SessionState = serde_json::from_slice(&bytes)
                .map_err(|source| Error::Decode { status, source })?;
            return Ok(Step::Next(first_expected(&state).unwrap_or(end)));
        }
        Ok(Step::Done(bytes))
    }

    /// Where the session expects the upload to go on (`GET uploadUrl`).
    async fn expected(&self, client: &Client) -> Result<Option<u64>, Error> {
        let response = client
            .execute_unauthenticated(
                Method::GET,
                self.upload_url.clone(),
                Vec::new(),
                Body::Empty,
            )
            .await?;
        let status = response.status().as_u16();
        let bytes = crate::transport::body_bytes(response).await?;
        let state: SessionState =
            serde_json::from_slice(&bytes).map_err(|source| Error::Decode { status, source })?;
        Ok(first_expected(&state))
    }

    /// Cancels the session (`DELETE uploadUrl`): the service drops the
    /// bytes it has.
    pub async fn cancel(&self, client: &Client) -> Result<(), Error> {
        client
            .execute_unauthenticated(
                Method::DELETE,
                self.upload_url.clone(),
                Vec::new(),
                Body::Empty,
            )
            .await
            .map(|_| ())
    }
}

enum Step {
    Next(u64),
    Done(Bytes),
}

/// The start of the first range the session expects (`"26-"`, `"0-99"`).
fn first_expected(state: &SessionState) -> Option<u64> {
    let first = state.next_expected_ranges.first()?;
    first.split('-').next()?.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunk_sizes_are_multiples_of_320_kib() {
        assert!(LargeFileUpload::new("u").chunk_size(CHUNK_UNIT * 2).is_ok());
        assert!(LargeFileUpload::new("u").chunk_size(1000).is_err());
        assert!(LargeFileUpload::new("u")
            .chunk_size(MAX_CHUNK + CHUNK_UNIT)
            .is_err());
    }

    #[test]
    fn the_first_expected_range_says_where_to_go_on() {
        let state: SessionState =
            serde_json::from_str(r#"{"nextExpectedRanges": ["327680-", "700000-800000"]}"#)
                .unwrap();
        assert_eq!(first_expected(&state), Some(327680));
    }
}
