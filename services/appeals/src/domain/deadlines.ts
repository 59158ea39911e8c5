import type { CivilDate, WorkingCalendar } from '@bakylau/platform/calendar/index';
import { considerationWorkingDays, forwardingDueDate, termStartDate } from '@bakylau/platform/law/appeal-terms';
import { legalTerms } from '@bakylau/platform/law/legal-terms';
import type { AppealKind } from './appeal-kinds.ts';

export type AppealTerms = {
  termStartDate: CivilDate;
  dueDate: CivilDate;
  forwardingDueDate: CivilDate;
};

/** The terms of a new appeal, counted on the working-day calendar from its receipt. */
export function appealTerms(kind: AppealKind, receivedAt: Date, calendar: WorkingCalendar): AppealTerms {
  const start = termStartDate(receivedAt, calendar);
  return {
    termStartDate: start,
    dueDate: calendar.addWorkingDays(start, considerationWorkingDays(kind)),
    forwardingDueDate: forwardingDueDate(receivedAt, calendar),
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
