// Generated from the registry beian_rules::identifier::IdentifierKind; do not edit.
// Regenerate: BEIAN_REGENERATE=1 cargo test -p beian-rules --lib catalogue
import type { DeprecatedIdentifierName, IdentifierName } from '../dist/beian_id.js';
import type { Identifier } from '../identifier.js';

/** 居民身份证号码: mainland resident ID number (GB 11643). */
export declare const residentId: Identifier;
/** 统一社会信用代码: unified social credit code (GB 32100). */
export declare const unifiedSocialCreditCode: Identifier;
/** 组织机构代码: organisation code (GB 11714). */
export declare const organisationCode: Identifier;
/** 工商营业执照注册号: 15-digit business registration number. */
export declare const businessRegistrationNumber: Identifier;
/** 港澳台居民居住证号码: Hong Kong/Macau/Taiwan residence permit number. */
export declare const hkMacauTaiwanResidencePermit: Identifier;
/** 外国人永久居留身份证号码: foreign permanent residence ID number. */
export declare const foreignPermanentResidenceId: Identifier;
/** 港澳居民来往内地通行证号码: Hong Kong/Macau travel permit number. */
export declare const hkMacauTravelPermit: Identifier;
/** 台湾居民来往大陆通行证号码: Taiwan travel permit number. */
export declare const taiwanTravelPermit: Identifier;
/** 护照号码: passport number. */
export declare const passport: Identifier;
/** 备案号 / 许可证号: a filing or licence number (`京ICP备09051301号-1`, `京ICP证030173号`, `浙B2-20040180`). */
export declare const filingNumber: Identifier;
/** @deprecated Use `unifiedSocialCreditCode`. */
export declare const uscc: Identifier;
/** @deprecated Use `organisationCode`. */
export declare const orgCode: Identifier;
/** @deprecated Use `businessRegistrationNumber`. */
export declare const businessLicence: Identifier;
/** @deprecated Use `businessRegistrationNumber`. */
export declare const businessRegistration: Identifier;
/** @deprecated Use `hkMacauTaiwanResidencePermit`. */
export declare const residencePermit: Identifier;
/** @deprecated Use `foreignPermanentResidenceId`. */
export declare const foreignPermanentResidence: Identifier;
/** @deprecated Use `hkMacauTravelPermit`. */
export declare const hkMacauPermit: Identifier;
/** @deprecated Use `taiwanTravelPermit`. */
export declare const taiwanPermit: Identifier;

/** Every identifier by its name (the earlier names too, deprecated). */
export declare const identifiers: Readonly<Record<Exclude<IdentifierName, "domain">, Identifier>> &
  Readonly<Record<DeprecatedIdentifierName, Identifier>>;
