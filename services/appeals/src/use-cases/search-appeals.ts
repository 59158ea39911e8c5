import { canSeePersonalData, requireRole, type Principal } from '@bakylau/platform/auth/principal';
import { badUserInput } from '@bakylau/platform/errors';
import { searchAppealsPage, type SearchPage, type SearchReach } from '../db/search-queries.ts';
import { appealScope, routingRoles } from './appeal-access.ts';
import type { UseCaseDeps } from './use-case-deps.ts';

export const maxQueryLength = 200;

/**
 * Staff who may read appeal texts search summary and text; a citizen searches only their own
 * appeals, whose text they may read. Everyone else (analysts) searches and sees highlights of the
 * summary only, so no search result reveals a word of a text they may not read.
 */
export function searchReachOf(principal: Principal | null): SearchReach {
  if (!principal) return 'summary';
  return canSeePersonalData(principal) || principal.role === 'citizen' ? 'all' : 'summary';
}

/** Full-text search over appeals in the caller's scope (R7), best first. */
export async function fullTextSearchAppeals(deps: UseCaseDeps, query: string, first: number, after?: string | null): Promise<SearchPage> {
  const scope = appealScope(deps.principal);
  const trimmed = query.trim();
  if (!trimmed || trimmed.length > maxQueryLength) {
    throw badUserInput('The search query is empty or too long', [{ field: 'query', message: `must have 1..${maxQueryLength} characters` }]);
  }
  return searchAppealsPage(deps.em, { query: trimmed, reach: searchReachOf(deps.principal), scope, first, after: after ?? null });
}

/** The registrar's duplicate check (R5.1) compares applicants' IINs: only staff who route appeals see it. */
export function requireDuplicateReader(deps: UseCaseDeps): void {
  requireRole(deps.principal, ...routingRoles);
}
