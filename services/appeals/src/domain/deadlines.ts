import { countedOnVerifiedYears, type CivilDate, type WorkingCalendar } from '@bakylau/platform/calendar/index';
import { civilDateInKazakhstan, type ClockTime } from '@bakylau/platform/civil-time';
import { considerationWorkingDays, forwardingDueDate, termStartDate } from '@bakylau/platform/law/appeal-terms';
import { legalTerms } from '@bakylau/platform/law/legal-terms';
import type { AppealKind } from './appeal-kinds.ts';

export type AppealTerms = {
  termStartDate: CivilDate;
  dueDate: CivilDate;
  forwardingDueDate: CivilDate;
  /** False when the due date was counted over a year the calendar only estimates (no entered data). */
  dueDateCalendarVerified: boolean;
};

/** The terms of a new appeal, counted on the working-day calendar from its receipt. */
export function appealTerms(kind: AppealKind, receivedAt: Date, calendar: WorkingCalendar, workingDayEnd: ClockTime): AppealTerms {
  const start = termStartDate(receivedAt, calendar, workingDayEnd);
  const dueDate = calendar.addWorkingDays(start, considerationWorkingDays(kind));
  return {
    termStartDate: start,
    dueDate,
    forwardingDueDate: forwardingDueDate(receivedAt, calendar),
    dueDateCalendarVerified: countedOnVerifiedYears(calendar, civilDateInKazakhstan(receivedAt), dueDate),
  };
}

/**
 * Due date of a review reopened on `reopenedOn` by the applicant's 'not satisfied' rating: never
 * earlier than the current due date.
 */
export function reopenedReviewDueDate(currentDueDate: CivilDate, reopenedOn: CivilDate, calendar: WorkingCalendar): CivilDate {
  const counted = calendar.addWorkingDays(reopenedOn, legalTerms.reopenedReviewWorkingDays.value);
  return counted > currentDueDate ? counted : currentDueDate;
}
