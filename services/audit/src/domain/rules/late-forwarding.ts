import type { WorkingCalendar } from '@bakylau/platform/calendar/index';
import { civilDateOf, instantOf, type RuleFinding } from './compliance-rule.ts';

/** Working days allowed to forward an appeal to the competent body (APC art. 76). */
export const forwardingTermWorkingDays = 3;

/** LATE_FORWARDING: forwarded later than 3 working days after receipt. */
export function lateForwarding(facts: { receivedAt: string; forwardedAt: string }, calendar: WorkingCalendar): RuleFinding | null {
  const received = civilDateOf(facts.receivedAt);
  const forwarded = civilDateOf(facts.forwardedAt);
  const latest = calendar.addWorkingDays(received, forwardingTermWorkingDays);
  if (forwarded <= latest) return null;
  return {
    occurredAt: instantOf(facts.forwardedAt),
    details: `Received ${received}, forwarded ${forwarded}; forwarding was due by ${latest}`,
  };
}
