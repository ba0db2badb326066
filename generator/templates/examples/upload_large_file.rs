//! Uploads a file larger than one request should carry: an upload session
//! (`createUploadSession`) gives a URL, and the bytes go there in chunks of
//! 320 KiB multiples, without the token, against a local mock server.

use the_crate::upload::{LargeFileUpload, CHUNK_UNIT};
use the_crate::{Client, Method, Request};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let server = wiremock::MockServer::start().await;
    let upload_url = format!("{}/upload/session-1", server.uri());
    wiremock::Mock::given(wiremock::matchers::path(
        "/me/drive/root:/big.bin:/createUploadSession",
    ))
    .respond_with(
        wiremock::ResponseTemplate::new(200)
            .set_body_json(serde_json::json!({"uploadUrl": upload_url})),
    )
    .mount(&server)
    .await;
    // The first chunk is taken; the last one completes the item.
    wiremock::Mock::given(wiremock::matchers::header(
        "content-range",
        format!("bytes 0-{}/{}", CHUNK_UNIT - 1, CHUNK_UNIT + 10).as_str(),
    ))
    .respond_with(wiremock::ResponseTemplate::new(202).set_body_json(
        serde_json::json!({"nextExpectedRanges": [format!("{CHUNK_UNIT}-")]}),
    ))
    .mount(&server)
    .await;
    wiremock::Mock::given(wiremock::matchers::path("/upload/session-1"))
        .respond_with(
            wiremock::ResponseTemplate::new(201)
                .set_body_json(serde_json::json!({"id": "item-1", "name": "big.bin"})),
        )
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .bearer_token("token")
        .build()?;

    let session: serde_json::Value = Request::with_body(
        Method::POST,
        "/me/drive/root:/big.bin:/createUploadSession".to_string(),
        serde_json::json!({"item": {"@microsoft.graph.conflictBehavior": "replace"}}),
    )
    .send(&client)
    .await?;
    let url = session["uploadUrl"].as_str().ok_or("no uploadUrl")?;
    let data = bytes::Bytes::from(vec![7u8; CHUNK_UNIT + 10]);
    let item: serde_json::Value = LargeFileUpload::new(url)
        .chunk_size(CHUNK_UNIT)?
        .upload(&client, &data)
        .await?;
    // No request to the upload URL carried the token.
    for request in server.received_requests().await.unwrap_or_default() {
        if request.url.path().starts_with("/upload/") {
            assert!(!request.headers.contains_key("authorization"));
        }
    }
    println!("uploaded {} as {}", item["name"], item["id"]);
    Ok(())
}
