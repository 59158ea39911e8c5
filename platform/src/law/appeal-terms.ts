/**
 * The terms of an appeal under the Code, as plain functions over the working-day calendar. Appeals
 * computes its dates with them and audit checks the same dates with them, so the two never differ.
 */
import type { CivilDate, WorkingCalendar } from '../calendar/index.ts';
import { civilDateInKazakhstan, isAfterWorkingDay, type ClockTime } from '../civil-time.ts';
import { legalRules, legalTerms } from './legal-terms.ts';

/** The appeal kind whose term is 20 working days and never extended (АППК art. 99). */
export const complaintKind = 'COMPLAINT';

/**
 * The day an appeal must be registered on, and the day its consideration term counts from (АППК
 * art. 64 part 3): the day of receipt, or the next working day when it arrived on a non-working day
 * or at or after the end of the working day (`workingDayEnd`, configured as WORKING_DAY_END).
 */
export function termStartDate(receivedAt: Date, calendar: WorkingCalendar, workingDayEnd: ClockTime): CivilDate {
  const day = civilDateInKazakhstan(receivedAt);
  const afterHours = isAfterWorkingDay(receivedAt, workingDayEnd);
  if (!calendar.isWorkingDay(day) || afterHours) return calendar.nextWorkingDay(day);
  return day;
}

/** Working days to consider an appeal of the kind (АППК art. 76 parts 1–2; complaints art. 99). */
export function considerationWorkingDays(kind: string): number {
  return kind === complaintKind ? legalTerms.complaintConsiderationWorkingDays.value : legalTerms.considerationWorkingDays.value;
}

/**
 * Last day to forward an appeal outside competence (АППК art. 65 part 1): 3 working days counted
 * from the civil day it was received, not from its registration.
 */
export function forwardingDueDate(receivedAt: Date, calendar: WorkingCalendar): CivilDate {
  return calendar.addWorkingDays(civilDateInKazakhstan(receivedAt), legalTerms.forwardingWorkingDays.value);
}

/** Adds calendar months, clamping to the last day of a shorter month (31 Jan + 1 month = 28/29 Feb). */
export function addCalendarMonths(date: CivilDate, months: number): CivilDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

/** A term whose last day falls on a non-working day ends on the next working day (АППК art. 76 part 5). */
export function onWorkingDay(lastDay: CivilDate, calendar: WorkingCalendar): CivilDate {
  return calendar.isWorkingDay(lastDay) ? lastDay : calendar.nextWorkingDay(lastDay);
}

/**
 * The latest due date an extension decided on `decidedOn` may set (АППК art. 76 parts 3 and 5):
 * two months from the day of the decision, moved off a non-working day.
 */
export function extensionCeiling(decidedOn: CivilDate, calendar: WorkingCalendar): CivilDate {
  return onWorkingDay(addCalendarMonths(decidedOn, legalTerms.extensionMaxMonths.value), calendar);
}

/** Last day to tell the applicant about an extension decided on `decidedOn` (АППК art. 76 part 3). */
export function extensionNoticeDueBy(decidedOn: CivilDate, calendar: WorkingCalendar): CivilDate {
  return calendar.addWorkingDays(decidedOn, legalTerms.extensionNoticeWorkingDays.value);
}

export type ExtensionRefusal = { field: 'appealId' | 'newDueDate'; message: string };

/** Why an extension decided on `decidedOn` is refused, or null when the Code allows it. */
export function extensionRefusal(
  appeal: { kind: string; dueDate: CivilDate },
  proposed: CivilDate,
  decidedOn: CivilDate,
  calendar: WorkingCalendar,
): ExtensionRefusal | null {
  if (appeal.kind === complaintKind) return { field: 'appealId', message: `the term of a complaint is not extended (${legalRules.complaintNotExtended})` };
  if (proposed <= appeal.dueDate) return { field: 'newDueDate', message: `must be later than the current due date ${appeal.dueDate}` };
  const ceiling = extensionCeiling(decidedOn, calendar);
  if (proposed > ceiling)
    return { field: 'newDueDate', message: `must not be later than ${ceiling} (two months from the decision, ${legalTerms.extensionMaxMonths.article})` };
  return null;
}
