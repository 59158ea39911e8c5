import DataLoader from 'dataloader';
import { loaderById, loaderOfGroups } from '@bakylau/platform/db/loaders';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Appointment, Official, ReceptionPlan, ReceptionSession, ReceptionSlot, SessionParticipant, VisitInstruction } from '../db/entities.ts';
import { countIndicators, emptyCounts, type IndicatorCounts } from '../db/indicator-counts.ts';
import type { KeysetCursor } from '../db/pagination.ts';
import { sessionPagesOf, type SessionParent } from '../db/session-pages.ts';
import { takenSlotIds, waitingCounts } from '../db/waiting-queue.ts';
import { civilPeriodInstants } from '@bakylau/platform/civil-time';
import { isUuid } from '@bakylau/platform/ids';

/** A page of the sessions of one official or one plan: `limit` rows after the cursor. */
export type SessionPageKey = { parent: SessionParent; parentId: string; limit: number; after: KeysetCursor | null };

const pageOf = (key: SessionPageKey) => `${key.parent}|${key.limit}|${key.after ? `${key.after.value}|${key.after.id}` : ''}`;
const sessionPageCacheKey = (key: SessionPageKey) => `${pageOf(key)}|${key.parentId}`;

/**
 * Per-request loaders: every reference and relation field goes through one, so a page of N
 * items costs a constant number of queries. Created fresh for each request (no cross-request cache).
 */
export function createReceptionLoaders(em: EntityManager) {
  return {
    officialById: loaderById((ids) => em.find(Official, { id: { $in: ids } })),
    sessionById: loaderById((ids) => em.find(ReceptionSession, { id: { $in: ids } })),
    slotById: loaderById((ids) => em.find(ReceptionSlot, { id: { $in: ids } })),
    appointmentById: loaderById((ids) => em.find(Appointment, { id: { $in: ids } })),
    planById: loaderById((ids) => em.find(ReceptionPlan, { id: { $in: ids } })),
    appointmentByAppealId: new DataLoader<string, Appointment | null>(async (keys) => {
      const ids = keys.filter(isUuid);
      const rows = ids.length ? await em.find(Appointment, { appealId: { $in: ids } }) : [];
      const found = new Map(rows.map((row) => [row.appealId, row]));
      return keys.map((key) => found.get(key) ?? null);
    }),
    slotsBySession: loaderOfGroups(
      (ids) => em.find(ReceptionSlot, { sessionId: { $in: ids } }, { orderBy: { number: 'asc' } }),
      (row) => row.sessionId,
    ),
    participantsBySession: loaderOfGroups(
      (ids) => em.find(SessionParticipant, { sessionId: { $in: ids } }),
      (row) => row.sessionId,
    ),
    instructionsByAppointment: loaderOfGroups(
      (ids) => em.find(VisitInstruction, { appointmentId: { $in: ids } }, { orderBy: { createdAt: 'asc', id: 'asc' } }),
      (row) => row.appointmentId,
    ),
    /** Nested session lists (Official.receptionSessions, ReceptionPlan.sessions): one query per page shape. */
    sessionPage: new DataLoader<SessionPageKey, ReceptionSession[], string>(
      async (keys) => {
        const groups = new Map<string, SessionPageKey[]>();
        for (const key of keys) groups.set(pageOf(key), [...(groups.get(pageOf(key)) ?? []), key]);
        const results = new Map<string, ReceptionSession[]>();
        for (const group of groups.values()) {
          const { parent, limit, after } = group[0]!;
          const parentIds = [...new Set(group.map((key) => key.parentId).filter((id) => isUuid(id)))];
          const pages = await sessionPagesOf(em, parent, parentIds, after, limit);
          for (const key of group) results.set(sessionPageCacheKey(key), pages.get(key.parentId) ?? []);
        }
        return keys.map((key) => results.get(sessionPageCacheKey(key)) ?? []);
      },
      { cacheKeyFn: sessionPageCacheKey },
    ),
    takenSlotsBySession: new DataLoader<string, Set<string>>(async (keys) => {
      const taken = await takenSlotIds(em, keys);
      return keys.map((key) => taken.get(key) ?? new Set());
    }),
    waitingCountBySession: new DataLoader<string, number>(async (keys) => {
      const counts = await waitingCounts(em, keys);
      return keys.map((key) => counts.get(key) ?? 0);
    }),
    /** Key: `${organizationId}|${from}|${to}`; keys of the same period are counted together. */
    indicatorsByOrganizationPeriod: new DataLoader<string, IndicatorCounts>(async (keys) => {
      const byPeriod = new Map<string, string[]>();
      for (const key of keys) {
        const [organizationId = '', from = '', to = ''] = key.split('|');
        const period = `${from}|${to}`;
        byPeriod.set(period, [...(byPeriod.get(period) ?? []), organizationId]);
      }
      const results = new Map<string, IndicatorCounts>();
      for (const [period, organizationIds] of byPeriod) {
        const [from = '', to = ''] = period.split('|');
        const { start, end } = civilPeriodInstants(from, to);
        const ids = organizationIds.filter((id) => isUuid(id));
        const counts = await countIndicators(em, { column: 'organization_id', ids, start, end });
        for (const id of organizationIds) {
          const found = counts.get(id);
          if (found) results.set(`${id}|${period}`, found);
        }
      }
      return keys.map((key) => results.get(key) ?? emptyCounts());
    }),
    indicatorsByPlan: new DataLoader<string, IndicatorCounts>(async (keys) => {
      const counts = await countIndicators(em, { column: 'plan_id', ids: keys.filter((id) => isUuid(id)) });
      return keys.map((key) => counts.get(key) ?? emptyCounts());
    }),
  };
}

export type ReceptionLoaders = ReturnType<typeof createReceptionLoaders>;
