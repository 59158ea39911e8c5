import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';

/** The prevHash of the first entry of the chain. */
export const genesisHash = '0'.repeat(64);

/** The fields of an audit entry that its hash covers. */
export type HashedAuditFields = {
  sequence: number;
  eventId: string;
  type: string;
  source: string;
  entityType: string;
  entityId: string;
  actor: { subject: string; role: string } | null;
  occurredAt: Date;
  summary: Record<string, unknown>;
  prevHash: string;
};

/** SHA-256 (hex) over the sorted-keys JSON of the entry's fields, its position and the previous hash. */
export function auditEntryHash(fields: HashedAuditFields): string {
  const canonical = canonicalJson({
    sequence: fields.sequence,
    eventId: fields.eventId,
    type: fields.type,
    source: fields.source,
    entityType: fields.entityType,
    entityId: fields.entityId,
    actor: fields.actor,
    occurredAt: fields.occurredAt.toISOString(),
    summary: fields.summary,
    prevHash: fields.prevHash,
  });
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
