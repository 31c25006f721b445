// Generated from the registry beian_rules::identifier::IdentifierKind; do not edit.
// Regenerate: BEIAN_REGENERATE=1 cargo test -p beian-rules --lib catalogue
import { identifier } from './module.js';

export const residentId = identifier(0);
export const unifiedSocialCreditCode = identifier(1);
export const organisationCode = identifier(2);
export const businessRegistrationNumber = identifier(3);
export const hkMacauTaiwanResidencePermit = identifier(4);
export const foreignPermanentResidenceId = identifier(5);
export const hkMacauTravelPermit = identifier(6);
export const taiwanTravelPermit = identifier(7);
export const passport = identifier(8);
export const filingNumber = identifier(10);

// Earlier names (deprecated).
export const uscc = unifiedSocialCreditCode;
export const orgCode = organisationCode;
export const businessLicence = businessRegistrationNumber;
export const businessRegistration = businessRegistrationNumber;
export const residencePermit = hkMacauTaiwanResidencePermit;
export const foreignPermanentResidence = foreignPermanentResidenceId;
export const hkMacauPermit = hkMacauTravelPermit;
export const taiwanPermit = taiwanTravelPermit;

/** Every identifier by its name (the earlier names too, not enumerated). */
export const identifiers = {
  residentId,
  unifiedSocialCreditCode,
  organisationCode,
  businessRegistrationNumber,
  hkMacauTaiwanResidencePermit,
  foreignPermanentResidenceId,
  hkMacauTravelPermit,
  taiwanTravelPermit,
  passport,
  filingNumber,
};
Object.defineProperty(identifiers, 'uscc', { value: uscc });
Object.defineProperty(identifiers, 'orgCode', { value: orgCode });
Object.defineProperty(identifiers, 'businessLicence', { value: businessLicence });
Object.defineProperty(identifiers, 'businessRegistration', { value: businessRegistration });
Object.defineProperty(identifiers, 'residencePermit', { value: residencePermit });
Object.defineProperty(identifiers, 'foreignPermanentResidence', { value: foreignPermanentResidence });
Object.defineProperty(identifiers, 'hkMacauPermit', { value: hkMacauPermit });
Object.defineProperty(identifiers, 'taiwanPermit', { value: taiwanPermit });
Object.freeze(identifiers);
