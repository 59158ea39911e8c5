import type { ClockTime } from '@bakylau/platform/civil-time';
import { isUuid } from '@bakylau/platform/ids';
import { randomUUID } from 'node:crypto';
import { LockMode, OptimisticLockError } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '@bakylau/platform/auth/principal';
import { civilDateInKazakhstan, type WorkingCalendar } from '@bakylau/platform/calendar/index';
import { conflict, notFound } from '@bakylau/platform/errors';
import type { Actor } from '@bakylau/platform/events/cloud-event';
import type { SealingKeyring } from '@bakylau/platform/events/sealed-text';
import type { TraceHeaders } from '@bakylau/platform/outbox/record-event';
import type { RegistrationNumberFormat } from '../domain/registration-number.ts';
import { Appeal } from '../db/entities.ts';

/**
 * What every use case works with: the request's unit of work, the caller, the clock, the calendar,
 * and the keyring that seals free text in events (and opens it in those it consumes).
 */
export type UseCaseDeps = {
  em: EntityManager;
  principal: Principal | null;
  trace: TraceHeaders;
  now: () => Date;
  calendar: WorkingCalendar;
  /** End of the working day (WORKING_DAY_END): a receipt at or after it counts from the next working day. */
  workingDayEnd: ClockTime;
  registrationNumberFormat: RegistrationNumberFormat;
  sealingKeys: SealingKeyring;
};

export const newId = (): string => randomUUID();

export function actorOf(principal: Principal): Actor {
  return { subject: principal.subject, role: principal.role };
}

export function todayOf(deps: UseCaseDeps): string {
  return civilDateInKazakhstan(deps.now());
}

/**
 * Runs a change of one appeal in a transaction: loads and locks it, refuses a stale `expectedVersion` with
 * CONFLICT before anything is written (null: the change does not depend on what the caller read, e.g.
 * the applicant's rating, and only waits for the lock), and turns a concurrent writer's win (the version column
 * moved between our read and our flush) into CONFLICT too.
 */
export async function changeAppeal(
  deps: UseCaseDeps,
  appealId: string,
  expectedVersion: number | null,
  change: (tx: EntityManager, appeal: Appeal) => Promise<void>,
): Promise<Appeal> {
  try {
    return await deps.em.transactional(async (tx) => {
      // FOR UPDATE: a concurrent change of the same appeal waits here and then sees the new version,
      // so it fails with CONFLICT before writing anything (rather than on a child row's unique key).
      const appeal = isUuid(appealId) ? await tx.findOne(Appeal, { id: appealId }, { lockMode: LockMode.PESSIMISTIC_WRITE }) : null;
      if (!appeal) throw notFound('Appeal', appealId);
      if (expectedVersion !== null && appeal.version !== expectedVersion) {
        throw conflict(`Appeal ${appeal.registrationNumber} was changed by someone else (version ${appeal.version}, expected ${expectedVersion}); reload it`);
      }
      await change(tx, appeal);
      appeal.updatedAt = deps.now();
      return appeal;
    });
  } catch (error) {
    if (error instanceof OptimisticLockError) throw conflict(`Appeal ${appealId} was changed by someone else; reload it`);
    throw error;
  }
}
