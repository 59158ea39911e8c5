import type { EntityManager } from '@mikro-orm/postgresql';
import { standingDelegationFilter } from '@bakylau/platform/auth/delegation';
import { SigningDelegation } from './entities.ts';

/** Serialises the changes to one head's delegations, so two overlapping grants cannot both pass the check. */
export async function lockDelegationsOfHead(tx: EntityManager, headSubject: string): Promise<void> {
  await tx.execute(`select pg_advisory_xact_lock(hashtext('appeals:signing-delegation:' || ?))`, [headSubject]);
}

/** A live (unrevoked) delegation of the head whose days meet [from, to], if any. */
export function overlappingDelegation(tx: EntityManager, headSubject: string, from: string, to: string): Promise<SigningDelegation | null> {
  return tx.findOne(SigningDelegation, { headSubject, revokedAt: null, validFrom: { $lte: to }, validTo: { $gte: from } });
}

/** The delegation a substitute holds on `today`: granted, within its days and not revoked. */
export function delegationHeldOn(em: EntityManager, substituteSubject: string, today: string): Promise<SigningDelegation | null> {
  return em.findOne(SigningDelegation, standingDelegationFilter(substituteSubject, today), { orderBy: { createdAt: 'desc' } });
}
