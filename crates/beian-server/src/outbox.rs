//! Status changes pushed to the providers' panels (issue 15): an outbox
//! written in the transaction of the change, delivered as signed JSON
//! POSTs until the panel acknowledges them.
//!
//! - **Written with the change.** Each event that changes a request's
//!   status (submitted, verified, returned with its reason, approved with
//!   its numbers, refused, withdrawn, revoked, cancelled) adds one outbox
//!   row per provider that has a webhook (`beian webhooks set`) and a part
//!   in the filing: the request's provider, the filing's first provider and
//!   each website's access providers. A crash after the commit loses
//!   nothing: the row waits.
//! - **In order per filing.** The rows of a filing are numbered (`seq`)
//!   under the filing's row lock, so in the order their transactions
//!   commit; a row is sent only when every earlier row of its provider and
//!   filing is acknowledged.
//! - **Once per id.** A row is sent until the panel answers 2xx, then
//!   never again; a failure is tried again after 2, 4, 8 … seconds (at most
//!   an hour). Several `beian serve` processes on one PostgreSQL database
//!   share the outbox: a process takes a row by a lease (a compare-and-set
//!   on `lease_until`), so one sends it at a time. A process killed between
//!   the panel's 2xx and the row's `delivered_at` sends it again after the
//!   lease (15 s): the `Beian-Event-Id` header (and `id` in the body) lets the
//!   panel drop the repeat.
//! - **Signed.** `Beian-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
//!   "<t>.<body>" with the webhook's secret>` (see the README for a
//!   receiver's check).

use std::time::Duration;

use beian_flow::{EventType, FlowState, Status};
use hmac::{Hmac, Mac};
use serde_json::{json, Value};
use sha2::Sha256;

use crate::clock;
use crate::db::{write_fn, Conn, Db, DbError, WriteError};

/// How deliveries are made.
#[derive(Debug, Clone)]
pub struct DeliveryOptions {
    /// The fetch limits (time, private addresses) of each POST.
    pub fetch: beian_site::FetchOptions,
    /// The wait before the first retry; it doubles with each failure.
    pub retry_base: Duration,
    /// The longest wait between two tries.
    pub retry_max: Duration,
    /// How long a process holds a row it is sending.
    pub lease: Duration,
    /// How often the outbox is looked at when nothing is sent.
    pub poll: Duration,
}

impl Default for DeliveryOptions {
    fn default() -> Self {
        DeliveryOptions {
            fetch: beian_site::FetchOptions {
                timeout: Duration::from_secs(10),
                max_body: 64 << 10,
                ..beian_site::FetchOptions::default()
            },
            retry_base: Duration::from_secs(2),
            retry_max: Duration::from_secs(3600),
            // Longer than one POST may take (its 10 s time limit): a
            // process killed while sending gives the row back this soon.
            lease: Duration::from_secs(15),
            poll: Duration::from_secs(1),
        }
    }
}

/// The header naming the event (the row's id).
pub const EVENT_ID_HEADER: &str = "beian-event-id";
/// The header carrying the signature.
pub const SIGNATURE_HEADER: &str = "beian-signature";

/// The change an event made to a request, as the outbox tells it.
#[derive(Debug, Clone, Copy)]
pub struct Change<'a> {
    /// The filing.
    pub filing_id: i64,
    /// Its provider of first filing.
    pub filing_provider: &'a str,
    /// The request.
    pub request_id: i64,
    /// The event.
    pub event: EventType,
    /// The status before (`None`: a new request).
    pub before: Option<Status>,
    /// The request's state after the event.
    pub state: &'a FlowState,
    /// When, in milliseconds since the epoch.
    pub now: i64,
}

/// True when the change is told to the panels: the status changed, a
/// provider verified the request (one of several may leave the status as
/// it was), or a website of an approved filing was revoked (a new
/// request's start, a draft, is not).
pub fn is_told(change: &Change<'_>) -> bool {
    change.event != EventType::Start
        && (change.before != Some(change.state.status)
            || matches!(
                change.event,
                EventType::ProviderVerify | EventType::BureauRevoke
            ))
}

/// The providers with a part in the request: its own, the filing's first,
/// and each website's access providers (each once, in that order).
pub fn recipients(change: &Change<'_>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let state = change.state;
    let named = state
        .provider
        .iter()
        .map(String::as_str)
        .chain(std::iter::once(change.filing_provider))
        .chain(
            state
                .filing
                .websites
                .iter()
                .flat_map(|w| w.access.iter().map(|a| a.provider.as_str())),
        );
    for p in named {
        let p = p.trim();
        if !p.is_empty() && !out.iter().any(|o| o == p) {
            out.push(p.to_string());
        }
    }
    out
}

/// The JSON body of a change (without `id` and `seq`, added when sent).
pub fn payload(change: &Change<'_>) -> Value {
    let state = change.state;
    let reason = match state.status {
        Status::ReturnedToSubject | Status::ReturnedToProvider => state.return_reason.clone(),
        _ => state.reason.clone(),
    }
    .filter(|r| !r.trim().is_empty());
    let number = state.filing.subject.filing_number.trim();
    let websites: Vec<Value> = state
        .filing
        .websites
        .iter()
        .map(|w| {
            let n = w.filing_number.trim();
            json!({
                "domains": w.domains,
                "filingNumber": (!n.is_empty()).then_some(n),
            })
        })
        .collect();
    json!({
        "type": change.event.name(),
        "filingId": change.filing_id,
        "requestId": change.request_id,
        "kind": state.kind.name(),
        "status": state.status.name(),
        "previousStatus": change.before.map(Status::name),
        "reason": reason,
        "filingNumber": (!number.is_empty()).then_some(number),
        "websites": websites,
        "occurredAt": clock::rfc3339(change.now),
    })
}

/// Writes the outbox rows of `change` (in the change's transaction).
pub async fn enqueue(conn: &mut Conn<'_>, change: &Change<'_>) -> Result<(), DbError> {
    if !is_told(change) {
        return Ok(());
    }
    let mut wanted = Vec::new();
    for provider in recipients(change) {
        let hooked = conn
            .fetch_optional(
                "SELECT provider FROM webhooks WHERE provider = $1",
                &[provider.clone().into()],
            )
            .await?
            .is_some();
        if hooked {
            wanted.push(provider);
        }
    }
    if wanted.is_empty() {
        return Ok(());
    }
    // The filing's row lock orders its events by commit.
    let seq = conn
        .fetch_one(
            "UPDATE filings SET event_seq = event_seq + 1 WHERE id = $1 RETURNING event_seq",
            &[change.filing_id.into()],
        )
        .await?
        .int("event_seq")?;
    let body = payload(change).to_string();
    for provider in wanted {
        conn.execute(
            "INSERT INTO outbox (provider, filing_id, request_id, seq, payload, created_at, next_attempt_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $6)",
            &[
                provider.into(),
                change.filing_id.into(),
                change.request_id.into(),
                seq.into(),
                body.clone().into(),
                change.now.into(),
            ],
        )
        .await?;
    }
    Ok(())
}

/// The body sent for row `id`: its payload with `id` and `seq` first.
pub fn body(id: i64, seq: i64, payload: &str) -> String {
    let mut out = json!({ "id": id, "seq": seq });
    if let (Some(o), Ok(Value::Object(p))) =
        (out.as_object_mut(), serde_json::from_str::<Value>(payload))
    {
        o.extend(p);
    }
    out.to_string()
}

/// The `Beian-Signature` of `body` sent at `unix_seconds`.
///
/// ```
/// let s = beian_server::outbox::signature("whsec", 1_700_000_000, "{}");
/// assert!(s.starts_with("t=1700000000,v1="));
/// assert_eq!(s.len(), "t=1700000000,v1=".len() + 64);
/// ```
pub fn signature(secret: &str, unix_seconds: i64, body: &str) -> String {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(format!("{unix_seconds}.{body}").as_bytes());
    let hex: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("t={unix_seconds},v1={hex}")
}

/// The wait after the `attempts`-th failure: `base` × 2^(attempts − 1),
/// at most `max`.
pub fn backoff(attempts: i64, base: Duration, max: Duration) -> Duration {
    let shift = attempts.clamp(1, 32) - 1;
    base.checked_mul(1u32 << shift).unwrap_or(max).min(max)
}

/// A row due for sending.
#[derive(Debug, Clone)]
struct Due {
    id: i64,
    seq: i64,
    payload: String,
    attempts: i64,
    url: String,
    secret: String,
}

/// Sends what is due now, once: the rows sent and acknowledged. (The
/// server runs it in a loop, see [`run`]; tests call it directly.)
pub async fn deliver_due(db: &Db, options: &DeliveryOptions) -> Result<usize, DbError> {
    let now = clock::now_millis();
    let due = {
        let mut reader = db.reader().await?;
        let mut conn = reader.conn();
        let rows = conn
            .fetch_all(
                "SELECT o.id, o.seq, o.payload, o.attempts, w.url, w.secret FROM outbox o \
                 JOIN webhooks w ON w.provider = o.provider \
                 WHERE o.delivered_at IS NULL AND o.next_attempt_at <= $1 \
                 AND (o.lease_until IS NULL OR o.lease_until < $1) \
                 AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.provider = o.provider \
                   AND p.filing_id = o.filing_id AND p.seq < o.seq AND p.delivered_at IS NULL) \
                 ORDER BY o.id LIMIT 64",
                &[now.into()],
            )
            .await?;
        let mut due = Vec::with_capacity(rows.len());
        for r in rows {
            due.push(Due {
                id: r.int("id")?,
                seq: r.int("seq")?,
                payload: r.text("payload")?,
                attempts: r.int("attempts")?,
                url: r.text("url")?,
                secret: r.text("secret")?,
            });
        }
        due
    };
    let mut sent = 0;
    for row in due {
        if !take(db, row.id, options.lease).await? {
            continue;
        }
        let body = body(row.id, row.seq, &row.payload);
        let headers = [
            (EVENT_ID_HEADER, row.id.to_string()),
            (
                SIGNATURE_HEADER,
                signature(&row.secret, clock::now_millis() / 1000, &body),
            ),
        ];
        let answer =
            beian_site::post_json(&row.url, &headers, body.into_bytes(), &options.fetch).await;
        let failure = match answer {
            Ok(status) if (200..300).contains(&status) => None,
            Ok(status) => Some(format!("HTTP {status}")),
            Err(e) => Some(beian_site::fetch_finding(&e).message.en),
        };
        if failure.is_none() {
            sent += 1;
        }
        settle(db, &row, failure, options).await?;
    }
    Ok(sent)
}

/// Takes row `id` for `lease`: false when another process has it.
async fn take(db: &Db, id: i64, lease: Duration) -> Result<bool, DbError> {
    let lease = i64::try_from(lease.as_millis()).unwrap_or(i64::MAX / 2);
    db.write(write_fn(move |conn| {
        Box::pin(async move {
            let now = clock::now_millis();
            let n = conn
                .execute(
                    "UPDATE outbox SET lease_until = $2 WHERE id = $1 AND delivered_at IS NULL \
                     AND (lease_until IS NULL OR lease_until < $3)",
                    &[id.into(), (now + lease).into(), now.into()],
                )
                .await?;
            Ok::<bool, WriteError>(n == 1)
        })
    }))
    .await
}

/// Writes how the sending of `row` went.
async fn settle(
    db: &Db,
    row: &Due,
    failure: Option<String>,
    options: &DeliveryOptions,
) -> Result<(), DbError> {
    let id = row.id;
    let attempts = row.attempts + 1;
    let wait = backoff(attempts, options.retry_base, options.retry_max);
    let wait = i64::try_from(wait.as_millis()).unwrap_or(i64::MAX / 2);
    db.write(write_fn(move |conn| {
        let failure = failure.clone();
        Box::pin(async move {
            let now = clock::now_millis();
            match failure {
                None => {
                    conn.execute(
                        "UPDATE outbox SET delivered_at = $2, attempts = $3, lease_until = NULL, \
                         last_error = NULL WHERE id = $1",
                        &[id.into(), now.into(), attempts.into()],
                    )
                    .await?
                }
                Some(error) => {
                    conn.execute(
                        "UPDATE outbox SET attempts = $2, next_attempt_at = $3, lease_until = NULL, \
                         last_error = $4 WHERE id = $1",
                        &[id.into(), attempts.into(), (now + wait).into(), error.into()],
                    )
                    .await?
                }
            };
            Ok::<(), WriteError>(())
        })
    }))
    .await
}

/// Sends the outbox for as long as the server runs: at once while rows
/// are acknowledged, else every `options.poll`. Errors of the database are
/// written to stderr and tried again.
pub async fn run(db: Db, options: DeliveryOptions) {
    loop {
        match deliver_due(&db, &options).await {
            Ok(n) if n > 0 => continue,
            Ok(_) => {}
            Err(e) => eprintln!("beian: webhook delivery: {e}"),
        }
        tokio::time::sleep(options.poll).await;
    }
}

/// A provider's webhook, as `beian webhooks list` shows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Webhook {
    /// The provider, as filings name it.
    pub provider: String,
    /// Where its events go.
    pub url: String,
    /// Events not yet acknowledged.
    pub pending: i64,
}

/// Sets `provider`'s webhook (replacing one set before).
pub async fn set(db: &Db, provider: &str, url: &str, secret: &str) -> Result<(), DbError> {
    let (provider, url, secret) = (
        provider.trim().to_string(),
        url.trim().to_string(),
        secret.to_string(),
    );
    db.write(write_fn(move |conn| {
        let (provider, url, secret) = (provider.clone(), url.clone(), secret.clone());
        Box::pin(async move {
            conn.execute(
                "DELETE FROM webhooks WHERE provider = $1",
                &[provider.clone().into()],
            )
            .await?;
            conn.execute(
                "INSERT INTO webhooks (provider, url, secret, created_at) VALUES ($1, $2, $3, $4)",
                &[
                    provider.into(),
                    url.into(),
                    secret.into(),
                    clock::now_millis().into(),
                ],
            )
            .await?;
            Ok::<(), WriteError>(())
        })
    }))
    .await
}

/// Removes `provider`'s webhook: false when it had none. Its events not
/// yet sent stay in the outbox, sent if a webhook is set again.
pub async fn remove(db: &Db, provider: &str) -> Result<bool, DbError> {
    let provider = provider.trim().to_string();
    db.write(write_fn(move |conn| {
        let provider = provider.clone();
        Box::pin(async move {
            let n = conn
                .execute(
                    "DELETE FROM webhooks WHERE provider = $1",
                    &[provider.into()],
                )
                .await?;
            Ok::<bool, WriteError>(n == 1)
        })
    }))
    .await
}

/// Every webhook, by provider.
pub async fn list(db: &Db) -> Result<Vec<Webhook>, DbError> {
    let mut reader = db.reader().await?;
    let mut conn = reader.conn();
    let rows = conn
        .fetch_all(
            "SELECT w.provider, w.url, (SELECT COUNT(*) FROM outbox o WHERE o.provider = w.provider \
             AND o.delivered_at IS NULL) AS pending FROM webhooks w ORDER BY w.provider",
            &[],
        )
        .await?;
    rows.into_iter()
        .map(|r| {
            Ok(Webhook {
                provider: r.text("provider")?,
                url: r.text("url")?,
                pending: r.int("pending")?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use beian_flow::FilingKind;

    fn state() -> FlowState {
        let mut s = FlowState::new_filing(beian_flow::FiledBy::Subject);
        s.kind = FilingKind::NewFiling;
        s.status = Status::Approved;
        s.provider = Some("Example Cloud".into());
        s.filing.subject.filing_number = "京ICP备12345678号".into();
        let mut w = beian_rules::Website {
            domains: vec!["example.com".into()],
            filing_number: "京ICP备12345678号-1".into(),
            ..Default::default()
        };
        for p in ["Example Cloud", "Other IDC", " "] {
            w.access.push(beian_rules::Access {
                provider: p.into(),
                ..Default::default()
            });
        }
        s.filing.websites.push(w);
        s
    }

    fn change(state: &FlowState) -> Change<'_> {
        Change {
            filing_id: 7,
            filing_provider: "First Host",
            request_id: 9,
            event: EventType::BureauApprove,
            before: Some(Status::BureauReview),
            state,
            now: 1_764_900_000_000,
        }
    }

    #[test]
    fn recipients_are_every_provider_with_a_part_once() {
        let s = state();
        assert_eq!(
            recipients(&change(&s)),
            ["Example Cloud", "First Host", "Other IDC"]
        );
    }

    #[test]
    fn the_payload_names_come_from_the_flow() {
        let s = state();
        let p = payload(&change(&s));
        assert_eq!(p["type"], EventType::BureauApprove.name());
        assert_eq!(p["status"], Status::Approved.name());
        assert_eq!(p["previousStatus"], Status::BureauReview.name());
        assert_eq!(p["kind"], FilingKind::NewFiling.name());
        assert_eq!(p["filingNumber"], "京ICP备12345678号");
        assert_eq!(p["websites"][0]["filingNumber"], "京ICP备12345678号-1");
        assert_eq!(p["reason"], Value::Null);
        // Nothing personal: no document numbers, no names of people.
        let text = p.to_string();
        assert!(!text.contains("documentNumber") && !text.contains("mobile"));
        let sent: Value = serde_json::from_str(&body(3, 2, &p.to_string())).unwrap();
        assert_eq!(
            (sent["id"].as_i64(), sent["seq"].as_i64()),
            (Some(3), Some(2))
        );
        assert_eq!(sent["type"], p["type"]);
    }

    #[test]
    fn only_changes_of_status_and_revocations_are_told() {
        let s = state();
        let mut c = change(&s);
        assert!(is_told(&c));
        c.before = Some(Status::Approved);
        assert!(!is_told(&c));
        c.event = EventType::ProviderVerify;
        assert!(is_told(&c));
        c.event = EventType::BureauRevoke;
        assert!(is_told(&c));
        c.event = EventType::Start;
        c.before = Some(Status::Approved);
        assert!(!is_told(&c));
    }

    #[test]
    fn signatures_are_hmac_sha256_of_time_and_body() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        let s = signature("Jefe", 0, "what do ya want for nothing?");
        // The signed text is "0." + body, so compare with a direct HMAC.
        let mut mac = Hmac::<Sha256>::new_from_slice(b"Jefe").unwrap();
        mac.update(b"0.what do ya want for nothing?");
        let hex: String = mac
            .finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(s, format!("t=0,v1={hex}"));
        let mut mac = Hmac::<Sha256>::new_from_slice(b"Jefe").unwrap();
        mac.update(b"what do ya want for nothing?");
        let rfc: String = mac
            .finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(
            rfc,
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn backoff_doubles_up_to_the_maximum() {
        let (base, max) = (Duration::from_secs(2), Duration::from_secs(3600));
        let waits: Vec<u64> = (1..=4).map(|a| backoff(a, base, max).as_secs()).collect();
        assert_eq!(waits, [2, 4, 8, 16]);
        assert_eq!(backoff(40, base, max), max);
        assert_eq!(backoff(0, base, max), base);
        assert_eq!(backoff(i64::MIN, base, max), base);
    }
}
