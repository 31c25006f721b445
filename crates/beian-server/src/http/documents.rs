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

use axum::body::Bytes;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use beian_flow::Status;
use beian_rules::upload::{self, FileType, Scan};
use beian_rules::{AttachmentKind, Finding, Message, Severity};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::auth::{self, Caller};
use crate::clock::{now_millis, rfc3339};
use crate::db::{write_fn, Conn, DbError, Row, WriteError};
use crate::http::error::{not_found, path_id, refused, schema_error, Failure, Refusal};
use crate::http::ApiState;
use crate::http::{db_error, db_of, filing_of_request, guard};
use crate::store;

/// The largest body of an upload: the rules' limit, and a little more so
/// that a file just over it gets the rules' clear message, not a 413.
pub const BODY_LIMIT: usize = upload::MAX_BYTES + 1024;

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

/// A document as the API shows it (without its content).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Document {
    /// Its id (`GET /api/v1/documents/{id}`).
    pub id: i64,
    /// The request it belongs to.
    pub request_id: i64,
    /// Which document.
    pub kind: String,
    /// The website's index, for a website's own document.
    pub website: Option<u32>,
    /// The file's name as uploaded.
    pub name: String,
    /// `image/jpeg`, `image/png` or `application/pdf`, by its content.
    pub media_type: String,
    /// SHA-256 of the content, hex.
    pub sha256: String,
    /// Bytes.
    pub size: i64,
    /// An image's width and height.
    pub width: Option<i64>,
    /// An image's height.
    pub height: Option<i64>,
    /// When (RFC 3339, UTC+8).
    pub uploaded_at: String,
    /// The role that uploaded it (`subject`, `provider`).
    pub uploaded_by: String,
}

impl Document {
    fn from_row(r: &Row) -> Result<Document, DbError> {
        let website = r.int("website")?;
        Ok(Document {
            id: r.int("id")?,
            request_id: r.int("request_id")?,
            kind: r.text("kind")?,
            website: u32::try_from(website).ok(),
            name: r.text("name")?,
            media_type: r.text("media_type")?,
            sha256: r.text("sha256")?,
            size: r.int("size")?,
            width: r.opt_int("width")?,
            height: r.opt_int("height")?,
            uploaded_at: rfc3339(r.int("uploaded_at")?),
            uploaded_by: r.text("uploaded_by")?,
        })
    }
}

/// The statuses in which a request's documents may change: before the
/// bureau reviews it, and when it comes back.
pub fn documents_may_change(status: Status) -> bool {
    matches!(
        status,
        Status::Draft
            | Status::ProviderVerification
            | Status::ReturnedToSubject
            | Status::ReturnedToProvider
    )
}

/// The finding of a request whose documents can no longer change.
fn closed(status: Status) -> Finding {
    Finding::new(
        "documents.request_closed",
        None,
        "",
        Severity::Error,
        Message::new(
            format!(
                "此申请目前为“{}”，不能再更改其材料。",
                status.label(beian_flow::FilingKind::NewFiling).zh_cn
            ),
            format!(
                "This request is {}: its documents can no longer change.",
                status.name()
            ),
        ),
    )
}

/// The finding of a bureau reading or writing a scan.
fn not_for_the_bureau() -> Finding {
    auth::provider_only("读取或上传申请材料")
}

/// The finding path of a document of `kind` (the checklist's field).
fn document_path(website: Option<u32>) -> String {
    match website {
        Some(i) => format!("/websites/{i}/documents"),
        None => "/subject/documents".into(),
    }
}

/// Hex SHA-256.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
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
    let name: String = query
        .name
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_control())
        .take(200)
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

/// An upload to store.
#[derive(Debug, Clone)]
struct Upload {
    request_id: i64,
    kind: AttachmentKind,
    website: Option<u32>,
    name: String,
    scan: Scan,
    sha256: String,
    bytes: Vec<u8>,
    by: String,
}

/// What the write did.
enum Stored {
    Done(Document),
    Refused(Finding),
}

async fn store_document(conn: &mut Conn<'_>, u: &Upload) -> Result<Stored, WriteError> {
    let Some(request) = store::load_request(conn, u.request_id).await? else {
        return Ok(Stored::Refused(crate::registry::request_missing(
            u.request_id,
        )));
    };
    let status = request.state.status;
    if !documents_may_change(status) {
        return Ok(Stored::Refused(closed(status)));
    }
    if let Some(i) = u.website {
        if i as usize >= request.state.filing.websites.len() {
            return Ok(Stored::Refused(Finding::new(
                "documents.no_such_website",
                None,
                &document_path(u.website),
                Severity::Error,
                Message::new(
                    format!("此申请没有第 {} 个网站。", i + 1),
                    format!("This request has no website {}.", i + 1),
                ),
            )));
        }
    }
    let known = conn
        .fetch_optional(
            "SELECT sha256 FROM blobs WHERE sha256 = $1",
            &[u.sha256.clone().into()],
        )
        .await?
        .is_some();
    if !known {
        conn.execute(
            "INSERT INTO blobs (sha256, size, data) VALUES ($1, $2, $3)",
            &[
                u.sha256.clone().into(),
                i64::try_from(u.bytes.len()).unwrap_or(i64::MAX).into(),
                u.bytes.clone().into(),
            ],
        )
        .await?;
    }
    let website = u.website.map_or(-1, i64::from);
    let (width, height) = match u.scan.size {
        Some((w, h)) => (Some(i64::from(w)), Some(i64::from(h))),
        None => (None, None),
    };
    // The same scan for the same document again: the one stored.
    let existing = conn
        .fetch_optional(
            "SELECT * FROM documents WHERE request_id = $1 AND kind = $2 AND website = $3 AND sha256 = $4",
            &[
                u.request_id.into(),
                u.kind.name().into(),
                website.into(),
                u.sha256.clone().into(),
            ],
        )
        .await?;
    if let Some(row) = existing {
        return Ok(Stored::Done(Document::from_row(&row)?));
    }
    let row = conn
        .fetch_one(
            "INSERT INTO documents (request_id, kind, website, name, media_type, sha256, size, width, height, \
             uploaded_at, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING *",
            &[
                u.request_id.into(),
                u.kind.name().into(),
                website.into(),
                u.name.clone().into(),
                u.scan.file_type.mime().into(),
                u.sha256.clone().into(),
                i64::try_from(u.scan.bytes).unwrap_or(i64::MAX).into(),
                width.into(),
                height.into(),
                now_millis().into(),
                u.by.clone().into(),
            ],
        )
        .await?;
    Ok(Stored::Done(Document::from_row(&row)?))
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
        let rows = reader
            .conn()
            .fetch_all(
                "SELECT * FROM documents WHERE request_id = $1 ORDER BY id",
                &[id.into()],
            )
            .await?;
        rows.iter()
            .map(Document::from_row)
            .collect::<Result<Vec<_>, _>>()
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
        let row = reader
            .conn()
            .fetch_optional("SELECT * FROM documents WHERE id = $1", &[id.into()])
            .await?;
        row.as_ref().map(Document::from_row).transpose()
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
        let row = reader
            .conn()
            .fetch_one(
                "SELECT data FROM blobs WHERE sha256 = $1",
                &[document.sha256.clone().into()],
            )
            .await?;
        row.bytes("data")
    }
    .await
    .map_err(|e| db_error(&state, e))?;
    let ext = match document.media_type.as_str() {
        "image/jpeg" => FileType::Jpeg,
        "image/png" => FileType::Png,
        _ => FileType::Pdf,
    }
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
            Box::pin(async move {
                let Some(request) = store::load_request(conn, request_id).await? else {
                    return Ok(Some(crate::registry::request_missing(request_id)));
                };
                if !documents_may_change(request.state.status) {
                    return Ok(Some(closed(request.state.status)));
                }
                conn.execute("DELETE FROM documents WHERE id = $1", &[id.into()])
                    .await?;
                Ok::<_, WriteError>(None)
            })
        }))
        .await
        .map_err(|e| db_error(&state, e))?;
    match outcome {
        Some(f) => Err(Failure::Refused(Refusal::new(vec![f]))),
        None => Ok(StatusCode::NO_CONTENT.into_response()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_change_until_the_bureau_reviews() {
        assert!(documents_may_change(Status::Draft));
        assert!(documents_may_change(Status::ReturnedToSubject));
        assert!(!documents_may_change(Status::BureauReview));
        assert!(!documents_may_change(Status::Approved));
        assert!(!documents_may_change(Status::Withdrawn));
    }

    #[test]
    fn paths_and_hashes() {
        assert_eq!(document_path(Some(2)), "/websites/2/documents");
        assert_eq!(document_path(None), "/subject/documents");
        // SHA-256 of "abc" (FIPS 180-2).
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
