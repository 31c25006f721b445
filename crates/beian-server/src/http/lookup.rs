//! `POST /api/v1/registry/lookup`: is a domain or a subject already filed?

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;
use beian_rules::{check_field, DocumentType, FieldContext, FieldKind, IdentifierKind};
use serde::{Deserialize, Serialize};

use crate::auth::Caller;
use crate::db::DbError;
use crate::http::body::Strict;
use crate::http::error::{schema_error, Failure};
use crate::http::{db_error, db_of, ApiState};
use crate::registry::{self, ClaimKind};
use crate::store::{self};

/// The most items one look-up takes.
pub const MAX_LOOKUP_ITEMS: usize = 100;

// ----- POST /api/v1/registry/lookup ----------------------------------------

/// The body of `POST /api/v1/registry/lookup` (a POST, so that document
/// numbers never appear in URLs and access logs).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LookupBody {
    /// Domains to look up (a subdomain is looked up by its registrable domain).
    #[serde(default)]
    pub domains: Vec<String>,
    /// Subjects to look up.
    #[serde(default)]
    pub subjects: Vec<SubjectQuery>,
}

/// A subject to look up.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SubjectQuery {
    /// Document type.
    pub document_type: DocumentType,
    /// Document number.
    pub document_number: String,
}

/// Whether something is filed.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LookupHit {
    /// The domain as given (for subjects: none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    /// The registrable domain looked up (Unicode), or the document type.
    pub key: Option<String>,
    /// Filed or pending in a submitted request.
    pub filed: bool,
    /// Only in a pending request (not yet approved).
    pub pending: bool,
    /// The filing that holds it.
    pub filing_id: Option<i64>,
    /// The pending request that holds it.
    pub request_id: Option<i64>,
}

/// The answer of `POST /api/v1/registry/lookup`, in the order asked.
#[derive(Debug, Serialize)]
pub struct LookupResponse {
    /// One hit per domain asked.
    pub domains: Vec<LookupHit>,
    /// One hit per subject asked.
    pub subjects: Vec<LookupHit>,
}

/// `POST /api/v1/registry/lookup`: is a domain or a subject already filed?
pub async fn lookup(
    State(state): State<ApiState>,
    _caller: Caller,
    Strict(body): Strict<LookupBody>,
) -> Result<Response, Failure> {
    let db = db_of(&state)?;
    if body.domains.len() + body.subjects.len() > MAX_LOOKUP_ITEMS {
        return Err(schema_error(format!(
            "at most {MAX_LOOKUP_ITEMS} domains and subjects at once"
        ))
        .into());
    }
    let result = async {
        let mut reader = db.reader().await?;
        let mut conn = reader.conn();
        let mut domains = Vec::new();
        for q in &body.domains {
            let checked = check_field(
                FieldKind::Identifier(IdentifierKind::Domain),
                q,
                &FieldContext::default(),
            );
            let key = checked
                .normalized
                .as_deref()
                .and_then(registry::domain_key)
                .or_else(|| registry::domain_key(q));
            let holder = match &key {
                Some(k) => store::holder_of(&mut conn, ClaimKind::Domain, k).await?,
                None => None,
            };
            domains.push(hit(
                Some(q.clone()),
                key.map(|k| beian_rules::domain::to_unicode(&k)),
                holder,
            ));
        }
        let mut subjects = Vec::new();
        for s in &body.subjects {
            let key = registry::subject_key(s.document_type, &s.document_number);
            let holder = store::holder_of(&mut conn, ClaimKind::Subject, &key).await?;
            subjects.push(hit(None, Some(store::name_of(&s.document_type)), holder));
        }
        Ok::<_, DbError>(LookupResponse { domains, subjects })
    }
    .await
    .map_err(|e| db_error(&state, e))?;
    Ok(Json(result).into_response())
}

fn hit(
    query: Option<String>,
    key: Option<String>,
    holder: Option<(registry::Holder, String)>,
) -> LookupHit {
    let holder = holder.map(|(h, _)| h);
    LookupHit {
        query,
        key,
        filed: holder.is_some(),
        pending: holder.is_some_and(|h| h.request_id.is_some()),
        filing_id: holder.map(|h| h.filing_id),
        request_id: holder.and_then(|h| h.request_id),
    }
}
