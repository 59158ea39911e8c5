import { CalendarYearMissingError, isCivilDate, kzWorkingCalendar, type WorkingCalendar } from '@bakylau/platform/calendar/index';
import { badUserInput, type FieldProblem } from '@bakylau/platform/errors';
import { legalTerms } from '@bakylau/platform/law/legal-terms';

/** Checks a due date given by a user: a civil date, a working day, not before today. Returns the problem, if any. */
export function dueDateProblem(field: string, dueDate: string, today: string, calendar: WorkingCalendar = kzWorkingCalendar): FieldProblem | null {
  if (!isCivilDate(dueDate)) return { field, message: 'must be a date YYYY-MM-DD' };
  if (dueDate < today) return { field, message: `must not be before today (${today})` };
  try {
    if (!calendar.isWorkingDay(dueDate)) return { field, message: 'must be a working day' };
  } catch (error) {
    if (error instanceof CalendarYearMissingError) return { field, message: 'is outside the years of the working-day calendar' };
    throw error;
  }
  return null;
}

export function assertDueDate(field: string, dueDate: string, today: string, calendar: WorkingCalendar = kzWorkingCalendar): void {
  const problem = dueDateProblem(field, dueDate, today, calendar);
  if (problem) throw badUserInput(`Invalid ${field}`, [problem]);
}

/**
 * A due date from another service's event: kept when usable, moved to the next working day when it
 * falls on a day off, and the default term from `today` when missing or unusable (events are facts;
 * they are never refused).
 */
export function dueDateFromEvent(value: unknown, today: string, calendar: WorkingCalendar = kzWorkingCalendar): string {
  if (typeof value === 'string' && isCivilDate(value) && value >= today) {
    try {
      return calendar.isWorkingDay(value) ? value : calendar.nextWorkingDay(value);
    } catch (error) {
      if (!(error instanceof CalendarYearMissingError)) throw error;
    }
  }
  return calendar.addWorkingDays(today, legalTerms.receptionInstructionWorkingDays.value);
}

/** When the next interim report is due: `periodDays` working days after `from` (null without periodic reporting). */
export function nextReportDue(from: string, periodDays: number | null, calendar: WorkingCalendar = kzWorkingCalendar): string | null {
  return periodDays ? calendar.addWorkingDays(from, periodDays) : null;
}
