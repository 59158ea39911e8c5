import { kzWorkingCalendar, type WorkingCalendar } from '@bakylau/platform/calendar/index';
import type { RequestContext } from '@bakylau/platform/service-runtime';
import { createAuditLoaders, type AuditLoaders } from './db/loaders.ts';

/** What audit's resolvers get: the base request context plus fresh loaders, the calendar and a clock. */
export type AuditContext = RequestContext & {
  loaders: AuditLoaders;
  calendar: WorkingCalendar;
  now: () => Date;
};

export function createAuditContext(base: RequestContext): AuditContext {
  return { ...base, loaders: createAuditLoaders(base.em), calendar: kzWorkingCalendar, now: () => new Date() };
}
