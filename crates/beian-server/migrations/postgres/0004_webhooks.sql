-- Issue 15: status changes pushed to the providers' panels. Kept in step
-- with ../sqlite/0004_webhooks.sql.

-- Where a provider's panel receives the events, and the secret the server
-- signs them with (HMAC-SHA256; the receiver holds the same secret, so it
-- is kept as given). Set with `beian webhooks set`.
CREATE TABLE webhooks (
    provider TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    secret TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

-- The number of events written for each filing: an event's `seq` is the
-- next one, taken under the filing's row lock, so that one filing's events
-- are numbered in the order their transactions commit.
ALTER TABLE filings ADD COLUMN event_seq BIGINT NOT NULL DEFAULT 0;

-- The outbox: one row per event and receiving provider, written in the
-- transaction of the status change it tells of, delivered (in `seq`
-- order per provider and filing) until the panel answers 2xx.
CREATE TABLE outbox (
    id BIGSERIAL PRIMARY KEY,
    provider TEXT NOT NULL,
    filing_id BIGINT NOT NULL,
    request_id BIGINT NOT NULL,
    seq BIGINT NOT NULL,
    -- The JSON body sent (without its id, added when sent).
    payload TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    -- Milliseconds since the epoch: not before this.
    next_attempt_at BIGINT NOT NULL,
    -- A process delivering it holds it until then.
    lease_until BIGINT,
    delivered_at BIGINT,
    last_error TEXT,
    UNIQUE (provider, filing_id, seq)
);
CREATE INDEX outbox_due ON outbox (delivered_at, next_attempt_at);
