/**
 * The check digit of Kazakhstan's 12-digit identification numbers (IIN of individuals, BIN of
 * legal entities): the weighted sum of the first 11 digits with weights 1..11, mod 11; if that is
 * 10, again with weights 3..11,1,2, mod 11; if still 10 no valid number starts with those digits.
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
  const digits = Array.from(first11, Number);
  const first = weightedMod11(digits, firstWeights);
  if (first !== 10) return first;
  const second = weightedMod11(digits, secondWeights);
  return second === 10 ? null : second;
}

/** Whether 12 digits end in their check digit (an IIN or BIN shape). */
export function hasValidCheckDigit(value: string): boolean {
  return /^\d{12}$/.test(value) && checkDigit(value.slice(0, 11)) === Number(value[11]);
}

/** Completes 11 digits into a valid number (for tests and demo data); null when impossible. */
export function withCheckDigit(first11: string): string | null {
  const digit = checkDigit(first11);
  return digit === null ? null : `${first11}${digit}`;
}
