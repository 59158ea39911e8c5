import type { CivilDate, WorkingCalendar } from '@bakylau/platform/calendar/index';
import { extensionNoticeDueBy } from '@bakylau/platform/law/appeal-terms';
import { endOfCivilDay } from '@bakylau/platform/civil-time';
import { civilDateOf, type RuleFinding } from './compliance-rule.ts';

/** The last day on which the notice of an extension made at `extendedAt` is in time (АППК art. 76 part 3). */
export function extensionNoticeDeadline(extendedAt: Date, calendar: WorkingCalendar): CivilDate {
  return extensionNoticeDueBy(civilDateOf(extendedAt), calendar);
}

/**
 * EXTENSION_WITHOUT_NOTICE: no notice to the applicant by the deadline. A notice that came late
 * is a breach too; with no notice yet, it is a breach only once the deadline day is over at `now`
 * (before that the case is still open and the result is null).
 */
export function extensionWithoutNotice(facts: { noticeDeadline: CivilDate; noticedAt: Date | null; now: Date }): RuleFinding | null {
  if (facts.noticedAt) {
    const noticed = civilDateOf(facts.noticedAt);
    if (noticed <= facts.noticeDeadline) return null;
    return {
      occurredAt: endOfCivilDay(facts.noticeDeadline),
      details: `Notice of the extension sent ${noticed}; it was due by ${facts.noticeDeadline}`,
    };
  }
  if (civilDateOf(facts.now) <= facts.noticeDeadline) return null;
  return {
    occurredAt: endOfCivilDay(facts.noticeDeadline),
    details: `No notice of the extension to the applicant by ${facts.noticeDeadline}`,
  };
}
