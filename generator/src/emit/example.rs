//! The generated crate's example programs, each against a local mock server
//! so it runs anywhere: `list_users.rs` (paging, built here from the model)
//! and the programs of `generator/templates/examples/` (sign-in, batching,
//! a large-file upload, a delta sync), which use the runtime alone and name
//! the crate `the_crate`, replaced here token by token.

use super::ident;
use crate::model::{ResponseBody, TypeRef};
use crate::plan::Plan;
use proc_macro2::TokenStream;
use quote::quote;

pub fn emit(ctx: &Plan) -> TokenStream {
    let plan = &ctx.endpoints;
    let krate = ident(&ctx.crate_ident);
    // The typed `GET /users` endpoint where the docs have one; otherwise a
    // request built by hand, which every crate can express.
    let typed = plan.iter().find(|f| {
        let op = &ctx.model.operations[f.op];
        op.method == "GET"
            && op.paths[f.path]
                .raw
                .trim_end_matches('/')
                .eq_ignore_ascii_case("/users")
            && matches!(
                op.response.body,
                ResponseBody::Collection {
                    ty: TypeRef::Named(_)
                }
            )
    });
    let (request, item_name, client_arg) = match typed {
        // The path builder, `client.users().get()`, carries the client.
        Some(_) => (
            quote! { client.users().get() },
            quote! { user.display_name.as_deref().unwrap_or("?") },
            None,
        ),
        None => (
            quote! { #krate::Request::<#krate::Collection<serde_json::Value>>::new(#krate::Method::GET, "/users".to_string()) },
            quote! { user["displayName"].as_str().unwrap_or("?") },
            Some(quote! { &client }),
        ),
    };
    let run_doc = format!(" `cargo run --example {}-list-users`.", ctx.crate_name);
    quote! {
        #![doc = " Lists users page by page, following `@odata.nextLink`, against a local"]
        #![doc = " mock server that serves two pages. Run it with"]
        #![doc = #run_doc]

        #[rustfmt::skip]
        use futures_util::StreamExt;

        #[tokio::main]
        #[rustfmt::skip]
        async fn main() -> Result<(), Box<dyn std::error::Error>> {
            let server = wiremock::MockServer::start().await;
            let next = format!("{}/users?$skiptoken=page2", server.uri());
            wiremock::Mock::given(wiremock::matchers::query_param("$skiptoken", "page2"))
                .respond_with(wiremock::ResponseTemplate::new(200).set_body_json(serde_json::json!({
                    "value": [{ "id": "3", "displayName": "Carol" }]
                })))
                .mount(&server)
                .await;
            wiremock::Mock::given(wiremock::matchers::query_param("$top", "2"))
                .respond_with(wiremock::ResponseTemplate::new(200).set_body_json(serde_json::json!({
                    "@odata.nextLink": next,
                    "value": [{ "id": "1", "displayName": "Alice" }, { "id": "2", "displayName": "Bob" }]
                })))
                .mount(&server)
                .await;

            let client = #krate::Client::builder()
                .base_url(server.uri())
                .bearer_token("example-token")
                .build()?;
            let mut users = #request.select(["id", "displayName"]).top(2).items(#client_arg);
            let mut count = 0;
            while let Some(user) = users.next().await {
                let user = user?;
                println!("{}", #item_name);
                count += 1;
            }
            println!("{count} users in 2 pages");
            assert_eq!(count, 3, "both pages are read");
            Ok(())
        }
    }
}

/// The example programs that use the runtime alone: file name and source.
pub const PROGRAMS: &[(&str, &str)] = &[
    ("batch", include_str!("../../templates/examples/batch.rs")),
    (
        "delta_sync",
        include_str!("../../templates/examples/delta_sync.rs"),
    ),
    (
        "sign_in",
        include_str!("../../templates/examples/sign_in.rs"),
    ),
    (
        "upload_large_file",
        include_str!("../../templates/examples/upload_large_file.rs"),
    ),
];

/// A program of [`PROGRAMS`] for this crate: `the_crate` becomes its name.
/// Every item is `#[rustfmt::skip]`, as in every generated file: the
/// program is formatted by prettyplease, and `cargo fmt` would reformat it.
pub fn program(ctx: &Plan, source: &str) -> Result<TokenStream, String> {
    let mut file = syn::parse_file(source).map_err(|e| e.to_string())?;
    let skip: syn::Attribute = syn::parse_quote! { #[rustfmt::skip] };
    for item in &mut file.items {
        let attrs = match item {
            syn::Item::Use(i) => &mut i.attrs,
            syn::Item::Struct(i) => &mut i.attrs,
            syn::Item::Impl(i) => &mut i.attrs,
            syn::Item::Fn(i) => &mut i.attrs,
            syn::Item::Const(i) => &mut i.attrs,
            syn::Item::Enum(i) => &mut i.attrs,
            syn::Item::Mod(i) => &mut i.attrs,
            _ => continue,
        };
        attrs.push(skip.clone());
    }
    Ok(rename_crate(quote! { #file }, &ctx.crate_ident))
}

fn rename_crate(tokens: TokenStream, krate: &str) -> TokenStream {
    use proc_macro2::{Group, TokenTree};
    tokens
        .into_iter()
        .map(|t| match t {
            TokenTree::Ident(i) if i == "the_crate" => TokenTree::Ident(ident(krate)),
            TokenTree::Group(g) => {
                let mut out = Group::new(g.delimiter(), rename_crate(g.stream(), krate));
                out.set_span(g.span());
                TokenTree::Group(out)
            }
            other => other,
        })
        .collect()
}
