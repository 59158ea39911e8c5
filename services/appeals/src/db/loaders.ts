import { loaderById, loaderOfGroups } from '@bakylau/platform/db/loaders';
import type { EntityManager } from '@mikro-orm/postgresql';
import { civilDateInKazakhstan } from '@bakylau/platform/calendar/index';
import { createIndicatorLoaders } from './indicator-queries.ts';
import { Appeal, AppealAnswer, AppealDueDateChange, AppealExecutor, AppealReview, Category, District, Organization } from './entities.ts';

/** Per-request loaders: a page of N appeals costs a constant number of queries per relation. */
export function createLoaders(em: EntityManager) {
  return {
    appealById: loaderById((ids) => em.find(Appeal, { id: { $in: ids } })),
    organizationById: loaderById((ids) => em.find(Organization, { id: { $in: ids } })),
    districtById: loaderById((ids) => em.find(District, { id: { $in: ids } })),
    categoryById: loaderById((ids) => em.find(Category, { id: { $in: ids } })),
    executorsByAppeal: loaderOfGroups((ids) => em.find(AppealExecutor, { appealId: { $in: ids } }, { orderBy: { lead: 'desc', organizationId: 'asc' } }), (row) => row.appealId),
    answersByAppeal: loaderOfGroups((ids) => em.find(AppealAnswer, { appealId: { $in: ids } }, { orderBy: { round: 'asc' } }), (row) => row.appealId),
    reviewsByAppeal: loaderOfGroups((ids) => em.find(AppealReview, { appealId: { $in: ids } }, { orderBy: { reviewedAt: 'asc' } }), (row) => row.appealId),
    indicatorsByOrganization: createIndicatorLoaders(em, () => civilDateInKazakhstan(new Date())),
    dueDatesByAppeal: loaderOfGroups((ids) => em.find(AppealDueDateChange, { appealId: { $in: ids } }, { orderBy: { decidedAt: 'asc' } }), (row) => row.appealId),
  };
}

export type AppealsLoaders = ReturnType<typeof createLoaders>;
