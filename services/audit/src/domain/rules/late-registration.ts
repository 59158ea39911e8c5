import type { ClockTime } from '@bakylau/platform/civil-time';
import type { WorkingCalendar } from '@bakylau/platform/calendar/index';
import { termStartDate } from '@bakylau/platform/law/appeal-terms';
import { legalRules } from '@bakylau/platform/law/legal-terms';
import { civilDateOf, instantOf, type RuleFinding } from './compliance-rule.ts';

/**
 * LATE_REGISTRATION: an appeal is registered on the day it is received, or on the next working
 * day when it arrives on a non-working day or after the working day ended (АППК art. 64 part 3):
 * the very day appeals counts the term from.
 */
export function lateRegistration(facts: { receivedAt: string; registeredAt: string }, calendar: WorkingCalendar, workingDayEnd: ClockTime): RuleFinding | null {
  const received = civilDateOf(facts.receivedAt);
  const registered = civilDateOf(facts.registeredAt);
  const latest = termStartDate(instantOf(facts.receivedAt), calendar, workingDayEnd);
  if (registered <= latest) return null;
  return {
    occurredAt: instantOf(facts.registeredAt),
    details: `Received ${received}, registered ${registered}; registration was due by ${latest} (${legalRules.registrationOnDayOfReceipt})`,
  };
}
