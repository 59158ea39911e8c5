import { forbidden, unauthenticated } from '@bakylau/platform/errors';
import type { AppealsContext } from '../context.ts';
import { isUuid } from '@bakylau/platform/ids';

/** Directory data is for any authenticated caller. */
export function requireReader(ctx: AppealsContext): void {
  if (!ctx.principal) throw unauthenticated();
}

/** Loads a directory row through the request's loader; a malformed id is simply not found. */
export function validId(id: string | null | undefined): id is string {
  return !!id && isUuid(id);
}

/** R5.9 indicators: department staff and analysts see all; an executor only its own organization's. */
export function requireIndicatorReader(ctx: AppealsContext, organizationId: string): void {
  const principal = ctx.principal;
  if (!principal) throw unauthenticated();
  if (['registrar', 'controller', 'department_head', 'analyst', 'admin'].includes(principal.role)) return;
  if (principal.role === 'executor' && principal.organizationId === organizationId) return;
  throw forbidden('You may not read these indicators');
}
