import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';

import {
  addCalendarDays,
  buildCalendarYear,
  CalendarDataError,
  CalendarYearMissingError,
  civilDateInKazakhstan,
  createWorkingCalendar,
  fixedHolidayRules,
  InvalidCivilDateError,
  kzCalendarYears,
  kzUnverifiedEntries,
  kzWorkingCalendar,
  kzYearData,
  WEEKEND_MOVE_BASIS_PREFIX,
} from './index.ts';
import type { CalendarYear, WorkingCalendar } from './index.ts';

const cal: WorkingCalendar = kzWorkingCalendar;

function workingDaysInRange(c: WorkingCalendar, from: string, to: string): number {
  let n = 0;
  for (let d = from; d <= to; d = addCalendarDays(d, 1)) if (c.isWorkingDay(d)) n += 1;
  return n;
}

function yearData(year: number): CalendarYear {
  const y = kzCalendarYears.find((c) => c.year === year);
  assert.ok(y, `no data for ${year}`);
  return y;
}

/**
 * 2024 as a test fixture only (not shipped data): the two facts asserted on it
 * are published — the MLSP order moving the day off from Saturday 4 May 2024 to
 * Wednesday 8 May 2024 (Sputnik Kazakhstan, 18.04.2024), and DUMK fixing the
 * first day of Kurban Ait on Sunday 16 June 2024, so that Monday 17 June was
 * not a day off (golos-naroda.kz).
 */
const year2024: CalendarYear = buildCalendarYear(2024, {
  kurbanAit: '2024-06-16',
  transfers: [
    { date: '2024-05-04', kind: 'working_day', basis: 'Приказ МТСЗН РК: перенос с субботы 4 мая на среду 8 мая 2024' },
    { date: '2024-05-08', kind: 'day_off', basis: 'Приказ МТСЗН РК: перенос с субботы 4 мая на среду 8 мая 2024' },
  ],
});
const cal2024 = createWorkingCalendar([year2024]);

describe('civil dates and the Kazakhstan time zone', () => {
  it('gives the civil date at UTC+5', () => {
    assert.equal(civilDateInKazakhstan(new Date('2025-03-03T18:59:59.999Z')), '2025-03-03');
    assert.equal(civilDateInKazakhstan(new Date('2025-03-03T19:00:00.000Z')), '2025-03-04');
    assert.equal(civilDateInKazakhstan(new Date('2025-12-31T19:30:00Z')), '2026-01-01');
  });

  it('refuses instants before the single zone (1 March 2024) and invalid Dates', () => {
    assert.equal(civilDateInKazakhstan(new Date('2024-02-29T18:00:00Z')), '2024-02-29');
    assert.throws(() => civilDateInKazakhstan(new Date('2024-02-29T17:59:59Z')), RangeError);
    assert.throws(() => civilDateInKazakhstan(new Date('not a date')), RangeError);
  });

  it('rejects malformed and impossible civil dates', () => {
    for (const bad of ['2025-02-29', '2025-13-01', '2025-1-01', '25-01-01', '2025-01-01T00:00', '']) {
      assert.throws(() => cal.isWorkingDay(bad), InvalidCivilDateError, bad);
    }
    assert.equal(addCalendarDays('2025-02-28', 1), '2025-03-01');
    assert.equal(addCalendarDays('2024-02-28', 1), '2024-02-29');
  });
});

describe('weekends', () => {
  it('Saturday and Sunday are days off, Monday to Friday are working days', () => {
    assert.equal(cal.isWorkingDay('2025-02-22'), false); // Sat
    assert.equal(cal.isWorkingDay('2025-02-23'), false); // Sun
    for (const d of ['2025-02-24', '2025-02-25', '2025-02-26', '2025-02-27', '2025-02-28']) {
      assert.equal(cal.isWorkingDay(d), true, d);
    }
    assert.equal(cal.nextWorkingDay('2025-02-21'), '2025-02-24');
    assert.equal(cal.nextWorkingDay('2025-02-24'), '2025-02-25');
  });
});

describe('fixed holidays', () => {
  // Each holiday on a year where it falls Monday–Friday.
  const cases: [string, string][] = [
    ['2025-01-01', 'Новый год (Wed)'],
    ['2025-01-02', 'Новый год (Thu)'],
    ['2025-01-07', 'Православное Рождество (Tue)'],
    ['2027-03-08', 'Международный женский день (Mon)'],
    ['2027-03-15', 'День Конституции, new date from 2027 (Mon)'],
    ['2025-03-21', 'Наурыз (Fri)'],
    ['2027-03-22', 'Наурыз (Mon)'],
    ['2027-03-23', 'Наурыз (Tue)'],
    ['2025-05-01', 'Праздник единства (Thu)'],
    ['2025-05-07', 'День защитника Отечества (Wed)'],
    ['2025-05-09', 'День Победы (Fri)'],
    ['2026-07-06', 'День Столицы (Mon)'],
    ['2027-10-25', 'День Республики (Mon)'],
    ['2025-12-16', 'День Независимости (Tue)'],
    ['2025-06-06', 'Курбан айт 2025 (Fri)'],
    ['2026-05-27', 'Курбан айт 2026 (Wed)'],
  ];
  for (const [date, name] of cases) {
    it(`${date} ${name} is a listed holiday and not a working day`, () => {
      assert.equal(cal.isWorkingDay(date), false);
      const y = yearData(Number(date.slice(0, 4)));
      assert.ok(
        y.holidays.some((h) => h.date === date),
        `${date} listed as a holiday`,
      );
    });
  }

  it('the rule set covers every statutory holiday of the brief', () => {
    const md = fixedHolidayRules.map((r) => `${String(r.month).padStart(2, '0')}-${String(r.day).padStart(2, '0')}`);
    for (const d of ['01-01', '01-02', '01-07', '03-08', '03-21', '03-22', '03-23', '05-01', '05-07', '05-09', '07-06', '08-30', '10-25', '12-16']) {
      assert.ok(md.includes(d), d);
    }
    const christmas = fixedHolidayRules.find((r) => r.month === 1 && r.day === 7);
    assert.equal(christmas?.movesIfWeekend, false);
  });

  it('30 August: a holiday in 2025, not from 2026; 15 March: a holiday from 2027 only', () => {
    assert.ok(yearData(2025).holidays.some((h) => h.date === '2025-08-30'));
    assert.equal(cal.isWorkingDay('2025-09-01'), false); // 30 Aug 2025 (Sat) moved to Mon
    assert.ok(!yearData(2026).holidays.some((h) => h.date === '2026-08-30'));
    assert.equal(cal.isWorkingDay('2026-08-31'), true); // would be the moved day off if 30 Aug still counted
    assert.equal(cal.isWorkingDay('2027-08-30'), true); // Monday, no longer a holiday
    assert.ok(!yearData(2026).holidays.some((h) => h.date === '2026-03-15'));
    assert.equal(cal.isWorkingDay('2026-03-16'), true); // 15 Mar 2026 is a Sunday: nothing moved
  });
});

describe('holidays falling on a weekend', () => {
  it('a holiday on Saturday gives Monday off', () => {
    assert.equal(cal.isWorkingDay('2025-03-08'), false); // Sat, 8 March
    assert.equal(cal.isWorkingDay('2025-03-10'), false); // Mon, moved
    assert.equal(cal.isWorkingDay('2025-03-11'), true);
    assert.equal(cal.isWorkingDay('2025-10-27'), false); // 25 Oct 2025 (Sat)
    assert.equal(cal.isWorkingDay('2026-05-11'), false); // 9 May 2026 (Sat)
    assert.equal(cal.isWorkingDay('2027-01-04'), false); // 2 Jan 2027 (Sat)
    assert.equal(cal.isWorkingDay('2027-01-05'), true);
  });

  it('a holiday on Sunday gives Monday off', () => {
    assert.equal(cal.isWorkingDay('2026-03-09'), false); // 8 March 2026 (Sun)
    assert.equal(cal.isWorkingDay('2025-07-07'), false); // 6 July 2025 (Sun)
    assert.equal(cal.isWorkingDay('2026-10-26'), false); // 25 Oct 2026 (Sun)
    assert.equal(cal.isWorkingDay('2027-05-10'), false); // 9 May 2027 (Sun)
  });

  it('records each moved day off as a transfer naming the holiday', () => {
    const t = yearData(2025).transfers.find((x) => x.date === '2025-03-10');
    assert.ok(t);
    assert.equal(t.kind, 'day_off');
    assert.ok(t.basis.startsWith(WEEKEND_MOVE_BASIS_PREFIX));
    assert.ok(t.basis.includes('2025-03-08'));
  });

  it('skips a following holiday when looking for the next working day', () => {
    const y = buildCalendarYear(2025, {
      rules: [{ month: 6, day: 7, name: 'Test holiday (Sat)', movesIfWeekend: true }],
      kurbanAit: '2025-06-09', // Monday
      transfers: [],
    });
    assert.deepEqual(
      y.transfers.map((t) => t.date),
      ['2025-06-10'],
    );
  });

  it('two movable holidays on the same weekend day give one day off', () => {
    const y = buildCalendarYear(2025, {
      rules: [
        { month: 6, day: 7, name: 'A', movesIfWeekend: true },
        { month: 6, day: 7, name: 'B', movesIfWeekend: true },
      ],
      kurbanAit: '2025-11-03',
      transfers: [],
    });
    assert.deepEqual(
      y.transfers.map((t) => t.date),
      ['2025-06-09'],
    );
  });
});

describe('Nauryz block (21–23 March)', () => {
  it('2025: Fri–Sun, giving Mon 24 and Tue 25 off', () => {
    assert.deepEqual(
      ['2025-03-20', '2025-03-21', '2025-03-24', '2025-03-25', '2025-03-26'].map((d) => cal.isWorkingDay(d)),
      [true, false, false, false, true],
    );
  });

  it('2026: Sat–Mon, giving Tue 24 and Wed 25 off (21–25 March in a row)', () => {
    assert.deepEqual(
      ['2026-03-20', '2026-03-23', '2026-03-24', '2026-03-25', '2026-03-26'].map((d) => cal.isWorkingDay(d)),
      [true, false, false, false, true],
    );
    assert.equal(cal.nextWorkingDay('2026-03-20'), '2026-03-26');
  });

  it('2027: Sun–Tue, giving only Wed 24 off', () => {
    assert.deepEqual(
      ['2027-03-19', '2027-03-22', '2027-03-23', '2027-03-24', '2027-03-25'].map((d) => cal.isWorkingDay(d)),
      [true, false, false, false, true],
    );
  });
});

describe('days off that are not moved: Kurban Ait and 7 January', () => {
  it('Kurban Ait on Sunday 16 June 2024 does not make Monday 17 June a day off', () => {
    assert.equal(cal2024.isWorkingDay('2024-06-16'), false);
    assert.equal(cal2024.isWorkingDay('2024-06-17'), true);
    assert.ok(!year2024.transfers.some((t) => t.date === '2024-06-17'));
  });

  it('Christmas on Sunday 7 January 2024 does not make Monday 8 January a day off', () => {
    assert.equal(cal2024.isWorkingDay('2024-01-08'), true);
  });

  it('a Kurban Ait on Saturday stays a single weekend day', () => {
    const y = buildCalendarYear(2025, { kurbanAit: '2025-06-07', transfers: [] });
    assert.ok(!y.transfers.some((t) => t.date === '2025-06-09'));
    assert.equal(createWorkingCalendar([y]).isWorkingDay('2025-06-09'), true);
  });
});

describe('one-off transfers by decree / ministerial order', () => {
  it('2025: Friday 3 January is a day off and Sunday 5 January a working day', () => {
    assert.equal(cal.isWorkingDay('2025-01-03'), false);
    assert.equal(cal.isWorkingDay('2025-01-04'), false);
    assert.equal(cal.isWorkingDay('2025-01-05'), true);
    assert.equal(cal.nextWorkingDay('2025-01-01'), '2025-01-05');
    assert.equal(cal.isWorkingDay('2025-01-06'), true);
    assert.equal(cal.isWorkingDay('2025-01-07'), false);
  });

  it('2024: Saturday 4 May is a working day and Wednesday 8 May a day off', () => {
    assert.equal(cal2024.isWorkingDay('2024-05-04'), true);
    assert.equal(cal2024.isWorkingDay('2024-05-08'), false);
    assert.equal(cal2024.workingDaysBetween('2024-05-03', '2024-05-10'), 3); // 4, 6, 10 May
  });
});

describe('year boundaries', () => {
  it('addWorkingDays from late December runs over 1–2 January', () => {
    assert.equal(cal.addWorkingDays('2025-12-30', 1), '2025-12-31');
    assert.equal(cal.addWorkingDays('2025-12-30', 2), '2026-01-05');
    assert.equal(cal.addWorkingDays('2025-12-30', 3), '2026-01-06');
    assert.equal(cal.addWorkingDays('2025-12-30', 4), '2026-01-08'); // 7 Jan Christmas
    assert.equal(cal.addWorkingDays('2026-12-31', 1), '2027-01-05'); // 1 Fri, 2 Sat → 4 Mon off
    assert.equal(cal.nextWorkingDay('2026-12-31'), '2027-01-05');
  });

  it('workingDaysBetween counts (a, b] across years', () => {
    // 26, 29, 30, 31 Dec; 5, 6, 8, 9 Jan
    assert.equal(cal.workingDaysBetween('2025-12-25', '2026-01-09'), 8);
    assert.equal(cal.workingDaysBetween('2026-01-09', '2025-12-25'), -8);
    assert.equal(cal.workingDaysBetween('2025-12-31', '2026-01-04'), 0);
    assert.equal(cal.workingDaysBetween('2025-12-30', '2025-12-31'), 1);
    assert.equal(cal.workingDaysBetween('2025-12-31', '2025-12-31'), 0);
  });

  it('addWorkingDays and workingDaysBetween agree', () => {
    for (let d = '2025-11-01'; d <= '2026-02-28'; d = addCalendarDays(d, 7)) {
      for (const n of [0, 1, 3, 5, 15, 30]) {
        const end = cal.addWorkingDays(d, n);
        assert.equal(cal.workingDaysBetween(d, end), n, `${d} + ${n}`);
        if (n > 0) assert.equal(cal.isWorkingDay(end), true);
      }
    }
  });
});

describe('legal deadlines', () => {
  it('15 working days (APPK art. 76) from real dates', () => {
    // Mon 3 Mar 2025: 8 Mar moved to 10 Mar, Nauryz 21, 24, 25 Mar
    assert.equal(cal.addWorkingDays('2025-03-03', 15), '2025-03-28');
    // Wed 20 May 2026: Kurban Ait 27 May
    assert.equal(cal.addWorkingDays('2026-05-20', 15), '2026-06-11');
    // Fri 19 Dec 2025: New Year, Christmas
    assert.equal(cal.addWorkingDays('2025-12-19', 15), '2026-01-14');
    // Thu 15 Oct 2026: 25 Oct (Sun) moved to Mon 26 Oct
    assert.equal(cal.addWorkingDays('2026-10-15', 15), '2026-11-06');
    // Received on a Saturday: counting still starts the next day
    assert.equal(cal.addWorkingDays('2025-03-01', 15), '2025-03-27');
  });

  it('forwarding within 3 working days', () => {
    assert.equal(cal.addWorkingDays('2025-03-07', 3), '2025-03-13');
    assert.equal(cal.addWorkingDays('2026-05-06', 3), '2026-05-13'); // 7 May off; 9 May (Sat) → 11 May off
  });

  it('n = 0 is the day itself; negative or fractional n is refused', () => {
    assert.equal(cal.addWorkingDays('2025-03-08', 0), '2025-03-08');
    assert.throws(() => cal.addWorkingDays('2025-03-03', -1), RangeError);
    assert.throws(() => cal.addWorkingDays('2025-03-03', 1.5), RangeError);
  });
});

describe('totals against the published calendars', () => {
  it('2025 has 246 working days (five-day week)', () => {
    assert.equal(workingDaysInRange(cal, '2025-01-01', '2025-12-31'), 246);
  });

  it('August 2025 has 21 working days', () => {
    assert.equal(workingDaysInRange(cal, '2025-08-01', '2025-08-31'), 21);
  });

  it('January 2026 has 19 working days and March 2026 has 18 (13 days off)', () => {
    assert.equal(workingDaysInRange(cal, '2026-01-01', '2026-01-31'), 19);
    assert.equal(workingDaysInRange(cal, '2026-03-01', '2026-03-31'), 18);
  });
});

describe('missing years', () => {
  it('throws CalendarYearMissingError with the year instead of guessing a past year', () => {
    const expect2024 = (e: unknown): boolean => e instanceof CalendarYearMissingError && e.year === 2024;
    assert.throws(() => cal.isWorkingDay('2024-12-31'), expect2024);
    assert.throws(() => cal.workingDaysBetween('2024-12-20', '2025-01-10'), expect2024);
    assert.throws(() => cal.addWorkingDays('2024-12-31', 0), expect2024);
    // Without an estimator a later year is missing too.
    const entered = createWorkingCalendar(kzCalendarYears);
    const expect2028 = (e: unknown): boolean =>
      e instanceof CalendarYearMissingError && e.year === 2028 && e.name === 'CalendarYearMissingError' && e.message.includes('2028');
    assert.throws(() => entered.addWorkingDays('2027-12-20', 15), expect2028);
    assert.throws(() => entered.nextWorkingDay('2027-12-31'), expect2028);
  });

  it('holds exactly the years it was given, and estimates the years after them (estimated-years.test.ts)', () => {
    assert.deepEqual(cal.years(), [2025, 2026, 2027]);
    assert.equal(cal.knows(2026), true);
    assert.equal(cal.knows(2024), false);
    assert.equal(cal.knows(2028), true);
    assert.equal(cal.isVerifiedYear(2028), false);
    const empty = createWorkingCalendar([]);
    assert.equal(empty.knows(2025), false);
    assert.throws(() => empty.isWorkingDay('2025-03-03'), CalendarYearMissingError);
  });
});

describe('data validation', () => {
  it('rejects a removed holiday that matches nothing', () => {
    assert.throws(() => buildCalendarYear(2026, { kurbanAit: '2026-05-27', transfers: [], removedHolidays: ['2026-08-31'] }), CalendarDataError);
  });

  it('rejects dates outside the year and a transfer colliding with a moved day off', () => {
    assert.throws(() => buildCalendarYear(2026, { kurbanAit: '2025-05-27', transfers: [] }), CalendarDataError);
    assert.throws(
      () =>
        buildCalendarYear(2025, {
          kurbanAit: '2025-06-06',
          transfers: [{ date: '2025-03-10', kind: 'day_off', basis: 'x' }],
        }),
      CalendarDataError,
    );
  });

  it('rejects meaningless transfers and duplicate years', () => {
    const base = yearData(2025);
    const weekdayWorking: CalendarYear = {
      ...base,
      transfers: [...base.transfers, { date: '2025-04-15', kind: 'working_day', basis: 'typo' }],
    };
    assert.throws(() => createWorkingCalendar([weekdayWorking]), CalendarDataError);
    const weekendOff: CalendarYear = {
      ...base,
      transfers: [...base.transfers, { date: '2025-04-12', kind: 'day_off', basis: 'typo' }],
    };
    assert.throws(() => createWorkingCalendar([weekendOff]), CalendarDataError);
    assert.throws(() => createWorkingCalendar([base, base]), CalendarDataError);
  });

  it('applies extra holidays given for one year', () => {
    const y = buildCalendarYear(2027, {
      kurbanAit: '2027-05-16',
      transfers: [],
      extraHolidays: [{ date: '2027-06-05', name: 'Test (Sat)', movable: true }],
    });
    const c = createWorkingCalendar([y]);
    assert.equal(c.isWorkingDay('2027-06-07'), false);
    assert.equal(c.isWorkingDay('2027-06-08'), true);
  });
});

describe('verification flags of the shipped data', () => {
  it('lists the unverified entries, and not the verified ones', () => {
    const subjects = kzUnverifiedEntries().map((e) => `${e.year} ${e.subject}`);
    assert.ok(subjects.includes('2027 Kurban Ait 2027-05-16'));
    assert.ok(subjects.includes('2026 removed holiday 2026-08-30'));
    assert.ok(subjects.some((s) => s.startsWith('2027 rule 03-15')));
    assert.ok(!subjects.some((s) => s.startsWith('2025 ')));
    assert.ok(!subjects.includes('2026 Kurban Ait 2026-05-27'));
  });

  it('every data entry names a source', () => {
    for (const y of kzYearData) {
      assert.ok(y.kurbanAit.source.length > 0);
      assert.ok(y.transfersComplete.source.length > 0);
      for (const t of y.transfers) assert.ok(t.source.length > 0 && t.basis.length > 0);
      for (const r of y.removedHolidays) assert.ok(r.source.length > 0);
    }
  });
});
