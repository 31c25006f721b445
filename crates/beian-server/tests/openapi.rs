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

/// The names the document spells out are the crates' own: statuses, event
/// types and the keys of the filing's objects (issue 14 added some of each;
/// a name added in Rust and not here fails this test).
#[test]
fn names_in_the_document_are_the_crates_names() {
    use beian_flow::{EventType, Status};
    use beian_rules::{Access, Filing, Person, Subject, Website};
    let doc = document();
    let schemas = &doc["components"]["schemas"];
    let strings = |v: &Value| -> BTreeSet<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().to_string())
            .collect()
    };
    let statuses: BTreeSet<String> = Status::ALL.iter().map(|s| s.name().to_string()).collect();
    assert_eq!(strings(&schemas["Status"]["enum"]), statuses);
    // `start` has its own route (POST /api/v1/filings/{id}/requests).
    let events: BTreeSet<String> = EventType::ALL
        .iter()
        .filter(|e| **e != EventType::Start)
        .map(|e| e.name().to_string())
        .collect();
    let documented: BTreeSet<String> = schemas["Event"]["oneOf"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            e["properties"]["type"]["enum"][0]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(documented, events);
    let keys = |schema: &str| -> BTreeSet<String> {
        schemas[schema]["properties"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect()
    };
    let set = |k: &[&str]| -> BTreeSet<String> { k.iter().map(|s| s.to_string()).collect() };
    assert_eq!(keys("Filing"), set(&Filing::KEYS));
    assert_eq!(keys("Subject"), set(&Subject::KEYS));
    assert_eq!(keys("Website"), set(&Website::KEYS));
    assert_eq!(keys("Access"), set(&Access::KEYS));
    assert_eq!(keys("Person"), set(&Person::KEYS));
}

/// The filing's JSON Schema (generated from the Rust types by the rules
/// crate's catalogue test), in OpenAPI 3.0's dialect.
fn filing_components() -> serde_json::Map<String, Value> {
    let schema: Value =
        serde_json::from_str(include_str!("../../../pkg/filing.schema.json")).unwrap();
    let mut out = serde_json::Map::new();
    let mut root = schema.as_object().unwrap().clone();
    let defs = root.remove("$defs").unwrap();
    root.remove("$schema");
    for (name, def) in defs.as_object().unwrap() {
        out.insert(name.clone(), openapi_30(def));
    }
    out.insert("Filing".into(), openapi_30(&Value::Object(root)));
    out
}

/// JSON Schema 2020-12 → OpenAPI 3.0: references into `components`,
/// `null` alternatives as `nullable`, `const` as a one-value `enum`.
fn openapi_30(v: &Value) -> Value {
    match v {
        Value::Array(items) => Value::Array(items.iter().map(openapi_30).collect()),
        Value::Object(map) => {
            let mut out = serde_json::Map::new();
            for (k, v) in map {
                match (k.as_str(), v) {
                    ("$ref", Value::String(r)) => {
                        let name = r.trim_start_matches("#/$defs/");
                        out.insert(k.clone(), format!("#/components/schemas/{name}").into());
                    }
                    ("const", c) => {
                        out.insert("enum".into(), Value::Array(vec![c.clone()]));
                    }
                    ("type", Value::Array(types)) => {
                        let other: Vec<&Value> = types.iter().filter(|t| *t != "null").collect();
                        if other.len() == 1 {
                            out.insert("type".into(), other[0].clone());
                        }
                        if other.len() < types.len() {
                            out.insert("nullable".into(), true.into());
                        }
                    }
                    ("anyOf" | "oneOf", Value::Array(alts))
                        if alts.len() == 2 && alts.iter().any(|a| a["type"] == "null") =>
                    {
                        let other = openapi_30(alts.iter().find(|a| a["type"] != "null").unwrap());
                        if other.get("$ref").is_some() {
                            out.insert("allOf".into(), Value::Array(vec![other]));
                        } else if let Value::Object(o) = other {
                            out.extend(o);
                        }
                        out.insert("nullable".into(), true.into());
                    }
                    _ => {
                        out.insert(k.clone(), openapi_30(v));
                    }
                }
            }
            Value::Object(out)
        }
        other => other.clone(),
    }
}

/// openapi.json's schemas of the filing are the filing's JSON Schema, not
/// a copy by hand. `BEIAN_REGENERATE=1` rewrites them.
#[test]
fn the_filing_schemas_are_generated() {
    let mut doc = document();
    let wanted = filing_components();
    let schemas = doc["components"]["schemas"].as_object_mut().unwrap();
    let stale: Vec<&String> = wanted
        .iter()
        .filter(|(name, schema)| schemas.get(*name) != Some(schema))
        .map(|(name, _)| name)
        .collect();
    if stale.is_empty() {
        return;
    }
    if std::env::var_os("BEIAN_REGENERATE").is_some() {
        for (name, schema) in &wanted {
            schemas.insert(name.clone(), schema.clone());
        }
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/openapi.json");
        let text = serde_json::to_string_pretty(&doc).unwrap() + "\n";
        std::fs::write(path, text).unwrap();
        return;
    }
    panic!(
        "openapi.json's schemas {stale:?} differ from pkg/filing.schema.json: \
         run `BEIAN_REGENERATE=1 cargo test -p beian-server --test openapi`"
    );
}

#[test]
fn the_upload_name_limit_is_the_documents() {
    let doc = document();
    let parameters = doc["paths"]["/api/v1/requests/{id}/documents"]["post"]["parameters"]
        .as_array()
        .expect("the upload's parameters");
    let name = parameters
        .iter()
        .find(|p| p["in"] == "query" && p["name"] == "name")
        .expect("the upload's `name` parameter");
    assert_eq!(
        name["schema"]["maxLength"].as_u64(),
        u64::try_from(beian_server::http::documents::NAME_MAX_CHARS).ok()
    );
}
