import { canSeePersonalDataOf, type Principal, type Role } from '@bakylau/platform/auth/principal';
import { forbidden, unauthenticated } from '@bakylau/platform/errors';

/** Roles that read the whole registry (analysts without personal data, enforced by the field resolvers). */
const registryReaders: ReadonlySet<Role> = new Set<Role>(['registrar', 'controller', 'department_head', 'analyst', 'admin']);

/** How far the caller's view of appeals reaches. */
export type AppealScope =
  | { kind: 'all' }
  | { kind: 'organization'; organizationId: string }
  /** A citizen: the appeals they filed (subject) and those registered under the IIN their token proves. */
  | { kind: 'applicant'; subject: string; iin: string | null }
  /** An official: the appeals given at their own reception sessions (issue 17: not the region's registry). */
  | { kind: 'official'; subject: string };

export function appealScope(principal: Principal | null): AppealScope {
  if (!principal) throw unauthenticated();
  if (registryReaders.has(principal.role)) return { kind: 'all' };
  if (principal.role === 'executor') {
    if (!principal.organizationId) throw forbidden('An executor token must name an organization');
    return { kind: 'organization', organizationId: principal.organizationId };
  }
  if (principal.role === 'citizen') return { kind: 'applicant', subject: principal.subject, iin: principal.iin ?? null };
  if (principal.role === 'official') return { kind: 'official', subject: principal.subject };
  throw forbidden(`The role ${principal.role} may not read appeals`);
}

/** Whether an appeal is inside the scope (executors: assigned to their organization; citizens: their own). */
export function inScope(scope: AppealScope, appeal: ApplicantKeys, executorOrganizationIds: readonly string[]): boolean {
  if (scope.kind === 'all') return true;
  if (scope.kind === 'organization') return executorOrganizationIds.includes(scope.organizationId);
  if (scope.kind === 'official') return appeal.receptionOfficialSubject === scope.subject;
  return appeal.applicantSubject === scope.subject || (scope.iin !== null && appeal.applicantIin === scope.iin);
}

/** What identifies an appeal's applicant as a platform user. */
type ApplicantKeys = { applicantSubject?: string | null; applicantIin?: string | null; receptionOfficialSubject?: string | null };

/** Whether the caller is the citizen who applied: by the account that filed it, or by the IIN their token proves. */
export function isApplicant(principal: Principal | null | undefined, appeal: ApplicantKeys): boolean {
  if (principal?.role !== 'citizen') return false;
  if (appeal.applicantSubject && appeal.applicantSubject === principal.subject) return true;
  return !!principal.iin && appeal.applicantIin === principal.iin;
}

/** Personal data of an appeal: staff who work with them, and the applicant themself (by subject or IIN). */
export function canSeeApplicantData(principal: Principal | null | undefined, appeal: ApplicantKeys): boolean {
  return canSeePersonalDataOf(principal, appeal.applicantSubject) || isApplicant(principal, appeal);
}

/** Staff who route appeals; the department head holds every right of the department. */
export const routingRoles: Role[] = ['registrar', 'controller', 'department_head'];
export const registrationRoles: Role[] = ['registrar', 'department_head'];
export const reviewRoles: Role[] = ['controller', 'department_head'];
