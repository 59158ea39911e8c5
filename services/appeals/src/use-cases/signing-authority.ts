import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '@bakylau/platform/auth/principal';
import { forbidden, unauthenticated } from '@bakylau/platform/errors';
import { SigningDelegation } from '../db/entities.ts';

export type SigningAuthority = { subject: string; role: string; actingFor: string | null };

/**
 * Who may sign outgoing documents and decide extensions (R3.1–R3.2): the department head, or a
 * substitute holding a delegation from a head valid today.
 */
export async function signingAuthority(em: EntityManager, principal: Principal | null, today: string): Promise<SigningAuthority> {
  if (!principal) throw unauthenticated();
  if (principal.role === 'department_head') return { subject: principal.subject, role: principal.role, actingFor: null };
  if (principal.role === 'controller' || principal.role === 'registrar') {
    const delegation = await em.findOne(
      SigningDelegation,
      { substituteSubject: principal.subject, validFrom: { $lte: today }, validTo: { $gte: today } },
      { orderBy: { createdAt: 'desc' } },
    );
    if (delegation) return { subject: principal.subject, role: principal.role, actingFor: delegation.headSubject };
  }
  throw forbidden('Only the department head or an acting substitute may do this');
}
