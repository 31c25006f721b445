// What every entry exports besides its module's functions.

/**
 * The message in `lang`: English for `en` and `en-*`, else Chinese (as the
 * Rust `Message::get`).
 */
export function localize(message, lang) {
  return lang === 'en' || (typeof lang === 'string' && lang.startsWith('en-'))
    ? message.en
    : message['zh-CN'];
}

/** `parseFilingNumber` and `formatFilingNumber` over the `filingNumber` object of an entry. */
export function filingNumberFunctions(filingNumber) {
  return {
    /** A filing or licence number's parts (`validate` when valid), else `null`. */
    parseFilingNumber(value) {
      const v = filingNumber.validate(value);
      return v.ok ? v : null;
    },
    /** The canonical form of a filing or licence number, else `null`. */
    formatFilingNumber(value) {
      return filingNumber.format(value);
    },
  };
}
