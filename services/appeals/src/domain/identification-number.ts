/**
 * Kazakhstan individual (IIN) and business (BIN) identification numbers: 12 digits, the last a
 * check digit. The check digit is the weighted sum of the first 11 digits with weights 1..11,
 * mod 11; if that is 10, again with weights 3..11,1,2, mod 11; if still 10 the number is invalid.
 */
const firstWeights = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] as const;
const secondWeights = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2] as const;

function weightedMod11(digits: readonly number[], weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < 11; i += 1) sum += (digits[i] ?? 0) * (weights[i] ?? 0);
  return sum % 11;
}

/** The check digit for the first 11 digits, or null if no valid number starts with them. */
export function checkDigit(first11: string): number | null {
  if (!/^\d{11}$/.test(first11)) return null;
  const digits = [...first11].map(Number);
  const first = weightedMod11(digits, firstWeights);
  if (first !== 10) return first;
  const second = weightedMod11(digits, secondWeights);
  return second === 10 ? null : second;
}

function checksumOk(value: string): boolean {
  if (!/^\d{12}$/.test(value)) return false;
  return checkDigit(value.slice(0, 11)) === Number(value[11]);
}

/** Why the IIN is invalid, or null if it is valid. Digits 1–6 are the birth date YYMMDD; digit 7 the century and sex. */
export function iinProblem(value: string): string | null {
  if (!/^\d{12}$/.test(value)) return 'IIN must be 12 digits';
  const month = Number(value.slice(2, 4));
  const day = Number(value.slice(4, 6));
  if (month < 1 || month > 12 || day < 1 || day > 31) return 'IIN does not start with a birth date YYMMDD';
  if (Number(value[6]) > 6) return 'IIN has an invalid century/sex digit';
  if (!checksumOk(value)) return 'IIN check digit does not match';
  return null;
}

/** Why the BIN is invalid, or null if it is valid. Digits 1–4 are the registration YYMM; digit 5 the entity type (4–6). */
export function binProblem(value: string): string | null {
  if (!/^\d{12}$/.test(value)) return 'BIN must be 12 digits';
  const month = Number(value.slice(2, 4));
  if (month < 1 || month > 12) return 'BIN does not start with a registration year and month YYMM';
  if (!['4', '5', '6'].includes(value[4] ?? '')) return 'BIN has an invalid entity-type digit';
  if (!checksumOk(value)) return 'BIN check digit does not match';
  return null;
}

/** Completes 11 digits into a valid number (for tests and demo data); null when impossible. */
export function withCheckDigit(first11: string): string | null {
  const digit = checkDigit(first11);
  return digit === null ? null : `${first11}${digit}`;
}
