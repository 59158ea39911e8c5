// Shared data of the end-to-end suites: ids of the demo seed, valid identification numbers, dates.
import { createHash, randomUUID } from 'node:crypto';
import assert from 'node:assert/strict';
import { eventually } from '@bakylau/platform/testkit/test-env';
import { gql, ok, type Caller } from './gateway-client.ts';

/**
 * The stable id the demo seed gives a record (services/appeals/src/seed/demo-region.ts `seedId`,
 * services/reception/src/seed/demo-ids.ts `demoId`): `organization:health`, `official:akim`, ...
 */
export function demoId(key: string): string {
  const h = createHash('sha1').update(`bakylau-demo:${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Seeded organizations used as executors. */
export const seededOrganizations = {
  health: demoId('organization:health'),
  education: demoId('organization:education'),
  housing: demoId('organization:housing'),
  roads: demoId('organization:roads'),
  akimat: demoId('organization:akimat'),
} as const;

/** A seeded category and district. */
export const seededCategoryId = demoId('category:01');
export const seededDistrictId = demoId('district:taldykorgan');

/** The IIN/BIN check digit (weights 1..11, then 3..11,1,2 when the first sum mod 11 is 10); null when both give 10. */
export function iinCheckDigit(first11: string): number | null {
  const digits = [...first11].map(Number);
  const sum = (weights: number[]) => digits.reduce((acc, d, i) => acc + d * (weights[i] ?? 0), 0) % 11;
  const first = sum([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  if (first !== 10) return first;
  const second = sum([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]);
  return second === 10 ? null : second;
}

/**
 * A valid IIN of a person born on 1 Jan 1990 (century/sex digit 3), with a serial picked at
 * random so concurrent suites do not share one.
 */
export function randomIin(): string {
  for (;;) {
    const serial = String(Math.floor(Math.random() * 10_000)).padStart(4, '0');
    const first11 = `9001013${serial}`;
    const digit = iinCheckDigit(first11);
    if (digit !== null) return `${first11}${digit}`;
  }
}

/** A Kazakhstan mobile number in the normalized form. */
export function randomPhone(): string {
  return `+7701${String(Math.floor(Math.random() * 10_000_000)).padStart(7, '0')}`;
}

/** Today's civil date in Kazakhstan (UTC+5), 'YYYY-MM-DD'. */
export function kzToday(offsetDays = 0): string {
  return new Date(Date.now() + 5 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/** A short unique tag for names and texts, so a suite finds its own records. */
export function uniqueTag(): string {
  return randomUUID().slice(0, 8);
}

/** Fails unless the organization exists in the directory the gateway serves. */
export async function assertOrganizationExists(id: string, as: Caller): Promise<void> {
  const data = ok(await gql<{ organization: { id: string; name: string } | null }>('query($id: ID!) { organization(id: $id) { id name } }', { id }, as), 'reading a seeded organization');
  assert.equal(data.organization?.id, id, `the seeded organization ${id} is missing from the directory`);
}

/**
 * `eventually` from the testkit, with a failure message built when it fails (so it can show the
 * last state seen, not the state when the wait began).
 */
export async function waitFor(check: () => Promise<boolean>, message: () => string, timeoutMs: number): Promise<void> {
  try {
    await eventually(check, 'the condition', timeoutMs);
  } catch (error) {
    throw new Error(`${message()} (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
}
