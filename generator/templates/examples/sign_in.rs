//! Signs in with a credential of the Azure SDK for Rust (feature `azure`):
//! the client asks it for tokens for the base URL's cloud, keeps each
//! until five minutes before it expires, and signs in again after a 401.
//! A real program passes one of `azure_identity`'s credentials:
//!
//! ```ignore
//! let credential = azure_identity::ClientSecretCredential::new(
//!     "tenant-id", "client-id".into(), "secret".into(), None)?;
//! let client = Client::builder().credential(credential).build()?;
//! ```
//!
//! This one runs anywhere: a stand-in credential and a local mock server.

use the_crate::{Client, Method, Request};
use std::sync::Arc;

/// Stands in for `azure_identity`'s credentials.
#[derive(Debug)]
struct LocalCredential;

#[async_trait::async_trait]
impl azure_core::credentials::TokenCredential for LocalCredential {
    async fn get_token(
        &self,
        scopes: &[&str],
        _options: Option<azure_core::credentials::TokenRequestOptions<'_>>,
    ) -> azure_core::Result<azure_core::credentials::AccessToken> {
        println!("token asked for {scopes:?}");
        Ok(azure_core::credentials::AccessToken::new(
            "local-token",
            azure_core::time::OffsetDateTime::now_utc() + azure_core::time::Duration::hours(1),
        ))
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let server = wiremock::MockServer::start().await;
    wiremock::Mock::given(wiremock::matchers::header("authorization", "Bearer local-token"))
        .respond_with(
            wiremock::ResponseTemplate::new(200)
                .set_body_json(serde_json::json!({"displayName": "Megan"})),
        )
        .expect(2)
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .credential(Arc::new(LocalCredential))
        .build()?;
    for _ in 0..2 {
        // The second call reuses the cached token.
        let me: serde_json::Value = Request::new(Method::GET, "/me".to_string())
            .send(&client)
            .await?;
        println!("signed in as {}", me["displayName"]);
    }
    Ok(())
}
