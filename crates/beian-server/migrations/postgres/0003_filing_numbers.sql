-- Issue 14: filing numbers, and filings approved elsewhere. Kept in step
-- with ../sqlite/0003_filing_numbers.sql.

-- The subject's filing number (京ICP备12345678号), given on the approval of
-- a new filing or brought in with a filing approved elsewhere. Unique:
-- a number is never given twice, not even after a cancellation or a
-- revocation (the row keeps it).
ALTER TABLE filings ADD COLUMN filing_number TEXT;
CREATE UNIQUE INDEX filings_by_number ON filings (filing_number);

-- 'here': filed through this server; 'elsewhere': approved through another
-- provider and brought in (POST /api/v1/filings/import).
ALTER TABLE filings ADD COLUMN origin TEXT NOT NULL DEFAULT 'here';

-- The last serial given per province and year (粤ICP备2026000001号: year
-- 2026, serial 1), for numbers the server generates.
CREATE TABLE filing_serials (
    province TEXT NOT NULL,
    year BIGINT NOT NULL,
    last BIGINT NOT NULL,
    PRIMARY KEY (province, year)
);
