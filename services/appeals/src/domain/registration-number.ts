/**
 * The registration number of an appeal: a prefix of the akimat, the year and the sequence number
 * of the year, e.g. ЖТ-2026-000123. Unique per year and never reused: the number comes from a
 * per-year counter row incremented inside the registration transaction.
 */
export type RegistrationNumberFormat = { prefix: string; digits: number };

export const defaultRegistrationNumberFormat: RegistrationNumberFormat = { prefix: 'ЖТ', digits: 6 };

export function formatRegistrationNumber(format: RegistrationNumberFormat, year: number, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`sequence must be a positive integer, got ${sequence}`);
  return `${format.prefix}-${year}-${String(sequence).padStart(format.digits, '0')}`;
}
