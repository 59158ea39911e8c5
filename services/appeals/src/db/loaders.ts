import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { civilDateInKazakhstan } from '@bakylau/platform/calendar/index';
import { createIndicatorLoaders } from './indicator-queries.ts';
import { Appeal, AppealAnswer, AppealDueDateChange, AppealExecutor, AppealReview, Category, District, Organization } from './entities.ts';

type ById = { id: string };

/** One query per batch of ids; results in the order of the keys, null where missing. */
function byIdLoader<T extends ById>(load: (ids: string[]) => Promise<T[]>): DataLoader<string, T | null> {
  return new DataLoader<string, T | null>(async (ids) => {
    const rows = await load([...ids]);
    const map = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => map.get(id) ?? null);
  });
}

/** One query per batch of appeals; each appeal gets its rows in the given order. */
function byAppealLoader<T extends { appealId: string }>(load: (ids: string[]) => Promise<T[]>): DataLoader<string, T[]> {
  return new DataLoader<string, T[]>(async (ids) => {
    const rows = await load([...ids]);
    const groups = new Map<string, T[]>();
    for (const row of rows) {
      const list = groups.get(row.appealId) ?? [];
      list.push(row);
      groups.set(row.appealId, list);
    }
    return ids.map((id) => groups.get(id) ?? []);
  });
}

/** Per-request loaders: a page of N appeals costs a constant number of queries per relation. */
export function createLoaders(em: EntityManager) {
  return {
    appealById: byIdLoader((ids) => em.find(Appeal, { id: { $in: ids } })),
    organizationById: byIdLoader((ids) => em.find(Organization, { id: { $in: ids } })),
    districtById: byIdLoader((ids) => em.find(District, { id: { $in: ids } })),
    categoryById: byIdLoader((ids) => em.find(Category, { id: { $in: ids } })),
    executorsByAppeal: byAppealLoader((ids) => em.find(AppealExecutor, { appealId: { $in: ids } }, { orderBy: { lead: 'desc', organizationId: 'asc' } })),
    answersByAppeal: byAppealLoader((ids) => em.find(AppealAnswer, { appealId: { $in: ids } }, { orderBy: { round: 'asc' } })),
    reviewsByAppeal: byAppealLoader((ids) => em.find(AppealReview, { appealId: { $in: ids } }, { orderBy: { reviewedAt: 'asc' } })),
    indicatorsByOrganization: createIndicatorLoaders(em, () => civilDateInKazakhstan(new Date())),
    dueDatesByAppeal: byAppealLoader((ids) => em.find(AppealDueDateChange, { appealId: { $in: ids } }, { orderBy: { decidedAt: 'asc' } })),
  };
}

export type AppealsLoaders = ReturnType<typeof createLoaders>;
