-- Issue 15: who may do what. Kept in step with
-- ../postgres/0004_credentials.sql: same tables, columns and constraints.

-- API credentials (`beian credentials add`): a provider's, or a bureau's
-- (one province, or 'national' for every province). The token
-- `bk_<id>.<secret>` is handed out once; only the Argon2id PHC string of
-- the secret is kept.
CREATE TABLE credentials (
    id INTEGER PRIMARY KEY,
    -- 'provider' or 'bureau'.
    role TEXT NOT NULL,
    -- The provider's name (as in the access entries); NULL for a bureau.
    provider TEXT,
    -- The bureau's province code ('330000') or 'national'; NULL for a provider.
    province TEXT,
    secret_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    -- Set by `beian credentials revoke`: the credential no longer works.
    revoked_at INTEGER
);

-- Wizard sessions (POST /api/v1/sessions): a subject acting through a
-- provider's panel, on the filings of one subject key only. The token
-- `bs_<id>.<secret>` is handed out once; only the SHA-256 of the secret
-- is kept.
CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    credential_id INTEGER NOT NULL REFERENCES credentials (id),
    -- The minting provider: the access provider of the filings it creates.
    provider TEXT NOT NULL,
    -- Document type + number, as the registry's subject claims.
    subject_key TEXT NOT NULL,
    secret_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

-- The subject's province code ('110000') and key (document type +
-- number): whose bureau reviews the filing, and which wizard session
-- may act on it. Kept up to date by every write.
ALTER TABLE filings ADD COLUMN province TEXT;
ALTER TABLE filings ADD COLUMN subject_key TEXT;
CREATE INDEX filings_by_province ON filings (province);
CREATE INDEX filings_by_subject_key ON filings (subject_key);

UPDATE filings SET subject_key = COALESCE(
    (SELECT c.value FROM claims c WHERE c.kind = 'subject' AND c.filing_id = filings.id LIMIT 1),
    (SELECT json_extract(r.state, '$.filing.subject.documentType') || ':'
            || upper(trim(json_extract(r.state, '$.filing.subject.documentNumber')))
       FROM requests r WHERE r.filing_id = filings.id ORDER BY r.id DESC LIMIT 1));
UPDATE filings SET province = substr(COALESCE(
    json_extract(approved, '$.subject.province'),
    (SELECT json_extract(r.state, '$.filing.subject.province')
       FROM requests r WHERE r.filing_id = filings.id ORDER BY r.id DESC LIMIT 1)), 1, 2) || '0000';

-- Every provider a filing is filed through or named in an access entry
-- of (1048): the filings a provider credential sees and changes.
CREATE TABLE filing_providers (
    filing_id INTEGER NOT NULL REFERENCES filings (id),
    provider TEXT NOT NULL,
    PRIMARY KEY (filing_id, provider)
);
CREATE INDEX filing_providers_by_provider ON filing_providers (provider);

INSERT OR IGNORE INTO filing_providers (filing_id, provider)
    SELECT id, provider FROM filings WHERE provider <> '';
INSERT OR IGNORE INTO filing_providers (filing_id, provider)
    SELECT filing_id, provider FROM requests WHERE provider <> '';
INSERT OR IGNORE INTO filing_providers (filing_id, provider)
    SELECT DISTINCT r.filing_id, trim(json_extract(a.value, '$.provider'))
      FROM requests r, json_each(r.state, '$.filing.websites') w, json_each(w.value, '$.access') a
     WHERE trim(COALESCE(json_extract(a.value, '$.provider'), '')) <> '';
