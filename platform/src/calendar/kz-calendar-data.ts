/**
 * Year data of the working-day calendar of the Republic of Kazakhstan.
 *
 * Each year lists only the facts that are specific to it (the first day of
 * Kurban Ait, one-off transfers of days off, one-year changes to the holiday
 * list); the statutory holidays and the weekend-move rule come from
 * `fixedHolidayRules` / `buildCalendarYear` in working-calendar.ts.
 *
 * Every entry records whether it was checked against a published source
 * (`verified`) and which one (`source`). `verified: false` means the entry is
 * our best current knowledge but was NOT confirmed; `kzUnverifiedEntries()`
 * lists them for the administrator. Sources were checked in stored copies of
 * public pages (news reports of the Ministry of Labour and Social Protection
 * (MLSP), the e-government calendar, the Spiritual Administration of Muslims
 * of Kazakhstan (DUMK)); the primary legal acts themselves were not read.
 *
 * Legal basis of one-off transfers: Labour Code art. 85 para. 3. Until 2023 the
 * Government transferred days off by decree; from 2024 the transfers are made
 * by order of the Minister of Labour and Social Protection (e.g. the order
 * moving the day off from Saturday 4 May 2024 to Wednesday 8 May 2024).
 */
import type { CalendarYear, CivilDate, Holiday, Transfer, WorkingCalendar } from './working-calendar.ts';
import { buildCalendarYear, createWorkingCalendar, KURBAN_AIT_NAME, rulesInForce } from './working-calendar.ts';

export type Verification = {
  verified: boolean;
  source: string;
};

export type KzYearData = {
  year: number;
  kurbanAit: { date: CivilDate } & Verification;
  /** One-off transfers by government decree / order of the Minister of Labour. */
  transfers: (Transfer & Verification)[];
  /**
   * Whether `transfers` is known to be the complete list for the year (no
   * further order/decree). Orders can be issued during the year itself.
   */
  transfersComplete: Verification;
  extraHolidays: (Holiday & Verification)[];
  removedHolidays: ({ date: CivilDate; reason: string } & Verification)[];
};

export const kzYearData: readonly KzYearData[] = [
  // -------------------------------------------------------------------------
  // 2025
  // Weekend moves (computed by the rule, listed for review): 8 Mar (Sat) → Mon 10 Mar;
  // 22–23 Mar (Sat, Sun) → Mon 24, Tue 25 Mar; 6 Jul (Sun) → Mon 7 Jul;
  // 30 Aug (Sat) → Mon 1 Sep; 25 Oct (Sat) → Mon 27 Oct.
  // Cross-check: the published 2025 production calendar gives 246 working days
  // (five-day week), which this data reproduces (see the tests).
  // -------------------------------------------------------------------------
  {
    year: 2025,
    kurbanAit: {
      date: '2025-06-06',
      verified: true,
      source: 'e-government 2025 holiday calendar as reprinted by pobipb.kz; mgorod.kz (Kurban Ait 2025 on Friday 6 June)',
    },
    transfers: [
      // Order of the Minister of Labour and Social Protection: the day off is
      // moved from Sunday 5 January 2025 to Friday 3 January 2025, so 1–4 Jan
      // are days off and Sunday 5 Jan is a working day (five-day week). The
      // order's number and date were not found; the transfer itself is
      // reported consistently by several outlets citing the MLSP.
      {
        date: '2025-01-03',
        kind: 'day_off',
        basis:
          'Приказ Министра труда и социальной защиты населения РК (2024, номер не установлен): ' +
          'перенос выходного дня с воскресенья 5 января 2025 г. на пятницу 3 января 2025 г.',
        verified: true,
        source: 'energy-city.kz, azattyq-ruhy.kz, informburo.kz citing the MLSP order',
      },
      {
        date: '2025-01-05',
        kind: 'working_day',
        basis:
          'Приказ Министра труда и социальной защиты населения РК (2024, номер не установлен): ' +
          'перенос выходного дня с воскресенья 5 января 2025 г. на пятницу 3 января 2025 г.',
        verified: true,
        source: 'energy-city.kz, azattyq-ruhy.kz, informburo.kz citing the MLSP order',
      },
    ],
    transfersComplete: {
      verified: true,
      source:
        'informburo.kz: the MLSP explained that no May 2025 transfer was made and that the 5 Jan → 3 Jan ' +
        'transfer was the exception; 246 working days in the published 2025 calendar match this data',
    },
    extraHolidays: [],
    removedHolidays: [],
  },

  // -------------------------------------------------------------------------
  // 2026
  // Weekend moves (computed): 8 Mar (Sun) → Mon 9 Mar; 21–22 Mar (Sat, Sun) → Tue 24,
  // Wed 25 Mar (Mon 23 Mar is itself Nauryz); 9 May (Sat) → Mon 11 May;
  // 25 Oct (Sun) → Mon 26 Oct. 30 Aug: see removedHolidays.
  // The e-government 2026 calendar (inform.kz, 02.01.2026) lists exactly these
  // moves and no decree/order transfer; January 2026 has 19 working days.
  // -------------------------------------------------------------------------
  {
    year: 2026,
    kurbanAit: {
      date: '2026-05-27',
      // Confirmed as the official date by the e-government 2026 calendar and
      // the DUMK calendar; DUMK notes that the final date may shift by one day
      // with the sighting of the new moon — re-check in May 2026.
      verified: true,
      source:
        'e-government 2026 calendar (inform.kz, 02.01.2026); DUMK calendar 2026 (zakon.kz 06.11.2025, ' +
        'kazpravda.kz 14.01.2026): first day 27 May, subject to ±1 day by moon sighting',
    },
    transfers: [],
    transfersComplete: {
      // No MLSP order transferring days off in 2026 was found (sources up to
      // March 2026). Orders have been issued within the year before (April 2024).
      verified: false,
      source: 'no 2026 transfer order found; e-government 2026 calendar (02.01.2026) lists none',
    },
    extraHolidays: [],
    removedHolidays: [
      {
        // 30 Aug 2026 is a Sunday: as a holiday it would give Monday 31 Aug off.
        // With the new Constitution (referendum 15 Mar 2026, in force 1 Jul 2026)
        // Constitution Day moves to 15 March; the MLSP was reported as saying that
        // 30 Aug is no longer a holiday from 2026. Only one news report of that
        // statement was found and the amending law was not seen: UNVERIFIED.
        date: '2026-08-30',
        reason: 'День Конституции перенесён на 15 марта (Конституция, принятая на референдуме 15.03.2026)',
        verified: false,
        source: 'taspanews.kz 18.03.2026 citing the MLSP; the amended Law "On holidays" was not seen',
      },
    ],
  },

  // -------------------------------------------------------------------------
  // 2027
  // Weekend moves (computed): 2 Jan (Sat) → Mon 4 Jan; 21 Mar (Sun) → Wed 24 Mar
  // (22–23 Mar are Nauryz); 1 May (Sat) → Mon 3 May; 9 May (Sun) → Mon 10 May.
  // Constitution Day 15 March (Monday) applies from 2027 by the rule set
  // (flagged unverified there); 30 Aug is no longer a holiday.
  // -------------------------------------------------------------------------
  {
    year: 2027,
    kurbanAit: {
      // Astronomical estimate of 10 Dhu al-Hijjah 1448 AH; the DUMK calendar for
      // 2027 was not found. It falls on a Sunday (not moved, so no effect on
      // working days) — but if the official date is Monday 17 May, that day is
      // a day off: UNVERIFIED, replace with the DUMK / e-government date.
      date: '2027-05-16',
      verified: false,
      source: 'astronomical estimate; DUMK 2027 calendar not found',
    },
    transfers: [],
    transfersComplete: {
      verified: false,
      source: 'the MLSP order on transfers of days off in 2027 (usually issued late in the preceding year) was not found',
    },
    extraHolidays: [],
    removedHolidays: [],
  },
];

/** Builds the `CalendarYear` of one year's data. */
export function buildKzCalendarYear(data: KzYearData): CalendarYear {
  return buildCalendarYear(data.year, {
    kurbanAit: data.kurbanAit.date,
    transfers: data.transfers.map((t) => ({ date: t.date, kind: t.kind, basis: t.basis })),
    extraHolidays: data.extraHolidays.map((h) => ({ date: h.date, name: h.name, movable: h.movable })),
    removedHolidays: data.removedHolidays.map((r) => r.date),
  });
}

export const kzCalendarYears: readonly CalendarYear[] = kzYearData.map(buildKzCalendarYear);

// Civil epoch of the tabular Islamic calendar (1 Muharram 1 AH = Friday 16 July 622, Julian) as a
// Julian day number less one, and the Julian day number of 1970-01-01.
const hijriEpochJdn = 1_948_439;
const unixEpochJdn = 2_440_588;

/** Days since 1970-01-01 of a date of the tabular Islamic calendar (30-year cycle, leap years 2, 5, 7, 10, 13, 16, 18, 21, 24, 26, 29). */
function tabularHijriDayNumber(year: number, month: number, day: number): number {
  return day + Math.ceil(29.5 * (month - 1)) + (year - 1) * 354 + Math.floor((3 + 11 * year) / 30) + hijriEpochJdn - unixEpochJdn;
}

/**
 * The first days of Kurban Ait (10 Dhu al-Hijjah) falling in a Gregorian year, by the tabular
 * Islamic calendar. An ESTIMATE: the Spiritual Administration of Muslims of Kazakhstan fixes the
 * date by the moon, which may differ from the table by a day or two. A Gregorian year holds one
 * such day, or two about every 33 years (the Islamic year is 354–355 days long).
 */
export function tabularKurbanAitDates(year: number): CivilDate[] {
  // The Islamic year is 354.37 days: AH ≈ (year − 622) · 365.2425 / 354.367; look a year either side.
  const approx = Math.floor(((year - 622) * 365.2425) / 354.367);
  const out: CivilDate[] = [];
  for (let ah = approx - 1; ah <= approx + 2; ah += 1) {
    if (ah < 1) continue;
    const date = new Date(tabularHijriDayNumber(ah, 12, 10) * 86_400_000).toISOString().slice(0, 10);
    if (Number(date.slice(0, 4)) === year) out.push(date);
  }
  return out;
}

export const ESTIMATED_YEAR_SOURCE = 'statutory rules only: no year data entered';

/**
 * The data of a year nobody has entered, from the statutory rules alone, as `fixedHolidayRules`
 * and `buildCalendarYear` apply them: the holidays of the Law "On holidays" in force that year with
 * its weekend-move rule (art. 5); the first day of Kurban Ait, a day off by Labour Code art. 84
 * para. 5 and not moved, estimated by the tabular Islamic calendar; and no transfers under Labour
 * Code art. 85 para. 3 (decided year by year, they cannot be foreseen). Every fact is marked
 * unverified, so `kzUnverifiedEntries` lists it.
 */
export function estimatedKzYearData(year: number): KzYearData {
  const [kurbanAit, ...second] = tabularKurbanAitDates(year);
  if (kurbanAit === undefined) throw new RangeError(`no 10 Dhu al-Hijjah falls in ${year}`);
  const estimate = 'estimate: 10 Dhu al-Hijjah by the tabular Islamic calendar; the DUMK date may differ by a day or two';
  return {
    year,
    kurbanAit: { date: kurbanAit, verified: false, source: estimate },
    transfers: [],
    transfersComplete: { verified: false, source: `${ESTIMATED_YEAR_SOURCE}; government transfers of days off are not foreseeable` },
    extraHolidays: second.map((date) => ({ date, name: KURBAN_AIT_NAME, movable: false, verified: false, source: estimate })),
    removedHolidays: [],
  };
}

/**
 * The working-day calendar of Kazakhstan: the years in `kzYearData` as entered, and any later year
 * estimated from the statutory rules (`estimatedKzYearData`), reported by `isVerifiedYear` as
 * unverified. Years before the first entered year are not estimated: their transfers are known
 * and must be entered, not guessed.
 */
export const kzWorkingCalendar: WorkingCalendar = createWorkingCalendar(kzCalendarYears, {
  estimateYear: (year) => buildKzCalendarYear(estimatedKzYearData(year)),
});

export type UnverifiedEntry = { year: number; subject: string; source: string };

/** Every entry (year data and rules in force that year) not confirmed by a source. */
export function kzUnverifiedEntries(data: readonly KzYearData[] = kzYearData): UnverifiedEntry[] {
  const out: UnverifiedEntry[] = [];
  for (const y of data) {
    if (!y.kurbanAit.verified) {
      out.push({ year: y.year, subject: `Kurban Ait ${y.kurbanAit.date}`, source: y.kurbanAit.source });
    }
    for (const t of y.transfers) {
      if (!t.verified) out.push({ year: y.year, subject: `transfer ${t.kind} ${t.date}`, source: t.source });
    }
    if (!y.transfersComplete.verified) {
      out.push({ year: y.year, subject: 'list of transfers complete', source: y.transfersComplete.source });
    }
    for (const h of y.extraHolidays) {
      if (!h.verified) out.push({ year: y.year, subject: `extra holiday ${h.date} ${h.name}`, source: h.source });
    }
    for (const r of y.removedHolidays) {
      if (!r.verified) out.push({ year: y.year, subject: `removed holiday ${r.date}`, source: r.source });
    }
    for (const rule of rulesInForce(y.year)) {
      if (rule.verified === false) {
        out.push({
          year: y.year,
          subject: `rule ${String(rule.month).padStart(2, '0')}-${String(rule.day).padStart(2, '0')} ${rule.name}`,
          source: rule.source ?? 'no source recorded',
        });
      }
    }
  }
  return out;
}
