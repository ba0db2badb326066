//! Sign-in: access tokens, the providers that supply them, and the cache
//! the client keeps them in: a token is reused until shortly before it
//! expires, refreshed once however many calls wait for it, and dropped
//! when the service answers 401 to it.

use crate::client::{BoxFuture, Error};
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// An access token and, when the provider says, when it expires. The token
/// never appears in `Debug` output, errors or logs.
#[derive(Clone, PartialEq, Eq)]
pub struct AccessToken {
    secret: String,
    expires_on: Option<SystemTime>,
}

impl AccessToken {
    /// A token with no known expiry: it is kept until the service rejects it.
    pub fn new(token: impl Into<String>) -> Self {
        AccessToken {
            secret: token.into(),
            expires_on: None,
        }
    }

    /// The same token, expiring at `at`.
    pub fn expires_on(mut self, at: SystemTime) -> Self {
        self.expires_on = Some(at);
        self
    }

    /// The token itself, for the `Authorization` header.
    pub fn secret(&self) -> &str {
        &self.secret
    }

    /// When the token expires, if known.
    pub fn expiry(&self) -> Option<SystemTime> {
        self.expires_on
    }

    /// Whether the token is still good for `margin` from `now`.
    fn fresh_for(&self, margin: Duration, now: SystemTime) -> bool {
        self.expires_on
            .is_none_or(|at| at.duration_since(now).is_ok_and(|left| left > margin))
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessToken")
            .field("secret", &"<redacted>")
            .field("expires_on", &self.expires_on)
            .finish()
    }
}

/// Supplies access tokens for scopes (an OAuth flow, a managed identity,
/// a CLI login). The client caches what it returns; a provider need not.
pub trait TokenProvider: Send + Sync + 'static {
    fn token(&self, scopes: &[String]) -> BoxFuture<'_, Result<AccessToken, Error>>;
}

/// A fixed bearer token, for tests and simple tools.
#[derive(Debug, Clone)]
pub struct StaticToken(AccessToken);

impl StaticToken {
    pub fn new(token: impl Into<String>) -> Self {
        StaticToken(AccessToken::new(token))
    }
}

impl TokenProvider for StaticToken {
    fn token(&self, _scopes: &[String]) -> BoxFuture<'_, Result<AccessToken, Error>> {
        let token = self.0.clone();
        Box::pin(async move { Ok(token) })
    }
}

/// How long before its expiry a token is replaced (the Azure SDKs' five
/// minutes): a call never starts with a token about to lapse.
pub const REFRESH_MARGIN: Duration = Duration::from_secs(300);

/// The scope a client asks for: the service's `/.default` scope, from the
/// base URL's origin (`https://graph.microsoft.com/.default` for the global
/// service, `https://graph.microsoft.us/.default`,
/// `https://microsoftgraph.chinacloudapi.cn/.default` for national clouds).
pub fn default_scope(base_url: &str) -> String {
    let after_scheme = base_url.find("://").map_or(0, |i| i + 3);
    let end = base_url[after_scheme..]
        .find('/')
        .map_or(base_url.len(), |i| after_scheme + i);
    format!("{}/.default", &base_url[..end])
}

/// A provider's tokens, kept until shortly before they expire.
pub(crate) struct TokenCache {
    provider: Arc<dyn TokenProvider>,
    scopes: Vec<String>,
    /// Held while a token is fetched, so concurrent calls wait for one
    /// refresh instead of each starting its own.
    current: futures_util::lock::Mutex<Option<AccessToken>>,
}

impl TokenCache {
    pub(crate) fn new(provider: Arc<dyn TokenProvider>, scopes: Vec<String>) -> Self {
        TokenCache {
            provider,
            scopes,
            current: futures_util::lock::Mutex::new(None),
        }
    }

    /// A token good for at least [`REFRESH_MARGIN`], fetched only when the
    /// kept one is not.
    pub(crate) async fn get(&self) -> Result<AccessToken, Error> {
        let mut current = self.current.lock().await;
        if let Some(t) = current
            .as_ref()
            .filter(|t| t.fresh_for(REFRESH_MARGIN, SystemTime::now()))
        {
            return Ok(t.clone());
        }
        let token = self.provider.token(&self.scopes).await?;
        *current = Some(token.clone());
        Ok(token)
    }

    /// Forgets `rejected` (the service answered 401 to it), unless another
    /// call has already replaced it.
    pub(crate) async fn reject(&self, rejected: &AccessToken) {
        let mut current = self.current.lock().await;
        if current.as_ref() == Some(rejected) {
            *current = None;
        }
    }
}

/// Signs in with any credential of the Azure SDK for Rust
/// (`azure_identity`'s `ClientSecretCredential`, `ManagedIdentityCredential`,
/// `AzureCliCredential`, ...): see `ClientBuilder::credential`.
#[cfg(feature = "azure")]
#[derive(Debug, Clone)]
pub struct AzureCredential(pub Arc<dyn azure_core::credentials::TokenCredential>);

#[cfg(feature = "azure")]
impl TokenProvider for AzureCredential {
    fn token(&self, scopes: &[String]) -> BoxFuture<'_, Result<AccessToken, Error>> {
        let scopes: Vec<String> = scopes.to_vec();
        Box::pin(async move {
            let scopes: Vec<&str> = scopes.iter().map(String::as_str).collect();
            let token = self
                .0
                .get_token(&scopes, None)
                .await
                .map_err(|e| Error::Auth(e.to_string()))?;
            Ok(AccessToken::new(token.token.secret())
                .expires_on(SystemTime::from(token.expires_on)))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scope_is_the_clouds_default_scope() {
        assert_eq!(
            default_scope("https://graph.microsoft.com/v1.0"),
            "https://graph.microsoft.com/.default"
        );
        assert_eq!(
            default_scope("https://microsoftgraph.chinacloudapi.cn/v1.0"),
            "https://microsoftgraph.chinacloudapi.cn/.default"
        );
        assert_eq!(
            default_scope("http://127.0.0.1:8080"),
            "http://127.0.0.1:8080/.default"
        );
    }

    #[test]
    fn a_token_is_fresh_until_the_margin_before_expiry() {
        let now = SystemTime::now();
        let t = AccessToken::new("t").expires_on(now + Duration::from_secs(600));
        assert!(t.fresh_for(REFRESH_MARGIN, now));
        assert!(!t.fresh_for(REFRESH_MARGIN, now + Duration::from_secs(301)));
        assert!(AccessToken::new("t").fresh_for(REFRESH_MARGIN, now));
        assert!(!format!("{t:?}").contains("\"t\""));
    }
}
