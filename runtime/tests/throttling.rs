//! The client's retries and timeouts, against a scripted transport that
//! records every request and every wait (waits take no time here, except
//! in the timeout tests, which run on tokio's paused clock).

mod common;

use client_runtime::client::{Body, Client, Error, RetryPolicy};
use client_runtime::request::{Method, NoContent, Request, Upload};
use common::Scripted;
use std::time::Duration;

fn client(t: &Scripted, policy: RetryPolicy) -> Client {
    Client::builder()
        .base_url("https://graph.example/v1.0")
        .bearer_token("t")
        .transport(t.clone())
        .retry_policy(policy)
        // Timeouts wait through the transport too; these tests count
        // only the waits between attempts.
        .timeout(None)
        .build()
        .unwrap()
}

fn delete() -> Request<NoContent> {
    Request::new(Method::DELETE, "/things/1".to_string())
}

fn status_of(r: Result<NoContent, Error>) -> u16 {
    match r {
        Ok(_) => 204,
        Err(Error::Api(e)) => e.status,
        Err(e) => panic!("{e}"),
    }
}

#[tokio::test]
async fn retry_after_in_seconds_and_as_a_date_is_waited_for() {
    let date = httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(30));
    let t = Scripted::new(vec![
        (429, vec![("Retry-After", "7".to_string())]),
        (503, vec![("Retry-After", date)]),
        (204, vec![]),
    ]);
    let r = delete().send(&client(&t, RetryPolicy::default())).await;
    assert_eq!(status_of(r), 204);
    let waits = t.waits.lock().unwrap().clone();
    assert_eq!(waits[0], Duration::from_secs(7));
    // The date is 30 s away, give or take the second it is written in.
    assert!(waits[1] >= Duration::from_secs(28) && waits[1] <= Duration::from_secs(30));
    assert_eq!(t.seen.lock().unwrap().len(), 3);
}

#[tokio::test]
async fn without_retry_after_the_backoff_doubles_with_jitter() {
    let t = Scripted::new(vec![
        (504, vec![]),
        (504, vec![]),
        (504, vec![]),
        (204, vec![]),
    ]);
    let r = delete().send(&client(&t, RetryPolicy::default())).await;
    assert_eq!(status_of(r), 204);
    let waits = t.waits.lock().unwrap().clone();
    assert_eq!(waits.len(), 3);
    for (i, w) in waits.iter().enumerate() {
        let full = Duration::from_secs(1 << i);
        assert!(*w >= full / 2 && *w <= full, "wait {i}: {w:?}");
    }
}

#[tokio::test]
async fn attempts_are_bounded_and_the_last_answer_is_the_error() {
    let t = Scripted::new(vec![(429, vec![("Retry-After", "1".to_string())]); 10]);
    let mut policy = RetryPolicy::default();
    policy.max_retries = 2;
    let r = delete().send(&client(&t, policy)).await;
    match r {
        Err(Error::Api(e)) => {
            assert_eq!(e.status, 429);
            assert_eq!(e.header("retry-after"), Some("1"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(t.seen.lock().unwrap().len(), 3);
}

#[tokio::test]
async fn a_wait_past_the_time_budget_is_not_taken() {
    let t = Scripted::new(vec![(429, vec![("Retry-After", "50".to_string())]); 3]);
    let mut policy = RetryPolicy::default();
    policy.max_total = Duration::from_secs(30);
    let r = delete().send(&client(&t, policy)).await;
    assert_eq!(status_of(r), 429);
    assert!(t.waits.lock().unwrap().is_empty());
    assert_eq!(t.seen.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn errors_other_than_throttling_and_streamed_bodies_are_not_retried() {
    let t = Scripted::new(vec![(500, vec![]), (204, vec![])]);
    assert_eq!(
        status_of(delete().send(&client(&t, RetryPolicy::default())).await),
        500
    );
    let t = Scripted::new(vec![(429, vec![]), (204, vec![])]);
    let stream = futures_util::stream::iter(vec![Ok(bytes::Bytes::from_static(b"x"))]);
    let upload: Request<NoContent, Upload> = Request::with_body(
        Method::PUT,
        "/things/1/content".to_string(),
        Upload::stream(Box::pin(stream)),
    );
    assert_eq!(
        status_of(upload.send(&client(&t, RetryPolicy::default())).await),
        429
    );
    assert_eq!(t.seen.lock().unwrap().len(), 1);
}

#[tokio::test(start_paused = true)]
async fn the_client_limits_each_attempt_and_a_call_limits_itself() {
    let t = Scripted {
        hang: true,
        ..Scripted::new(vec![(204, vec![])])
    };
    let c = Client::builder()
        .base_url("https://graph.example/v1.0")
        .transport(t.clone())
        .timeout(Some(Duration::from_secs(100)))
        .build()
        .unwrap();
    match delete().send(&c).await {
        Err(Error::Timeout(d)) => assert_eq!(d, Duration::from_secs(100)),
        other => panic!("{other:?}"),
    }
    match delete().timeout(Duration::from_secs(5)).send(&c).await {
        Err(Error::Timeout(d)) => assert_eq!(d, Duration::from_secs(5)),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_body_is_sent_again_on_retry() {
    let t = Scripted::new(vec![(503, vec![]), (204, vec![])]);
    let r: Request<NoContent, Upload> = Request::with_body(
        Method::PUT,
        "/things/1/content".to_string(),
        Upload::bytes("abc"),
    );
    assert_eq!(
        status_of(r.send(&client(&t, RetryPolicy::default())).await),
        204
    );
    assert_eq!(t.seen.lock().unwrap().len(), 2);
    let _ = Body::Empty;
}
