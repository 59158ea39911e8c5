import { forbidden } from '@bakylau/platform/errors';
import type { Principal, Role } from '@bakylau/platform/auth/principal';
import { presidentialLevels, type IssuerLevel } from './instruction-vocabulary.ts';

/** Department-wide roles that read every instruction (no citizen personal data is kept here). */
const readAllRoles: ReadonlySet<Role> = new Set<Role>(['registrar', 'controller', 'department_head', 'analyst', 'admin', 'agency', 'official']);

/** Whether the caller may read an instruction with these executor organizations. */
export function canReadInstruction(principal: Principal, executorOrganizationIds: readonly string[]): boolean {
  if (readAllRoles.has(principal.role)) return true;
  return principal.role === 'executor' && !!principal.organizationId && executorOrganizationIds.includes(principal.organizationId);
}

/** Controller and department head issue any level; a registrar registers those of the President and the PA received on paper. */
export function assertMayIssue(principal: Principal, level: IssuerLevel): void {
  if (principal.role === 'controller' || principal.role === 'department_head') return;
  if (principal.role === 'registrar' && presidentialLevels.has(level)) return;
  throw forbidden(`The role ${principal.role} may not put instructions of level ${level} on control`);
}

/** Indicators: department-wide readers, and an executor for its own organization only. */
export function canReadDiscipline(principal: Principal, organizationId: string): boolean {
  if (['analyst', 'controller', 'department_head', 'admin', 'agency'].includes(principal.role)) return true;
  return principal.role === 'executor' && principal.organizationId === organizationId;
}
