//! Authentication and roles (issue 15): who calls, and what they may do.
//!
//! - **Credentials** (`beian credentials add --provider NAME` or
//!   `--bureau 浙` / `--bureau national`): a token `bk_<id>.<secret>`,
//!   handed out once; the database keeps the Argon2id PHC string of the
//!   secret only ([`crate::password`]).
//! - **Wizard sessions** (`POST /api/v1/sessions`, with a provider
//!   credential): a token `bs_<id>.<secret>` for one subject (its document
//!   type and number), valid [`SESSION_LIFETIME`]; the database keeps the
//!   SHA-256 of the secret (it is 256 random bits: no need for a slow
//!   hash), so every server on one database knows it.
//!
//! Both are sent as `Authorization: Bearer …`. The [`Caller`] extractor
//! resolves the token (a token verified once is cached for
//! [`CACHE_MILLIS`], so Argon2 runs once per token and process, not per
//! request); no token or a wrong one is a 401 with `WWW-Authenticate:
//! Bearer`. What a caller may do on a filing is decided by the pure
//! functions [`access_refused`], [`create_refused`] and [`start_refused`]:
//! the finding of a 403, or none.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use argon2::password_hash::rand_core::{OsRng, RngCore};
use base64::Engine;
use beian_flow::{FilingKind, Party};
use beian_rules::filing_number::{self, Province};
use beian_rules::{Finding, Message, Severity};
use sha2::{Digest, Sha256};

use crate::clock::{now_millis, rfc3339};
use crate::db::{write_fn, Conn, Db, DbError, WriteError};
use crate::password::{self, HashCost};
use crate::registry;
use crate::service::Actor;

/// The start of a credential's token.
pub const CREDENTIAL_PREFIX: &str = "bk_";
/// The start of a wizard session's token.
pub const SESSION_PREFIX: &str = "bs_";
/// How long a wizard session lasts: 2 hours.
pub const SESSION_LIFETIME: Duration = Duration::from_secs(2 * 60 * 60);
/// How long a verified token is trusted without asking the database again
/// (a revoked credential stops working within this time on every server).
pub const CACHE_MILLIS: i64 = 30_000;
/// The most tokens the cache holds (it starts again empty beyond).
const CACHE_SIZE: usize = 10_000;
/// The word of `beian credentials add --bureau` for every province.
pub const NATIONAL: &str = "national";

/// The province a bureau credential acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BureauScope {
    /// Every province (the national administration).
    National,
    /// One provincial bureau (000 #19, #61; 001 #16).
    Province(&'static Province),
}

impl BureauScope {
    /// Reads `浙`, `浙江`, `330000` or `national`.
    ///
    /// ```
    /// use beian_server::auth::BureauScope;
    /// let zj = BureauScope::parse("浙").unwrap();
    /// assert_eq!(zj.stored(), "330000");
    /// assert_eq!(BureauScope::parse("330000"), Some(zj));
    /// assert_eq!(BureauScope::parse("浙江"), Some(zj));
    /// assert_eq!(BureauScope::parse("national"), Some(BureauScope::National));
    /// assert_eq!(BureauScope::parse("港"), None);
    /// ```
    pub fn parse(text: &str) -> Option<BureauScope> {
        let text = text.trim();
        if text.eq_ignore_ascii_case(NATIONAL) {
            return Some(BureauScope::National);
        }
        let mut chars = text.chars();
        let province = match (chars.next(), chars.next()) {
            (Some(c), None) => filing_number::province(c),
            _ => match text.parse::<u32>() {
                Ok(code) => filing_number::province_of_code(code),
                Err(_) => filing_number::PROVINCES.iter().find(|p| p.name == text),
            },
        }?;
        Some(BureauScope::Province(province))
    }

    /// As stored: the province code, or `national`.
    pub fn stored(&self) -> String {
        match self {
            BureauScope::National => NATIONAL.to_string(),
            BureauScope::Province(p) => p.code.to_string(),
        }
    }

    /// In words, for messages: `浙江` or `national`.
    pub fn label(&self) -> (String, String) {
        match self {
            BureauScope::National => ("全国".into(), NATIONAL.into()),
            BureauScope::Province(p) => (p.name.into(), format!("{} ({})", p.name, p.filing)),
        }
    }
}

/// Who calls, from the Bearer token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caller {
    /// An access provider's credential.
    Provider {
        /// The credential's id.
        credential: i64,
        /// The provider's name, as in the access entries.
        name: String,
    },
    /// A bureau's credential.
    Bureau {
        /// The credential's id.
        credential: i64,
        /// The province it reviews.
        scope: BureauScope,
    },
    /// A wizard session: the subject, through a provider's panel.
    Session {
        /// The session's id.
        session: i64,
        /// The provider that opened it.
        provider: String,
        /// The subject's key (document type + number).
        subject: String,
    },
}

impl Caller {
    /// The party of the flow it acts as.
    pub fn party(&self) -> Party {
        match self {
            Caller::Provider { .. } => Party::Provider,
            Caller::Bureau { .. } => Party::Bureau,
            Caller::Session { .. } => Party::Subject,
        }
    }

    /// The actor recorded with its events.
    pub fn actor(&self) -> Actor {
        Actor {
            role: self.party(),
            provider: match self {
                Caller::Provider { name, .. } => Some(name.clone()),
                _ => None,
            },
        }
    }

    /// The provider a filing it brings is filed through: its own name, or
    /// for a session the provider that opened it.
    pub fn filing_provider(&self) -> Option<&str> {
        match self {
            Caller::Provider { name, .. } => Some(name),
            Caller::Session { provider, .. } => Some(provider),
            Caller::Bureau { .. } => None,
        }
    }
}

/// What decides who may act on a filing: its subject's province, its
/// subject key and its providers (as stored in `filings` and
/// `filing_providers`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilingScope {
    /// The subject's province code (`330000`), when known.
    pub province: Option<String>,
    /// The subject's key (document type + number), when known.
    pub subject_key: Option<String>,
    /// Every provider it is filed through or named in an access entry of.
    pub providers: Vec<String>,
}

fn finding(rule: &str, zh: String, en: String) -> Finding {
    Finding::new(rule, None, "", Severity::Error, Message::new(zh, en))
}

/// A bureau credential acting on another province's filing.
pub fn wrong_province(mine: &BureauScope, filing: Option<&str>) -> Finding {
    let (mine_zh, mine_en) = mine.label();
    let theirs = filing
        .and_then(|c| c.parse::<u32>().ok())
        .and_then(filing_number::province_of_code);
    let (zh, en) = match theirs {
        Some(p) => (
            format!("此备案的主体在{}，由{}通信管理局审核；本凭据属于{mine_zh}通信管理局。", p.name, p.name),
            format!(
                "This filing's subject is in {}, so the {} bureau reviews it; this credential is the {mine_en} bureau's.",
                p.name, p.name
            ),
        ),
        None => (
            format!("此备案的主体不在{mine_zh}，本凭据不能操作它。"),
            format!("This filing's subject is not in {mine_en}; this credential may not act on it."),
        ),
    };
    finding("auth.bureau_province", zh, en)
}

/// A wizard session acting on another subject's filing.
pub fn other_subject() -> Finding {
    finding(
        "auth.session_subject",
        "本次会话只能操作打开会话时指定的主体的备案。".into(),
        "This wizard session acts only on the filings of the subject it was opened for.".into(),
    )
}

/// A route that only a provider credential may call.
pub fn provider_only(what: &str) -> Finding {
    finding(
        "auth.provider_only",
        format!("只有接入商的 API 凭据可以{what}。"),
        format!("Only an access provider's API credential may {what}."),
    )
}

/// Why `caller` may not see and act on a filing of `scope`, if it may
/// not. A provider: only a
/// filing it is filed through or named in (1048); a bureau: only its
/// province's (000 #19, #61; 001 #16: the subject's province bureau
/// reviews); a session: only its subject's.
pub fn access_refused(caller: &Caller, scope: &FilingScope) -> Option<Finding> {
    match caller {
        Caller::Provider { name, .. } => (!scope.providers.iter().any(|p| p.trim() == name.trim()))
            .then(|| registry::not_provider(name, None)),
        Caller::Bureau {
            scope: BureauScope::National,
            ..
        } => None,
        Caller::Bureau {
            scope: mine @ BureauScope::Province(p),
            ..
        } => (scope.province.as_deref() != Some(p.code.to_string().as_str()))
            .then(|| wrong_province(mine, scope.province.as_deref())),
        Caller::Session { subject, .. } => {
            (scope.subject_key.as_deref() != Some(subject.as_str())).then(other_subject)
        }
    }
}

/// Why `caller` may not start a request of `kind` on a filing of `scope`,
/// if it may not: as [`access_refused`], except that a provider may start a transfer of access
/// or a website added on a filing it does not serve yet (it brings the
/// access; the flow asks for the filing password, 002 #36).
pub fn start_refused(caller: &Caller, kind: FilingKind, scope: &FilingScope) -> Option<Finding> {
    let brings = matches!(kind, FilingKind::TransferAccess | FilingKind::AddWebsite);
    match caller {
        Caller::Provider { .. } if brings => None,
        _ => access_refused(caller, scope),
    }
}

/// True when `caller` is a provider that does not serve the filing of
/// `scope` yet: it may start a transfer of access or a website added
/// ([`start_refused`]), with the filing password.
pub fn is_newcomer(caller: &Caller, scope: &FilingScope) -> bool {
    matches!(caller, Caller::Provider { name, .. } if !scope.providers.iter().any(|p| p.trim() == name.trim()))
}

/// A provider new to a filing started a request without the filing's
/// password (or with a wrong one): the request would show it the filing's
/// data, so the password (the subject's consent, 002 #36) comes first.
pub fn newcomer_password() -> Finding {
    let mut f = finding(
        "auth.filing_password_to_start",
        "贵司尚未接入此备案：请先输入此备案的备案密码（由网站主办者提供），才能为它新增网站或转入接入。".into(),
        "Your company does not serve this filing yet: give the filing's password (the website owner has it) to add a website or transfer access to it.".into(),
    );
    f.path = "/filingPassword".into();
    f
}

/// Why `caller` may not file (or bring in, or save as its request's data)
/// a filing of the subject `subject_key`, if it may not: a session only
/// its own subject's; the others any (the bureau is refused by the flow's
/// roles).
pub fn create_refused(caller: &Caller, subject_key: &str) -> Option<Finding> {
    match caller {
        Caller::Session { subject, .. } if subject != subject_key => Some(other_subject()),
        _ => None,
    }
}

// ----- tokens --------------------------------------------------------------

pub(crate) fn secret() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

pub(crate) fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A token split: (prefix, id, secret), or none for anything else.
///
/// ```
/// use beian_server::auth::split_token;
/// assert_eq!(split_token("bk_12.abc"), Some(("bk_", 12, "abc")));
/// assert_eq!(split_token("bs_3.x-y_z"), Some(("bs_", 3, "x-y_z")));
/// assert_eq!(split_token("bk_.abc"), None);
/// assert_eq!(split_token("bk_1."), None);
/// assert_eq!(split_token("xx_1.abc"), None);
/// ```
pub fn split_token(token: &str) -> Option<(&'static str, i64, &str)> {
    let prefix = [CREDENTIAL_PREFIX, SESSION_PREFIX]
        .into_iter()
        .find(|p| token.starts_with(p))?;
    let (id, secret) = token[prefix.len()..].split_once('.')?;
    let id: i64 = id.parse().ok().filter(|n| *n > 0)?;
    if secret.is_empty() || secret.len() > 128 {
        return None;
    }
    Some((prefix, id, secret))
}

/// The tokens verified lately, by the SHA-256 of the token: the caller and
/// until when (Unix milliseconds) it is trusted.
#[derive(Debug, Default)]
pub struct Cache {
    entries: Mutex<HashMap<String, (Caller, i64)>>,
}

impl Cache {
    pub(crate) fn get(&self, key: &str, now: i64) -> Option<Caller> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries
            .get(key)
            .filter(|(_, until)| *until > now)
            .map(|(c, _)| c.clone())
    }

    pub(crate) fn put(&self, key: String, caller: Caller, until: i64) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= CACHE_SIZE {
            entries.clear();
        }
        entries.insert(key, (caller, until));
    }
}

/// A credential or session row: whom it names and whether it still works.
pub(crate) struct TokenRow {
    pub(crate) caller: Caller,
    pub(crate) secret_hash: String,
    pub(crate) revoked: bool,
    pub(crate) expires_at: Option<i64>,
}

pub(crate) async fn credential_row(
    conn: &mut Conn<'_>,
    id: i64,
) -> Result<Option<TokenRow>, DbError> {
    let Some(row) = conn
        .fetch_optional(
            "SELECT id, role, provider, province, secret_hash, revoked_at, created_at FROM credentials WHERE id = $1",
            &[id.into()],
        )
        .await?
    else {
        return Ok(None);
    };
    let credential = credential_of(&row)?;
    Ok(Some(TokenRow {
        caller: credential.caller,
        secret_hash: row.text("secret_hash")?,
        revoked: credential.revoked_at.is_some(),
        expires_at: None,
    }))
}

pub(crate) async fn session_row(conn: &mut Conn<'_>, id: i64) -> Result<Option<TokenRow>, DbError> {
    let Some(row) = conn
        .fetch_optional(
            "SELECT s.id, s.provider, s.subject_key, s.secret_hash, s.expires_at, c.revoked_at \
             FROM sessions s JOIN credentials c ON c.id = s.credential_id WHERE s.id = $1",
            &[id.into()],
        )
        .await?
    else {
        return Ok(None);
    };
    Ok(Some(TokenRow {
        caller: Caller::Session {
            session: row.int("id")?,
            provider: row.text("provider")?,
            subject: row.text("subject_key")?,
        },
        secret_hash: row.text("secret_hash")?,
        revoked: row.opt_int("revoked_at")?.is_some(),
        expires_at: Some(row.int("expires_at")?),
    }))
}

// ----- credentials ---------------------------------------------------------

/// A credential on record (never its secret).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credential {
    /// Who it is.
    pub caller: Caller,
    /// Created (Unix milliseconds).
    pub created_at: i64,
    /// Revoked (Unix milliseconds), if it is.
    pub revoked_at: Option<i64>,
}

fn credential_of(row: &crate::db::Row) -> Result<Credential, DbError> {
    let id = row.int("id")?;
    let role = row.text("role")?;
    let caller = if role == Party::Provider.name() {
        Caller::Provider {
            credential: id,
            name: row.opt_text("provider")?.unwrap_or_default(),
        }
    } else {
        let stored = row.opt_text("province")?.unwrap_or_default();
        Caller::Bureau {
            credential: id,
            scope: BureauScope::parse(&stored).ok_or_else(|| {
                DbError::Corrupt(format!("credential {id}: no province {stored:?}"))
            })?,
        }
    };
    Ok(Credential {
        caller,
        created_at: row.int("created_at")?,
        revoked_at: row.opt_int("revoked_at")?,
    })
}

/// Whose credential to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NewCredential {
    /// An access provider, by the name its access entries use.
    Provider(String),
    /// A bureau.
    Bureau(BureauScope),
}

/// Creates a credential: its id and its token `bk_<id>.<secret>` (shown
/// once; only the hash of the secret is stored).
pub async fn add_credential(
    db: &Db,
    who: &NewCredential,
    cost: HashCost,
) -> Result<(i64, String), DbError> {
    let secret = secret();
    let hash = password::hash_blocking(secret.clone(), cost)
        .await
        .map_err(DbError::Corrupt)?;
    let (role, provider, province) = match who {
        NewCredential::Provider(name) => (Party::Provider, Some(name.trim().to_string()), None),
        NewCredential::Bureau(scope) => (Party::Bureau, None, Some(scope.stored())),
    };
    let now = now_millis();
    let id = db
        .write(write_fn(move |conn| {
            let args = [
                role.name().into(),
                provider.clone().into(),
                province.clone().into(),
                hash.clone().into(),
                now.into(),
            ];
            Box::pin(async move {
                Ok(conn
                    .fetch_one(
                        "INSERT INTO credentials (role, provider, province, secret_hash, created_at) \
                         VALUES ($1, $2, $3, $4, $5) RETURNING id",
                        &args,
                    )
                    .await?
                    .int("id")?)
            })
        }))
        .await?;
    Ok((id, format!("{CREDENTIAL_PREFIX}{id}.{secret}")))
}

/// Every credential, oldest first.
pub async fn list_credentials(db: &Db) -> Result<Vec<Credential>, DbError> {
    let mut reader = db.reader().await?;
    reader
        .conn()
        .fetch_all(
            "SELECT id, role, provider, province, secret_hash, revoked_at, created_at FROM credentials ORDER BY id",
            &[],
        )
        .await?
        .iter()
        .map(credential_of)
        .collect()
}

/// Revokes a credential (and with it the sessions it opened): false when
/// there is no such credential, or it is revoked already.
pub async fn revoke_credential(db: &Db, id: i64) -> Result<bool, DbError> {
    let now = now_millis();
    db.write(write_fn(move |conn| {
        Box::pin(async move {
            Ok(conn
                .execute(
                    "UPDATE credentials SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL",
                    &[now.into(), id.into()],
                )
                .await?
                > 0)
        })
    }))
    .await
}

/// One line of `beian credentials list`.
pub fn describe(credential: &Credential) -> String {
    let (id, who) = match &credential.caller {
        Caller::Provider { credential, name } => (*credential, format!("provider {name}")),
        Caller::Bureau { credential, scope } => {
            (*credential, format!("bureau {}", scope.label().1))
        }
        Caller::Session { session, .. } => (*session, "session".into()),
    };
    let state = match credential.revoked_at {
        Some(t) => format!("revoked {}", rfc3339(t)),
        None => "active".into(),
    };
    format!(
        "{id}\t{who}\tcreated {}\t{state}",
        rfc3339(credential.created_at)
    )
}

/// A wizard session to store (`POST /api/v1/sessions`).
#[derive(Debug, Clone)]
pub struct NewSession {
    /// The provider credential that opens it.
    pub credential: i64,
    /// That credential's provider.
    pub provider: String,
    /// The subject it acts for ([`registry::subject_key`]).
    pub subject_key: String,
    /// SHA-256 of the session's secret, hex.
    pub secret_hash: String,
    /// Unix milliseconds.
    pub now: i64,
    /// When it stops working (Unix milliseconds).
    pub expires_at: i64,
}

/// Stores a new wizard session (expired ones go as new ones come): its id.
pub async fn insert_session(conn: &mut Conn<'_>, s: &NewSession) -> Result<i64, WriteError> {
    conn.execute(
        "DELETE FROM sessions WHERE expires_at < $1",
        &[s.now.into()],
    )
    .await?;
    Ok(conn
        .fetch_one(
            "INSERT INTO sessions (credential_id, provider, subject_key, secret_hash, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            &[
                s.credential.into(),
                s.provider.clone().into(),
                s.subject_key.clone().into(),
                s.secret_hash.clone().into(),
                s.now.into(),
                s.expires_at.into(),
            ],
        )
        .await?
        .int("id")?)
}

/// The new cache of an application.
pub fn cache() -> std::sync::Arc<Cache> {
    std::sync::Arc::new(Cache::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zj() -> BureauScope {
        BureauScope::parse("浙").unwrap()
    }

    fn scope(province: &str, subject: &str, providers: &[&str]) -> FilingScope {
        FilingScope {
            province: Some(province.into()),
            subject_key: Some(subject.into()),
            providers: providers.iter().map(|p| p.to_string()).collect(),
        }
    }

    fn provider(name: &str) -> Caller {
        Caller::Provider {
            credential: 1,
            name: name.into(),
        }
    }

    #[test]
    fn a_provincial_bureau_acts_on_its_province_only() {
        // 000 #19, #61; 001 #16: the subject's province bureau reviews.
        let bureau = Caller::Bureau {
            credential: 2,
            scope: zj(),
        };
        assert!(access_refused(&bureau, &scope("330000", "k", &["A"])).is_none());
        let refused = access_refused(&bureau, &scope("110000", "k", &["A"])).unwrap();
        assert_eq!(refused.rule, "auth.bureau_province");
        assert!(
            refused.message.zh_cn.contains("北京"),
            "{}",
            refused.message.zh_cn
        );
        assert!(access_refused(&bureau, &FilingScope::default()).is_some());
        let national = Caller::Bureau {
            credential: 3,
            scope: BureauScope::National,
        };
        assert!(access_refused(&national, &scope("110000", "k", &[])).is_none());
    }

    #[test]
    fn a_provider_acts_on_the_filings_it_serves() {
        // 1048: the operator is not this filing's access provider.
        let a = provider("A");
        assert!(access_refused(&a, &scope("110000", "k", &["B", "A"])).is_none());
        let refused = access_refused(&a, &scope("110000", "k", &["B"])).unwrap();
        assert_eq!(refused.code.as_deref(), Some("1048"));
        // It brings a transfer of access or a website to another's filing.
        assert!(start_refused(&a, FilingKind::TransferAccess, &scope("1", "k", &["B"])).is_none());
        assert!(start_refused(&a, FilingKind::AddWebsite, &scope("1", "k", &["B"])).is_none());
        assert!(start_refused(&a, FilingKind::Change, &scope("1", "k", &["B"])).is_some());
        assert!(create_refused(&a, "any").is_none());
    }

    #[test]
    fn a_session_acts_on_its_subject_only() {
        let s = Caller::Session {
            session: 1,
            provider: "A".into(),
            subject: "resident_id:X".into(),
        };
        assert_eq!(s.party(), Party::Subject);
        assert_eq!(s.actor().provider, None);
        assert_eq!(s.filing_provider(), Some("A"));
        assert!(access_refused(&s, &scope("1", "resident_id:X", &["B"])).is_none());
        let refused = access_refused(&s, &scope("1", "resident_id:Y", &["A"])).unwrap();
        assert_eq!(refused.rule, "auth.session_subject");
        assert!(create_refused(&s, "resident_id:X").is_none());
        assert!(create_refused(&s, "resident_id:Y").is_some());
        assert!(start_refused(
            &s,
            FilingKind::TransferAccess,
            &scope("1", "resident_id:Y", &[])
        )
        .is_some());
    }

    #[test]
    fn actors_come_from_the_caller() {
        assert_eq!(
            provider("A").actor(),
            Actor {
                role: Party::Provider,
                provider: Some("A".into())
            }
        );
        let b = Caller::Bureau {
            credential: 1,
            scope: BureauScope::National,
        };
        assert_eq!(b.actor().role, Party::Bureau);
        assert_eq!(b.filing_provider(), None);
    }

    #[test]
    fn tokens_are_random_and_hashes_stable() {
        assert_ne!(secret(), secret());
        assert_eq!(secret().len(), 43);
        assert_eq!(sha256_hex("a"), sha256_hex("a"));
        assert_eq!(sha256_hex("a").len(), 64);
    }

    #[test]
    fn the_cache_forgets_at_its_time() {
        let cache = Cache::default();
        cache.put("k".into(), provider("A"), 100);
        assert_eq!(cache.get("k", 99), Some(provider("A")));
        assert_eq!(cache.get("k", 100), None);
        assert_eq!(cache.get("other", 0), None);
    }
}
