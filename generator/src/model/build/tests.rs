//! Unit tests of the builder: pages in, model and diagnostics out.

use super::*;

/// Builds the model of a few pages given as (path, text).
pub(crate) fn model_of(pages: &[(&str, &str)]) -> (Model, Vec<crate::diag::Diagnostic>) {
    let sources: Vec<crate::source::SourceFile> = pages
        .iter()
        .map(|(rel, text)| {
            crate::source::SourceFile::from_bytes(rel.to_string(), text.as_bytes().to_vec())
        })
        .collect();
    let mut diags = Diagnostics::default();
    let parsed = crate::parse::parse_all(&sources, &mut diags);
    let model = build(&parsed, &mut diags);
    (model, diags.into_sorted())
}

/// A diagnostic as the `check` tests render it: `file:line Dnnn: message`.
pub(crate) fn diagnostic_line(d: &crate::diag::Diagnostic) -> String {
    format!(
        "{}:{} {}: {}\n",
        d.location.file,
        d.location.line,
        d.code.id(),
        d.message
    )
}

fn resource(title: &str, intro: &str, odata: &str, rows: &[&str]) -> String {
    format!(
        "---\ntitle: \"{title} resource type\"\nms.prod: \"{title}s\"\ndoc_type: resourcePageType\n---\n\n\
         # {title} resource type\n\nNamespace: microsoft.graph\n\n{intro}\n\n## Properties\n\n\
         | Property | Type | Description |\n|:--|:--|:--|\n{}\n\n\
         ## JSON representation\n\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{odata}\" }} -->\n\
         ```json\n{{}}\n```\n",
        rows.join("\n")
    )
}

#[test]
fn a_types_own_page_describes_it_first() {
    // `intune-user.md` sorts before `user.md` but is not the type's page.
    let intune = resource(
        "user",
        "Intune's view of a user.",
        "user",
        &["| managedDevices | String | Devices. |"],
    )
    .replace("ms.prod: \"users\"", "ms.prod: \"intune\"");
    let own = resource(
        "user",
        "Represents a user account.",
        "user",
        &["| displayName | String | The name. |"],
    );
    let (model, _) = model_of(&[
        ("resources/intune-user.md", &intune),
        ("resources/user.md", &own),
    ]);
    let user = &model.types["microsoft.graph.user"];
    assert_eq!(user.description.plain(), "Represents a user account.");
    assert_eq!(user.area.as_deref(), Some("users"));
    let names: Vec<&str> = user
        .properties
        .iter()
        .map(|p| p.wire_name.as_str())
        .collect();
    assert_eq!(names, ["displayName", "managedDevices"]);
}

#[test]
fn base_typed_examples_showing_one_derived_type_teach_that_type() {
    let base = resource(
        "directoryObject",
        "A directory object.",
        "directoryObject",
        &["| id | String | Id. |"],
    );
    let group = resource(
        "group",
        "A group. Inherits from [directoryObject](directoryobject.md).",
        "group",
        &[
            "| displayName | String | Group name. |",
            "| mailEnabled | Boolean | Mail. |",
        ],
    );
    let user = resource(
        "user",
        "A user. Inherits from [directoryObject](directoryobject.md).",
        "user",
        &["| displayName | String | User name. |"],
    );
    let api = "---\ntitle: \"Get deleted item\"\ndoc_type: apiPageType\n---\n\n# Get deleted item\n\n\
        Namespace: microsoft.graph\n\n## HTTP request\n\n<!-- { \"blockType\": \"ignored\" } -->\n\
        ```http\nGET /directory/deletedItems/{id}\n```\n\n## Response\n\n\
        If successful, this method returns a `200 OK` response code and a [directoryObject](../resources/directoryobject.md) object in the response body.\n\n\
        ## Example\n\n### Request\n\n<!-- { \"blockType\": \"request\", \"name\": \"get_item\" } -->\n\
        ```http\nGET https://graph.microsoft.com/v1.0/directory/deletedItems/1\n```\n\n### Response\n\n\
        <!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.directoryObject\" } -->\n\
        ```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n\
        {\"id\": \"1\", \"displayName\": \"Team\", \"mailEnabled\": true, \"visibility\": \"Public\"}\n```\n";
    let (model, diags) = model_of(&[
        ("api/directory-deleteditems-get.md", api),
        ("resources/directoryobject.md", &base),
        ("resources/group.md", &group),
        ("resources/user.md", &user),
    ]);
    let names = |k: &str| -> Vec<String> {
        model.types[k]
            .properties
            .iter()
            .map(|p| p.wire_name.clone())
            .collect()
    };
    // `mailEnabled` is listed by `group` only, so the object is a group:
    // its one unlisted property goes there, and the base stays clean.
    assert_eq!(names("microsoft.graph.directoryobject"), ["id"]);
    assert_eq!(
        names("microsoft.graph.group"),
        ["displayName", "mailEnabled", "visibility"]
    );
    assert!(diags
        .iter()
        .any(|d| d.code == Code::ExampleReadAsDerived
            && d.message.contains("`microsoft.graph.group`")));
}

fn api(title: &str, paths: &[&str], body_type: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\ndoc_type: apiPageType\n---\n\n# {title}\n\nNamespace: microsoft.graph\n\n\
         ## HTTP request\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n```http\n{}\n```\n\n\
         ## Request body\n\nIn the request body, supply a JSON representation of a [{body_type}](../resources/{body_type}.md) object.\n\n\
         ## Response\n\nIf successful, this method returns a `201 Created` response code and a [{body_type}](../resources/{body_type}.md) object in the response body.\n",
        paths.join("\n")
    )
}

#[test]
fn pattern_pages_do_not_take_the_paths_of_specific_pages() {
    let message = resource(
        "message",
        "A message.",
        "message",
        &["| subject | String | Subject. |"],
    );
    let event = resource(
        "event",
        "An event.",
        "event",
        &["| start | String | Start. |"],
    );
    // Read first in path order, and lists creating four kinds of items.
    let pattern = api(
        "Create item with extended property",
        &[
            "POST /me/messages",
            "POST /me/events",
            "POST /me/contactFolders",
            "POST /me/mailFolders",
        ],
        "message",
    );
    let create_event = api("Create event", &["POST /me/events"], "event");
    let (model, _) = model_of(&[
        ("api/extendedproperty-post.md", &pattern),
        ("api/user-post-events.md", &create_event),
        ("resources/event.md", &event),
        ("resources/message.md", &message),
    ]);
    let owner = |path: &str| {
        model
            .operations
            .iter()
            .find(|op| op.paths.iter().any(|p| p.raw == path))
            .map(|op| (op.title.as_str(), &op.request))
            .unwrap()
    };
    let (title, request) = owner("/me/events");
    assert_eq!(title, "Create event");
    assert!(
        matches!(request, RequestBody::Type { ty: TypeRef::Named(q), .. } if q.name == "event")
    );
    assert_eq!(
        owner("/me/messages").0,
        "Create item with extended property"
    );
}

#[test]
fn a_spelling_with_word_humps_names_the_type() {
    // The enum's own page spells it without humps (as its file name
    // does); a property table spells it `bodyType`.
    let page = "---\ntitle: \"bodytype enum type\"\ndoc_type: enumPageType\n---\n\n# bodytype enum type\n\n\
        Namespace: microsoft.graph\n\n| Member | Value | Description |\n|:--|:--|:--|\n| text | 0 | Text. |\n| html | 1 | HTML. |\n";
    let item = resource(
        "itemBody",
        "A body.",
        "itemBody",
        &["| contentType | bodyType | The type. |"],
    );
    let (model, _) = model_of(&[
        ("resources/bodytype.md", page),
        ("resources/itembody.md", &item),
    ]);
    assert_eq!(
        model.types["microsoft.graph.bodytype"].name.name,
        "bodyType"
    );
}

#[test]
fn a_derived_types_table_wins_over_its_bases_example_property() {
    let base = resource(
        "directoryObject",
        "A directory object.",
        "directoryObject",
        &["| id | String | Id. |"],
    );
    let user = resource(
        "user",
        "A user. Inherits from [directoryObject](directoryobject.md).",
        "user",
        &["| displayName | String | The user's name. |"],
    );
    let (mut model, _) = model_of(&[
        ("resources/directoryobject.md", &base),
        ("resources/user.md", &user),
    ]);
    // As if an ambiguous example had taught the base `displayName`.
    let mut from_example = model.types["microsoft.graph.user"].properties[0].clone();
    from_example.evidence = Evidence::Example;
    from_example.description = Doc::default();
    model
        .types
        .get_mut("microsoft.graph.directoryobject")
        .unwrap()
        .properties
        .push(from_example);
    let user = &model.types["microsoft.graph.user"];
    let all = model.all_properties(user);
    let names: Vec<&str> = all.iter().map(|p| p.wire_name.as_str()).collect();
    assert_eq!(names, ["id", "displayName"]);
    assert_eq!(all[1].evidence, Evidence::ResourcePage);
    assert_eq!(all[1].description.plain(), "The user's name.");
}

#[test]
fn path_parameters() {
    let p = parse_path(
        "/users/{id | userPrincipalName}/mailFolders/{id}/messages/{id}",
        Location::new("x", 1),
    );
    let names: Vec<&str> = p.params().collect();
    assert_eq!(names, vec!["userId", "mailFolderId", "messageId"]);
    assert_eq!(p.shape(), "/users/{}/mailfolders/{}/messages/{}");
    let f = parse_path(
        "/reports/getEmailActivityCounts(period='{period_value}')",
        Location::new("x", 1),
    );
    assert_eq!(f.params().collect::<Vec<_>>(), vec!["period_value"]);
    // Values where parameters belong are parameters.
    let g = parse_path(
        "/drives/{drive-id}/items/{item-id}/getActivitiesByInterval(startDateTime='2017-01-01',interval='day')",
        Location::new("x", 1),
    );
    assert_eq!(
        g.params().collect::<Vec<_>>(),
        vec!["drive-id", "item-id", "startDateTime", "interval"]
    );
    assert!(g.matches(
        "/drives/1/items/2/getActivitiesByInterval(startDateTime='2020-01-01',interval='week')"
    ));
    let h = parse_path(
        "/education/classes/acdefc6b-2dc6-4e71-b1e9-6d9810ab1793/assignments",
        Location::new("x", 1),
    );
    assert_eq!(h.shape(), "/education/classes/{}/assignments");
    let v = parse_path(
        "https://graph.microsoft.com/beta/external/connections?$top=1",
        Location::new("x", 1),
    );
    assert_eq!(
        v.raw,
        "https://graph.microsoft.com/beta/external/connections?$top=1"
    );
    assert_eq!(v.shape(), "/external/connections");
}

#[test]
fn base_urls() {
    assert_eq!(
        strip_base("https://graph.microsoft.com/beta/azureConnections"),
        ("/azureConnections", Some("beta".into()))
    );
    assert_eq!(
        strip_base("https://graph.microsoft.com/v1.0/me?$select=a"),
        ("/me?$select=a", Some("v1.0".into()))
    );
    assert_eq!(strip_base("/me/messages"), ("/me/messages", None));
    // Some examples write the version `v1`.
    assert_eq!(
        strip_base("https://graph.microsoft.com/v1/teams/{teamId}/schedule"),
        ("/teams/{teamId}/schedule", Some("v1".into()))
    );
    assert_eq!(
        strip_base("https://graph.microsoft.com/V1.0"),
        ("/", Some("v1.0".into()))
    );
    assert_eq!(strip_base("/vacations/x"), ("/vacations/x", None));
}

#[test]
fn odata_keys_in_parentheses_are_segments() {
    assert_eq!(
        keys_as_segments("/me/messages('AAMkAGE1M2_as77AACHsLrBBBA=')"),
        "/me/messages/AAMkAGE1M2_as77AACHsLrBBBA="
    );
    assert_eq!(keys_as_segments("/a/b('it''s')/c"), "/a/b/it's/c");
    // Functions and their arguments stay.
    for path in ["/x/range(address='A1:B2')", "/x/delta()", "/x/f('a','b')"] {
        assert_eq!(keys_as_segments(path), path);
    }
}

#[test]
fn a_segment_in_parentheses_is_a_placeholder() {
    let t = parse_path(
        "/teams/(team-id)/channels/{channel-id}",
        Location::new("a.md", 1),
    );
    assert!(t.matches("/teams/42/channels/7"), "{:?}", t.segments);
}

#[test]
fn alternatives_after_the_braces_are_one_placeholder() {
    let t = parse_path(
        "/users/{user-id} | user-principal-name/chats/{chat-id}",
        Location::new("a.md", 1),
    );
    assert!(t.matches("/users/42/chats/7"), "{:?}", t.segments);
}

#[test]
fn statuses() {
    assert_eq!(
        status_code("returns a `201 Created` response code"),
        Some(201)
    );
    assert_eq!(status_code("returns `204 No Content`"), Some(204));
    assert_eq!(status_code("returns nothing"), None);
}
