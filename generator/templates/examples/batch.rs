//! Sends three requests in one `POST /$batch`, the third after the first
//! (`dependsOn`), and reads each answer as its request's type, against a
//! local mock server.

use the_crate::batch::Batch;
use the_crate::{Client, Collection, Method, NoContent, Request};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let server = wiremock::MockServer::start().await;
    wiremock::Mock::given(wiremock::matchers::path("/$batch"))
        .respond_with(wiremock::ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "responses": [
                {"id": "1", "status": 200, "body": {"displayName": "Megan"}},
                {"id": "2", "status": 200, "body": {"value": [{"id": "g1"}, {"id": "g2"}]}},
                {"id": "3", "status": 204}
            ]
        })))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .bearer_token("token")
        .build()?;

    let mut batch = Batch::new();
    let me = batch.add(Request::<serde_json::Value>::new(Method::GET, "/me".to_string()))?;
    let groups = batch.add(Request::<Collection<serde_json::Value>>::new(
        Method::GET,
        "/me/memberOf".to_string(),
    ))?;
    let removed = batch.add_after(
        Request::<NoContent>::new(Method::DELETE, "/me/photo/$value".to_string()),
        &me,
    )?;
    let mut answers = batch.send(&client).await?;
    let me = answers.get(&me).await?;
    let groups = answers.get(&groups).await?;
    answers.get(&removed).await?;
    println!("{} is in {} groups; photo removed", me["displayName"], groups.value.len());
    Ok(())
}
