//! Sign-in: tokens cached until shortly before they expire, refreshed once
//! for concurrent calls, a 401 answered by signing in again once, and the
//! Azure SDK's credentials (a fake one here) with the cloud's scope.

mod common;

use client_runtime::client::{AccessToken, BoxFuture, Client, Error, TokenProvider};
use client_runtime::request::{Method, NoContent, Request};
use common::Scripted;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

/// Hands out `token-1`, `token-2`, ... each valid for `lifetime`, slowly,
/// and records the scopes asked for.
struct Counting {
    calls: AtomicUsize,
    lifetime: Duration,
    scopes: Mutex<Vec<String>>,
}

impl Counting {
    fn new(lifetime: Duration) -> Arc<Self> {
        Arc::new(Counting {
            calls: AtomicUsize::new(0),
            lifetime,
            scopes: Mutex::new(Vec::new()),
        })
    }
}

/// The provider the client holds, sharing the counts with the test.
struct Provider(Arc<Counting>);

impl TokenProvider for Provider {
    fn token(&self, scopes: &[String]) -> BoxFuture<'_, Result<AccessToken, Error>> {
        let this = &self.0;
        *this.scopes.lock().unwrap() = scopes.to_vec();
        Box::pin(async move {
            // Slow, so concurrent calls overlap while it runs.
            tokio::time::sleep(Duration::from_millis(20)).await;
            let n = this.calls.fetch_add(1, Ordering::SeqCst) + 1;
            Ok(
                AccessToken::new(format!("token-{n}"))
                    .expires_on(SystemTime::now() + this.lifetime),
            )
        })
    }
}

fn client(t: &Scripted, provider: impl TokenProvider) -> Client {
    Client::builder()
        .base_url("https://graph.microsoft.us/v1.0")
        .token_provider(provider)
        .transport(t.clone())
        .timeout(None)
        .build()
        .unwrap()
}

fn delete() -> Request<NoContent> {
    Request::new(Method::DELETE, "/things/1".to_string())
}

#[tokio::test]
async fn a_token_is_reused_until_shortly_before_it_expires() {
    let long = Counting::new(Duration::from_secs(3600));
    let t = Scripted::new(vec![(204, vec![]); 3]);
    let c = client(&t, Provider(long.clone()));
    for _ in 0..3 {
        delete().send(&c).await.unwrap();
    }
    assert_eq!(long.calls.load(Ordering::SeqCst), 1);
    assert_eq!(
        *long.scopes.lock().unwrap(),
        vec!["https://graph.microsoft.us/.default".to_string()]
    );
    // A token within five minutes of its expiry is replaced before use.
    let short = Counting::new(Duration::from_secs(240));
    let t = Scripted::new(vec![(204, vec![]); 2]);
    let c = client(&t, Provider(short.clone()));
    delete().send(&c).await.unwrap();
    delete().send(&c).await.unwrap();
    assert_eq!(short.calls.load(Ordering::SeqCst), 2);
    let seen = t.seen.lock().unwrap().clone();
    assert!(seen[0].ends_with("Bearer token-1") && seen[1].ends_with("Bearer token-2"));
}

#[tokio::test]
async fn concurrent_calls_share_one_refresh() {
    let p = Counting::new(Duration::from_secs(3600));
    let t = Scripted::new(vec![(204, vec![]); 16]);
    let c = client(&t, Provider(p.clone()));
    let calls: Vec<_> = (0..16).map(|_| tokio::spawn(delete().send(&c))).collect();
    for call in calls {
        call.await.unwrap().unwrap();
    }
    assert_eq!(p.calls.load(Ordering::SeqCst), 1);
    assert!(t
        .seen
        .lock()
        .unwrap()
        .iter()
        .all(|s| s.ends_with("Bearer token-1")));
}

#[tokio::test]
async fn a_401_signs_in_again_once() {
    let p = Counting::new(Duration::from_secs(3600));
    let t = Scripted::new(vec![(401, vec![]), (204, vec![])]);
    let c = client(&t, Provider(p.clone()));
    delete().send(&c).await.unwrap();
    let seen = t.seen.lock().unwrap().clone();
    assert!(seen[0].ends_with("Bearer token-1") && seen[1].ends_with("Bearer token-2"));
    // A second 401 is the answer: the new token is refused too.
    let t = Scripted::new(vec![(401, vec![]), (401, vec![]), (204, vec![])]);
    let c = client(&t, Provider(p.clone()));
    match delete().send(&c).await {
        Err(Error::Api(e)) => assert_eq!(e.status, 401),
        other => panic!("{other:?}"),
    }
    assert_eq!(t.seen.lock().unwrap().len(), 2);
}

#[cfg(feature = "azure")]
mod azure {
    use super::*;
    use azure_core::credentials::{TokenCredential, TokenRequestOptions};

    /// A credential of the Azure SDK's kind that counts its calls and gives
    /// tokens that expire in two minutes (so each call needs a new one).
    #[derive(Debug, Default)]
    struct Fake {
        calls: AtomicUsize,
        scopes: Mutex<Vec<String>>,
    }

    #[async_trait::async_trait]
    impl TokenCredential for Fake {
        async fn get_token(
            &self,
            scopes: &[&str],
            _options: Option<TokenRequestOptions<'_>>,
        ) -> azure_core::Result<azure_core::credentials::AccessToken> {
            *self.scopes.lock().unwrap() = scopes.iter().map(|s| s.to_string()).collect();
            let n = self.calls.fetch_add(1, Ordering::SeqCst) + 1;
            Ok(azure_core::credentials::AccessToken::new(
                format!("azure-{n}"),
                azure_core::time::OffsetDateTime::now_utc()
                    + azure_core::time::Duration::minutes(2),
            ))
        }
    }

    /// Hands out hour-long tokens, slowly, counting its calls.
    #[derive(Debug, Default)]
    struct SlowFake {
        calls: AtomicUsize,
    }

    #[async_trait::async_trait]
    impl TokenCredential for SlowFake {
        async fn get_token(
            &self,
            _scopes: &[&str],
            _options: Option<TokenRequestOptions<'_>>,
        ) -> azure_core::Result<azure_core::credentials::AccessToken> {
            tokio::time::sleep(Duration::from_millis(20)).await;
            self.calls.fetch_add(1, Ordering::SeqCst);
            Ok(azure_core::credentials::AccessToken::new(
                "hour",
                azure_core::time::OffsetDateTime::now_utc() + azure_core::time::Duration::hours(1),
            ))
        }
    }

    #[tokio::test]
    async fn concurrent_calls_ask_an_azure_credential_once() {
        let fake = Arc::new(SlowFake::default());
        let t = Scripted::new(vec![(204, vec![]); 8]);
        let c = Client::builder()
            .credential(fake.clone())
            .transport(t.clone())
            .timeout(None)
            .build()
            .unwrap();
        let calls: Vec<_> = (0..8).map(|_| tokio::spawn(delete().send(&c))).collect();
        for call in calls {
            call.await.unwrap().unwrap();
        }
        assert_eq!(fake.calls.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn an_azure_credential_signs_in_for_the_clouds_scope() {
        let fake = Arc::new(Fake::default());
        let t = Scripted::new(vec![(204, vec![]), (401, vec![]), (204, vec![])]);
        let c = Client::builder()
            .base_url("https://microsoftgraph.chinacloudapi.cn/v1.0")
            .credential(fake.clone())
            .transport(t.clone())
            .timeout(None)
            .build()
            .unwrap();
        delete().send(&c).await.unwrap();
        delete().send(&c).await.unwrap();
        assert_eq!(
            *fake.scopes.lock().unwrap(),
            vec!["https://microsoftgraph.chinacloudapi.cn/.default".to_string()]
        );
        let seen = t.seen.lock().unwrap().clone();
        // Expiring within the margin: a new token per call, and one more
        // after the 401.
        assert!(seen[0].ends_with("Bearer azure-1"));
        assert!(seen[1].ends_with("Bearer azure-2"));
        assert!(seen[2].ends_with("Bearer azure-3"));
    }
}
