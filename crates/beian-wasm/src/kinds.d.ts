
// Generated from the registry beian_rules::identifier::IdentifierKind; do not edit.
// Regenerate: BEIAN_REGENERATE=1 cargo test -p beian-rules --lib catalogue
/** The JavaScript names of the identifiers, as keys of `identifiers`. */
export type IdentifierName = "residentId" | "unifiedSocialCreditCode" | "organisationCode" | "businessRegistrationNumber" | "hkMacauTaiwanResidencePermit" | "foreignPermanentResidenceId" | "hkMacauTravelPermit" | "taiwanTravelPermit" | "passport" | "domain" | "filingNumber";
/** Earlier names of identifiers, still exported (deprecated: use `IdentifierName`). */
export type DeprecatedIdentifierName = "uscc" | "orgCode" | "businessLicence" | "businessRegistration" | "residencePermit" | "foreignPermanentResidence" | "hkMacauPermit" | "taiwanPermit";
/** The kinds of `checkField`: the identifiers' ids and the other fields. */
export type FieldKind = "resident_id" | "unified_social_credit_code" | "organisation_code" | "business_registration_number" | "hk_macau_taiwan_residence_permit" | "foreign_permanent_residence_id" | "hk_macau_travel_permit" | "taiwan_travel_permit" | "passport" | "domain" | "filing_number" | "homepage" | "division" | "website_name" | "mobile" | "landline" | "email" | "ip" | "password" | "username";
/** Earlier names of kinds, still read (deprecated: use `FieldKind`). */
export type DeprecatedFieldKind = "uscc" | "org_code" | "business_licence" | "business_registration" | "residence_permit" | "foreign_permanent_residence" | "hk_macau_permit" | "taiwan_permit" | "hk_mo_tw_permit";
