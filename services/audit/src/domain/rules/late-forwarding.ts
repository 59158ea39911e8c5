import type { WorkingCalendar } from '@bakylau/platform/calendar/index';
import { forwardingDueDate } from '@bakylau/platform/law/appeal-terms';
import { legalTerms } from '@bakylau/platform/law/legal-terms';
import { civilDateOf, instantOf, type RuleFinding } from './compliance-rule.ts';

/** LATE_FORWARDING: forwarded after the last day appeals itself computes (АППК art. 65 part 1, from the day of receipt). */
export function lateForwarding(facts: { receivedAt: string; forwardedAt: string }, calendar: WorkingCalendar): RuleFinding | null {
  const received = civilDateOf(facts.receivedAt);
  const forwarded = civilDateOf(facts.forwardedAt);
  const latest = forwardingDueDate(instantOf(facts.receivedAt), calendar);
  if (forwarded <= latest) return null;
  return {
    occurredAt: instantOf(facts.forwardedAt),
    details: `Received ${received}, forwarded ${forwarded}; forwarding was due by ${latest} (${legalTerms.forwardingWorkingDays.article})`,
  };
}
