import { requireRole } from '@bakylau/platform/auth/principal';
import { listAppeals } from '../db/appeal-queries.ts';
import type { Appeal } from '../db/entities.ts';
import type { Language } from '../domain/appeal-labels.ts';
import type { AppealState } from '../domain/appeal-lifecycle.ts';
import { appealScope } from './appeal-access.ts';
import { todayOf, type UseCaseDeps } from './use-case-deps.ts';

/** An appeal in its applicant's view: labels follow the language they asked for. */
export type CitizenAppealView = { appeal: Appeal; language: Language };

/** One entry of the state history, labelled in the language of the view. */
export type StatusChangeView = { state: AppealState; at: Date; language: Language };

/** The caller's own appeals (citizen): filed by their account or registered under the IIN their token proves; newest first. */
export async function listMyAppeals(deps: UseCaseDeps, language: Language, first: number, after?: string | null) {
  requireRole(deps.principal, 'citizen');
  const page = await listAppeals(deps.em, { filter: {}, scope: appealScope(deps.principal), today: todayOf(deps), first, after: after ?? null });
  return { ...page, edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: { appeal: edge.node, language } })) };
}
