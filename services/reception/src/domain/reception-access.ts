import type { Principal, Role } from '@bakylau/platform/auth/principal';

/** Staff who act for any official: they publish sessions and book for citizens (DOMAIN.md, "Roles"). */
export const receptionStaff: readonly Role[] = ['registrar', 'department_head', 'admin'];

/** Roles that may read indicators and plans: no personal data in them, but not for citizens either. */
export const indicatorReaders: readonly Role[] = ['registrar', 'controller', 'analyst', 'department_head', 'admin', 'official'];

/** Whether the principal is the official whose record is `officialSubject`. */
export function isOwnOfficial(principal: Principal, officialSubject: string | null | undefined): boolean {
  return principal.role === 'official' && !!officialSubject && officialSubject === principal.subject;
}

/** An official manages their own sessions; staff manage everyone's. */
export function canManageSession(principal: Principal, officialSubject: string | null | undefined): boolean {
  return receptionStaff.includes(principal.role) || isOwnOfficial(principal, officialSubject);
}

/**
 * Who may see an appointment at all: its citizen, the official of its session, staff, and
 * controllers (who control the follow-ups).
 */
export function canSeeAppointment(principal: Principal, citizenSubject: string | null | undefined, officialSubject: string | null | undefined): boolean {
  if (receptionStaff.includes(principal.role) || principal.role === 'controller') return true;
  if (principal.role === 'citizen') return !!citizenSubject && citizenSubject === principal.subject;
  return isOwnOfficial(principal, officialSubject);
}

/**
 * The citizen's name and phone: the citizen themself, registrar, the official, department head,
 * admin (the list; narrower than the platform's general personal-data roles).
 */
export function canSeeCitizenDetails(principal: Principal | null, citizenSubject: string | null | undefined): boolean {
  if (!principal) return false;
  if (['registrar', 'official', 'department_head', 'admin'].includes(principal.role)) return true;
  return principal.role === 'citizen' && !!citizenSubject && citizenSubject === principal.subject;
}
