//! JSON batching: typed sub-requests in one `POST /$batch`, `dependsOn`,
//! throttled sub-requests sent again after their own `Retry-After`, and
//! more than 20 requests split across calls with dependent ones together.

mod common;

use client_runtime::batch::Batch;
use client_runtime::client::{Client, Error};
use client_runtime::request::{Method, NoContent, Request};
use common::{Scripted, BODY};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct User {
    #[serde(rename = "displayName")]
    display_name: String,
}

fn client(t: &Scripted) -> Client {
    Client::builder()
        .base_url("https://graph.microsoft.com/v1.0")
        .bearer_token("t")
        .transport(t.clone())
        .timeout(None)
        .build()
        .unwrap()
}

fn sent_json(t: &Scripted, i: usize) -> serde_json::Value {
    let seen = t.requests.lock().unwrap();
    serde_json::from_slice(seen[i].body.as_ref().unwrap()).unwrap()
}

#[tokio::test]
async fn requests_go_together_and_come_back_typed() {
    let t = Scripted::new(vec![(
        200,
        vec![(
            BODY,
            r#"{"responses": [
                {"id": "2", "status": 201, "headers": {"Content-Type": "application/json"}, "body": {"displayName": "Ada"}},
                {"id": "1", "status": 200, "body": {"displayName": "Me"}},
                {"id": "3", "status": 404, "body": {"error": {"code": "itemNotFound", "message": "gone"}}}
            ]}"#
                .to_string(),
        )],
    )]);
    let mut batch = Batch::new();
    // A call bound to a client, as the path builders give them, goes in as
    // its request.
    let c = client(&t);
    let me = batch
        .add(client_runtime::client::Call::new(
            &c,
            Request::<User>::new(Method::GET, "/me".to_string()).query("$select", "displayName"),
        ))
        .unwrap();
    let created = batch
        .add_after(
            Request::<User, User>::with_body(
                Method::POST,
                "/users".to_string(),
                User {
                    display_name: "Ada".into(),
                },
            ),
            &me,
        )
        .unwrap();
    let gone = batch
        .add(Request::<NoContent>::new(
            Method::DELETE,
            "/users/x".to_string(),
        ))
        .unwrap();
    let mut answers = batch.send(&client(&t)).await.unwrap();
    assert_eq!(answers.get(&me).await.unwrap().display_name, "Me");
    assert_eq!(answers.get(&created).await.unwrap().display_name, "Ada");
    match answers.get(&gone).await {
        Err(Error::Api(e)) => {
            assert_eq!((e.status, e.code.as_deref()), (404, Some("itemNotFound")))
        }
        other => panic!("{other:?}"),
    }
    let seen = t.requests.lock().unwrap().clone();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].url, "https://graph.microsoft.com/v1.0/$batch");
    assert_eq!(
        sent_json(&t, 0),
        serde_json::json!({"requests": [
            {"id": "1", "method": "GET", "url": "/me?$select=displayName"},
            {"id": "2", "method": "POST", "url": "/users", "dependsOn": ["1"],
             "headers": {"Content-Type": "application/json"}, "body": {"displayName": "Ada"}},
            {"id": "3", "method": "DELETE", "url": "/users/x"}
        ]})
    );
}

#[tokio::test]
async fn throttled_sub_requests_are_sent_again_after_their_retry_after() {
    let t = Scripted::new(vec![
        (
            200,
            vec![(
                BODY,
                r#"{"responses": [
                    {"id": "1", "status": 200, "body": {"displayName": "A"}},
                    {"id": "2", "status": 429, "headers": {"Retry-After": "4"}},
                    {"id": "3", "status": 424}
                ]}"#
                .to_string(),
            )],
        ),
        (
            200,
            vec![(
                BODY,
                r#"{"responses": [
                    {"id": "2", "status": 200, "body": {"displayName": "B"}},
                    {"id": "3", "status": 204}
                ]}"#
                .to_string(),
            )],
        ),
    ]);
    let mut batch = Batch::new();
    let a = batch
        .add(Request::<User>::new(Method::GET, "/users/a".to_string()))
        .unwrap();
    let b = batch
        .add(Request::<User>::new(Method::GET, "/users/b".to_string()))
        .unwrap();
    let c = batch
        .add_after(
            Request::<NoContent>::new(Method::DELETE, "/users/c".to_string()),
            &b,
        )
        .unwrap();
    let mut answers = batch.send(&client(&t)).await.unwrap();
    assert_eq!(answers.get(&a).await.unwrap().display_name, "A");
    assert_eq!(answers.get(&b).await.unwrap().display_name, "B");
    answers.get(&c).await.unwrap();
    assert_eq!(
        *t.waits.lock().unwrap(),
        vec![std::time::Duration::from_secs(4)]
    );
    let ids: Vec<String> = sent_json(&t, 1)["requests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, vec!["2", "3"]);
}

#[tokio::test]
async fn more_than_twenty_are_split_and_dependent_ones_stay_together() {
    let answer = |ids: std::ops::RangeInclusive<usize>| {
        let responses: Vec<String> = ids
            .map(|i| format!(r#"{{"id": "{i}", "status": 204}}"#))
            .collect();
        (
            200,
            vec![(
                BODY,
                format!(r#"{{"responses": [{}]}}"#, responses.join(",")),
            )],
        )
    };
    let mut batch = Batch::new();
    let mut keys = Vec::new();
    // 15 independent requests, then a chain of 10.
    for i in 0..15 {
        keys.push(
            batch
                .add(Request::<NoContent>::new(Method::DELETE, format!("/a/{i}")))
                .unwrap(),
        );
    }
    let mut prev = batch
        .add(Request::<NoContent>::new(
            Method::DELETE,
            "/b/0".to_string(),
        ))
        .unwrap();
    for i in 1..10 {
        let next = batch
            .add_after(
                Request::<NoContent>::new(Method::DELETE, format!("/b/{i}")),
                &prev,
            )
            .unwrap();
        keys.push(prev);
        prev = next;
    }
    keys.push(prev);
    // The first call: the 15 independent ones (the chain of 10 does not
    // fit beside them); the second: the chain.
    let t = Scripted::new(vec![answer(1..=15), answer(16..=25)]);
    let mut answers = batch.send(&client(&t)).await.unwrap();
    for k in &keys {
        answers.get(k).await.unwrap();
    }
    let sizes: Vec<usize> = (0..2)
        .map(|i| sent_json(&t, i)["requests"].as_array().unwrap().len())
        .collect();
    assert_eq!(sizes, vec![15, 10]);
}
