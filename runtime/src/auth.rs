//! Sign-in: access tokens, the providers that supply them, and a cache that
//! keeps a token until shortly before it expires.

use crate::client::{BoxFuture, Error};
use std::fmt;

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
