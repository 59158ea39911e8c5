import type { WorkingCalendar } from '@bakylau/platform/calendar/index';
import { civilDateOf, instantOf, type RuleFinding } from './compliance-rule.ts';

/**
 * LATE_REGISTRATION: an appeal is registered on the day it is received, or on the next working
 * day when it arrives on a non-working day.
 */
export function lateRegistration(facts: { receivedAt: string; registeredAt: string }, calendar: WorkingCalendar): RuleFinding | null {
  const received = civilDateOf(facts.receivedAt);
  const registered = civilDateOf(facts.registeredAt);
  const latest = calendar.isWorkingDay(received) ? received : calendar.nextWorkingDay(received);
  if (registered <= latest) return null;
  return {
    occurredAt: instantOf(facts.registeredAt),
    details: `Received ${received}, registered ${registered}; registration was due by ${latest}`,
  };
}
