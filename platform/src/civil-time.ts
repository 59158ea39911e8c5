/**
 * Kazakhstan civil time: the one module that knows the country's offset from UTC. Every civil day,
 * start or end of a day, end of the working day and DD.MM.YYYY date of the platform comes from
 * here, in TypeScript and in SQL (`civilDaySql`); a second copy of the offset elsewhere is a defect
 * (civil-time-copies.test.ts looks for one).
 *
 * Kazakhstan has had a single time zone, UTC+5, since 00:00 on 1 March 2024 (Government decree of
 * 19 January 2024 No. 20 amending decree of 23 November 2000 No. 1749 "On the procedure for
 * calculating time"; before it most of the country kept UTC+6). There is no daylight saving time,
 * so every civil day is exactly 24 hours long.
 */
import type { CivilDate } from './calendar/working-calendar.ts';
import { isCivilDate } from './calendar/working-calendar.ts';

/** Minutes Kazakhstan civil time is ahead of UTC. */
export const civilUtcOffsetMinutes = 300;

const offsetMs = civilUtcOffsetMinutes * 60_000;
const dayMs = 86_400_000;

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** The offset as ISO 8601 writes it after a time ('+05:00'). */
export const civilOffsetIso = `+${pad2(Math.floor(civilUtcOffsetMinutes / 60))}:${pad2(civilUtcOffsetMinutes % 60)}`;

/** The zone as people read it on a document ('UTC+5'). */
export const civilTimeZoneLabel = `UTC+${civilUtcOffsetMinutes / 60}`;

/**
 * The first instant of the single zone. Before it the country had two zones (UTC+6 east, UTC+5
 * west), so an earlier instant has no single civil date.
 */
export const KZ_SINGLE_ZONE_SINCE = '2024-02-29T18:00:00Z';
const singleZoneSinceMs = Date.parse(KZ_SINGLE_ZONE_SINCE);

/** A time of day on the civil clock. */
export type ClockTime = { hour: number; minute: number };

const CLOCK_TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** True for 'HH:MM' from 00:00 to 23:59. */
export function isClockTime(value: string): boolean {
  return CLOCK_TIME_RE.test(value);
}

/** Parses 'HH:MM' (00:00–23:59); throws RangeError for anything else. */
export function parseClockTime(value: string): ClockTime {
  const m = CLOCK_TIME_RE.exec(value);
  if (m === null) throw new RangeError(`Not a time of day HH:MM: ${JSON.stringify(value)}`);
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

/** 'HH:MM'. */
export function formatClockTime(time: ClockTime): string {
  return `${pad2(time.hour)}:${pad2(time.minute)}`;
}

function validInstant(instant: Date, fn: string): number {
  const t = instant.getTime();
  if (Number.isNaN(t)) throw new RangeError(`${fn}: invalid Date`);
  return t;
}

function assertCivilDate(date: string, fn: string): void {
  if (!isCivilDate(date)) throw new RangeError(`${fn}: not a civil date YYYY-MM-DD: ${JSON.stringify(date)}`);
}

/** The civil wall clock of the instant, as the UTC fields of a shifted Date. */
function wallClock(instant: Date, fn: string): Date {
  return new Date(validInstant(instant, fn) + offsetMs);
}

/** The civil date in Kazakhstan at the instant; refuses instants before the single zone. */
export function civilDateInKazakhstan(instant: Date): CivilDate {
  const t = validInstant(instant, 'civilDateInKazakhstan');
  if (t < singleZoneSinceMs) {
    throw new RangeError(
      `civilDateInKazakhstan: ${instant.toISOString()} is before ${KZ_SINGLE_ZONE_SINCE}, ` +
        `when Kazakhstan still had two time zones; the civil date depends on the region`,
    );
  }
  return new Date(t + offsetMs).toISOString().slice(0, 10);
}

/** Minutes since civil midnight at the instant (0–1439). */
export function civilMinutesOfDay(instant: Date): number {
  const local = wallClock(instant, 'civilMinutesOfDay');
  return local.getUTCHours() * 60 + local.getUTCMinutes();
}

/** The civil time of day of the instant, 'HH:MM'. */
export function civilClockTime(instant: Date): string {
  return wallClock(instant, 'civilClockTime').toISOString().slice(11, 16);
}

/** The instant a civil day begins (00:00 in Kazakhstan). */
export function startOfCivilDay(date: CivilDate): Date {
  assertCivilDate(date, 'startOfCivilDay');
  return new Date(Date.parse(`${date}T00:00:00Z`) - offsetMs);
}

/** The first instant after a civil day has ended (00:00 of the next day): a day is [start, end). */
export function endOfCivilDay(date: CivilDate): Date {
  return new Date(startOfCivilDay(date).getTime() + dayMs);
}

/** The civil dates [from, to] as the half-open range of instants [start, end). */
export function civilPeriodInstants(from: CivilDate, to: CivilDate): { start: Date; end: Date } {
  return { start: startOfCivilDay(from), end: endOfCivilDay(to) };
}

/** The instant of a civil date and a time of day ('HH:MM' or a ClockTime) in Kazakhstan. */
export function civilInstant(date: CivilDate, time: string | ClockTime = '00:00'): Date {
  const t = typeof time === 'string' ? parseClockTime(time) : time;
  return new Date(startOfCivilDay(date).getTime() + (t.hour * 60 + t.minute) * 60_000);
}

/** The instant the working day of a civil date ends, the end being the configured time of day. */
export function workingDayEndOf(date: CivilDate, workingDayEnd: ClockTime): Date {
  return civilInstant(date, workingDayEnd);
}

/** Whether the instant is at or after the end of its civil day's working day. */
export function isAfterWorkingDay(instant: Date, workingDayEnd: ClockTime): boolean {
  return civilMinutesOfDay(instant) >= workingDayEnd.hour * 60 + workingDayEnd.minute;
}

/** 'YYYY-MM-DD' as 'DD.MM.YYYY', as dates are written on documents. */
export function formatCivilDate(date: CivilDate): string {
  assertCivilDate(date, 'formatCivilDate');
  return `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;
}

/** The instant as 'DD.MM.YYYY HH:MM' in Kazakhstan time, as on paper documents. */
export function formatCivilDateTime(instant: Date): string {
  const local = wallClock(instant, 'formatCivilDateTime').toISOString();
  return `${formatCivilDate(local.slice(0, 10))} ${local.slice(11, 16)}`;
}

/** The instant as ISO 8601 in Kazakhstan time with its offset, to the second ('2026-03-02T10:00:00+05:00'). */
export function civilIsoDateTime(instant: Date): string {
  return `${wallClock(instant, 'civilIsoDateTime').toISOString().slice(0, 19)}${civilOffsetIso}`;
}

const offsetIntervalSql = `interval '${civilUtcOffsetMinutes} minutes'`;

/**
 * SQL: the Kazakhstan civil date (a `date`) of a `timestamptz` expression. Written without the
 * session's TimeZone setting, so the answer never depends on the connection.
 */
export function civilDaySql(column: string): string {
  return `((${column} at time zone 'UTC') + ${offsetIntervalSql})::date`;
}

/** SQL: the Kazakhstan civil date of a `timestamptz` expression as 'YYYY-MM-DD' text. */
export function civilDayTextSql(column: string): string {
  return `to_char(${civilDaySql(column)}, 'YYYY-MM-DD')`;
}
