import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '@bakylau/platform/auth/principal';
import { forbidden, unauthenticated } from '@bakylau/platform/errors';
import { delegationHeldOn } from '../db/signing-delegations.ts';

export type SigningAuthority = { subject: string; role: string; actingFor: string | null };

/**
 * Who may sign outgoing documents and decide extensions (R3.1–R3.2): the department head, or a
 * substitute holding a delegation from a head valid today and not revoked.
 */
export async function signingAuthority(em: EntityManager, principal: Principal | null, today: string): Promise<SigningAuthority> {
  if (!principal) throw unauthenticated();
  if (principal.role === 'department_head') return { subject: principal.subject, role: principal.role, actingFor: null };
  if (principal.role === 'controller' || principal.role === 'registrar') {
    const delegation = await delegationHeldOn(em, principal.subject, today);
    if (delegation) return { subject: principal.subject, role: principal.role, actingFor: delegation.headSubject };
  }
  throw forbidden('Only the department head or an acting substitute may do this');
}
