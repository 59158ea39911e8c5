import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { kzWorkingCalendar } from '@bakylau/platform/calendar/index';
import { lateRegistration } from './late-registration.ts';
import { parseClockTime } from '@bakylau/platform/civil-time';
import { defaultWorkingDayEnd } from '@bakylau/platform/config';

const workingDayEnd = parseClockTime(defaultWorkingDayEnd);

const check = (receivedAt: string, registeredAt: string) => lateRegistration({ receivedAt, registeredAt }, kzWorkingCalendar, workingDayEnd);

describe('LATE_REGISTRATION', () => {
  it('takes the end of the working day from configuration', () => {
    // Received Tue 24 Nov 2026, registered Wed 25 Nov. With 18:30, a receipt at 18:29 was due the
    // same day (late), one at 18:31 the next working day (on time); with 17:00, 17:30 is after hours.
    const at = (received: string, end: { hour: number; minute: number }) =>
      lateRegistration({ receivedAt: received, registeredAt: '2026-11-25T09:00:00+05:00' }, kzWorkingCalendar, end);
    assert.ok(at('2026-11-24T18:29:00+05:00', { hour: 18, minute: 30 }));
    assert.equal(at('2026-11-24T18:31:00+05:00', { hour: 18, minute: 30 }), null);
    assert.equal(at('2026-11-24T17:30:00+05:00', { hour: 17, minute: 0 }), null);
    assert.ok(at('2026-11-24T17:30:00+05:00', { hour: 18, minute: 30 }));
  });

  it('accepts registration on the working day of receipt', () => {
    assert.equal(check('2025-06-12T10:00:00+05:00', '2025-06-12T17:00:00+05:00'), null);
  });

  it('flags registration on the day after a working day of receipt', () => {
    const finding = check('2025-06-12T10:00:00+05:00', '2025-06-13T09:00:00+05:00');
    assert.ok(finding);
    assert.equal(finding.occurredAt.toISOString(), '2025-06-13T04:00:00.000Z');
    assert.match(finding.details, /registered 2025-06-13; registration was due by 2025-06-12/);
  });

  it('counts days in Kazakhstan time: 00:30 in Almaty is already the next day', () => {
    assert.ok(check('2025-06-12T10:00:00+05:00', '2025-06-12T19:30:00Z'));
  });

  it('allows the next working day for an appeal received on a Saturday', () => {
    assert.equal(check('2025-06-14T11:00:00+05:00', '2025-06-16T09:00:00+05:00'), null);
    assert.ok(check('2025-06-14T11:00:00+05:00', '2025-06-17T09:00:00+05:00'));
  });

  it('skips the day off moved from 8 March (Saturday) to Monday 10 March 2025', () => {
    assert.equal(check('2025-03-08T12:00:00+05:00', '2025-03-11T09:00:00+05:00'), null);
    assert.ok(check('2025-03-08T12:00:00+05:00', '2025-03-12T09:00:00+05:00'));
  });

  it('skips the Nauryz holidays and their moved days off', () => {
    assert.equal(check('2025-03-21T12:00:00+05:00', '2025-03-26T09:00:00+05:00'), null);
    assert.ok(check('2025-03-21T12:00:00+05:00', '2025-03-27T09:00:00+05:00'));
  });

  it('allows the next working morning for an appeal received after the working day ended (АППК art. 64 part 3)', () => {
    // Received Tue 24 Nov 2026 at 20:00 (the working day ends at 18:30): due by Wed 25 Nov.
    assert.equal(check('2026-11-24T20:00:00+05:00', '2026-11-25T09:00:00+05:00'), null);
    assert.match(check('2026-11-24T20:00:00+05:00', '2026-11-26T09:00:00+05:00')?.details ?? '', /registration was due by 2026-11-25/);
    // Received Fri 27 Nov 2026 at 18:30 sharp: due by Mon 30 Nov; Tue 1 Dec is late.
    assert.equal(check('2026-11-27T18:30:00+05:00', '2026-11-30T09:00:00+05:00'), null);
    assert.ok(check('2026-11-27T18:30:00+05:00', '2026-12-01T09:00:00+05:00'));
  });

  it('still wants the same day for an appeal received a minute before the working day ends', () => {
    // Received Tue 24 Nov 2026 at 18:29: registered Wed 25 Nov is a day late.
    assert.ok(check('2026-11-24T18:29:00+05:00', '2026-11-25T09:00:00+05:00'));
  });
});
