//! The scans of a request's documents in the database (issue 17),
//! content-addressed by SHA-256 (table `blobs`), and when they may change.
//! The routes are [`crate::http::documents`].

use beian_flow::Status;
use beian_rules::upload::Scan;
use beian_rules::{AttachmentKind, Finding, Message, Severity};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::clock::{now_millis, rfc3339};
use crate::db::{Conn, DbError, Row, WriteError};
use crate::store;

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
pub fn closed(status: Status) -> Finding {
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

/// The finding path of a document of `kind` (the checklist's field).
pub fn document_path(website: Option<u32>) -> String {
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

/// An upload to store.
#[derive(Debug, Clone)]
pub struct Upload {
    /// The request.
    pub request_id: i64,
    /// Which document.
    pub kind: AttachmentKind,
    /// A website's own document: its index.
    pub website: Option<u32>,
    /// The file's name as uploaded.
    pub name: String,
    /// What the rules read of it.
    pub scan: Scan,
    /// Hex SHA-256 of the content.
    pub sha256: String,
    /// The content.
    pub bytes: Vec<u8>,
    /// The role that uploads it.
    pub by: String,
}

/// What the write did.
pub enum Stored {
    /// Stored (or the same scan, stored before).
    Done(Document),
    /// Refused by this finding.
    Refused(Finding),
}

/// Stores an upload on its request, while the request's documents may
/// change.
pub async fn store_document(conn: &mut Conn<'_>, u: &Upload) -> Result<Stored, WriteError> {
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

/// The documents of request `request_id`, oldest first.
pub async fn documents_of(conn: &mut Conn<'_>, request_id: i64) -> Result<Vec<Document>, DbError> {
    let rows = conn
        .fetch_all(
            "SELECT * FROM documents WHERE request_id = $1 ORDER BY id",
            &[request_id.into()],
        )
        .await?;
    rows.iter().map(Document::from_row).collect()
}

/// The document `id`, if there is one.
pub async fn load_document(conn: &mut Conn<'_>, id: i64) -> Result<Option<Document>, DbError> {
    let row = conn
        .fetch_optional("SELECT * FROM documents WHERE id = $1", &[id.into()])
        .await?;
    row.as_ref().map(Document::from_row).transpose()
}

/// The content of the scan with this SHA-256.
pub async fn blob(conn: &mut Conn<'_>, sha256: &str) -> Result<Vec<u8>, DbError> {
    conn.fetch_one(
        "SELECT data FROM blobs WHERE sha256 = $1",
        &[sha256.to_string().into()],
    )
    .await?
    .bytes("data")
}

/// Removes document `id` of request `request_id` while the request's
/// documents may change: the finding that refuses it, or none.
pub async fn remove_document(
    conn: &mut Conn<'_>,
    request_id: i64,
    id: i64,
) -> Result<Option<Finding>, WriteError> {
    let Some(request) = store::load_request(conn, request_id).await? else {
        return Ok(Some(crate::registry::request_missing(request_id)));
    };
    if !documents_may_change(request.state.status) {
        return Ok(Some(closed(request.state.status)));
    }
    conn.execute("DELETE FROM documents WHERE id = $1", &[id.into()])
        .await?;
    Ok(None)
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
