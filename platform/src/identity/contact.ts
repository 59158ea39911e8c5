/**
 * A person's or an office's phone and e-mail as every service accepts them. Phones are stored in
 * E.164 (`+77011234567`): notices go out by SMS, and a number typed as `8 (701) 123-45-67` must
 * reach the same person as `+7 701 123 45 67`. Problems name what is wrong, never the value
 * (a phone or an address is personal data and must not land in an error message or a log).
 */

/** Spaces (any Unicode white space), dashes and brackets people type between the digits. */
const separators = /[\s()-]/g;

/**
 * The number without separators; a Kazakhstan number dialled domestically (8 and ten digits)
 * becomes +7 and those ten digits. Anything else is returned compacted, to be judged by phoneProblem.
 */
export function normalizePhone(raw: string): string {
  const compact = raw.replace(separators, '');
  if (/^8\d{10}$/.test(compact)) return `+7${compact.slice(1)}`;
  return compact;
}

export type PhoneRule = {
  /**
   * Only +7 numbers (Kazakhstan's country code, shared with Russia). For SMS sent through a
   * Kazakhstan gateway, such as reception's booking notices.
   */
  kazakhstanOnly?: boolean;
};

/** Why `raw` is not a phone number in E.164 (after normalizePhone), or null when it is one. */
export function phoneProblem(raw: string, rule: PhoneRule = {}): string | null {
  const phone = normalizePhone(raw);
  if (!/^\+\d+$/.test(phone)) return 'must be a phone number in international form, + and digits, e.g. +77011234567';
  if (phone.startsWith('+7')) {
    // Country code 7 numbers have ten national digits, so +7 is followed by exactly ten.
    return phone.length === 12 ? null : 'must have ten digits after +7, e.g. +77011234567';
  }
  if (rule.kazakhstanOnly) return 'must be a Kazakhstan number, +7XXXXXXXXXX';
  if (phone[1] === '0') return 'must start with a country code after +, not 0';
  // E.164 allows at most 15 digits; no country's numbers are shorter than 7 with the country code.
  const digits = phone.length - 1;
  if (digits < 7) return 'is too short for a phone number with its country code';
  if (digits > 15) return 'is too long: E.164 numbers have at most 15 digits';
  return null;
}

/** The address without the white space around it (a pasted address often carries some). */
export function normalizeEmail(raw: string): string {
  return raw.trim();
}

/** The characters of an unquoted local part (RFC 5322 atext); quoted local parts are not accepted. */
const atom = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+$/;
/** A domain label: letters (Unicode too: `.қаз` is Kazakhstan's Cyrillic domain), digits, inner hyphens. */
const label = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u;

/** Why `raw` is not a deliverable e-mail address (after normalizeEmail), or null when it is one. */
export function emailProblem(raw: string): string | null {
  const email = normalizeEmail(raw);
  // RFC 5321: a path holds at most 256 octets, brackets included, so an address at most 254.
  if (email.length > 254) return 'must be at most 254 characters';
  const at = email.lastIndexOf('@');
  if (at <= 0 || at === email.length - 1) return 'must be an e-mail address, name@domain';
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (local.length > 64) return 'must have at most 64 characters before the @';
  if (!local.split('.').every((part) => atom.test(part))) return 'has characters before the @ that an e-mail address cannot have';
  const labels = domain.split('.');
  if (labels.length < 2) return 'must have a domain with a dot after the @, e.g. mail.kz';
  if (!labels.every((part) => part.length <= 63 && label.test(part))) return 'has a domain after the @ that is not a domain name';
  if (/^\d+$/.test(labels.at(-1) ?? '')) return 'must end in a top-level domain, not a number';
  return null;
}
