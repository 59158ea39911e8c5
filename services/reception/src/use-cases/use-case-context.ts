import type { Actor } from '@bakylau/platform/events/cloud-event';
import type { Principal } from '@bakylau/platform/auth/principal';
import { badUserInput, type FieldProblem } from '@bakylau/platform/errors';
import type { Notifier } from '@bakylau/platform/notifications/notification-dispatcher';
import type { RequestContext } from '@bakylau/platform/service-runtime';
import type { ReceptionLoaders } from '../loaders/reception-loaders.ts';
import { isUuid } from '@bakylau/platform/ids';

/** What a use case works with: the request's unit of work, caller, trace and loaders. */
export type UseCaseContext = RequestContext & { loaders: ReceptionLoaders; now?: () => Date; notifier?: Notifier };

export const actorOf = (principal: Principal): Actor => ({ subject: principal.subject, role: principal.role });

export const systemActor: Actor = { subject: 'system', role: 'system' };

/** Problems for id arguments that cannot be ids at all (so the database never sees them). */
export function idProblems(ids: Record<string, string | null | undefined>): FieldProblem[] {
  return Object.entries(ids)
    .filter(([, value]) => value !== null && value !== undefined && !isUuid(value))
    .map(([field]) => ({ field, message: 'is not a valid id' }));
}

/** Throws BAD_USER_INPUT listing every problem at once, before anything is written. */
export function rejectProblems(problems: FieldProblem[]): void {
  if (problems.length > 0) throw badUserInput(`Invalid input: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, problems);
}
