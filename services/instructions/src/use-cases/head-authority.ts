import { headAuthority, substituteRoles, type HeadAuthority } from '@bakylau/platform/auth/delegation';
import { requireRole } from '@bakylau/platform/auth/principal';
import { forbidden } from '@bakylau/platform/errors';
import type { InstructionsContext } from '../context.ts';
import { delegationHeldOn } from '../db/delegations.ts';

/**
 * The caller's right to do what only the department head may (extending an instruction, signing a
 * conclusion): the head, or a substitute under a delegation that stands today (R3.1).
 */
export async function requireHeadAuthority(ctx: InstructionsContext): Promise<HeadAuthority> {
  const principal = requireRole(ctx.principal, 'department_head', ...substituteRoles);
  const today = ctx.today();
  const delegation = principal.role === 'department_head' ? null : await delegationHeldOn(ctx.em, principal.subject, today);
  const authority = headAuthority(principal, delegation, today);
  if (!authority) throw forbidden('Only the department head or a substitute acting for the head may do this');
  return authority;
}
