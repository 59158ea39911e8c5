import type { EntityManager } from '@mikro-orm/postgresql';
import { standingDelegationFilter } from '@bakylau/platform/auth/delegation';
import { DelegationCopy } from './entities.ts';

/** The delegation a substitute holds on `today` in the read copy: within its days and not revoked. */
export function delegationHeldOn(em: EntityManager, substituteSubject: string, today: string): Promise<DelegationCopy | null> {
  return em.findOne(DelegationCopy, standingDelegationFilter(substituteSubject, today));
}
