// Shared data of the end-to-end suites: ids of the demo seed, valid identification numbers, dates.
import { randomUUID } from 'node:crypto';
import assert from '@bakylau/platform/testkit/assert';
import { addCalendarDays, civilDateInKazakhstan } from '@bakylau/platform/calendar/index';
import { demoId } from '@bakylau/platform/demo-ids';
import { withCheckDigit } from '@bakylau/platform/identity/check-digit';
import { eventually } from '@bakylau/platform/testkit/test-env';
import { gql, ok, type Caller } from './gateway-client.ts';

export { demoId };

/** Seeded organizations (platform/src/demo-ids.ts keys, as the demo seeds use them). */
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

/**
 * A valid IIN of a person born on 1 Jan 1990 (century/sex digit 3), with a serial picked at
 * random so concurrent suites do not share one.
 */
export function randomIin(): string {
  for (;;) {
    const serial = String(Math.floor(Math.random() * 10_000)).padStart(4, '0');
    const iin = withCheckDigit(`9001013${serial}`);
    if (iin) return iin;
  }
}

/** A Kazakhstan mobile number in the normalized form. */
export function randomPhone(): string {
  return `+7701${String(Math.floor(Math.random() * 10_000_000)).padStart(7, '0')}`;
}

/** Today's civil date in Kazakhstan ('YYYY-MM-DD'), or one `offsetDays` later. */
export function kzToday(offsetDays = 0): string {
  return addCalendarDays(civilDateInKazakhstan(new Date()), offsetDays);
}

/** A short unique tag for names and texts, so a suite finds its own records. */
export function uniqueTag(): string {
  return randomUUID().slice(0, 8);
}

/** Fails unless the organization exists in the directory the gateway serves. */
export async function assertOrganizationExists(id: string, as: Caller): Promise<void> {
  const data = ok(
    await gql<{ organization: { id: string; name: string } | null }>('query($id: ID!) { organization(id: $id) { id name } }', { id }, as),
    'reading a seeded organization',
  );
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
