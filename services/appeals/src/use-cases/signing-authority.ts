import type { EntityManager } from '@mikro-orm/postgresql';
import { headAuthority, type HeadAuthority } from '@bakylau/platform/auth/delegation';
import type { Principal } from '@bakylau/platform/auth/principal';
import { forbidden, unauthenticated } from '@bakylau/platform/errors';
import { delegationHeldOn } from '../db/signing-delegations.ts';

export type SigningAuthority = HeadAuthority;

/**
 * Who may sign outgoing documents and decide extensions (R3.1–R3.2): the department head, or a
 * substitute holding a delegation from a head valid today and not revoked (platform/src/auth/delegation.ts).
 */
export async function signingAuthority(em: EntityManager, principal: Principal | null, today: string): Promise<SigningAuthority> {
  if (!principal) throw unauthenticated();
  const delegation = principal.role === 'department_head' ? null : await delegationHeldOn(em, principal.subject, today);
  const authority = headAuthority(principal, delegation, today);
  if (!authority) throw forbidden('Only the department head or an acting substitute may do this');
  return authority;
}
