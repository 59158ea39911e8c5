import { forbidden, unauthenticated } from '../errors.ts';

/** The roles of DOMAIN.md ("Roles"); a token carries exactly one. */
export const roles = ['citizen', 'registrar', 'controller', 'analyst', 'department_head', 'executor', 'official', 'agency', 'admin'] as const;
export type Role = (typeof roles)[number];

const roleSet: ReadonlySet<string> = new Set(roles);
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && roleSet.has(value);
}

/**
 * Who is calling, as proven by a verified access token. `organizationId` scopes executors
 * (and officials, agencies) to their organization; null for citizens and department-wide roles.
 */
export type Principal = {
  subject: string;
  role: Role;
  organizationId: string | null;
  name?: string;
  /** The staff member's position (claim `position`), printed on documents they sign or accept, e.g. the slip. */
  position?: string;
  /** The citizen's IIN (claim `iin`, check digit verified): personal data, never logged. Links appeals registered on paper to the citizen. */
  iin?: string;
  /** The BIN of the legal entity the caller represents (claim `bin`, check digit verified), for appeals filed in its name. */
  bin?: string;
};

/**
 * Guards a use case: throws UNAUTHENTICATED without a principal and FORBIDDEN when the role is
 * not among `allowed`. With no roles listed, any authenticated caller passes. Roles are matched
 * literally (no hierarchy), so each use case states every role it admits.
 */
export function requireRole(principal: Principal | null | undefined, ...allowed: Role[]): Principal {
  if (!principal) throw unauthenticated();
  if (allowed.length > 0 && !allowed.includes(principal.role)) {
    throw forbidden(`The role ${principal.role} may not do this`);
  }
  return principal;
}

/**
 * Roles that work with citizens' personal data (IIN, phone, address) in the course of their duties.
 * Not the administrator: they keep the directory, the calendar and the users, and an applicant's
 * details are not theirs to read (DOMAIN.md, "Roles").
 */
const personalDataRoles: ReadonlySet<Role> = new Set<Role>(['registrar', 'controller', 'department_head', 'executor', 'official']);

/**
 * Whether the caller may read personal data in general. Analysts and agencies never do; a
 * citizen only for their own records, see {@link canSeePersonalDataOf}. Executors are further
 * limited to their organization's cases, which the owning resolver checks.
 */
export function canSeePersonalData(principal: Principal | null | undefined): boolean {
  return !!principal && personalDataRoles.has(principal.role);
}

/** Whether the caller may read the personal data of a record owned by `ownerSubject` (e.g. an appeal's applicant). */
export function canSeePersonalDataOf(principal: Principal | null | undefined, ownerSubject: string | null | undefined): boolean {
  if (!principal) return false;
  if (canSeePersonalData(principal)) return true;
  return principal.role === 'citizen' && !!ownerSubject && principal.subject === ownerSubject;
}
