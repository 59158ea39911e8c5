import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { kzWorkingCalendar } from '@bakylau/platform/calendar/index';
import { lateForwarding } from './late-forwarding.ts';

const check = (receivedAt: string, forwardedAt: string) => lateForwarding({ receivedAt, forwardedAt }, kzWorkingCalendar);

describe('LATE_FORWARDING', () => {
  it('accepts forwarding on the third working day after receipt, across a weekend', () => {
    // Thu 12 June → Fri 13, Mon 16, Tue 17.
    assert.equal(check('2025-06-12T10:00:00+05:00', '2025-06-17T17:00:00+05:00'), null);
  });

  it('flags forwarding on the fourth working day', () => {
    const finding = check('2025-06-12T10:00:00+05:00', '2025-06-18T09:00:00+05:00');
    assert.ok(finding);
    assert.match(finding.details, /forwarding was due by 2025-06-17/);
  });

  it('does not count the Nauryz holidays and moved days off as working days', () => {
    // Thu 20 March 2025 → Wed 26, Thu 27, Fri 28 (21–25 are days off).
    assert.equal(check('2025-03-20T10:00:00+05:00', '2025-03-28T12:00:00+05:00'), null);
    assert.ok(check('2025-03-20T10:00:00+05:00', '2025-03-31T09:00:00+05:00'));
  });

  it('accepts forwarding the same day', () => {
    assert.equal(check('2025-06-12T10:00:00+05:00', '2025-06-12T12:00:00+05:00'), null);
  });

  it('counts from the civil day of receipt, the day appeals counts from (АППК art. 65 part 1)', () => {
    // Received Sat 28 Nov 2026 (registered Mon 30 Nov): Mon 30 Nov, Tue 1 Dec, Wed 2 Dec; Thu 3 Dec is late.
    assert.equal(check('2026-11-28T10:00:00+05:00', '2026-12-02T17:00:00+05:00'), null);
    assert.match(check('2026-11-28T10:00:00+05:00', '2026-12-03T09:00:00+05:00')?.details ?? '', /due by 2026-12-02 \(АППК art\. 65 part 1\)/);
    // Received Tue 24 Nov 2026 at 20:00 (after hours): Wed 25, Thu 26, Fri 27 Nov; Mon 30 Nov is late.
    assert.ok(check('2026-11-24T20:00:00+05:00', '2026-11-30T09:00:00+05:00'));
  });
});
