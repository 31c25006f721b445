-- The registry of filings (SQLite). Kept in step with
-- ../postgres/0001_registry.sql: same tables, columns and constraints.

-- A subject's filing: its approved data (once approved) and who files it.
CREATE TABLE filings (
    id INTEGER PRIMARY KEY,
    -- The access provider the filing was first filed through.
    provider TEXT NOT NULL,
    -- 'subject' (自主备案) or 'provider' (代为备案), 002 #57.
    filed_by TEXT NOT NULL,
    subject_name TEXT NOT NULL,
    subject_document_type TEXT NOT NULL,
    -- Masked: lists never show an ID number in clear.
    subject_document_masked TEXT NOT NULL,
    -- JSON Filing of the approved data; NULL until the first approval.
    approved TEXT,
    -- The request whose approval gave `approved`.
    approved_request_id INTEGER,
    approved_on TEXT,
    -- Argon2id PHC string of the filing password (备案密码); never the password.
    password_hash TEXT,
    -- 1 once the cancellation of the subject is approved.
    closed INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    version INTEGER NOT NULL DEFAULT 0
);

-- One request (new filing, change, add website, transfer of access,
-- cancellation) of a filing, with its beian-flow state.
CREATE TABLE requests (
    id INTEGER PRIMARY KEY,
    filing_id INTEGER NOT NULL REFERENCES filings (id),
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    provider TEXT NOT NULL DEFAULT '',
    -- 1 from its submission until its approval (1029, 1051).
    pending INTEGER NOT NULL DEFAULT 0,
    -- JSON beian_flow::FlowState.
    state TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    version INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX requests_by_filing ON requests (filing_id);
CREATE INDEX requests_by_status ON requests (status);

-- What is filed, one row per subject, domain, IP or pending marker: the
-- primary key makes two filings of the same thing impossible, whatever
-- the timing (1003, 1005, 1039, 1040, 1029, 1051).
CREATE TABLE claims (
    -- 'subject', 'domain', 'ip', 'access' (pending transfer), 'change' (pending change).
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    filing_id INTEGER NOT NULL REFERENCES filings (id),
    -- NULL: claimed by the approved filing; else by this pending request.
    request_id INTEGER REFERENCES requests (id),
    PRIMARY KEY (kind, value)
);
CREATE INDEX claims_by_filing ON claims (filing_id);
CREATE INDEX claims_by_request ON claims (request_id);

-- Every event applied, in order (without filing passwords).
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES requests (id),
    type TEXT NOT NULL,
    actor_role TEXT NOT NULL,
    actor_provider TEXT,
    status_before TEXT,
    status_after TEXT NOT NULL,
    -- JSON of the event.
    event TEXT NOT NULL,
    -- JSON of the findings that did not stop it.
    findings TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX events_by_request ON events (request_id, id);
