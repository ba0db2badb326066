//! The operations users call first, as the Graph v1.0 docs describe them:
//! each rendered as method, path, area, request body and response, and
//! pinned. Skipped, with one line saying so, when the corpus is not there.

use generator::config::Options;
use generator::model::{Model, Operation, RequestBody, ResponseBody, TypeRef};
use generator::{pipeline, source};

/// `POST /users` and the like, with `{}` for every parameter.
const CALLS: &[&str] = &[
    "GET /users",
    "POST /users",
    "GET /users/{id}",
    "PATCH /users/{id}",
    "DELETE /users/{id}",
    "GET /me",
    "GET /me/messages/{id}",
    "GET /me/messages/{id}/$value",
    "GET /me/drive",
    "GET /me/drive/items/{id}/content",
    "PUT /me/drive/items/{id}/content",
    "POST /me/drive/items/{id}/createUploadSession",
    "POST /subscriptions",
    "POST /devices/{id}/checkMemberObjects",
    "GET /me/mailboxSettings",
    "GET /me/mailboxSettings/automaticRepliesSetting",
    "POST /groups/{id}/members/$ref",
    "DELETE /groups/{id}/members/{id}/$ref",
    "GET /reports/getEmailActivityCounts(period='{period_value}')",
    "GET /groups",
    "POST /me/sendMail",
    "POST /me/events",
    "GET /groups/{id}/members/microsoft.graph.user",
    "GET /groups/{id}/members/$count",
    "GET /me/drive/items/{id}/workbook/worksheets/{id}/range/columnsAfter(count={count})",
];

fn ty(t: &TypeRef) -> String {
    match t {
        TypeRef::Primitive(p) => format!("{p:?}"),
        TypeRef::Named(q) => q.name.clone(),
        TypeRef::Json => "json".to_string(),
    }
}

fn request(op: &Operation) -> String {
    match &op.request {
        RequestBody::None => "-".to_string(),
        RequestBody::Type { ty: t, collection } => {
            let one = ty(t);
            match (op.method.as_str(), collection) {
                (_, true) => format!("[{one}]"),
                ("PATCH", false) => format!("Patch<{one}>"),
                _ => one,
            }
        }
        RequestBody::Parameters { parameters } => {
            let names: Vec<&str> = parameters.iter().map(|p| p.wire_name.as_str()).collect();
            format!("params({})", names.join(", "))
        }
        RequestBody::Stream { .. } => "bytes".to_string(),
        RequestBody::Reference => "reference".to_string(),
    }
}

fn response(op: &Operation) -> String {
    let body = match &op.response.body {
        ResponseBody::None => "-".to_string(),
        ResponseBody::Stream => "bytes".to_string(),
        ResponseBody::Count => "count".to_string(),
        ResponseBody::Single { ty: t } => ty(t),
        ResponseBody::Collection { ty: t } => format!("[{}]", ty(t)),
    };
    format!("{} {body}", op.response.status)
}

/// One line per call: `METHOD path: area | request -> status response | page`.
fn render(model: &Model) -> String {
    let shape = |p: &str| {
        let mut out = String::new();
        let mut depth = 0;
        for c in p.chars() {
            match c {
                '{' => {
                    depth += 1;
                    if depth == 1 {
                        out.push_str("{}");
                    }
                }
                '}' => depth -= 1,
                c if depth == 0 => out.push(c.to_ascii_lowercase()),
                _ => {}
            }
        }
        // As `PathTemplate::shape` writes a shape: no quotes around a
        // parameter.
        out.replace("'{}'", "{}")
    };
    let mut out = String::new();
    for call in CALLS {
        let (method, path) = call.split_once(' ').expect("METHOD path");
        let found = model
            .operations
            .iter()
            .find(|op| op.method == method && op.paths.iter().any(|p| p.shape() == shape(path)));
        let line = match found {
            None => "missing".to_string(),
            Some(op) => format!(
                "{} | {} -> {} | {}",
                op.area,
                request(op),
                response(op),
                op.sources[0].file.rsplit('/').next().unwrap_or_default()
            ),
        };
        out.push_str(&format!("{call}: {line}\n"));
    }
    out
}

#[test]
fn v1_operations_users_call_first() {
    let Some(dir) = workspace_tests::corpus() else {
        return;
    };
    let sources = source::read_docs(&dir).expect("the corpus reads");
    let out = pipeline::generate(&sources, &Options::default());
    insta::assert_snapshot!(render(&out.model), @r"
    GET /users: users | - -> 200 [user] | user-list.md
    POST /users: users | user -> 201 user | user-post-users.md
    GET /users/{id}: users | - -> 200 user | user-get.md
    PATCH /users/{id}: users | Patch<user> -> 204 - | user-update.md
    DELETE /users/{id}: users | - -> 204 - | user-delete.md
    GET /me: users | - -> 200 user | user-get.md
    GET /me/messages/{id}: outlook | - -> 200 message | message-get.md
    GET /me/messages/{id}/$value: outlook | - -> 200 bytes | message-get.md
    GET /me/drive: sharepoint | - -> 200 drive | drive-get.md
    GET /me/drive/items/{id}/content: sharepoint | - -> 302 bytes | driveitem-get-content.md
    PUT /me/drive/items/{id}/content: sharepoint | bytes -> 201 driveItem | driveitem-put-content.md
    POST /me/drive/items/{id}/createUploadSession: sharepoint | params(item, deferCommit) -> 200 uploadSession | driveitem-createuploadsession.md
    POST /subscriptions: change-notifications | subscription -> 201 subscription | subscription-post-subscriptions.md
    POST /devices/{id}/checkMemberObjects: directory-management | params(ids) -> 200 [String] | device-checkmemberobjects.md
    GET /me/mailboxSettings: outlook | - -> 200 mailboxSettings | user-get-mailboxsettings.md
    GET /me/mailboxSettings/automaticRepliesSetting: outlook | - -> 200 automaticRepliesSetting | user-get-mailboxsettings.md
    POST /groups/{id}/members/$ref: groups | reference -> 204 - | group-post-members.md
    DELETE /groups/{id}/members/{id}/$ref: groups | - -> 204 - | group-delete-members.md
    GET /reports/getEmailActivityCounts(period='{period_value}'): reports | - -> 302 bytes | reportroot-getemailactivitycounts.md
    GET /groups: groups | - -> 200 [group] | group-list.md
    POST /me/sendMail: outlook | params(message, saveToSentItems) -> 202 - | user-sendmail.md
    POST /me/events: outlook | event -> 201 event | calendar-post-events.md
    GET /groups/{id}/members/microsoft.graph.user: groups | - -> 200 [user] | group-list-members.md
    GET /groups/{id}/members/$count: groups | - -> 200 count | group-list-members.md
    GET /me/drive/items/{id}/workbook/worksheets/{id}/range/columnsAfter(count={count}): excel | - -> 200 workbookRange | workbookrange-columnsafter.md
    ");
}
