//! Large files: downloads that follow the redirect to the bytes without
//! the token and keep a `Range`, and upload sessions in chunks of 320 KiB
//! multiples that never send the token and resume where the session says.

mod common;

use client_runtime::client::{Client, Error};
use client_runtime::request::{Download, Method, Request};
use client_runtime::upload::{LargeFileUpload, CHUNK_UNIT};
use common::{Scripted, BODY};

fn client(t: &Scripted) -> Client {
    Client::builder()
        .base_url("https://graph.microsoft.com/v1.0")
        .bearer_token("secret-token")
        .transport(t.clone())
        .timeout(None)
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_download_follows_the_redirect_without_the_token_and_keeps_the_range() {
    let t = Scripted::new(vec![
        (
            302,
            vec![("Location", "https://files.example/f/abc?sig=1".to_string())],
        ),
        (
            206,
            vec![
                ("Content-Range", "bytes 0-3/10".to_string()),
                ("Content-Length", "4".to_string()),
                (BODY, "0123".to_string()),
            ],
        ),
    ]);
    let request: Request<Download> =
        Request::new(Method::GET, "/me/drive/items/1/content".to_string()).range(0, Some(3));
    let download = request.send(&client(&t)).await.unwrap();
    assert_eq!(download.content_range(), Some("bytes 0-3/10"));
    assert_eq!(download.content_length(), Some(4));
    assert_eq!(&download.bytes().await.unwrap()[..], b"0123");
    let seen = t.requests.lock().unwrap().clone();
    assert_eq!(seen[0].header("authorization"), Some("Bearer secret-token"));
    assert_eq!(seen[1].url, "https://files.example/f/abc?sig=1");
    assert_eq!(seen[1].header("authorization"), None);
    assert_eq!(seen[1].header("range"), Some("bytes=0-3"));
}

#[derive(Debug, serde::Deserialize, PartialEq)]
struct Item {
    id: String,
    size: u64,
}

#[tokio::test]
async fn an_upload_goes_in_chunks_without_the_token_and_resumes() {
    let total = CHUNK_UNIT * 2 + 100;
    let data = bytes::Bytes::from((0..total).map(|i| (i % 251) as u8).collect::<Vec<u8>>());
    let url = "https://up.example/session/1".to_string();
    let t = Scripted::new(vec![
        // First chunk taken.
        (
            202,
            vec![(
                BODY,
                format!(r#"{{"nextExpectedRanges": ["{CHUNK_UNIT}-"]}}"#),
            )],
        ),
        // The second fails...
        (500, vec![]),
        // ... the session says it still expects the second chunk...
        (
            200,
            vec![(
                BODY,
                format!(r#"{{"nextExpectedRanges": ["{CHUNK_UNIT}-"]}}"#),
            )],
        ),
        // ... which is sent again, then the last.
        (
            202,
            vec![(
                BODY,
                format!(r#"{{"nextExpectedRanges": ["{}-"]}}"#, CHUNK_UNIT * 2),
            )],
        ),
        (
            201,
            vec![(BODY, format!(r#"{{"id": "item-1", "size": {total}}}"#))],
        ),
    ]);
    let upload = LargeFileUpload::new(url.clone())
        .chunk_size(CHUNK_UNIT)
        .unwrap();
    let item: Item = upload.upload(&client(&t), &data).await.unwrap();
    assert_eq!(
        item,
        Item {
            id: "item-1".into(),
            size: total as u64
        }
    );
    let seen = t.requests.lock().unwrap().clone();
    let summary: Vec<String> = seen
        .iter()
        .map(|s| format!("{} {}", s.method, s.header("content-range").unwrap_or("-")))
        .collect();
    let last = total - 1;
    assert_eq!(
        summary,
        vec![
            format!("PUT bytes 0-{}/{total}", CHUNK_UNIT - 1),
            format!("PUT bytes {CHUNK_UNIT}-{}/{total}", CHUNK_UNIT * 2 - 1),
            "GET -".to_string(),
            format!("PUT bytes {CHUNK_UNIT}-{}/{total}", CHUNK_UNIT * 2 - 1),
            format!("PUT bytes {}-{last}/{total}", CHUNK_UNIT * 2),
        ]
    );
    assert!(seen
        .iter()
        .all(|s| s.url == url && s.header("authorization").is_none()));
    // The bytes sent are the source's, chunk by chunk.
    assert_eq!(seen[4].body.as_deref(), Some(&data[CHUNK_UNIT * 2..]));
}

#[tokio::test]
async fn an_upload_gives_up_after_its_resumes() {
    let t = Scripted::new(
        vec![(500, vec![]); 1]
            .into_iter()
            .chain(vec![(404, vec![])])
            .collect(),
    );
    let upload = LargeFileUpload::new("https://up.example/s").max_resumes(1);
    let data = bytes::Bytes::from_static(b"abc");
    match upload.upload::<serde_json::Value>(&client(&t), &data).await {
        Err(Error::Api(e)) => assert_eq!(e.status, 500),
        other => panic!("{other:?}"),
    }
}
