import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import {
  buildCalendarYear,
  CalendarYearMissingError,
  createWorkingCalendar,
  estimatedKzYearData,
  kzUnverifiedEntries,
  kzWorkingCalendar,
  kzYearData,
  tabularKurbanAitDates,
} from './index.ts';

describe('a year without entered calendar data', () => {
  it('is worked from the statutory rules and reported unverified, the entered years verified', () => {
    assert.equal(kzWorkingCalendar.isVerifiedYear(2027), true);
    assert.equal(kzWorkingCalendar.isVerifiedYear(2028), false);
    assert.equal(kzWorkingCalendar.knows(2028), true);
    assert.equal(kzWorkingCalendar.knows(2040), true);
    // The entered years stay exactly the data.
    assert.deepEqual(kzWorkingCalendar.years(), [2025, 2026, 2027]);
  });

  it('gives 2028 the days off worked out by hand', () => {
    const cal = kzWorkingCalendar;
    // 1 January 2028 is a Saturday (1 Jan 2027 is a Friday; 2027 has 365 days). New Year 1 Jan (Sat)
    // and 2 Jan (Sun) fall on the weekend and move to the next working days: Mon 3 and Tue 4 Jan.
    // 7 Jan (Orthodox Christmas) is a Friday, a day off in its own right.
    assert.equal(cal.isWorkingDay('2028-01-03'), false);
    assert.equal(cal.isWorkingDay('2028-01-04'), false);
    assert.equal(cal.isWorkingDay('2028-01-05'), true);
    assert.equal(cal.isWorkingDay('2028-01-06'), true);
    assert.equal(cal.isWorkingDay('2028-01-07'), false);
    // January 2028: 31 days − 10 weekend days (1–2, 8–9, 15–16, 22–23, 29–30) − 3, 4 and 7 Jan = 18.
    assert.equal(cal.workingDaysBetween('2027-12-31', '2028-01-31'), 18);
    // 1 Mar 2028 is a Wednesday (2028 is a leap year): 8 Mar Wed, 15 Mar Wed (Constitution Day,
    // in the rule set from 2027), Nauryz 21–23 Mar Tue–Thu: holidays on weekdays, nothing moves.
    for (const d of ['2028-03-08', '2028-03-15', '2028-03-21', '2028-03-22', '2028-03-23']) assert.equal(cal.isWorkingDay(d), false, d);
    assert.equal(cal.isWorkingDay('2028-03-24'), true);
    // May 2028: 1 May Mon; Kurban Ait estimated Fri 5 May; 7 May is a Sunday → Mon 8 May off;
    // 9 May Tue. So the first working days after 4 May are Wed 10 May.
    assert.equal(cal.nextWorkingDay('2028-05-04'), '2028-05-10');
    // 16 Dec 2028 is a Saturday (1 Dec is a Friday) → Mon 18 Dec off.
    assert.equal(cal.isWorkingDay('2028-12-18'), false);
    assert.equal(cal.isWorkingDay('2028-12-19'), true);
    // 30 August is no longer a holiday after 2026 (rule set), and 30 Aug 2028 is a Wednesday.
    assert.equal(cal.isWorkingDay('2028-08-30'), true);
  });

  it('does not move 7 January or Kurban Ait off a weekend', () => {
    // 1 Jan 2029 is a Monday (2028 has 366 days), so 7 Jan 2029 is a Sunday: not moved, Mon 8 Jan works.
    assert.equal(kzWorkingCalendar.isWorkingDay('2029-01-08'), true);
    // Tabular 10 Dhu al-Hijjah 1451 is Sunday 14 April 2030: not moved, Mon 15 April works.
    assert.deepEqual(tabularKurbanAitDates(2030), ['2030-04-14']);
    assert.equal(kzWorkingCalendar.isWorkingDay('2030-04-15'), true);
  });

  it('estimates Kurban Ait by the tabular Islamic calendar, within a day of the entered dates', () => {
    const dayMs = 86_400_000;
    for (const y of kzYearData) {
      const [estimate] = tabularKurbanAitDates(y.year);
      assert.ok(estimate !== undefined);
      assert.ok(Math.abs(Date.parse(estimate) - Date.parse(y.kurbanAit.date)) <= dayMs, `${y.year}: ${estimate} vs ${y.kurbanAit.date}`);
    }
    assert.deepEqual(tabularKurbanAitDates(2028), ['2028-05-05']);
    // 10 Dhu al-Hijjah falls twice in 2039 (1 AH year ≈ 354 days): January and December.
    assert.equal(tabularKurbanAitDates(2039).length, 2);
  });

  it('says every estimated fact is unverified, Kurban Ait as an estimate', () => {
    const entries = kzUnverifiedEntries([estimatedKzYearData(2028)]);
    const kurban = entries.find((e) => e.subject.startsWith('Kurban Ait'));
    assert.equal(kurban?.subject, 'Kurban Ait 2028-05-05');
    assert.match(kurban?.source ?? '', /estimate/);
    assert.ok(entries.some((e) => e.subject === 'list of transfers complete'));
  });

  it('estimates only after the entered years, and only when asked to', () => {
    assert.throws(() => kzWorkingCalendar.isWorkingDay('2024-06-03'), CalendarYearMissingError);
    assert.equal(kzWorkingCalendar.knows(2024), false);
    const plain = createWorkingCalendar([buildCalendarYear(2025, { kurbanAit: '2025-06-06', transfers: [] })]);
    assert.throws(() => plain.isWorkingDay('2026-01-05'), CalendarYearMissingError);
    assert.equal(plain.knows(2026), false);
    assert.equal(plain.isVerifiedYear(2026), false);
  });
});
