import { civilIsoDateTime, endOfCivilDay } from '@bakylau/platform/civil-time';
import { badUserInput } from '@bakylau/platform/errors';
import { isOpen, type AppealState } from './appeal-lifecycle.ts';
import type { ApplicantType } from './appeal-kinds.ts';
import { stateLabel } from './appeal-labels.ts';

/**
 * The public Open311 GeoReport v2 view of appeals (wiki.open311.org/GeoReport_v2): field names of
 * the spec, no personal data. Only what a civic developer needs to follow how the akimat works:
 * the category, the state, the dates, the district and the responsible body.
 */

/** The spec's cap on one answer of GET requests; also the largest `page_size`. */
export const open311MaxResults = 1000;
/** A date range may not span more than 90 days; without one, the last 90 days are searched. */
export const open311WindowDays = 90;

export const open311Locales = ['ru', 'kk'] as const;
export type Open311Locale = (typeof open311Locales)[number];

/**
 * Appeals never published: a withdrawn appeal is the applicant's decision to take it back; excluded
 * procedures (administrative offences, criminal and civil procedure) are not appeals and may concern
 * investigations; an anonymous appeal is kept for crimes and corruption reports; a duplicate is the
 * same appeal counted twice.
 */
export const hiddenStates = ['WITHDRAWN', 'REDIRECTED_EXCLUDED'] as const satisfies readonly AppealState[];
export const hiddenApplicantTypes = ['ANONYMOUS'] as const satisfies readonly ApplicantType[];
export type PublicAppealState = Exclude<AppealState, (typeof hiddenStates)[number]>;

export type Open311Status = 'open' | 'closed';

export function open311StatusOf(state: AppealState): Open311Status {
  return isOpen(state) ? 'open' : 'closed';
}

/** `status_notes`: the applicant's own label of the state (appeal-labels.ts), never the free text of a decision or an answer. */
export function open311StatusNotes(state: PublicAppealState, locale: Open311Locale): string {
  return stateLabel(state, locale === 'kk' ? 'KK' : 'RU');
}

/** A point may be the applicant's home: 3 decimals (~100 m) show the street, not the house. */
export function roundCoordinate(value: number | null): number | null {
  return value === null ? null : Math.round(value * 1000) / 1000;
}

/**
 * The due date is a civil day: the appeal is expected by its end in Kazakhstan, written as its last
 * second because the spec's datetimes have second precision.
 */
export function open311ExpectedDateTime(dueDate: string): string {
  return civilIsoDateTime(new Date(endOfCivilDay(dueDate).getTime() - 1000));
}

const dayMs = 86_400_000;

/**
 * The registration window [from, to) of a search: both ends given, one end and 90 days from it, or
 * the last 90 days. A range over 90 days or ending before it starts is refused, as the spec says.
 */
export function requestWindow(start: Date | null, end: Date | null, now: Date): { from: Date; to: Date } {
  const span = open311WindowDays * dayMs;
  const to = end ?? (start ? new Date(start.getTime() + span) : now);
  const from = start ?? new Date(to.getTime() - span);
  if (to.getTime() <= from.getTime()) throw badUserInput('end_date must be after start_date', [{ field: 'end_date', message: 'must be after start_date' }]);
  if (to.getTime() - from.getTime() > span) {
    throw badUserInput(`The date range may not span more than ${open311WindowDays} days`, [
      { field: 'end_date', message: `may be at most ${open311WindowDays} days after start_date` },
    ]);
  }
  return { from, to };
}
