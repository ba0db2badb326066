//! A delta sync: reads every page of a delta query, keeps its
//! `@odata.deltaLink`, and later asks only for what changed since, from
//! the saved link, against a local mock server.

use futures_util::StreamExt;
use the_crate::{Client, Collection, Method, Request};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let server = wiremock::MockServer::start().await;
    let uri = server.uri();
    wiremock::Mock::given(wiremock::matchers::query_param("$deltatoken", "t1"))
        .respond_with(wiremock::ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "value": [{"id": "2", "displayName": "Renamed"}],
            "@odata.deltaLink": format!("{uri}/users/delta?$deltatoken=t2")
        })))
        .mount(&server)
        .await;
    wiremock::Mock::given(wiremock::matchers::query_param("$skiptoken", "p2"))
        .respond_with(wiremock::ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "value": [{"id": "2", "displayName": "Bob"}],
            "@odata.deltaLink": format!("{uri}/users/delta?$deltatoken=t1")
        })))
        .mount(&server)
        .await;
    wiremock::Mock::given(wiremock::matchers::path("/users/delta"))
        .respond_with(wiremock::ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "value": [{"id": "1", "displayName": "Ada"}],
            "@odata.nextLink": format!("{uri}/users/delta?$skiptoken=p2")
        })))
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .bearer_token("token")
        .build()?;

    // The first sync: every page, to the delta link.
    let mut pages = Request::<Collection<serde_json::Value>>::new(
        Method::GET,
        "/users/delta".to_string(),
    )
    .pages(&client);
    let mut delta_link = None;
    while let Some(page) = pages.next().await {
        let page = page?;
        for user in &page.value {
            println!("synced {}", user["displayName"]);
        }
        delta_link = page.delta_link.or(delta_link);
    }
    // Later (the link can be stored between runs): only the changes.
    let link = delta_link.ok_or("no delta link")?;
    let mut changes = client.pages_from_link::<serde_json::Value>(link, Vec::new());
    while let Some(page) = changes.next().await {
        for user in &page?.value {
            println!("changed {}", user["displayName"]);
        }
    }
    Ok(())
}
