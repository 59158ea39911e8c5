import { hasValidCheckDigit } from '../identity/check-digit.ts';
import { isSealedText } from './sealed-text.ts';

/**
 * Finds personal data in an event bound for public topics: fields named like personal data, and
 * values shaped like an IIN (12 digits with a valid check digit), a Kazakh phone number or an
 * e-mail address; and a field named `sealed…` that does not hold sealed text (free text must
 * never travel in plain under it). Used by the test harness on every event a test produced.
 */
const personalKeys = /^(iin|phone|phoneNumber|mobile|address|postalAddress|email|fullName|applicantName|firstName|lastName|middleName|birthDate)$/i;
const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const twelveDigits = /(?<!\d)\d{12}(?!\d)/g;
const phone = /(?:\+7|(?<!\d)8)[\s(-]*7\d{2}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}(?!\d)/;
const email = /[\w.+-]+@[\w-]+\.[\w.-]+/;
const sealedKey = /^sealed[A-Z]/;

export function findPersonalData(value: unknown, path = '$'): string[] {
  if (typeof value === 'string') {
    const text = value.replace(uuid, '');
    const found: string[] = [];
    for (const match of text.match(twelveDigits) ?? []) if (hasValidCheckDigit(match)) found.push(`${path}: IIN-shaped value`);
    if (phone.test(text)) found.push(`${path}: phone-shaped value`);
    if (email.test(text)) found.push(`${path}: e-mail address`);
    return found;
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => findPersonalData(item, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => [
      ...(personalKeys.test(key) && item !== null && item !== undefined ? [`${path}.${key}: personal-data field`] : []),
      ...(sealedKey.test(key) && item !== null && item !== undefined && !isSealedText(item)
        ? [`${path}.${key}: a sealed field that does not hold sealed text`]
        : []),
      ...findPersonalData(item, `${path}.${key}`),
    ]);
  }
  return [];
}
