import { loaderById, loaderOfGroups } from '@bakylau/platform/db/loaders';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Notification } from '@bakylau/platform/notifications/notification';
import { civilDateInKazakhstan } from '@bakylau/platform/calendar/index';
import { createIndicatorLoaders } from './indicator-queries.ts';
import type { AppealState } from '../domain/appeal-lifecycle.ts';
import { Appeal, AppealAnswer, AppealDueDateChange, AppealExecutor, AppealRating, AppealReview, Category, District, Organization } from './entities.ts';

/** A row of `appeal_state_change`, written by the trigger of migration 0005. */
export type AppealStateChangeRow = { appealId: string; state: AppealState; changedAt: Date };

async function stateChanges(em: EntityManager, appealIds: string[]): Promise<AppealStateChangeRow[]> {
  const rows = await em.execute<{ appeal_id: string; state: AppealState; changed_at: Date | string }[]>(
    `select appeal_id, state, changed_at from appeal_state_change where appeal_id in (${appealIds.map(() => '?').join(', ')}) order by seq`,
    appealIds,
  );
  return rows.map((row) => ({ appealId: row.appeal_id, state: row.state, changedAt: new Date(row.changed_at) }));
}

/** Per-request loaders: a page of N appeals costs a constant number of queries per relation. */
export function createLoaders(em: EntityManager) {
  return {
    appealById: loaderById((ids) => em.find(Appeal, { id: { $in: ids } })),
    organizationById: loaderById((ids) => em.find(Organization, { id: { $in: ids } })),
    districtById: loaderById((ids) => em.find(District, { id: { $in: ids } })),
    categoryById: loaderById((ids) => em.find(Category, { id: { $in: ids } })),
    executorsByAppeal: loaderOfGroups(
      (ids) => em.find(AppealExecutor, { appealId: { $in: ids } }, { orderBy: { lead: 'desc', organizationId: 'asc' } }),
      (row) => row.appealId,
    ),
    answersByAppeal: loaderOfGroups(
      (ids) => em.find(AppealAnswer, { appealId: { $in: ids } }, { orderBy: { round: 'asc' } }),
      (row) => row.appealId,
    ),
    reviewsByAppeal: loaderOfGroups(
      (ids) => em.find(AppealReview, { appealId: { $in: ids } }, { orderBy: { reviewedAt: 'asc' } }),
      (row) => row.appealId,
    ),
    indicatorsByOrganization: createIndicatorLoaders(em, () => civilDateInKazakhstan(new Date())),
    ratingsByAppeal: loaderOfGroups(
      (ids) => em.find(AppealRating, { appealId: { $in: ids } }),
      (row) => row.appealId,
    ),
    stateChangesByAppeal: loaderOfGroups(
      (ids) => stateChanges(em, ids),
      (row) => row.appealId,
    ),
    notificationsByAppeal: loaderOfGroups(
      (ids) => em.find(Notification, { appealId: { $in: ids } }, { orderBy: { createdAt: 'asc', channel: 'asc' } }),
      (row) => row.appealId ?? null,
    ),
    dueDatesByAppeal: loaderOfGroups(
      (ids) => em.find(AppealDueDateChange, { appealId: { $in: ids } }, { orderBy: { decidedAt: 'asc' } }),
      (row) => row.appealId,
    ),
  };
}

export type AppealsLoaders = ReturnType<typeof createLoaders>;
