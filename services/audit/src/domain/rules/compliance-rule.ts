import { isCivilDate, type CivilDate } from '@bakylau/platform/calendar/index';
import { civilDateInKazakhstan, startOfCivilDay } from '@bakylau/platform/civil-time';

/** The rules of DOMAIN.md "Audit and compliance", checked over the event stream (R10.1). */
export const complianceRules = [
  'LATE_REGISTRATION',
  'LATE_FORWARDING',
  'ANSWER_AFTER_DUE_DATE',
  'EXTENSION_WITHOUT_NOTICE',
  'CLOSED_WITHOUT_ANSWER_DOCUMENT',
  'ANSWER_SIGNED_WITHOUT_RIGHT',
] as const;
export type ComplianceRule = (typeof complianceRules)[number];

export function isComplianceRule(value: unknown): value is ComplianceRule {
  return typeof value === 'string' && (complianceRules as readonly string[]).includes(value);
}

/** What a rule found: when the breach happened and the facts behind it (dates and states only). */
export type RuleFinding = { occurredAt: Date; details: string };

/**
 * The civil date in Kazakhstan of an event field: a 'YYYY-MM-DD' date as is, an instant converted
 * to Kazakhstan civil time. Throws RangeError for anything else, which the caller reports as "not evaluated".
 */
export function civilDateOf(value: string | Date): CivilDate {
  if (typeof value === 'string' && isCivilDate(value)) return value;
  const instant = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(instant.getTime())) throw new RangeError(`not a date or instant: ${String(value)}`);
  return civilDateInKazakhstan(instant);
}

/** The instant of an event field; a bare civil date means the start of that day in Kazakhstan. */
export function instantOf(value: string | Date): Date {
  if (value instanceof Date) return value;
  const instant = isCivilDate(value) ? startOfCivilDay(value) : new Date(value);
  if (Number.isNaN(instant.getTime())) throw new RangeError(`not a date or instant: ${value}`);
  return instant;
}
