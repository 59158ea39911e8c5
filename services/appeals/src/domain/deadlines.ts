import { civilDateInKazakhstan, type CivilDate, type WorkingCalendar } from '@bakylau/platform/calendar/index';
import type { AppealKind } from './appeal-kinds.ts';
import { legalTerms, workingDayEnd } from './legal-terms.ts';

const KZ_OFFSET_MINUTES = 5 * 60;

/** Minutes since local midnight in Kazakhstan (UTC+5) at the instant. */
function kzMinutesOfDay(instant: Date): number {
  const utcMinutes = instant.getUTCHours() * 60 + instant.getUTCMinutes();
  return (utcMinutes + KZ_OFFSET_MINUTES) % (24 * 60);
}

/**
 * The day the terms count from: the day of receipt, or the next working day when the appeal
 * arrived on a non-working day or after working hours.
 */
export function termStartDate(receivedAt: Date, calendar: WorkingCalendar): CivilDate {
  const day = civilDateInKazakhstan(receivedAt);
  const afterHours = kzMinutesOfDay(receivedAt) >= workingDayEnd.hour * 60 + workingDayEnd.minute;
  if (!calendar.isWorkingDay(day) || afterHours) return calendar.nextWorkingDay(day);
  return day;
}

/** Working days to consider an appeal of the kind. */
export function considerationWorkingDays(kind: AppealKind): number {
  return kind === 'COMPLAINT' ? legalTerms.complaintConsiderationWorkingDays.value : legalTerms.considerationWorkingDays.value;
}

/** Adds calendar months, clamping to the last day of a shorter month (31 Jan + 1 month = 28/29 Feb). */
export function addCalendarMonths(date: CivilDate, months: number): CivilDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

export type AppealTerms = {
  termStartDate: CivilDate;
  dueDate: CivilDate;
  forwardingDueDate: CivilDate;
  /** The latest any extension may reach. */
  maxDueDate: CivilDate;
};

/** The terms of a new appeal, counted on the working-day calendar from its receipt. */
export function appealTerms(kind: AppealKind, receivedAt: Date, calendar: WorkingCalendar): AppealTerms {
  const start = termStartDate(receivedAt, calendar);
  return {
    termStartDate: start,
    dueDate: calendar.addWorkingDays(start, considerationWorkingDays(kind)),
    forwardingDueDate: calendar.addWorkingDays(start, legalTerms.forwardingWorkingDays.value),
    maxDueDate: addCalendarMonths(start, legalTerms.maxTotalMonths.value),
  };
}

/** Last day to tell the applicant about an extension decided on `decidedOn`. */
export function extensionNoticeDueBy(decidedOn: CivilDate, calendar: WorkingCalendar): CivilDate {
  return calendar.addWorkingDays(decidedOn, legalTerms.extensionNoticeWorkingDays.value);
}

/** Why an extension is refused, or null when it is allowed. */
export function extensionProblem(current: CivilDate, proposed: CivilDate, maxDueDate: CivilDate): string | null {
  if (proposed <= current) return `must be later than the current due date ${current}`;
  if (proposed > maxDueDate) return `must not be later than ${maxDueDate} (two months in total, ${legalTerms.maxTotalMonths.source})`;
  return null;
}

/** OVERDUE is a fact, not a state: open and past its due date. */
export function isOverdue(open: boolean, dueDate: CivilDate, today: CivilDate): boolean {
  return open && today > dueDate;
}

/**
 * Terms of a review reopened on `reopenedOn` by the applicant's 'not satisfied' rating: never
 * shorter than the current due date; the 2-month ceiling grows with it so a later extension stays
 * possible only up to the new due date.
 */
export function reopenedReviewTerms(
  current: { dueDate: CivilDate; maxDueDate: CivilDate },
  reopenedOn: CivilDate,
  calendar: WorkingCalendar,
): { dueDate: CivilDate; maxDueDate: CivilDate } {
  const counted = calendar.addWorkingDays(reopenedOn, legalTerms.reopenedReviewWorkingDays.value);
  const dueDate = counted > current.dueDate ? counted : current.dueDate;
  return { dueDate, maxDueDate: dueDate > current.maxDueDate ? dueDate : current.maxDueDate };
}
