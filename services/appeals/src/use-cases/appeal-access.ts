import type { Principal, Role } from '@bakylau/platform/auth/principal';
import { forbidden, unauthenticated } from '@bakylau/platform/errors';

/** Roles that read the whole registry (analysts without personal data, enforced by the field resolvers). */
const registryReaders: ReadonlySet<Role> = new Set<Role>(['registrar', 'controller', 'department_head', 'analyst', 'official', 'admin']);

/** How far the caller's view of appeals reaches. */
export type AppealScope = { kind: 'all' } | { kind: 'organization'; organizationId: string } | { kind: 'applicant'; subject: string };

export function appealScope(principal: Principal | null): AppealScope {
  if (!principal) throw unauthenticated();
  if (registryReaders.has(principal.role)) return { kind: 'all' };
  if (principal.role === 'executor') {
    if (!principal.organizationId) throw forbidden('An executor token must name an organization');
    return { kind: 'organization', organizationId: principal.organizationId };
  }
  if (principal.role === 'citizen') return { kind: 'applicant', subject: principal.subject };
  throw forbidden(`The role ${principal.role} may not read appeals`);
}

/** Whether an appeal is inside the scope (executors: assigned to their organization; citizens: their own). */
export function inScope(scope: AppealScope, appeal: { applicantSubject?: string | null }, executorOrganizationIds: readonly string[]): boolean {
  if (scope.kind === 'all') return true;
  if (scope.kind === 'organization') return executorOrganizationIds.includes(scope.organizationId);
  return appeal.applicantSubject === scope.subject;
}

/** Staff who route appeals; the department head holds every right of the department. */
export const routingRoles: Role[] = ['registrar', 'controller', 'department_head'];
export const registrationRoles: Role[] = ['registrar', 'department_head'];
export const reviewRoles: Role[] = ['controller', 'department_head'];
