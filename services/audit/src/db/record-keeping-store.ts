import type { EntityManager } from '@bakylau/platform/db/orm';
import { RecordKeepingInspection, StaffBriefing } from './entities.ts';

export type InspectionListFilter = { organizationId?: string | null; state?: 'PLANNED' | 'HELD' | null };

/** By planned date, then id; keyset on both. */
export function listInspections(
  em: EntityManager,
  filter: InspectionListFilter,
  first: number,
  after: { plannedDate: string; id: string } | null,
): Promise<RecordKeepingInspection[]> {
  const where: Record<string, unknown>[] = [];
  if (filter.organizationId) where.push({ organizationId: filter.organizationId });
  if (filter.state === 'PLANNED') where.push({ heldDate: null });
  if (filter.state === 'HELD') where.push({ heldDate: { $ne: null } });
  if (after) where.push({ $or: [{ plannedDate: { $gt: after.plannedDate } }, { plannedDate: after.plannedDate, id: { $gt: after.id } }] });
  return em.find(RecordKeepingInspection, { $and: where }, { orderBy: { plannedDate: 'asc', id: 'asc' }, limit: first + 1 });
}

export type BriefingListFilter = { organizationId?: string | null; from?: string | null; to?: string | null };

/** Newest briefing first; keyset on (date, id). */
export function listBriefings(
  em: EntityManager,
  filter: BriefingListFilter,
  first: number,
  after: { date: string; id: string } | null,
): Promise<StaffBriefing[]> {
  const where: Record<string, unknown>[] = [];
  if (filter.organizationId) where.push({ organizationId: filter.organizationId });
  if (filter.from) where.push({ briefingDate: { $gte: filter.from } });
  if (filter.to) where.push({ briefingDate: { $lte: filter.to } });
  if (after) where.push({ $or: [{ briefingDate: { $lt: after.date } }, { briefingDate: after.date, id: { $lt: after.id } }] });
  return em.find(StaffBriefing, { $and: where }, { orderBy: { briefingDate: 'desc', id: 'desc' }, limit: first + 1 });
}
