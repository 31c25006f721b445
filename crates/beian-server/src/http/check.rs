//! `POST /api/v1/check`: exactly the rules crate on a filing.

use axum::extract::State;
use axum::Json;
use beian_rules::{summarise, Finding, Options, FINDINGS_PER_RULE};
use serde::{Deserialize, Serialize};

use crate::http::body::JsonText;
use crate::http::error::{strict_filing, ApiError};
use crate::http::{cpu, ApiState};

/// The answer of `POST /api/v1/check`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckResponse {
    /// Exactly what [`beian_rules::check_with`] found, in its order.
    pub findings: Vec<Finding>,
}

/// `POST /api/v1/check`: the findings of [`beian_rules::check_with`] with
/// today's date (UTC+8), at most [`FINDINGS_PER_RULE`] of one rule.
pub async fn check(
    State(state): State<ApiState>,
    JsonText(text): JsonText,
) -> Result<Json<CheckResponse>, ApiError> {
    let options = Options {
        today: state.clock.today(),
    };
    // Reading (with the limits of a filing) and the rules, off the async
    // workers; at most FINDINGS_PER_RULE findings of one rule are listed.
    let findings = cpu(&state, move || {
        let filing = strict_filing(&text, "")?;
        let found = beian_rules::check_with(&filing, &options);
        Ok::<_, ApiError>(summarise(found, FINDINGS_PER_RULE))
    })
    .await??;
    Ok(Json(CheckResponse { findings }))
}
