//! The scans uploaded for a request's documents (issue 17): checked again
//! by the server with the browser's own checks ([`beian_rules::upload`]:
//! the type by content, the size, an image's pixels), stored in the
//! database content-addressed by SHA-256, and read back only by the
//! filing's subject (its wizard session) and its providers.
//!
//! | route | what |
//! |---|---|
//! | `POST /api/v1/requests/{id}/documents?kind=photo&website=0&name=…` | the file as the body (any content type): 201 `{document, findings}`, or 422 with the findings |
//! | `GET /api/v1/requests/{id}/documents` | the request's documents (no content) |
//! | `GET /api/v1/documents/{id}` | one document's content, as an attachment |
//! | `DELETE /api/v1/documents/{id}` | removes it (while the request can still change) |
//!
//! A bureau's credential reads none of them (the provider hands them in).
//! The rows and the content are [`crate::documents`].

use axum::body::Bytes;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use beian_rules::upload::{self, FileType};
use beian_rules::{AttachmentKind, Finding};
use serde::Deserialize;

use crate::auth::{self, Caller};
use crate::db::write_fn;
use crate::documents::{
    blob, document_path, documents_of, load_document, remove_document, sha256_hex, store_document,
    Document, Stored, Upload,
};
use crate::http::error::{not_found, path_id, refused, schema_error, Failure, Refusal};
use crate::http::ApiState;
use crate::http::{db_error, db_of, filing_of_request, guard};

/// The largest body of an upload: the rules' limit, and a little more so
/// that a file just over it gets the rules' clear message, not a 413.
pub const BODY_LIMIT: usize = upload::MAX_BYTES + 1024;

/// The longest file name an upload takes, in characters: the `maxLength`
/// of the query's `name` in `openapi.json` (a test checks that they agree).
/// A longer name is a schema error; a name is stored and shown cut to its
/// first [`NAME_SHOWN_CHARS`] characters.
pub const NAME_MAX_CHARS: usize = 1024;

/// How many characters of a file's name are stored and shown.
pub const NAME_SHOWN_CHARS: usize = 200;

/// The query of an upload.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UploadQuery {
    /// The document (beian-rules' `AttachmentKind`: `photo`,
    /// `domain_certificate` …).
    pub kind: String,
    /// For a website's own document: the website's index in the filing.
    #[serde(default)]
    pub website: Option<u32>,
    /// The file's name as the user chose it (kept to be shown; the type
    /// comes from the content).
    #[serde(default)]
    pub name: Option<String>,
}

/// The finding of a bureau reading or writing a scan.
fn not_for_the_bureau() -> Finding {
    auth::provider_only("读取或上传申请材料")
}

/// The filing of request `id`, with the caller's access checked: the
/// filing's id, or the refusal.
async fn checked_request(state: &ApiState, caller: &Caller, id: i64) -> Result<i64, Failure> {
    if matches!(caller, Caller::Bureau { .. }) {
        return Err(refused(not_for_the_bureau()));
    }
    let db = db_of(state)?;
    let Some(filing) = filing_of_request(state, db, id).await? else {
        return Err(not_found(&format!("No request {id}.")).into());
    };
    guard(state, db, filing, |scope| {
        auth::access_refused(caller, scope)
    })
    .await?;
    Ok(filing)
}

/// `POST /api/v1/requests/{id}/documents`.
pub async fn upload(
    State(state): State<ApiState>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
    query: Result<Query<UploadQuery>, QueryRejection>,
    body: Bytes,
) -> Result<Response, Failure> {
    let id = path_id(id)?;
    let Query(query) = query.map_err(|e| schema_error(e.body_text()))?;
    let kind: AttachmentKind = query
        .kind
        .parse()
        .map_err(|_| schema_error(format!("kind: not a document kind: {:?}", query.kind)))?;
    let name = query.name.unwrap_or_default();
    if name.chars().count() > NAME_MAX_CHARS {
        return Err(schema_error(format!("name: longer than {NAME_MAX_CHARS} characters")).into());
    }
    let name: String = name
        .chars()
        .filter(|c| !c.is_control())
        .take(NAME_SHOWN_CHARS)
        .collect();
    checked_request(&state, &caller, id).await?;
    let db = db_of(&state)?;
    let path = document_path(query.website);
    // The browser's checks, again (on the blocking pool: a 10 MB scan).
    let (scan, findings) = {
        let (name, path) = (name.clone(), path.clone());
        let bytes = body.clone();
        crate::http::cpu(&state, move || upload::check(&name, &bytes, &path)).await?
    };
    let Some(scan) = scan else {
        return Err(Failure::Refused(Refusal::new(findings)));
    };
    let sha = {
        let bytes = body.clone();
        crate::http::cpu(&state, move || sha256_hex(&bytes)).await?
    };
    let upload = Upload {
        request_id: id,
        kind,
        website: query.website,
        name,
        scan,
        sha256: sha,
        bytes: body.to_vec(),
        by: caller.party().name().to_string(),
    };
    let stored = db
        .write(write_fn(move |conn| {
            let upload = upload.clone();
            Box::pin(async move { store_document(conn, &upload).await })
        }))
        .await
        .map_err(|e| db_error(&state, e))?;
    match stored {
        Stored::Done(document) => {
            state.log.write(&format!(
                "request {id} document {} uploaded: {} {} bytes",
                document.id, document.kind, document.size
            ));
            Ok((
                StatusCode::CREATED,
                Json(serde_json::json!({ "document": document, "findings": findings })),
            )
                .into_response())
        }
        Stored::Refused(f) => Err(Failure::Refused(Refusal::new(vec![f]))),
    }
}

/// `GET /api/v1/requests/{id}/documents`.
pub async fn list(
    State(state): State<ApiState>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
) -> Result<Response, Failure> {
    let id = path_id(id)?;
    checked_request(&state, &caller, id).await?;
    let db = db_of(&state)?;
    let documents = async {
        let mut reader = db.reader().await?;
        documents_of(&mut reader.conn(), id).await
    }
    .await
    .map_err(|e| db_error(&state, e))?;
    Ok(Json(serde_json::json!({ "documents": documents })).into_response())
}

/// The document `id` and its request, if there is one.
async fn load(state: &ApiState, id: i64) -> Result<Option<Document>, Failure> {
    let db = db_of(state)?;
    async {
        let mut reader = db.reader().await?;
        load_document(&mut reader.conn(), id).await
    }
    .await
    .map_err(|e| db_error(state, e).into())
}

/// The document `id`, with the caller's access to its request checked (a
/// bureau is refused before the document is looked up: no answer tells it
/// which ids exist).
async fn checked_document(state: &ApiState, caller: &Caller, id: i64) -> Result<Document, Failure> {
    if matches!(caller, Caller::Bureau { .. }) {
        return Err(refused(not_for_the_bureau()));
    }
    let Some(document) = load(state, id).await? else {
        return Err(not_found(&format!("No document {id}.")).into());
    };
    checked_request(state, caller, document.request_id).await?;
    Ok(document)
}

/// `GET /api/v1/documents/{id}`: the content, as an attachment.
pub async fn read(
    State(state): State<ApiState>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
) -> Result<Response, Failure> {
    let id = path_id(id)?;
    let document = checked_document(&state, &caller, id).await?;
    let db = db_of(&state)?;
    let data = async {
        let mut reader = db.reader().await?;
        blob(&mut reader.conn(), &document.sha256).await
    }
    .await
    .map_err(|e| db_error(&state, e))?;
    let ext = FileType::of_mime(&document.media_type)
        .unwrap_or(FileType::Pdf)
        .extension();
    let mut response = data.into_response();
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&document.media_type) {
        headers.insert(header::CONTENT_TYPE, v);
    }
    if let Ok(v) = HeaderValue::from_str(&format!(
        "attachment; filename=\"document-{}.{ext}\"",
        document.id
    )) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(response)
}

/// `DELETE /api/v1/documents/{id}`.
pub async fn remove(
    State(state): State<ApiState>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
) -> Result<Response, Failure> {
    let id = path_id(id)?;
    let document = checked_document(&state, &caller, id).await?;
    let db = db_of(&state)?;
    let request_id = document.request_id;
    let outcome = db
        .write(write_fn(move |conn| {
            Box::pin(async move { remove_document(conn, request_id, id).await })
        }))
        .await
        .map_err(|e| db_error(&state, e))?;
    match outcome {
        Some(f) => Err(Failure::Refused(Refusal::new(vec![f]))),
        None => Ok(StatusCode::NO_CONTENT.into_response()),
    }
}
