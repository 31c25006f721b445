-- Issue 17: the scans uploaded for a request's documents. Kept in step
-- with ../sqlite/0006_documents.sql.

-- Each content once, by its SHA-256 (hex): a scan uploaded twice, or for
-- two requests, is stored once.
CREATE TABLE blobs (
    sha256 TEXT PRIMARY KEY,
    size BIGINT NOT NULL,
    data BYTEA NOT NULL
);

-- A scan uploaded for a document of a request: which document (beian-rules'
-- AttachmentKind; `website` is the website's index for a website's own
-- document, -1 for the subject's), what it is by its content, and who
-- uploaded it. Read back only by the filing's subject and providers.
CREATE TABLE documents (
    id BIGSERIAL PRIMARY KEY,
    request_id BIGINT NOT NULL REFERENCES requests (id),
    kind TEXT NOT NULL,
    website BIGINT NOT NULL DEFAULT -1,
    name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    sha256 TEXT NOT NULL REFERENCES blobs (sha256),
    size BIGINT NOT NULL,
    width BIGINT,
    height BIGINT,
    uploaded_at BIGINT NOT NULL,
    uploaded_by TEXT NOT NULL,
    UNIQUE (request_id, kind, website, sha256)
);
CREATE INDEX documents_of_request ON documents (request_id);
