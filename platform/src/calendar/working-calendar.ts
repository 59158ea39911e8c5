/**
 * Working-day calendar of the Republic of Kazakhstan.
 *
 * Every legal deadline of the platform is counted on this calendar (e.g.
 * Administrative Procedural Code art. 76: an appeal is considered within 15
 * working days; forwarding to the competent body within 3 working days).
 *
 * Model:
 *   - a working day is Monday–Friday, except public holidays, except days off
 *     set by the weekend-move rule or by one-off transfers, plus the weekend
 *     days that a transfer makes working days;
 *   - the calendar is DATA per year (`CalendarYear`), never per-year logic:
 *     `buildCalendarYear` turns the statutory rule set (`fixedHolidayRules`)
 *     plus the year's own facts (Kurban Ait date, decree/order transfers,
 *     holiday-list changes) into a `CalendarYear`; `createWorkingCalendar`
 *     answers questions over a list of such years;
 *   - a year after the last one with data is built, when the calendar is given
 *     an estimator, from the statutory rules alone (`estimateYear`) and reported
 *     as unverified (`isVerifiedYear`), so a receipt in a year nobody has entered
 *     yet is still registered and its estimate is visible; any other year
 *     without data (the past, or no estimator) throws `CalendarYearMissingError`.
 *
 * Dates are civil dates in Kazakhstan as 'YYYY-MM-DD' strings.
 * Everything here is pure; nothing reads the clock.
 */

/** A civil date in Kazakhstan, 'YYYY-MM-DD'. */
export type CivilDate = string;

export type Holiday = {
  date: CivilDate;
  name: string;
  /** True if, falling on Saturday/Sunday, it gives the next working day off. */
  movable: boolean;
};

export type TransferKind = 'day_off' | 'working_day';

export type Transfer = {
  date: CivilDate;
  /** 'day_off': a weekday that is not worked; 'working_day': a Saturday/Sunday that is worked. */
  kind: TransferKind;
  /** Legal basis: the decree/order, or the statutory weekend-move rule. */
  basis: string;
};

export type CalendarYear = {
  year: number;
  /** Holidays on their own dates (including those that fall on a weekend). */
  holidays: Holiday[];
  /** Days whose status differs from "weekday works / weekend rests / holiday rests". */
  transfers: Transfer[];
};

/** A holiday that recurs on the same month/day every year while the law provides it. */
export type FixedHolidayRule = {
  month: number;
  day: number;
  name: string;
  movesIfWeekend: boolean;
  /** First year the rule applies (inclusive); absent = no lower bound. */
  fromYear?: number;
  /** Last year the rule applies (inclusive); absent = still in force. */
  toYear?: number;
  /** Whether the rule (in particular its year bounds) is confirmed by a primary source. */
  verified?: boolean;
  source?: string;
};

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

/** Thrown when the calendar is asked about a year it holds no data for. */
export class CalendarYearMissingError extends Error {
  readonly year: number;

  constructor(year: number) {
    super(
      `No working-day calendar data for year ${year}: an administrator must enter ` +
        `that year's holidays and transfers before deadlines touching it can be computed`,
    );
    this.name = 'CalendarYearMissingError';
    this.year = year;
  }
}

/** Thrown for a string that is not a real 'YYYY-MM-DD' date. */
export class InvalidCivilDateError extends RangeError {
  readonly value: string;

  constructor(value: string) {
    super(`Not a civil date in the form YYYY-MM-DD: ${JSON.stringify(value)}`);
    this.name = 'InvalidCivilDateError';
    this.value = value;
  }
}

/** Thrown when calendar data is inconsistent (typically an administrator's entry error). */
export class CalendarDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CalendarDataError';
  }
}

// ---------------------------------------------------------------------------
// Civil-date arithmetic (day numbers = days since 1970-01-01)
// ---------------------------------------------------------------------------

const MS_PER_DAY = 86_400_000;
const CIVIL_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function toDayNumber(date: CivilDate): number {
  const m = CIVIL_DATE_RE.exec(date);
  if (m === null) throw new InvalidCivilDateError(date);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Date.UTC maps years 0–99 to 1900–1999; the round trip rejects that and 2025-02-30.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    throw new InvalidCivilDateError(date);
  }
  return ms / MS_PER_DAY;
}

function fromDayNumber(n: number): CivilDate {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

function yearOf(date: CivilDate): number {
  return Number(date.slice(0, 4));
}

/** 0 = Sunday … 6 = Saturday. */
function weekdayOf(dayNumber: number): number {
  return new Date(dayNumber * MS_PER_DAY).getUTCDay();
}

function isWeekendDay(dayNumber: number): boolean {
  const wd = weekdayOf(dayNumber);
  return wd === 0 || wd === 6;
}

/** Adds calendar days to a civil date. */
export function addCalendarDays(date: CivilDate, days: number): CivilDate {
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer, got ${days}`);
  return fromDayNumber(toDayNumber(date) + days);
}

/** True for a syntactically and calendrically valid 'YYYY-MM-DD'. */
export function isCivilDate(value: string): boolean {
  try {
    toDayNumber(value);
    return true;
  } catch {
    return false;
  }
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

// ---------------------------------------------------------------------------
// Statutory rule set
// ---------------------------------------------------------------------------

/**
 * Holidays of the Law of the Republic of Kazakhstan "On holidays in the
 * Republic of Kazakhstan" (13 Dec 2001 No. 267-II) as in force from 2023:
 * national and state holidays move to the next working day when they fall on
 * a Saturday or Sunday (art. 5 of the Law); the first day of Kurban Ait and
 * Orthodox Christmas (7 January) are days off that are NOT moved.
 *
 * History kept out of the rule set: Republic Day (25 Oct) was added and the
 * Day of the First President (1 Dec) dropped in 2022. Years before 2023 need
 * `extraHolidays` / `removedHolidays` or their own rule set.
 *
 * Kurban Ait is not here: its date moves every year and comes with the year's
 * data (`buildCalendarYear(year, { kurbanAit })`).
 *
 * This list is data: an administrator changes it when the Law changes, and
 * one-year deviations go into that year's `extraHolidays` / `removedHolidays`.
 */
export const fixedHolidayRules: readonly FixedHolidayRule[] = [
  { month: 1, day: 1, name: 'Новый год', movesIfWeekend: true },
  { month: 1, day: 2, name: 'Новый год', movesIfWeekend: true },
  { month: 1, day: 7, name: 'Православное Рождество', movesIfWeekend: false },
  { month: 3, day: 8, name: 'Международный женский день', movesIfWeekend: true },
  {
    // Constitution Day of the Constitution adopted at the referendum of
    // 15 March 2026 (in force from 1 July 2026; its art. 94 declares the day
    // of adoption a state holiday). The President announced on signing it
    // that the day will be celebrated every year on 15 March; the Ministry of
    // Labour was reported (taspanews.kz, 18.03.2026) as saying the holiday is
    // celebrated from 2027. The amended Law "On holidays" was not seen, so the
    // start year 2027 is an assumption: re-check when the Law is amended.
    month: 3,
    day: 15,
    name: 'День Конституции Республики Казахстан',
    movesIfWeekend: true,
    fromYear: 2027,
    verified: false,
    source:
      'Constitution of 15.03.2026 art. 94 (as reported); President’s statement 2026-03 (BAQ.KZ); ' +
      'MLSP via taspanews.kz 18.03.2026 ("from 2027"); amended Law "On holidays" not seen',
  },
  { month: 3, day: 21, name: 'Наурыз мейрамы', movesIfWeekend: true },
  { month: 3, day: 22, name: 'Наурыз мейрамы', movesIfWeekend: true },
  { month: 3, day: 23, name: 'Наурыз мейрамы', movesIfWeekend: true },
  { month: 5, day: 1, name: 'Праздник единства народа Казахстана', movesIfWeekend: true },
  { month: 5, day: 7, name: 'День защитника Отечества', movesIfWeekend: true },
  { month: 5, day: 9, name: 'День Победы', movesIfWeekend: true },
  { month: 7, day: 6, name: 'День Столицы', movesIfWeekend: true },
  {
    // Constitution Day of the 1995 Constitution, which ceases to be in force on
    // 1 July 2026. The rule ends with 2026; whether 30 Aug 2026 (a Sunday, which
    // would give Monday 31 Aug off) is still a holiday is decided in the 2026
    // year data (`removedHolidays`), where the uncertainty is flagged.
    month: 8,
    day: 30,
    name: 'День Конституции Республики Казахстан',
    movesIfWeekend: true,
    toYear: 2026,
  },
  { month: 10, day: 25, name: 'День Республики', movesIfWeekend: true, fromYear: 2022 },
  { month: 12, day: 16, name: 'День Независимости', movesIfWeekend: true },
];

/** The rules in force in the given year. */
export function rulesInForce(year: number, rules: readonly FixedHolidayRule[] = fixedHolidayRules): FixedHolidayRule[] {
  return rules.filter((r) => (r.fromYear === undefined || r.fromYear <= year) && (r.toYear === undefined || year <= r.toYear));
}

// ---------------------------------------------------------------------------
// Building a year
// ---------------------------------------------------------------------------

export const KURBAN_AIT_NAME = 'Курбан айт (первый день)';

export const WEEKEND_MOVE_BASIS_PREFIX = 'Закон РК «О праздниках в Республике Казахстан», ст. 5: перенос с';

export type BuildCalendarYearOptions = {
  /** First day of Kurban Ait in that year ('YYYY-MM-DD'); a day off, never moved. */
  kurbanAit: CivilDate;
  /** One-off transfers set by government decree / order of the Minister of Labour. */
  transfers: readonly Transfer[];
  /** Holidays for this year only (e.g. a newly established holiday before the rules are updated). */
  extraHolidays?: readonly Holiday[];
  /** Dates whose rule-generated holidays do not apply this year; each must match a holiday. */
  removedHolidays?: readonly CivilDate[];
  /** Rule set to use; defaults to `fixedHolidayRules`. */
  rules?: readonly FixedHolidayRule[];
};

function assertInYear(date: CivilDate, year: number, what: string): void {
  toDayNumber(date);
  if (yearOf(date) !== year) {
    throw new CalendarDataError(`${what} ${date} is not in year ${year}`);
  }
}

/**
 * Builds a year's calendar data: rule-based holidays + Kurban Ait + extras −
 * removals, then the weekend-move rule, then the one-off transfers.
 *
 * Weekend-move rule: each movable holiday that falls on Saturday or Sunday
 * gives the next day that is a weekday, not a holiday and not already given
 * by an earlier move, as a day off. Holidays are processed in date order, so a
 * block like Nauryz (21–23 March) falling Sat–Mon gives Tuesday and Wednesday
 * off. Kurban Ait and 7 January are not moved. The moved days off are recorded
 * as `day_off` transfers whose basis names the holiday they come from.
 *
 * Moves are computed on the ordinary week; decree transfers are applied on
 * top. A decree transfer on a day that a move already gives off is rejected as
 * contradictory data.
 */
export function buildCalendarYear(year: number, options: BuildCalendarYearOptions): CalendarYear {
  if (!Number.isInteger(year) || year < 1 || year > 9999) {
    throw new CalendarDataError(`year must be an integer between 1 and 9999, got ${year}`);
  }
  const rules = options.rules ?? fixedHolidayRules;

  const holidays: Holiday[] = [];
  for (const r of rulesInForce(year, rules)) {
    const date = `${String(year).padStart(4, '0')}-${pad2(r.month)}-${pad2(r.day)}`;
    if (!isCivilDate(date)) {
      // e.g. a 29 February rule in a common year: no holiday that year.
      continue;
    }
    holidays.push({ date, name: r.name, movable: r.movesIfWeekend });
  }

  assertInYear(options.kurbanAit, year, 'Kurban Ait date');
  holidays.push({ date: options.kurbanAit, name: KURBAN_AIT_NAME, movable: false });

  for (const h of options.extraHolidays ?? []) {
    assertInYear(h.date, year, `extra holiday "${h.name}"`);
    holidays.push({ date: h.date, name: h.name, movable: h.movable });
  }

  let kept = holidays;
  for (const removed of options.removedHolidays ?? []) {
    assertInYear(removed, year, 'removed holiday');
    const before = kept.length;
    kept = kept.filter((h) => h.date !== removed);
    if (kept.length === before) {
      throw new CalendarDataError(`removed holiday ${removed} matches no holiday of ${year}`);
    }
  }
  kept.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

  const holidayDays = new Set(kept.map((h) => toDayNumber(h.date)));
  const movedDays = new Set<number>();
  const moves: Transfer[] = [];
  const seenMovableDates = new Set<string>();
  for (const h of kept) {
    if (!h.movable || seenMovableDates.has(h.date)) continue;
    const day = toDayNumber(h.date);
    if (!isWeekendDay(day)) continue;
    // Two movable holidays on the same date give one day off, not two.
    seenMovableDates.add(h.date);
    let candidate = day + 1;
    while (isWeekendDay(candidate) || holidayDays.has(candidate) || movedDays.has(candidate)) candidate += 1;
    movedDays.add(candidate);
    moves.push({
      date: fromDayNumber(candidate),
      kind: 'day_off',
      basis: `${WEEKEND_MOVE_BASIS_PREFIX} ${h.date} (${h.name})`,
    });
  }

  const decreeTransfers: Transfer[] = [];
  for (const t of options.transfers) {
    assertInYear(t.date, year, 'transfer');
    if (movedDays.has(toDayNumber(t.date))) {
      throw new CalendarDataError(`transfer on ${t.date} (${t.basis}) collides with a day off given by the weekend-move rule`);
    }
    decreeTransfers.push({ date: t.date, kind: t.kind, basis: t.basis });
  }

  const transfers = [...moves, ...decreeTransfers].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const built: CalendarYear = { year, holidays: kept, transfers };
  validateCalendarYear(built);
  return built;
}

/**
 * Checks a year's data for consistency; throws `CalendarDataError` or
 * `InvalidCivilDateError`. Used on every year given to `createWorkingCalendar`,
 * since years may be edited by hand.
 */
export function validateCalendarYear(y: CalendarYear): void {
  if (!Number.isInteger(y.year) || y.year < 1 || y.year > 9999) {
    throw new CalendarDataError(`year must be an integer between 1 and 9999, got ${y.year}`);
  }
  const holidayDays = new Set<number>();
  for (const h of y.holidays) {
    assertInYear(h.date, y.year, `holiday "${h.name}"`);
    holidayDays.add(toDayNumber(h.date));
  }
  const transferDays = new Set<number>();
  for (const t of y.transfers) {
    assertInYear(t.date, y.year, 'transfer');
    const day = toDayNumber(t.date);
    if (transferDays.has(day)) throw new CalendarDataError(`two transfers on ${t.date}`);
    transferDays.add(day);
    // Calendar years come from data files: the kind is checked as the string it may be.
    const kind: string = t.kind;
    if (kind === 'working_day') {
      if (!isWeekendDay(day)) {
        throw new CalendarDataError(`transfer makes ${t.date} a working day, but it is already a weekday`);
      }
      if (holidayDays.has(day)) {
        throw new CalendarDataError(`transfer makes ${t.date} a working day, but it is a holiday`);
      }
    } else if (kind === 'day_off') {
      if (isWeekendDay(day)) {
        throw new CalendarDataError(`transfer makes ${t.date} a day off, but it is already a weekend day`);
      }
      if (holidayDays.has(day)) {
        throw new CalendarDataError(`transfer makes ${t.date} a day off, but it is already a holiday`);
      }
    } else {
      throw new CalendarDataError(`unknown transfer kind on ${t.date}`);
    }
  }
}

// ---------------------------------------------------------------------------
// The calendar
// ---------------------------------------------------------------------------

export type WorkingCalendar = {
  /** Whether the civil date is a working day. */
  isWorkingDay(date: CivilDate): boolean;
  /** The first working day strictly after `date`. */
  nextWorkingDay(date: CivilDate): CivilDate;
  /**
   * The n-th working day after `date` (n ≥ 0). Counting starts the day after
   * `date`, as a term in days starts on the day after the event. n = 0 gives
   * `date` itself.
   */
  addWorkingDays(date: CivilDate, n: number): CivilDate;
  /**
   * The number of working days in (a, b]. If b is before a, the result is
   * minus the number of working days in (b, a].
   */
  workingDaysBetween(a: CivilDate, b: CivilDate): number;
  /** Whether the calendar can answer for the year: from its data, or estimated from the statutory rules. */
  knows(year: number): boolean;
  /**
   * Whether the year comes from entered data (facts checked against published sources, each entry's
   * own doubts listed beside it), as opposed to an estimate from the statutory rules alone.
   */
  isVerifiedYear(year: number): boolean;
  /** The years the calendar holds data for, ascending (estimated years are not listed). */
  years(): number[];
};

/**
 * Whether a date counted from `from` to `to` rests on entered calendar years only: every year from
 * the one of `from` to the one of `to` is verified. False means the date is an estimate.
 */
export function countedOnVerifiedYears(calendar: WorkingCalendar, from: CivilDate, to: CivilDate): boolean {
  const [a, b] = [yearOf(from), yearOf(to)].sort((x, y) => x - y) as [number, number];
  for (let y = a; y <= b; y += 1) if (!calendar.isVerifiedYear(y)) return false;
  return true;
}

export type WorkingCalendarOptions = {
  /**
   * Builds a year after the last year with data from the statutory rules alone. Without it, such a
   * year throws `CalendarYearMissingError` like any other year without data.
   */
  estimateYear?: (year: number) => CalendarYear;
};

export function createWorkingCalendar(years: readonly CalendarYear[], options: WorkingCalendarOptions = {}): WorkingCalendar {
  const known = new Set<number>();
  const holidayDays = new Set<number>();
  const transferByDay = new Map<number, TransferKind>();

  for (const y of years) {
    validateCalendarYear(y);
    if (known.has(y.year)) throw new CalendarDataError(`year ${y.year} given twice`);
    known.add(y.year);
    for (const h of y.holidays) holidayDays.add(toDayNumber(h.date));
    for (const t of y.transfers) transferByDay.set(toDayNumber(t.date), t.kind);
  }
  const sortedYears = [...known].sort((a, b) => a - b);
  const lastKnown = sortedYears.at(-1);
  const estimated = new Set<number>();

  const canEstimate = (year: number): boolean =>
    options.estimateYear !== undefined && lastKnown !== undefined && year > lastKnown && Number.isInteger(year) && year <= 9999;

  // An estimated year joins the lookup tables the first time a question touches it.
  const ensureYear = (year: number): void => {
    if (known.has(year) || estimated.has(year)) return;
    const estimate = options.estimateYear;
    if (estimate === undefined || !canEstimate(year)) throw new CalendarYearMissingError(year);
    const y = estimate(year);
    if (y.year !== year) throw new CalendarDataError(`the estimate asked for ${year} gave year ${y.year}`);
    validateCalendarYear(y);
    for (const h of y.holidays) holidayDays.add(toDayNumber(h.date));
    for (const t of y.transfers) transferByDay.set(toDayNumber(t.date), t.kind);
    estimated.add(year);
  };

  const assertKnown = (day: number): void => {
    ensureYear(new Date(day * MS_PER_DAY).getUTCFullYear());
  };

  const isWorking = (day: number): boolean => {
    assertKnown(day);
    const transfer = transferByDay.get(day);
    if (transfer !== undefined) return transfer === 'working_day';
    return !isWeekendDay(day) && !holidayDays.has(day);
  };

  const countBetween = (from: number, to: number): number => {
    // working days in (from, to], from <= to
    let count = 0;
    for (let d = from + 1; d <= to; d += 1) if (isWorking(d)) count += 1;
    return count;
  };

  return {
    isWorkingDay(date) {
      return isWorking(toDayNumber(date));
    },
    nextWorkingDay(date) {
      const start = toDayNumber(date);
      assertKnown(start);
      let d = start + 1;
      while (!isWorking(d)) d += 1;
      return fromDayNumber(d);
    },
    addWorkingDays(date, n) {
      if (!Number.isInteger(n) || n < 0) {
        throw new RangeError(`addWorkingDays: n must be a non-negative integer, got ${n}`);
      }
      const start = toDayNumber(date);
      assertKnown(start);
      let d = start;
      let counted = 0;
      while (counted < n) {
        d += 1;
        if (isWorking(d)) counted += 1;
      }
      return fromDayNumber(d);
    },
    workingDaysBetween(a, b) {
      const da = toDayNumber(a);
      const db = toDayNumber(b);
      assertKnown(da);
      assertKnown(db);
      return da <= db ? countBetween(da, db) : -countBetween(db, da);
    },
    knows(year) {
      return known.has(year) || canEstimate(year);
    },
    isVerifiedYear(year) {
      return known.has(year);
    },
    years() {
      return [...sortedYears];
    },
  };
}
