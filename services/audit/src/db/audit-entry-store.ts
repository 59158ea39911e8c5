import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@bakylau/platform/db/orm';
import { auditEntryHash, type HashedAuditFields } from '../domain/audit-hash.ts';
import type { StoredChainEntry } from '../domain/chain-verification.ts';
import { AuditEntry } from './entities.ts';

export type NewAuditEntry = Omit<HashedAuditFields, 'sequence' | 'prevHash'>;

/**
 * Appends one entry to the chain, inside the caller's transaction. The chain head row is locked
 * first, so concurrent appends queue up and each links to the one before it; an event already
 * recorded is skipped (returns null) even if the inbox let it through under another consumer name.
 */
export async function appendAuditEntry(em: EntityManager, entry: NewAuditEntry): Promise<{ id: string; sequence: number; hash: string } | null> {
  const [head] = await em.execute<{ last_sequence: string; last_hash: string }[]>(
    'select last_sequence, last_hash from audit_chain_head where id = 1 for update',
  );
  if (!head) throw new Error('audit_chain_head is missing: the audit migration did not run');
  const existing = await em.execute<{ id: string }[]>('select id from audit_entry where event_id = ?', [entry.eventId]);
  if (existing.length > 0) return null;

  const sequence = Number(head.last_sequence) + 1;
  const fields: HashedAuditFields = { ...entry, sequence, prevHash: head.last_hash };
  const hash = auditEntryHash(fields);
  const id = randomUUID();
  await em.execute(
    `insert into audit_entry (id, sequence, event_id, type, source, entity_type, entity_id, actor_subject, actor_role,
       occurred_at, recorded_at, summary, prev_hash, hash)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, clock_timestamp(), ?::jsonb, ?, ?)`,
    [
      id,
      sequence,
      entry.eventId,
      entry.type,
      entry.source,
      entry.entityType,
      entry.entityId,
      entry.actor?.subject ?? null,
      entry.actor?.role ?? null,
      entry.occurredAt,
      JSON.stringify(entry.summary),
      head.last_hash,
      hash,
    ],
  );
  await em.execute('update audit_chain_head set last_sequence = ?, last_hash = ? where id = 1', [sequence, hash]);
  return { id, sequence, hash };
}

/** The stored fields of an entry as the hash saw them. */
export function toChainEntry(entry: AuditEntry): StoredChainEntry {
  return {
    id: entry.id,
    sequence: entry.sequence,
    eventId: entry.eventId,
    type: entry.type,
    source: entry.source,
    entityType: entry.entityType,
    entityId: entry.entityId,
    actor: entry.actorSubject !== null && entry.actorSubject !== undefined ? { subject: entry.actorSubject, role: entry.actorRole ?? '' } : null,
    occurredAt: entry.occurredAt,
    summary: entry.summary,
    prevHash: entry.prevHash,
    hash: entry.hash,
  };
}

/** Entries appended in [from, to], in chain order, a batch at a time after `afterSequence`. */
export function auditEntriesRecordedBetween(em: EntityManager, from: Date, to: Date, afterSequence: number, limit: number): Promise<AuditEntry[]> {
  return em.find(
    AuditEntry,
    { recordedAt: { $gte: from, $lte: to }, sequence: { $gt: afterSequence } },
    { orderBy: { sequence: 'asc' }, limit, disableIdentityMap: true },
  );
}

export function auditEntryBySequence(em: EntityManager, sequence: number): Promise<AuditEntry | null> {
  return em.findOne(AuditEntry, { sequence });
}

export type AuditEntryListFilter = { entityType?: string | null; entityId?: string | null; type?: string | null };

/** A page of entries in chain order (fetches first + 1 to tell whether more follow). */
export function listAuditEntries(em: EntityManager, filter: AuditEntryListFilter, first: number, afterSequence: number | null): Promise<AuditEntry[]> {
  const where: Record<string, unknown> = {};
  if (filter.entityType) where['entityType'] = filter.entityType;
  if (filter.entityId) where['entityId'] = filter.entityId;
  if (filter.type) where['type'] = filter.type;
  if (afterSequence !== null) where['sequence'] = { $gt: afterSequence };
  return em.find(AuditEntry, where, { orderBy: { sequence: 'asc' }, limit: first + 1 });
}

/**
 * The first entries (up to `limit` each) of several entities of one type after `afterSequence`,
 * in one query: the batch behind `auditTrail` on a page of appeals.
 */
export async function auditTrailsOf(
  em: EntityManager,
  entityType: string,
  entityIds: readonly string[],
  afterSequence: number | null,
  limit: number,
): Promise<Map<string, AuditEntry[]>> {
  const placeholders = entityIds.map(() => '?').join(', ');
  const rows = await em.execute<Record<string, unknown>[]>(
    `select id, sequence, event_id, type, source, entity_type, entity_id, actor_subject, actor_role, occurred_at,
            recorded_at, summary, prev_hash, hash
       from (select e.*, row_number() over (partition by e.entity_id order by e.sequence) as position
               from audit_entry e
              where e.entity_type = ? and e.entity_id in (${placeholders}) and e.sequence > ?) t
      where position <= ?
      order by sequence`,
    [entityType, ...entityIds, afterSequence ?? 0, limit],
  );
  const byEntity = new Map<string, AuditEntry[]>(entityIds.map((id) => [id, []]));
  for (const row of rows) {
    const entry = em.map(AuditEntry, row);
    byEntity.get(entry.entityId)?.push(entry);
  }
  return byEntity;
}

/** Whether an event of `type` has been recorded for the entity (e.g. "was this appeal ever answered?"). */
export async function hasAuditedEvent(em: EntityManager, entityType: string, entityId: string, type: string): Promise<boolean> {
  const rows = await em.execute('select 1 from audit_entry where entity_type = ? and entity_id = ? and type = ? limit 1', [entityType, entityId, type]);
  return rows.length > 0;
}
