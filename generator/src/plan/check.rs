//! The plan's passes in the `check(pages, expect)` style: pages in, every
//! Rust name the plan decides and its diagnostics out.

use super::paths::{PathNode, Piece, Step};
use super::tests::TestRequest;
use crate::config::Options;
use crate::diag::Diagnostics;

/// Plans the crate of pages given as (path, text) and renders the names:
/// types with their fields or variants, `...Any` enums, endpoint functions,
/// the path tree, the tests, then the plan's own diagnostics.
fn check(pages: &[(&str, &str)]) -> String {
    let (model, _) = crate::model::build::tests::model_of(pages);
    let mut diags = Diagnostics::default();
    let plan = super::plan(&model, &Options::default(), &mut diags);
    let mut out = String::new();
    for (key, t) in &plan.types {
        let members = if t.variants.is_empty() {
            &t.fields
        } else {
            &t.variants
        };
        let consts: Vec<&str> = t
            .filter_consts
            .iter()
            .flatten()
            .map(String::as_str)
            .collect();
        let filters = if consts.is_empty() {
            String::new()
        } else {
            format!(" filters {{ {} }}", consts.join(", "))
        };
        out.push_str(&format!(
            "type {key} = {}::{} {{ {} }}{filters}\n",
            t.module.join("::"),
            t.name,
            members.join(", ")
        ));
    }
    for (key, any) in &plan.any_types {
        let variants: Vec<String> = any
            .variants
            .iter()
            .map(|(k, v)| format!("{v}({k})"))
            .collect();
        out.push_str(&format!(
            "any {key} = {} {{ {} }}\n",
            any.name,
            variants.join(", ")
        ));
    }
    for f in &plan.endpoints {
        out.push_str(&format!(
            "fn {}::{}({}){}\n",
            f.module,
            f.impl_name,
            plan.model.operations[f.op].paths[f.path].raw,
            f.body_struct
                .as_ref()
                .map(|b| format!(", body {b} {{ {} }}", f.body_fields.join(", ")))
                .unwrap_or_default()
        ));
    }
    fn node(out: &mut String, n: &PathNode, depth: usize) {
        let ops: Vec<&str> = n.ops.iter().map(|(_, v)| v.as_str()).collect();
        out.push_str(&format!(
            "{}{} [{}]\n",
            "  ".repeat(depth),
            n.type_name,
            ops.join(", ")
        ));
        for c in &n.children {
            let step = match &c.step {
                Step::Literal(t) => format!("'{t}'"),
                Step::Param => "{id}".to_string(),
                Step::Call(pieces) => pieces
                    .iter()
                    .map(|p| match p {
                        Piece::Lit(t) => t.clone(),
                        Piece::Param(n) => format!("<{n}>"),
                    })
                    .collect(),
            };
            out.push_str(&format!(
                "{}.{} {step}\n",
                "  ".repeat(depth + 1),
                c.accessor
            ));
            node(out, &c.node, depth + 1);
        }
    }
    for m in &plan.paths {
        out.push_str(&format!("paths::{} '{}'\n", m.module, m.text));
        node(&mut out, &m.root, 1);
    }
    for t in &plan.tests {
        let body = match &t.request {
            TestRequest::None => "no body".to_string(),
            TestRequest::Json => "json".to_string(),
            TestRequest::Bytes(b) => format!("bytes {b:?}"),
            TestRequest::EmptyObject => "{}".to_string(),
        };
        out.push_str(&format!(
            "test {} -> {}({}) {body}{}\n",
            t.name,
            plan.model.operations[t.op].paths[plan.endpoints[t.endpoint].path].raw,
            t.values.join(", "),
            if t.check_response {
                ", response checked"
            } else {
                ""
            }
        ));
    }
    for d in diags.into_sorted() {
        out.push_str(&crate::model::build::tests::diagnostic_line(&d));
    }
    out
}

const USER: &str = "# user\n\n| Property | Type | Description |\n|:--|:--|:--|\n|state|connectionState|The state.|\n\n### connectionState values\n\n| Member | Description |\n|:--|:--|\n|connected|Connected.|\n|unknown|Not known.|\n|notConnected|Not connected.|\n|not_connected|Again.|\n\n<!-- {\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.user\", \"keyProperty\": \"id\", \"baseType\": \"microsoft.graph.directoryObject\"} -->\n```json\n{\"id\": \"string\", \"displayName\": \"string\", \"display_name\": \"string\", \"type\": \"string\", \"state\": \"connected\"}\n```\n";
const DIRECTORY_OBJECT: &str = "# directoryObject\n\n<!-- {\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.directoryObject\", \"keyProperty\": \"id\"} -->\n```json\n{\"id\": \"string\"}\n```\n";

#[test]
fn every_name_is_decided_in_the_plan_with_its_collisions() {
    let list = "# List users\n\n## HTTP request\n\n```http\nGET /users\nGET /users/{id}/directReports\n```\n\n## Response\n\nIf successful, this method returns `200 OK` and a collection of [user](../resources/user.md) objects.\n\n## Example\n\n<!-- {\"blockType\": \"request\", \"name\": \"list_users\"} -->\n```http\nGET https://graph.microsoft.com/v1.0/users/42/directReports\n```\n\n<!-- {\"blockType\": \"request\", \"name\": \"list users\"} -->\n```http\nGET https://graph.microsoft.com/v1.0/groups\n```\n";
    let reset = "# user: reset\n\n## HTTP request\n\n```http\nPOST /users/{id}/reset(kind='{kind}')\n```\n\n## Request body\n\n| Parameter | Type | Description |\n|:--|:--|:--|\n|newValue|String|The value.|\n|new_value|String|Again.|\n\n## Response\n\nIf successful, this method returns `204 No Content`.\n";
    let people = "# List users\n\n## HTTP request\n\n```http\nGET /users/{id}/people\n```\n\n## Response\n\nIf successful, this method returns `200 OK` and a collection of [user](../resources/user.md) objects.\n";
    let manager = people.replace("/users/{id}/people", "/users/{id}/manager/directReports");
    insta::assert_snapshot!(check(&[
        ("api/user-list.md", list),
        ("api/user-reset.md", reset),
        ("api/user-list-people.md", people),
        ("api/user-list-manager-reports.md", &manager),
        ("resources/user.md", USER),
        ("resources/directoryobject.md", DIRECTORY_OBJECT),
    ]), @r"
    type microsoft.graph.connectionstate = graph::ConnectionState { Connected, UnknownValue, NotConnected, NotConnected2 }
    type microsoft.graph.directoryobject = graph::DirectoryObject { id }
    type microsoft.graph.user = graph::User { id, state, display_name, display_name_2, r#type } filters { ID, STATE, DISPLAY_NAME, DISPLAY_NAME_2, TYPE }
    any microsoft.graph.directoryobject = DirectoryObjectAny { User(microsoft.graph.user) }
    fn users::list_users_at(/users/{id}/manager/directReports)
    fn users::users_list_users_at(/users/{id}/people)
    fn users::list_users_at_2(/users)
    fn users::list_users_at_2(/users/{id}/directReports)
    fn users::user_reset_at(/users/{id}/reset(kind='{kind}')), body UserResetBody { new_value, new_value_2 }
    paths::users 'users'
      Users [get]
        .by_id {id}
        UsersItem []
          .reset reset(kind='<kind>')
          UsersItemReset [post]
          .direct_reports 'directReports'
          UsersItemDirectReports [get]
          .manager 'manager'
          UsersItemManager []
            .direct_reports 'directReports'
            UsersItemManagerDirectReports [get]
          .people 'people'
          UsersItemPeople [get]
    test list_users -> /users/{id}/directReports(42) no body
    api/user-list.md:1 D206: operation `GET /users` gets the function name `list_users_at` of another operation; it is named `list_users_at_2`
    api/user-list.md:23 D201: example path `/groups` fits none of the operation's documented paths; no test for it
    api/user-reset.md:14 D207: parameter `new_value` has the same Rust name as another parameter; it is named `new_value_2`
    resources/user.md:14 D208: member `not_connected` of `microsoft.graph.connectionState` has the same Rust name as another member; it is named `NotConnected2`
    resources/user.md:18 D207: property `display_name` of `microsoft.graph.user` has the same Rust name as another property; it is named `display_name_2`
    ");
}

/// Operations of one title in one area are told apart by the segments
/// before the collection their path addresses, nearest first.
#[test]
fn functions_of_one_title_take_the_segments_before_them() {
    let page = |path: &str| {
        format!("---\nms.prod: planner\n---\n\n# List plans\n\n## HTTP request\n\n```http\nGET {path}\n```\n\n## Response\n\nIf successful, this method returns `200 OK`.\n")
    };
    let all = page("/planner/plans");
    let group = page("/groups/{id}/planner/plans");
    let me = page("/me/planner/plans");
    let out = check(&[
        ("api/planner-list-plans.md", &all),
        ("api/plannergroup-list-plans.md", &group),
        ("api/planneruser-list-plans.md", &me),
    ]);
    let functions: String = out
        .lines()
        .filter(|l| l.starts_with("fn "))
        .map(|l| format!("{l}\n"))
        .collect();
    insta::assert_snapshot!(functions, @r"
    fn planner::list_plans_at(/planner/plans)
    fn planner::planner_list_plans_at(/groups/{id}/planner/plans)
    fn planner::me_planner_list_plans_at(/me/planner/plans)
    ");
}
