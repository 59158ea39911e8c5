import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import {
  civilClockTime,
  civilDateInKazakhstan,
  civilDaySql,
  civilInstant,
  civilIsoDateTime,
  civilMinutesOfDay,
  civilOffsetIso,
  civilPeriodInstants,
  civilTimeZoneLabel,
  endOfCivilDay,
  formatCivilDate,
  formatCivilDateTime,
  isAfterWorkingDay,
  isClockTime,
  parseClockTime,
  startOfCivilDay,
  workingDayEndOf,
} from './civil-time.ts';

// Expected instants are written in UTC and worked out by hand: Kazakhstan is 5 hours ahead.
describe('Kazakhstan civil time', () => {
  it('gives the civil day of an instant, changing at 19:00 UTC', () => {
    assert.equal(civilDateInKazakhstan(new Date('2026-03-02T18:59:59.999Z')), '2026-03-02');
    assert.equal(civilDateInKazakhstan(new Date('2026-03-02T19:00:00.000Z')), '2026-03-03');
    assert.equal(civilDateInKazakhstan(new Date('2027-12-31T19:30:00Z')), '2028-01-01');
    assert.throws(() => civilDateInKazakhstan(new Date('2024-02-29T17:59:59Z')), RangeError);
    assert.throws(() => civilDateInKazakhstan(new Date('nope')), RangeError);
  });

  it('gives the start and the end of a civil day as instants, the end exclusive', () => {
    assert.equal(startOfCivilDay('2026-03-02').toISOString(), '2026-03-01T19:00:00.000Z');
    assert.equal(endOfCivilDay('2026-03-02').toISOString(), '2026-03-02T19:00:00.000Z');
    // 31 December → 1 January, and a leap day.
    assert.equal(endOfCivilDay('2028-12-31').toISOString(), '2028-12-31T19:00:00.000Z');
    assert.equal(endOfCivilDay('2028-02-29').toISOString(), '2028-02-29T19:00:00.000Z');
    const { start, end } = civilPeriodInstants('2026-01-01', '2026-06-30');
    assert.equal(start.toISOString(), '2025-12-31T19:00:00.000Z');
    assert.equal(end.toISOString(), '2026-06-30T19:00:00.000Z');
    assert.throws(() => startOfCivilDay('2026-02-30'), RangeError);
  });

  it('reads and builds the time of day', () => {
    assert.equal(civilInstant('2026-03-02', '10:15').toISOString(), '2026-03-02T05:15:00.000Z');
    assert.equal(civilInstant('2026-03-02', { hour: 0, minute: 30 }).toISOString(), '2026-03-01T19:30:00.000Z');
    assert.equal(civilMinutesOfDay(new Date('2026-03-02T20:05:00Z')), 65);
    assert.equal(civilClockTime(new Date('2026-03-02T20:05:00Z')), '01:05');
    assert.deepEqual(parseClockTime('18:30'), { hour: 18, minute: 30 });
    for (const bad of ['24:00', '18:60', '8:30', '18.30', '18:30:00', '']) {
      assert.equal(isClockTime(bad), false, bad);
      assert.throws(() => parseClockTime(bad), RangeError, bad);
    }
  });

  it('ends the working day at the configured time: 18:30 is after hours, 18:29 is not', () => {
    const end = { hour: 18, minute: 30 };
    assert.equal(workingDayEndOf('2026-11-24', end).toISOString(), '2026-11-24T13:30:00.000Z');
    assert.equal(isAfterWorkingDay(new Date('2026-11-24T13:29:59Z'), end), false);
    assert.equal(isAfterWorkingDay(new Date('2026-11-24T13:30:00Z'), end), true);
    assert.equal(isAfterWorkingDay(new Date('2026-11-24T12:00:00Z'), { hour: 17, minute: 0 }), true);
    // 23:59 local is after hours; 00:10 local (19:10 UTC the day before) starts a new day.
    assert.equal(isAfterWorkingDay(new Date('2026-11-24T18:59:00Z'), end), true);
    assert.equal(isAfterWorkingDay(new Date('2026-11-24T19:10:00Z'), end), false);
  });

  it('formats dates as on documents and instants with their offset', () => {
    assert.equal(formatCivilDate('2026-03-02'), '02.03.2026');
    assert.equal(formatCivilDateTime(new Date('2026-03-02T20:05:00Z')), '03.03.2026 01:05');
    assert.equal(civilIsoDateTime(new Date('2026-03-02T05:00:00.123Z')), `2026-03-02T10:00:00${civilOffsetIso}`);
    assert.equal(civilOffsetIso.length, 6);
    assert.match(civilTimeZoneLabel, /^UTC\+\d$/);
    assert.throws(() => formatCivilDate('02.03.2026'), RangeError);
  });

  it('writes the civil day in SQL from the same offset', () => {
    assert.equal(civilDaySql('closed_at'), "((closed_at at time zone 'UTC') + interval '300 minutes')::date");
  });
});
