import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@bakylau/platform/db/orm';
import type { DetectedViolation } from '../domain/compliance-check.ts';
import type { ComplianceRule } from '../domain/rules/compliance-rule.ts';
import { ComplianceViolation } from './entities.ts';

/**
 * Stores a violation unless one of the same rule for the same entity exists (the unique key makes
 * this idempotent under redelivery and concurrent consumers). Returns the new row, or null.
 */
export async function insertViolationOnce(
  em: EntityManager,
  detected: DetectedViolation,
  sourceEventId: string,
  detectedAt: Date,
): Promise<ComplianceViolation | null> {
  const id = randomUUID();
  const rows = await em.execute<{ id: string }[]>(
    `insert into compliance_violation (id, rule, organization_id, entity_type, entity_id, occurred_at, detected_at, details, source_event_id)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?)
     on conflict (rule, entity_type, entity_id) do nothing
     returning id`,
    [
      id,
      detected.rule,
      detected.organizationId,
      detected.entityType,
      detected.entityId,
      detected.finding.occurredAt,
      detectedAt,
      detected.finding.details,
      sourceEventId,
    ],
  );
  if (rows.length === 0) return null;
  return em.map(ComplianceViolation, {
    id,
    rule: detected.rule,
    organization_id: detected.organizationId,
    entity_type: detected.entityType,
    entity_id: detected.entityId,
    occurred_at: detected.finding.occurredAt,
    detected_at: detectedAt,
    details: detected.finding.details,
    source_event_id: sourceEventId,
  });
}

export type ViolationListFilter = {
  organizationId?: string | null;
  rule?: ComplianceRule | null;
  from?: Date | null;
  to?: Date | null;
  entityId?: string | null;
};

/** Newest breach first; keyset on (occurredAt, id). */
export function listViolations(
  em: EntityManager,
  filter: ViolationListFilter,
  first: number,
  after: { occurredAt: Date; id: string } | null,
): Promise<ComplianceViolation[]> {
  const where: Record<string, unknown>[] = [];
  if (filter.organizationId) where.push({ organizationId: filter.organizationId });
  if (filter.rule) where.push({ rule: filter.rule });
  if (filter.entityId) where.push({ entityId: filter.entityId });
  if (filter.from) where.push({ occurredAt: { $gte: filter.from } });
  if (filter.to) where.push({ occurredAt: { $lte: filter.to } });
  if (after) where.push({ $or: [{ occurredAt: { $lt: after.occurredAt } }, { occurredAt: after.occurredAt, id: { $lt: after.id } }] });
  return em.find(ComplianceViolation, { $and: where }, { orderBy: { occurredAt: 'desc', id: 'desc' }, limit: first + 1 });
}

/** Counts per organization and rule over a period, for several organizations in one query. */
export async function countViolationsByRule(
  em: EntityManager,
  organizationIds: readonly string[],
  from: Date,
  to: Date,
): Promise<{ organizationId: string; rule: string; count: number }[]> {
  const placeholders = organizationIds.map(() => '?').join(', ');
  const rows = await em.execute<{ organization_id: string; rule: string; count: string }[]>(
    `select organization_id, rule, count(*) as count from compliance_violation
      where organization_id in (${placeholders}) and occurred_at >= ? and occurred_at <= ?
      group by organization_id, rule`,
    [...organizationIds, from, to],
  );
  return rows.map((row) => ({ organizationId: row.organization_id, rule: row.rule, count: Number(row.count) }));
}

/** The first violations (newest first, up to `limit` each) of several organizations over a period, in one query. */
export async function violationsOfOrganizations(
  em: EntityManager,
  organizationIds: readonly string[],
  from: Date,
  to: Date,
  after: { occurredAt: Date; id: string } | null,
  limit: number,
): Promise<Map<string, ComplianceViolation[]>> {
  const placeholders = organizationIds.map(() => '?').join(', ');
  const afterClause = after ? 'and (v.occurred_at, v.id) < (?, ?::uuid)' : '';
  const rows = await em.execute<Record<string, unknown>[]>(
    `select id, rule, organization_id, entity_type, entity_id, occurred_at, detected_at, details, source_event_id
       from (select v.*, row_number() over (partition by v.organization_id order by v.occurred_at desc, v.id desc) as position
               from compliance_violation v
              where v.organization_id in (${placeholders}) and v.occurred_at >= ? and v.occurred_at <= ? ${afterClause}) t
      where position <= ?
      order by occurred_at desc, id desc`,
    [...organizationIds, from, to, ...(after ? [after.occurredAt, after.id] : []), limit],
  );
  const byOrganization = new Map<string, ComplianceViolation[]>(organizationIds.map((id) => [id, []]));
  for (const row of rows) {
    const violation = em.map(ComplianceViolation, row);
    byOrganization.get(violation.organizationId)?.push(violation);
  }
  return byOrganization;
}
