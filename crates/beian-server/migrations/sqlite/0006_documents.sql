-- Issue 17: the scans uploaded for a request's documents. Kept in step
-- with ../postgres/0006_documents.sql.

-- Each content once, by its SHA-256 (hex): a scan uploaded twice, or for
-- two requests, is stored once.
CREATE TABLE blobs (
    sha256 TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    data BLOB NOT NULL
);

-- A scan uploaded for a document of a request: which document (beian-rules'
-- AttachmentKind; `website` is the website's index for a website's own
-- document, -1 for the subject's), what it is by its content, and who
-- uploaded it. Read back only by the filing's subject and providers.
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES requests (id),
    kind TEXT NOT NULL,
    website INTEGER NOT NULL DEFAULT -1,
    name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    sha256 TEXT NOT NULL REFERENCES blobs (sha256),
    size INTEGER NOT NULL,
    width INTEGER,
    height INTEGER,
    uploaded_at INTEGER NOT NULL,
    uploaded_by TEXT NOT NULL,
    UNIQUE (request_id, kind, website, sha256)
);
CREATE INDEX documents_of_request ON documents (request_id);
