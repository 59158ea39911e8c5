import type { EntityManager } from '@bakylau/platform/db/orm';
import { recordEvent, type TraceHeaders } from '@bakylau/platform/outbox/record-event';
import { topics } from '@bakylau/platform/events/topics';
import { insertViolationOnce } from '../db/compliance-violation-store.ts';
import type { ComplianceViolation } from '../db/entities.ts';
import type { DetectedViolation } from '../domain/compliance-check.ts';
import { auditSource, eventTypes } from '../events/event-types.ts';

const system = { subject: 'system', role: 'system' } as const;

/**
 * Stores each detected violation once (rule + entity) and queues its
 * `compliance-violation-detected` event in the same unit of work. The caller flushes.
 */
export async function recordViolations(
  em: EntityManager,
  detected: DetectedViolation[],
  sourceEventId: string,
  now: Date,
  trace?: TraceHeaders,
): Promise<ComplianceViolation[]> {
  const stored: ComplianceViolation[] = [];
  for (const violation of detected) {
    const row = await insertViolationOnce(em, violation, sourceEventId, now);
    if (!row) continue;
    stored.push(row);
    recordEvent(em, {
      topic: topics.audit,
      source: auditSource,
      type: eventTypes.complianceViolationDetected,
      subject: row.id,
      data: {
        violationId: row.id,
        rule: row.rule,
        organizationId: row.organizationId,
        entityType: row.entityType,
        entityId: row.entityId,
        occurredAt: row.occurredAt.toISOString(),
        detectedAt: row.detectedAt.toISOString(),
        actor: system,
      },
      ...(trace ? { trace } : {}),
    });
  }
  return stored;
}
