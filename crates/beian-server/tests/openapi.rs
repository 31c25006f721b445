//! The OpenAPI document and the router describe the same routes: every
//! route of the router is in the document, every operation of the document
//! is a route, and the server serves the document.

mod common;

use std::collections::BTreeSet;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use beian_server::{OPENAPI, ROUTES};
use common::App;
use serde_json::Value;

const METHODS: [&str; 7] = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];

fn document() -> Value {
    serde_json::from_str(OPENAPI).expect("openapi.json is JSON")
}

fn operations(doc: &Value) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, _) in item.as_object().unwrap() {
            if METHODS.contains(&method.to_uppercase().as_str()) {
                out.insert((method.to_uppercase(), path.clone()));
            }
        }
    }
    out
}

#[test]
fn document_and_routes_are_the_same_set() {
    let doc = document();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let documented = operations(&doc);
    let routed: BTreeSet<(String, String)> = ROUTES
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    assert_eq!(routed.len(), ROUTES.len(), "a route is listed twice");
    let undocumented: Vec<_> = routed.difference(&documented).collect();
    let unrouted: Vec<_> = documented.difference(&routed).collect();
    assert!(
        undocumented.is_empty(),
        "routes missing in openapi.json: {undocumented:?}"
    );
    assert!(
        unrouted.is_empty(),
        "operations of openapi.json without a route: {unrouted:?}"
    );
}

#[test]
fn every_reference_resolves_and_every_operation_is_described() {
    let doc = document();
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    let text = OPENAPI;
    let mut at = 0;
    while let Some(i) = text[at..].find("\"#/components/schemas/") {
        let start = at + i + "\"#/components/schemas/".len();
        let end = start + text[start..].find('"').unwrap();
        let name = &text[start..end];
        assert!(schemas.contains_key(name), "unresolved $ref {name}");
        at = end;
    }
    let mut ids = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let id = op["operationId"]
                .as_str()
                .unwrap_or_else(|| panic!("{method} {path}: no operationId"));
            assert!(ids.insert(id.to_string()), "operationId {id} twice");
            assert!(op["summary"].is_string(), "{method} {path}: no summary");
            let responses = op["responses"].as_object().unwrap();
            assert!(
                responses.keys().any(|k| k.starts_with('2')),
                "{method} {path}: no 2xx"
            );
            // Path parameters are declared.
            for segment in path.split('/') {
                if let Some(name) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                    let declared = op["parameters"].as_array().is_some_and(|ps| {
                        ps.iter().any(|p| p["name"] == name && p["in"] == "path")
                    });
                    assert!(declared, "{method} {path}: parameter {name} not declared");
                }
            }
        }
    }
}

fn concrete(path: &str) -> String {
    path.replace("{id}", "1")
}

#[tokio::test]
async fn every_route_answers_and_other_methods_are_405() {
    let b = common::sqlite().await;
    let app = App::new(&b.db);
    for (method, path) in ROUTES {
        let request = Request::builder()
            .method(Method::from_bytes(method.as_bytes()).unwrap())
            .uri(concrete(path))
            .header("content-type", "application/json")
            .body(Body::from("{}"))
            .unwrap();
        let reply = app.send(request).await;
        assert!(
            reply.status != StatusCode::METHOD_NOT_ALLOWED
                && !(reply.status == StatusCode::NOT_FOUND
                    && reply.text().contains("No API route")),
            "{method} {path}: {} {}",
            reply.status,
            reply.text()
        );
        assert!(
            reply.status.as_u16() < 500,
            "{method} {path}: {}",
            reply.text()
        );
        assert!(
            reply.content_type().starts_with("application/json"),
            "{method} {path}"
        );
    }
    let routed: BTreeSet<(String, String)> = ROUTES
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    for (_, path) in ROUTES {
        for method in ["GET", "POST", "PUT", "DELETE", "PATCH"] {
            if routed.contains(&(method.to_string(), path.to_string())) {
                continue;
            }
            let request = Request::builder()
                .method(method)
                .uri(concrete(path))
                .body(Body::empty())
                .unwrap();
            let reply = app.send(request).await;
            assert_eq!(
                reply.status,
                StatusCode::METHOD_NOT_ALLOWED,
                "{method} {path}"
            );
            assert_eq!(reply.json()["error"]["code"], "method_not_allowed");
        }
    }
}

#[tokio::test]
async fn the_document_is_served() {
    let app = App::with(common::config(None));
    let reply = app.get("/api/v1/openapi.json").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.content_type(), "application/json");
    assert_eq!(reply.json(), document());
}
