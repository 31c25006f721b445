-- Issue 19: one spelling for wire names, British (RULES.md, glossary):
-- `organization_code` is `organisation_code` now. JSON of before still
-- reads (the old names are serde aliases); the columns and the registry's
-- subject keys hold names, so they are renamed here, and a subject filed
-- before keeps its claim under the key the server now computes.
UPDATE filings
   SET subject_document_type = 'organisation_code'
 WHERE subject_document_type = 'organization_code';
UPDATE claims
   SET value = 'organisation_code:' || substr(value, 19)
 WHERE kind = 'subject' AND substr(value, 1, 18) = 'organization_code:';
