import type { Principal, Role } from './principal.ts';

/**
 * The rights only the department head has (R3.1: signing answers and conclusions, deciding
 * extensions) and who may exercise them: the head, or a substitute holding a standing delegation.
 * Appeals keeps the register; every service that checks such an act asks the same question here.
 */
export type Delegation = { headSubject: string; substituteSubject: string; validFrom: string; validTo: string; revokedAt?: Date | null };

/** Who may be named a substitute: the department's staff who already work the appeals. */
export const substituteRoles: readonly Role[] = ['controller', 'registrar'];

/** Whether a delegation confers the head's rights on the civil date `today`: within its days and not revoked. */
export function delegationStands(delegation: Delegation, today: string): boolean {
  return !delegation.revokedAt && delegation.validFrom <= today && today <= delegation.validTo;
}

/**
 * `delegationStands` as a query filter on a table of delegations, for the service that keeps the
 * register and those that keep a read copy of it: one rule, in TypeScript and in the database.
 */
export function standingDelegationFilter(substituteSubject: string, today: string) {
  return { substituteSubject, revokedAt: null, validFrom: { $lte: today }, validTo: { $gte: today } };
}

/** Who acts, and for whom: `actingFor` is the head on whose behalf a substitute acts, null when the head acts. */
export type HeadAuthority = { subject: string; role: Role; actingFor: string | null };

/**
 * The authority of `principal` to do what only the head may on `today`, given the delegation they
 * hold (if any): the head themself, a substitute under a standing delegation, else null.
 */
export function headAuthority(principal: Principal, delegation: Delegation | null, today: string): HeadAuthority | null {
  if (principal.role === 'department_head') return { subject: principal.subject, role: principal.role, actingFor: null };
  if (!substituteRoles.includes(principal.role) || !delegation) return null;
  if (delegation.substituteSubject !== principal.subject || !delegationStands(delegation, today)) return null;
  return { subject: principal.subject, role: principal.role, actingFor: delegation.headSubject };
}
