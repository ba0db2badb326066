//! The builder's rules, one test each, in the `check(pages, expect)` style:
//! pages in, a compact rendering of the model and its diagnostics out.

use super::*;

/// Builds the model of pages given as (path, text) and renders it: each
/// type with its kind, base and properties, each operation with its paths,
/// body and response, then each diagnostic's code, place and message.
fn check(pages: &[(&str, &str)]) -> String {
    let (model, diags) = super::tests::model_of(pages);
    let ty = |t: &TypeRef| match t {
        TypeRef::Primitive(p) => format!("{p:?}"),
        TypeRef::Named(q) => q.name.clone(),
        TypeRef::Json => "json".to_string(),
    };
    let mut out = String::new();
    for t in model.types.values() {
        let base = t
            .base
            .as_ref()
            .map(|b| format!(" : {}", b.name))
            .unwrap_or_default();
        let props: Vec<String> = t
            .properties
            .iter()
            .map(|p| {
                format!(
                    "{}: {}{}",
                    p.wire_name,
                    ty(&p.ty),
                    if p.collection { "[]" } else { "" }
                )
            })
            .chain(t.members.iter().map(|m| m.wire_name.clone()))
            .collect();
        out.push_str(&format!(
            "{:?} {}{base} {{ {} }}\n",
            t.kind,
            t.name.name,
            props.join(", ")
        ));
    }
    for op in &model.operations {
        let request = match &op.request {
            RequestBody::None => "-".to_string(),
            RequestBody::Type { ty: t, collection } => {
                format!("{}{}", ty(t), if *collection { "[]" } else { "" })
            }
            RequestBody::Parameters { parameters } => {
                let names: Vec<&str> = parameters.iter().map(|p| p.wire_name.as_str()).collect();
                format!("params({})", names.join(", "))
            }
            RequestBody::Stream { content_type: None } => "bytes".to_string(),
            RequestBody::Stream {
                content_type: Some(ct),
            } => format!("bytes({ct})"),
            RequestBody::Reference => "reference".to_string(),
        };
        let response = match &op.response.body {
            ResponseBody::None => "-".to_string(),
            ResponseBody::Stream => "bytes".to_string(),
            ResponseBody::Count => "count".to_string(),
            ResponseBody::Single { ty: t } => ty(t),
            ResponseBody::Collection { ty: t } => format!("{}[]", ty(t)),
        };
        let paths: Vec<&str> = op.paths.iter().map(|p| p.raw.as_str()).collect();
        out.push_str(&format!(
            "{} {} | {request} -> {} {response} | {} | {} example(s)\n",
            op.method,
            paths.join(" "),
            op.response.status,
            op.sources[0].file,
            op.examples.len()
        ));
    }
    for d in diags {
        if d.severity >= crate::diag::Severity::Info && d.code != Code::NoNamespace {
            out.push_str(&super::tests::diagnostic_line(&d));
        }
    }
    out
}

const USER: &str = "# user\n\n<!-- {\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.user\", \"keyProperty\": \"id\"} -->\n```json\n{\"id\": \"string\", \"displayName\": \"string\"}\n```\n";

#[test]
fn the_page_of_its_own_resource_owns_a_shared_path() {
    let own = "# Create user\n\n## HTTP request\n\n```http\nPOST /users\n```\n\n## Request body\n\nIn the request body, supply a JSON representation of [user](../resources/user.md) object.\n\n## Response\n\nIf successful, this method returns `201 Created` and a [user](../resources/user.md) object.\n";
    let intune = "# Create user\n\n## HTTP request\n\n```http\nPOST /users\n```\n\n## Request body\n\nIn the request body, supply a JSON representation for the user object.\n\n|Property|Type|Description|\n|:--|:--|:--|\n|id|String|The id.|\n\n## Response\n\nIf successful, this method returns a `201 Created` response code and a [user](../resources/user.md) object.\n";
    insta::assert_snapshot!(check(&[
        ("api/intune-devices-user-create.md", intune),
        ("api/user-post-users.md", own),
        ("resources/user.md", USER),
    ]), @r"
    Entity user { id: String, displayName: String }
    POST /users | user -> 201 user | api/user-post-users.md | 0 example(s)
    api/intune-devices-user-create.md:6 D112: `POST /users` is also described on another page; merging (the page that owns the path wins for title, description, request and response)
    ");
}

#[test]
fn a_link_names_the_type_its_page_declares() {
    let range = "# Range resource type\n\n<!-- {\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.workbookRange\"} -->\n```json\n{\"address\": \"string\"}\n```\n";
    let api = "# Get range\n\n## HTTP request\n\n```http\nGET /me/workbook/range\n```\n\n## Response\n\nIf successful, this method returns `200 OK` and a [Range](../resources/range.md) object.\n";
    insta::assert_snapshot!(check(&[("api/range-get.md", api), ("resources/range.md", range)]), @r"
    Complex workbookRange { address: String }
    GET /me/workbook/range | - -> 200 workbookRange | api/range-get.md | 0 example(s)
    api/range-get.md:11 D127: the link text says `Range` but the page it links to declares `microsoft.graph.workbookRange`; reading `microsoft.graph.workbookRange`
    ");
}

#[test]
fn the_response_annotation_is_evidence() {
    let api = "# device: checkMemberObjects\n\n## HTTP request\n\n```http\nPOST /devices/{id}/checkMemberObjects\n```\n\n## Request body\n\n| Parameter | Type | Description |\n|:--|:--|:--|\n|ids|String collection|The ids.|\n\n## Response\n\nIf successful, this method returns `200 OK`.\n\n## Example\n\n<!-- {\"blockType\": \"request\", \"name\": \"check\"} -->\n```http\nPOST https://graph.microsoft.com/v1.0/devices/1/checkMemberObjects\n\n{\"ids\": [\"a\"]}\n```\n\n<!-- {\"blockType\": \"response\", \"@odata.type\": \"Collection(Edm.String)\"} -->\n```http\nHTTP/1.1 200 OK\n\n{\"value\": [\"a\"]}\n```\n";
    insta::assert_snapshot!(check(&[("api/device-checkmemberobjects.md", api)]), @"POST /devices/{id}/checkMemberObjects | params(ids) -> 200 String[] | api/device-checkmemberobjects.md | 1 example(s)");
}

#[test]
fn sections_are_found_at_any_level_and_errors_are_not_the_response() {
    let api = "# Get drive\n\n## Get the user's drive\n\n### HTTP request\n\n```http\nGET /me/drive\n```\n\n## Response\n\nReturns a [drive](../resources/drive.md) resource.\n\n### Error response codes\n\nIf the drive does not exist, an `HTTP 404` response is returned.\n";
    let drive = "# drive resource type\n\n<!-- {\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.drive\"} -->\n```json\n{\"id\": \"string\"}\n```\n";
    insta::assert_snapshot!(check(&[("api/drive-get.md", api), ("resources/drive.md", drive)]), @r"
    Complex drive { id: String }
    GET /me/drive | - -> 200 drive | api/drive-get.md | 0 example(s)
    ");
}

#[test]
fn bytes_references_and_property_paths_are_operations_of_their_own() {
    let get = "# Get message\n\n## HTTP request\n\n```http\nGET /me/messages/{id}\nGET /me/messages/{id}/$value\n```\n\n## Response\n\nReturns a [message](../resources/message.md) object.\n";
    let settings = "# Get mailbox settings\n\n## HTTP request\n\n```http\nGET /me/mailboxSettings\nGET /me/mailboxSettings/automaticRepliesSetting\n```\n\n## Response\n\nReturns a [mailboxSettings](../resources/mailboxsettings.md) object.\n";
    let add = "# Add member\n\n## HTTP request\n\n```http\nPOST /groups/{id}/members/$ref\n```\n\n## Response\n\nIf successful, this method returns `204 No Content`.\n";
    let message = "# message\n\n<!-- {\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.message\"} -->\n```json\n{\"subject\": \"string\"}\n```\n";
    let mailbox = "# mailboxSettings\n\n| Property | Type | Description |\n|:--|:--|:--|\n|automaticRepliesSetting|[automaticRepliesSetting](automaticrepliessetting.md)|Replies.|\n\n<!-- {\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.mailboxSettings\"} -->\n```json\n{}\n```\n";
    let replies = "# automaticRepliesSetting\n\n<!-- {\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.automaticRepliesSetting\"} -->\n```json\n{\"status\": \"string\"}\n```\n";
    insta::assert_snapshot!(check(&[
        ("api/message-get.md", get),
        ("api/user-get-mailboxsettings.md", settings),
        ("api/group-post-members.md", add),
        ("resources/message.md", message),
        ("resources/mailboxsettings.md", mailbox),
        ("resources/automaticrepliessetting.md", replies),
    ]), @r"
    Complex automaticRepliesSetting { status: String }
    Complex mailboxSettings { automaticRepliesSetting: automaticRepliesSetting }
    Complex message { subject: String }
    GET /me/messages/{id} | - -> 200 message | api/message-get.md | 0 example(s)
    GET /me/messages/{id}/$value | - -> 200 bytes | api/message-get.md | 0 example(s)
    POST /groups/{id}/members/$ref | reference -> 204 - | api/group-post-members.md | 0 example(s)
    GET /me/mailboxSettings | - -> 200 mailboxSettings | api/user-get-mailboxsettings.md | 0 example(s)
    GET /me/mailboxSettings/automaticRepliesSetting | - -> 200 automaticRepliesSetting | api/user-get-mailboxsettings.md | 0 example(s)
    ");
}

#[test]
fn an_update_page_whose_table_lists_properties_sends_the_resource() {
    let update = "# Update user\n\n## HTTP request\n\n```http\nPATCH /users/{id}\n```\n\n## Request body\n\nIn the request body, supply the values for relevant fields that should be updated.\n\n| Property | Type | Description |\n|:--|:--|:--|\n|displayName|String|The name.|\n\n## Response\n\nIf successful, this method returns a `204 No Content` response code.\n";
    insta::assert_snapshot!(check(&[("api/user-update.md", update), ("resources/user.md", USER)]), @r"
    Entity user { displayName: String, id: String }
    PATCH /users/{id} | user -> 204 - | api/user-update.md | 0 example(s)
    ");
}

#[test]
fn weak_evidence_passes_the_same_rules() {
    let api = "# Get user\n\n## HTTP request\n\n```http\nGET /users/{id}\n```\n\n## Response\n\nReturns a [user](../resources/user.md) object.\n\n## Example\n\n<!-- {\"blockType\": \"request\", \"name\": \"get\"} -->\n```http\nGET https://graph.microsoft.com/v1.0/users/1\n```\n\n<!-- {\"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.user\"} -->\n```http\nHTTP/1.1 200 OK\n\n{\"id\": \"1\", \"odata.type\": \"x\", \"user\": {\"id\": \"1\"}, \"mobile\": null}\n```\n";
    insta::assert_snapshot!(check(&[("api/user-get.md", api), ("resources/user.md", USER)]), @r"
    Entity user { id: String, displayName: String, mobile: json }
    GET /users/{id} | - -> 200 user | api/user-get.md | 1 example(s)
    api/user-get.md:22 D123: example shows property `mobile`, which no table of `microsoft.graph.user` lists; it is added from the example
    api/user-get.md:22 D123: example wraps an object of `microsoft.graph.user` in a member named after its type, `user`; that is not a property
    ");
}

#[test]
fn enum_members_differing_in_case_are_one_and_bases_have_several_phrasings() {
    let item = "# baseItem\n\n<!-- {\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.baseItem\"} -->\n```json\n{\"name\": \"string\"}\n```\n";
    let drive = "# driveItem\n\nThe **driveItem** resource derives from [baseItem](baseitem.md).\n\n| Property | Type | Description |\n|:--|:--|:--|\n|kind|itemKind|Possible values are: `None`, `Folder`.|\n\n### itemKind values\n\n| Member | Description |\n|:--|:--|\n|none|Nothing.|\n|folder|A folder.|\n\n<!-- {\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.driveItem\"} -->\n```json\n{}\n```\n";
    insta::assert_snapshot!(check(&[("resources/baseitem.md", item), ("resources/driveitem.md", drive)]), @r"
    Complex baseItem { name: String }
    Complex driveItem : baseItem { kind: itemKind }
    Enum itemKind { none, folder }
    resources/driveitem.md:7 D118: type `microsoft.graph.itemKind` is spelled itemKind, itemkind; these are one type
    ");
}

/// A base page may name its derived types: in a sentence, after "derived
/// types:" as a list, or before "are subclasses of this". A derived page
/// that names no base takes it; one that names another base keeps its own
/// and the run says so at both places.
#[test]
fn a_base_page_names_its_derived_types() {
    let res = |name: &str, intro: &str| {
        format!("# {name}\n\n{intro}\n\n## JSON representation\n\n<!-- {{\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{name}\"}} -->\n```json\n{{}}\n```\n")
    };
    let outcome = res("outcome", "Used by [grade](grade.md). This is a base class; the derived types are [pointsOutcome](pointsoutcome.md) and [textOutcome](textoutcome.md).");
    let action = res("action", "Represents a base class for [outcome](outcome.md). Supported derived types:\n\n- A removal ([removeAction](removeaction.md)).\n- [keepAction](keepaction.md) keeps it.");
    let recipient = res("recipient", "The [classRecipient](classrecipient.md) and [grade](grade.md) resources are subclasses of this superclass.");
    let grade = res("grade", "A subclass of [outcome](outcome.md).");
    let pages = [
        ("resources/outcome.md", outcome),
        (
            "resources/pointsoutcome.md",
            res("pointsOutcome", "Points."),
        ),
        ("resources/textoutcome.md", res("textOutcome", "Text.")),
        ("resources/action.md", action),
        ("resources/removeaction.md", res("removeAction", "Removes.")),
        ("resources/keepaction.md", res("keepAction", "Keeps.")),
        ("resources/recipient.md", recipient),
        (
            "resources/classrecipient.md",
            res("classRecipient", "A class."),
        ),
        ("resources/grade.md", grade),
    ];
    let pages: Vec<(&str, &str)> = pages.iter().map(|(p, t)| (*p, t.as_str())).collect();
    insta::assert_snapshot!(check(&pages), @r"
    Complex action {  }
    Complex classRecipient : recipient {  }
    Complex grade : outcome {  }
    Complex keepAction : action {  }
    Complex outcome {  }
    Complex pointsOutcome : outcome {  }
    Complex recipient {  }
    Complex removeAction : action {  }
    Complex textOutcome : outcome {  }
    resources/recipient.md:3 D120: `microsoft.graph.grade` is listed as derived from `microsoft.graph.recipient`, but its own page names `microsoft.graph.outcome` as its base; its own page wins
    ");
}

/// Found by the `model` fuzz target: a body named in words ("a JSON
/// representation of the animal object") whose type only a resource block
/// on a page read later declares, with a table of its properties.
#[test]
fn a_body_named_in_words_before_its_page_is_read() {
    let api = "# Create animal\n\n## HTTP request\n\n```http\nPOST /animals\n```\n\n## Request body\n\nIn the request body, supply a JSON representation of the animal object.\n\n| Property | Type | Description |\n|:--|:--|:--|\n|name|String|The name.|\n";
    let animal = "# animal\n\n<!-- {\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.animal\"} -->\n```json\n{\"name\": \"string\"}\n```\n";
    insta::assert_snapshot!(check(&[("a.md", api), ("b.md", animal)]), @r"
    Complex animal { name: String }
    POST /animals | animal -> 200 - | a.md | 0 example(s)
    ");
}

/// A query line (`GET /things?$top=1`) is left to the page that lists its
/// path bare, with an info naming both places (D134), and its example goes
/// to that page's operation. (The `model`
/// fuzz target found a page that lists the path bare and makes no
/// operation of it; such an example then stays with its own page: see the
/// seed `regression-borrowed-path-without-operation.md`.)
#[test]
fn a_query_lines_example_goes_to_the_page_that_lists_the_path_bare() {
    let failing = "# Things\n\n<!-- {\"blockType\": \"request\", \"name\": \"e1\"} -->\n```http\nGET /things\n```\n\n<!-- {\"blockType\": \"response\", \"name\": \"e1\", \"expectError\": true} -->\n```http\nHTTP/1.1 404 Not Found\n```\n";
    let query = "# List things\n\n## HTTP request\n\n```http\nGET /things?$top=1\nGET /other\n```\n\n## Response\n\nIf successful, this method returns `200 OK`.\n\n## Example\n\n<!-- {\"blockType\": \"request\"} -->\n```http\nGET https://graph.microsoft.com/v1.0/things?$top=1\n```\n";
    insta::assert_snapshot!(check(&[("a.md", failing), ("b.md", query)]), @r"
    GET /things | - -> 200 - | a.md | 1 example(s)
    GET /other | - -> 200 - | b.md | 0 example(s)
    a.md:5 D126: example shows a failure (`expectError` or an error status); it is not a test of the success response
    b.md:6 D134: `GET /things?$top=1` is another page's `GET /things` with a query string; it is left to that page's operation, to which callers add the query
    ");
}

/// An example's path the page does not list reaches the operation when its
/// prefix addresses the same type as a documented path's prefix (`/me` and
/// `/users/{id}` are both a `user`, from the `GET` pages that document
/// them); a path with more or other segments does not.
#[test]
fn an_example_path_reaches_its_operation_through_another_path_to_the_same_type() {
    let get = "# Get user\n\n## HTTP request\n\n```http\nGET /me\nGET /users/{id}\n```\n\n## Response\n\nReturns a [user](../resources/user.md) object.\n";
    let list = "# List owned devices\n\n## HTTP request\n\n```http\nGET /users/{id}/ownedDevices\n```\n\n## Response\n\nIf successful, this method returns `200 OK`.\n\n## Example\n\n<!-- {\"blockType\": \"request\", \"name\": \"a\"} -->\n```http\nGET https://graph.microsoft.com/v1.0/me/ownedDevices\n```\n\n<!-- {\"blockType\": \"request\", \"name\": \"b\"} -->\n```http\nGET https://graph.microsoft.com/v1.0/users/42/devices\n```\n\n<!-- {\"blockType\": \"request\", \"name\": \"c\"} -->\n```http\nGET https://graph.microsoft.com/v1.0/users/{id}/ownedDevices/count(x=1)\n```\n";
    insta::assert_snapshot!(check(&[
        ("api/user-get.md", get),
        ("api/user-list-owneddevices.md", list),
        ("resources/user.md", USER),
    ]), @r"
    Entity user { id: String, displayName: String }
    GET /me /users/{id} | - -> 200 user | api/user-get.md | 0 example(s)
    GET /users/{id}/ownedDevices /me/ownedDevices | - -> 200 - | api/user-list-owneddevices.md | 3 example(s)
    api/user-list-owneddevices.md:17 D210: the example's path `/me/ownedDevices` is not listed; `/me` addresses a `microsoft.graph.user`, as `/users/{id}` of the documented `/users/{id}/ownedDevices` does, so the operation `GET` gains it
    ");
}

/// `collectionProperty` names the member that holds a collection; the
/// response is then an object with that one member.
#[test]
fn a_collection_property_makes_the_object_the_collection_comes_in() {
    let api = "# List items\n\n## HTTP request\n\n```http\nGET /things\n```\n\n## Example\n\n<!-- {\"blockType\": \"request\", \"name\": \"list\"} -->\n```http\nGET https://graph.microsoft.com/v1.0/things\n```\n\n<!-- {\"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.thing\", \"isCollection\": true, \"collectionProperty\": \"items\"} -->\n```http\nHTTP/1.1 200 OK\n\n{\"items\": [{\"name\": \"a\"}]}\n```\n";
    let thing = "# thing\n\n<!-- {\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.thing\"} -->\n```json\n{\"name\": \"string\"}\n```\n";
    insta::assert_snapshot!(check(&[("api/things-list.md", api), ("resources/thing.md", thing)]), @r"
    Complex thing { name: String }
    Complex thingItemsCollection { items: thing[] }
    GET /things | - -> 200 thingItemsCollection | api/things-list.md | 1 example(s)
    ");
}

/// Examples that send a path's bytes in another media type than JSON
/// (a base64 MIME message as `text/plain`) document a second form of the
/// operation, with the same paths; its examples test it. A create page that
/// says it takes no body sends none, though it answers `201 Created`.
#[test]
fn another_media_type_is_another_form_and_no_body_means_none() {
    let send = "# Send note\n\n## HTTP request\n\n```http\nPOST /me/notes/{id}/send\n```\n\n## Request body\n\n| Parameter | Type | Description |\n|:--|:--|:--|\n|comment|String|A comment.|\n\n## Response\n\nIf successful, this method returns `202 Accepted`.\n\n## Examples\n\n<!-- {\"blockType\": \"request\", \"name\": \"json\"} -->\n```http\nPOST https://graph.microsoft.com/v1.0/me/notes/1/send\nContent-type: application/json\n\n{\"comment\": \"hi\"}\n```\n\n<!-- {\"blockType\": \"response\"} -->\n```http\nHTTP/1.1 202 Accepted\n```\n\n<!-- {\"blockType\": \"request\", \"name\": \"mime\"} -->\n```http\nPOST https://graph.microsoft.com/v1.0/me/notes/2/send\nContent-type: text/plain\n\nRnJvbTogQQ==\n```\n\n<!-- {\"blockType\": \"response\"} -->\n```http\nHTTP/1.1 202 Accepted\n```\n";
    let draft = "# Create draft\n\n## HTTP request\n\n```http\nPOST /me/notes/{id}/createDraft\n```\n\n## Request body\n\nThis method does not require a request body.\n\n## Response\n\nIf successful, this method returns `201 Created` and a [note](../resources/note.md) object.\n";
    let note = "# note\n\n<!-- {\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.note\"} -->\n```json\n{\"text\": \"string\"}\n```\n";
    insta::assert_snapshot!(check(&[("api/note-send.md", send), ("api/note-createdraft.md", draft), ("resources/note.md", note)]), @r"
    Complex note { text: String }
    POST /me/notes/{id}/createDraft | - -> 201 note | api/note-createdraft.md | 0 example(s)
    POST /me/notes/{id}/send | params(comment) -> 202 - | api/note-send.md | 1 example(s)
    POST /me/notes/{id}/send | bytes(text/plain) -> 202 - | api/note-send.md | 1 example(s)
    ");
}

/// A create whose table was read as parameters (its names are not the
/// created type's properties) but whose example sends an object that names
/// a type of the created family takes that family's base as its body.
#[test]
fn a_create_whose_example_sends_a_typed_object_takes_the_object() {
    let api = "# Add member\n\n## HTTP request\n\n```http\nPOST /teams/{id}/members\n```\n\n## Request body\n\n| Property | Type | Description |\n|:--|:--|:--|\n|roles|String collection|The roles.|\n|user|String|The user.|\n\n## Response\n\nIf successful, this method returns a `201 Created` response code and a [member](../resources/member.md) object in the response body.\n\n## Example\n\n<!-- {\"blockType\": \"request\", \"name\": \"add\"} -->\n```http\nPOST https://graph.microsoft.com/v1.0/teams/1/members\n\n{\"@odata.type\": \"#microsoft.graph.userMember\", \"roles\": [\"owner\"], \"user@odata.bind\": \"https://graph.microsoft.com/v1.0/users/2\"}\n```\n";
    let member = "# member\n\n| Property | Type | Description |\n|:--|:--|:--|\n|roles|String collection|The roles.|\n\n<!-- {\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.member\"} -->\n```json\n{}\n```\n";
    let user_member = "# userMember\n\nInherits from [member](member.md).\n\n| Property | Type | Description |\n|:--|:--|:--|\n|userId|String|The user.|\n\n<!-- {\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.userMember\"} -->\n```json\n{}\n```\n";
    insta::assert_snapshot!(check(&[("api/member-add.md", api), ("resources/member.md", member), ("resources/usermember.md", user_member)]), @r"
    Complex member { roles: String[] }
    Complex userMember : member { userId: String }
    POST /teams/{id}/members | member -> 201 member | api/member-add.md | 1 example(s)
    api/member-add.md:24 D129: the example sends a `microsoft.graph.userMember` object to a create of `microsoft.graph.member`, whose table was read as parameters; the body is a `microsoft.graph.member`
    ");
}

/// A request annotation's `scopes` are the operation's permissions where
/// its page has none, and are checked against the table where it has one;
/// `optionalProperties` marks the other properties of a resource block as
/// always present.
#[test]
fn scopes_and_optional_properties_are_read() {
    let api = "# Get thing\n\n## HTTP request\n\n```http\nGET /things/{id}\n```\n\n## Example\n\n<!-- {\"blockType\": \"request\", \"name\": \"get\", \"scopes\": \"Things.Read Things.ReadWrite\"} -->\n```http\nGET https://graph.microsoft.com/v1.0/things/1\n```\n";
    let thing = "# thing\n\n<!-- {\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.thing\", \"optionalProperties\": [\"note\"]} -->\n```json\n{\"name\": \"string\", \"note\": \"string\"}\n```\n";
    let (model, _) =
        super::tests::model_of(&[("api/thing-get.md", api), ("resources/thing.md", thing)]);
    let scopes: Vec<String> = model.operations[0]
        .permissions
        .iter()
        .map(|p| format!("{}: {}", p.kind, p.scopes.join(" ")))
        .collect();
    let optional: Vec<String> = model.types["microsoft.graph.thing"]
        .properties
        .iter()
        .map(|p| format!("{} {:?}", p.wire_name, p.optional))
        .collect();
    insta::assert_snapshot!(format!("{}\n{}", scopes.join("\n"), optional.join("\n")), @r"
    Scopes (from the example's annotation): Things.Read Things.ReadWrite
    name Some(false)
    note Some(true)
    ");
}

/// A parameter is required where a `Required` column or a sentence that is
/// only "Required" says so; "Required if ..." is not.
#[test]
fn only_an_unconditional_required_makes_a_parameter_required() {
    let api = "# thing: reset\n\n## HTTP request\n\n```http\nPOST /things/{id}/reset\n```\n\n## Request body\n\n| Parameter | Type | Description |\n|:--|:--|:--|\n|a|String|The a. Required.|\n|b|String|Required if `a` is empty.|\n|c|String|This is required only for keys of one type.|\n";
    let (model, _) = super::tests::model_of(&[("api/thing-reset.md", api)]);
    let RequestBody::Parameters { parameters } = &model.operations[0].request else {
        panic!("parameters expected");
    };
    let rendered: Vec<String> = parameters
        .iter()
        .map(|p| format!("{} {}", p.wire_name, p.required))
        .collect();
    insta::assert_snapshot!(rendered.join("\n"), @r"
    a true
    b false
    c false
    ");
}

/// A request the docs did not annotate is an example when an annotated
/// response pairs with it; a block annotated as a response that holds a
/// request line is read as the request (D130).
#[test]
fn examples_are_read_by_what_their_blocks_hold() {
    let api = "# Get thing\n\n## HTTP request\n\n```http\nGET /things/{id}\nPOST /things\n```\n\n## Response\n\nReturns a [thing](../resources/thing.md) object.\n\n## Examples\n\n### Request\n\n```http\nGET https://graph.microsoft.com/v1.0/things/1\n```\n\n### Response\n\n<!-- {\"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.thing\"} -->\n```http\nHTTP/1.1 200 OK\n\n{\"name\": \"a\"}\n```\n\n### Request\n\n<!-- {\"blockType\": \"response\", \"name\": \"create\"} -->\n```http\nPOST https://graph.microsoft.com/v1.0/things\n\n{\"name\": \"b\"}\n```\n\n### Response\n\n<!-- {\"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.thing\"} -->\n```http\nHTTP 201 Created\n\n{\"name\": \"b\"}\n```\n\n### Not an example\n\n```http\nGET https://graph.microsoft.com/v1.0/things/2\n```\n";
    let thing = "# thing\n\n<!-- {\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.thing\"} -->\n```json\n{\"name\": \"string\"}\n```\n";
    insta::assert_snapshot!(check(&[("api/thing-get.md", api), ("resources/thing.md", thing)]), @r"
    Complex thing { name: String }
    GET /things/{id} | - -> 200 thing | api/thing-get.md | 1 example(s)
    POST /things | - -> 200 thing | api/thing-get.md | 1 example(s)
    api/thing-get.md:35 D130: example annotated as a response holds a request; read as the request
    ");
}

/// A `GET` path that only a collection can answer (`?$filter=`, or the
/// path another of the page's paths addresses an item of) answers with a
/// collection of the page's type, on a page about one object.
#[test]
fn collection_paths_of_an_item_page_answer_with_a_collection() {
    let api = "# Get meeting\n\n## HTTP request\n\n```http\nGET /me/meetings/{id}\nGET /me/meetings\nGET /users/{id}/meetings?$filter=joinUrl eq '{url}'\n```\n\n## Response\n\nReturns a [meeting](../resources/meeting.md) object.\n";
    let meeting = "# meeting\n\n<!-- {\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.meeting\"} -->\n```json\n{\"joinUrl\": \"string\"}\n```\n";
    insta::assert_snapshot!(check(&[("api/meeting-get.md", api), ("resources/meeting.md", meeting)]), @r"
    Complex meeting { joinUrl: String }
    GET /me/meetings/{id} | - -> 200 meeting | api/meeting-get.md | 0 example(s)
    GET /me/meetings /users/{id}/meetings?$filter=joinUrl eq '{url}' | - -> 200 meeting[] | api/meeting-get.md | 0 example(s)
    ");
}

/// A table and a JSON representation that spell a property with other
/// case: the spelling most sources use wins, ties go to the JSON (D131).
/// A page whose `doc_type` says API but that lists no request and declares
/// a resource is that resource's page (D132).
#[test]
fn spellings_are_voted_and_pages_known_by_content() {
    let usage = "---\ndoc_type: apiPageType\n---\n# usage\n\n| Property | Type | Description |\n|:--|:--|:--|\n|printerID|String|The printer.|\n|subUnit|String|The unit.|\n\n<!-- {\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.usage\"} -->\n```json\n{\"printerId\": \"String\", \"subunit\": \"String\"}\n```\n";
    let api = "# Get usage\n\n## HTTP request\n\n```http\nGET /usage\n```\n\n## Response\n\nReturns a [usage](../resources/usage.md) object.\n\n## Example\n\n<!-- {\"blockType\": \"request\", \"name\": \"get\"} -->\n```http\nGET https://graph.microsoft.com/v1.0/usage\n```\n\n<!-- {\"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.usage\"} -->\n```http\nHTTP/1.1 200 OK\n\n{\"printerId\": \"1\", \"subUnit\": \"a\"}\n```\n\n<!-- {\"blockType\": \"request\", \"name\": \"get2\"} -->\n```http\nGET https://graph.microsoft.com/v1.0/usage\n```\n\n<!-- {\"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.usage\"} -->\n```http\nHTTP/1.1 200 OK\n\n{\"subUnit\": \"b\"}\n```\n";
    insta::assert_snapshot!(check(&[("api/usage-get.md", api), ("resources/usage.md", usage)]), @r"
    Complex usage { printerId: String, subUnit: String }
    GET /usage | - -> 200 usage | api/usage-get.md | 2 example(s)
    resources/usage.md:1 D132: `doc_type` says an API page, but the page lists no request and declares a resource; read as a resource page
    resources/usage.md:13 D131: `microsoft.graph.usage`: the JSON representation spells `printerId`, the table `printerID`; `printerId` is the wire name (sources: `printerID` 1, `printerId` 2)
    resources/usage.md:13 D131: `microsoft.graph.usage`: the JSON representation spells `subunit`, the table `subUnit`; `subUnit` is the wire name (sources: `subUnit` 3, `subunit` 1)
    ");
}

/// An object's `@odata.type` written without its namespace, or with
/// another, names the type of the declared type's family with that name;
/// a response annotation naming a derived type types the objects that name
/// none, and the test's sample says so.
#[test]
fn odata_types_by_simple_name_and_annotated_derived_responses() {
    let api = "# Create grade\n\n## HTTP request\n\n```http\nPOST /grades\n```\n\n## Request body\n\nSupply a JSON representation of a [grade](../resources/grade.md) object.\n\n## Response\n\nReturns `201 Created` and a [grade](../resources/grade.md) object.\n\n## Example\n\n<!-- {\"blockType\": \"request\", \"name\": \"create\"} -->\n```http\nPOST https://graph.microsoft.com/v1.0/grades\n\n{\"@odata.type\": \"Other.Namespace.pointsGrade\", \"maxPoints\": 10}\n```\n\n<!-- {\"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.pointsGrade\"} -->\n```http\nHTTP/1.1 201 Created\n\n{\"maxPoints\": 10}\n```\n";
    let grade = "# grade\n\n<!-- {\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.grade\"} -->\n```json\n{\"name\": \"string\"}\n```\n";
    let points = "# pointsGrade\n\nInherits from [grade](grade.md).\n\n<!-- {\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.pointsGrade\", \"baseType\": \"microsoft.graph.grade\"} -->\n```json\n{\"maxPoints\": 1}\n```\n";
    let (model, _) = super::tests::model_of(&[
        ("api/grade-post.md", api),
        ("resources/grade.md", grade),
        ("resources/pointsgrade.md", points),
    ]);
    let ex = &model.operations[0].examples[0];
    let response = ex.response.as_ref().expect("a response");
    insta::assert_snapshot!(format!(
        "request: {:?} {:?}\nresponse: {:?} {:?}",
        ex.request.sample, ex.request.misfit, response.sample, response.misfit
    ), @r##"
    request: Some(Object {"@odata.type": String("Other.Namespace.pointsGrade"), "maxPoints": Number(10)}) None
    response: Some(Object {"maxPoints": Number(10), "@odata.type": String("#microsoft.graph.pointsGrade")}) None
    "##);
}

#[test]
fn a_description_is_the_page_prose_and_callouts_above_it_follow() {
    let noted = "# widget resource type\n\nNamespace: microsoft.graph\n\n> **Note:** Widgets require a licence.\n\nA widget on a dashboard.\n\n> **Note:** Said after the description.\n\n<!-- {\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.widget\"} -->\n```json\n{\"id\": \"string\"}\n```\n";
    let only_note = "# Get gadget\n\nNamespace: microsoft.graph\n\n> [!NOTE]\n> This API is deprecated.\n\n## HTTP request\n\n```http\nGET /gadgets\n```\n\n## Response\n\nIf successful, this method returns `200 OK`.\n";
    let (model, _) = super::tests::model_of(&[
        ("api/gadget-get.md", only_note),
        ("resources/widget.md", noted),
    ]);
    let render = |d: &Doc| {
        d.spans
            .iter()
            .map(|s| match s {
                Span::Break => " | ".to_string(),
                other => Doc {
                    spans: vec![other.clone()],
                }
                .plain(),
            })
            .collect::<String>()
    };
    let mut out = String::new();
    for t in model.types.values() {
        out.push_str(&format!("{}: {}\n", t.name.name, render(&t.description)));
    }
    for op in &model.operations {
        out.push_str(&format!("{}: {}\n", op.title, render(&op.description)));
    }
    insta::assert_snapshot!(out, @r"
    widget: A widget on a dashboard. | Note: Widgets require a licence.
    Get gadget: Note: This API is deprecated.
    ");
}

#[test]
fn a_quoted_argument_is_quoted_on_every_path_and_a_trailing_slash_is_no_other_path() {
    let get = "# Get range\n\n## HTTP request\n\n```http\nGET /me/worksheets/{id}/range(address='<address>')\n```\n\n## Response\n\nIf successful, this method returns `200 OK`.\n";
    let rows = "# List rows\n\n## HTTP request\n\n```http\nGET /me/worksheets/{id}/range(address={address})/rows\nGET /me/worksheets/{id}/itemAt(index={n})/rows\n```\n\n## Response\n\nIf successful, this method returns `200 OK`.\n";
    let delete = "# Delete event\n\n## HTTP request\n\n```http\nDELETE /me/events/{id}\nDELETE /me/events/{id}/\n```\n\n## Response\n\nIf successful, this method returns `204 No Content`.\n";
    // A quote on one side only is a typo, left as written.
    let typo = "# Get format\n\n## HTTP request\n\n```http\nGET /me/worksheets/{id}/range(address={address}'/format\n```\n\n## Response\n\nIf successful, this method returns `200 OK`.\n";
    let pages = [
        ("api/range-get-format.md", typo),
        ("api/range-get.md", get),
        ("api/range-list-rows.md", rows),
        ("api/event-delete.md", delete),
    ];
    let (model, _) = super::tests::model_of(&pages);
    // The segments each path is read as, a parameter as `{name}`.
    let segments: Vec<String> = model
        .operations
        .iter()
        .flat_map(|op| &op.paths)
        .map(|p| {
            let text: String = p
                .segments
                .iter()
                .map(|s| match s {
                    PathSegment::Literal { text } => text.clone(),
                    PathSegment::Param { name, .. } => format!("{{{name}}}"),
                })
                .collect();
            format!("{text} (shape {})\n", p.shape())
        })
        .collect();
    insta::assert_snapshot!(format!("{}{}", check(&pages), segments.concat()), @r"
    DELETE /me/events/{id} | - -> 204 - | api/event-delete.md | 0 example(s)
    GET /me/worksheets/{id}/range(address={address}'/format | - -> 200 - | api/range-get-format.md | 0 example(s)
    GET /me/worksheets/{id}/range(address='<address>') | - -> 200 - | api/range-get.md | 0 example(s)
    GET /me/worksheets/{id}/range(address={address})/rows /me/worksheets/{id}/itemAt(index={n})/rows | - -> 200 - | api/range-list-rows.md | 0 example(s)
    api/range-list-rows.md:6 D133: `/me/worksheets/{id}/range(address={address})/rows` writes the argument `address` of `range` without quotes, another page in quotes; it is a string, written in quotes
    /me/events/{eventId} (shape /me/events/{})
    /me/worksheets/{worksheetId}/range(address={address}'/format (shape /me/worksheets/{}/range(address={}'/format)
    /me/worksheets/{worksheetId}/range(address='{address}') (shape /me/worksheets/{}/range(address={}))
    /me/worksheets/{worksheetId}/range(address='{address}')/rows (shape /me/worksheets/{}/range(address={})/rows)
    /me/worksheets/{worksheetId}/itemAt(index={n})/rows (shape /me/worksheets/{}/itemat(index={})/rows)
    ");
}
