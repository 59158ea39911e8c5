import { hasValidCheckDigit } from '@bakylau/platform/identity/check-digit';

/**
 * Kazakhstan individual (IIN) and business (BIN) identification numbers: 12 digits, the last a
 * check digit (platform/src/identity/check-digit.ts); the first digits encode a date and a type.
 */
// The check-digit arithmetic is the platform's (the personal-data scan of events uses it too).
export { checkDigit, withCheckDigit } from '@bakylau/platform/identity/check-digit';

/** Why the IIN is invalid, or null if it is valid. Digits 1–6 are the birth date YYMMDD; digit 7 the century and sex. */
export function iinProblem(value: string): string | null {
  if (!/^\d{12}$/.test(value)) return 'IIN must be 12 digits';
  const month = Number(value.slice(2, 4));
  const day = Number(value.slice(4, 6));
  if (month < 1 || month > 12 || day < 1 || day > 31) return 'IIN does not start with a birth date YYMMDD';
  if (Number(value[6]) > 6) return 'IIN has an invalid century/sex digit';
  if (!hasValidCheckDigit(value)) return 'IIN check digit does not match';
  return null;
}

/** Why the BIN is invalid, or null if it is valid. Digits 1–4 are the registration YYMM; digit 5 the entity type (4–6). */
export function binProblem(value: string): string | null {
  if (!/^\d{12}$/.test(value)) return 'BIN must be 12 digits';
  const month = Number(value.slice(2, 4));
  if (month < 1 || month > 12) return 'BIN does not start with a registration year and month YYMM';
  if (!['4', '5', '6'].includes(value[4] ?? '')) return 'BIN has an invalid entity-type digit';
  if (!hasValidCheckDigit(value)) return 'BIN check digit does not match';
  return null;
}
