import DataLoader from 'dataloader';
import { loaderById } from '@bakylau/platform/db/loaders';
import type { EntityManager } from '@bakylau/platform/db/orm';
import { auditTrailsOf } from './audit-entry-store.ts';
import { countViolationsByRule, violationsOfOrganizations } from './compliance-violation-store.ts';
import { AuditEntry, ComplianceViolation, RecordKeepingInspection } from './entities.ts';

export type TrailKey = { entityType: string; entityId: string; first: number; afterSequence: number | null };
export type PeriodKey = { organizationId: string; from: Date; to: Date };
export type OrganizationPageKey = PeriodKey & { first: number; after: { occurredAt: Date; id: string } | null };

export type AuditLoaders = {
  auditEntryById: DataLoader<string, AuditEntry | null>;
  violationById: DataLoader<string, ComplianceViolation | null>;
  inspectionById: DataLoader<string, RecordKeepingInspection | null>;
  /** Up to first + 1 entries of an entity's trail (the extra one tells "more follow"). */
  auditTrail: DataLoader<TrailKey, AuditEntry[], string>;
  /** Violations per rule of an organization over a period. */
  complianceCounts: DataLoader<PeriodKey, Map<string, number>, string>;
  /** Up to first + 1 violations of an organization over a period, newest first. */
  organizationViolations: DataLoader<OrganizationPageKey, ComplianceViolation[], string>;
};

/** Groups keys that share everything but the entity id, so each group is one SQL query. */
function groupBy<K>(keys: readonly K[], groupKey: (key: K) => string): Map<string, K[]> {
  const groups = new Map<string, K[]>();
  for (const key of keys) {
    const name = groupKey(key);
    const group = groups.get(name);
    if (group) group.push(key);
    else groups.set(name, [key]);
  }
  return groups;
}

const periodOf = (key: PeriodKey) => `${key.from.toISOString()}|${key.to.toISOString()}`;

/** Fresh per request: a page of N appeals with their trails costs one trail query. */
export function createAuditLoaders(em: EntityManager): AuditLoaders {
  return {
    auditEntryById: loaderById((ids) => em.find(AuditEntry, { id: { $in: ids } })),
    violationById: loaderById((ids) => em.find(ComplianceViolation, { id: { $in: ids } })),
    inspectionById: loaderById((ids) => em.find(RecordKeepingInspection, { id: { $in: ids } })),

    auditTrail: new DataLoader<TrailKey, AuditEntry[], string>(
      async (keys) => {
        const results = new Map<string, AuditEntry[]>();
        for (const group of groupBy(keys, (k) => `${k.entityType}|${k.first}|${k.afterSequence}`).values()) {
          const { entityType, first, afterSequence } = group[0]!;
          const trails = await auditTrailsOf(em, entityType, [...new Set(group.map((k) => k.entityId))], afterSequence, first + 1);
          for (const key of group) results.set(trailCacheKey(key), trails.get(key.entityId) ?? []);
        }
        return keys.map((key) => results.get(trailCacheKey(key)) ?? []);
      },
      { cacheKeyFn: trailCacheKey },
    ),

    complianceCounts: new DataLoader<PeriodKey, Map<string, number>, string>(
      async (keys) => {
        const results = new Map<string, Map<string, number>>();
        for (const group of groupBy(keys, periodOf).values()) {
          const { from, to } = group[0]!;
          const rows = await countViolationsByRule(em, [...new Set(group.map((k) => k.organizationId))], from, to);
          for (const key of group) {
            results.set(periodCacheKey(key), new Map(rows.filter((r) => r.organizationId === key.organizationId).map((r) => [r.rule, r.count])));
          }
        }
        return keys.map((key) => results.get(periodCacheKey(key)) ?? new Map());
      },
      { cacheKeyFn: periodCacheKey },
    ),

    organizationViolations: new DataLoader<OrganizationPageKey, ComplianceViolation[], string>(
      async (keys) => {
        const results = new Map<string, ComplianceViolation[]>();
        const groupKey = (k: OrganizationPageKey) => `${periodOf(k)}|${k.first}|${k.after ? `${k.after.occurredAt.toISOString()}|${k.after.id}` : ''}`;
        for (const group of groupBy(keys, groupKey).values()) {
          const { from, to, after, first } = group[0]!;
          const pages = await violationsOfOrganizations(em, [...new Set(group.map((k) => k.organizationId))], from, to, after, first + 1);
          for (const key of group) results.set(organizationPageCacheKey(key), pages.get(key.organizationId) ?? []);
        }
        return keys.map((key) => results.get(organizationPageCacheKey(key)) ?? []);
      },
      { cacheKeyFn: organizationPageCacheKey },
    ),
  };
}

function trailCacheKey(key: TrailKey): string {
  return `${key.entityType}|${key.entityId}|${key.first}|${key.afterSequence}`;
}
function periodCacheKey(key: PeriodKey): string {
  return `${key.organizationId}|${periodOf(key)}`;
}
function organizationPageCacheKey(key: OrganizationPageKey): string {
  return `${periodCacheKey(key)}|${key.first}|${key.after ? `${key.after.occurredAt.toISOString()}|${key.after.id}` : ''}`;
}
