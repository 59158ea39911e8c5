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
 * Who may open an appointment by its id or in a list: its citizen, the official of its session and
 * reception staff. The topic is the citizen's question: controllers and executors see it only
 * through the appeal or the instructions it led to (below).
 */
export function canSeeAppointment(principal: Principal, citizenSubject: string | null | undefined, officialSubject: string | null | undefined): boolean {
  if (receptionStaff.includes(principal.role)) return true;
  if (principal.role === 'citizen') return !!citizenSubject && citizenSubject === principal.subject;
  return isOwnOfficial(principal, officialSubject);
}

/**
 * The visit behind an appeal registered from it, for those the appeals subgraph let read that appeal
 * and who work on it: the controller and the executor (and whoever may open the appointment itself).
 */
export function canSeeVisitOfAppeal(principal: Principal): boolean {
  return principal.role === 'controller' || principal.role === 'executor';
}

/**
 * The visit behind instructions given at it: the controller, who controls them, and an executor of
 * an organization one of them was given to.
 */
export function canSeeVisitOfInstructions(principal: Principal, instructedOrganizationIds: readonly string[]): boolean {
  if (instructedOrganizationIds.length === 0) return false;
  if (principal.role === 'controller') return true;
  return principal.role === 'executor' && !!principal.organizationId && instructedOrganizationIds.includes(principal.organizationId);
}

/**
 * The citizen's name and phone: the citizen themself, registrar, the official, department head
 * (narrower than the platform's general personal-data roles; not the administrator, who keeps the
 * directory and the users).
 */
export function canSeeCitizenDetails(principal: Principal | null, citizenSubject: string | null | undefined): boolean {
  if (!principal) return false;
  if (['registrar', 'official', 'department_head'].includes(principal.role)) return true;
  return principal.role === 'citizen' && !!citizenSubject && citizenSubject === principal.subject;
}
