import type { ClockTime } from '@bakylau/platform/civil-time';
import type { WorkingCalendar } from '@bakylau/platform/calendar/index';
import type { EntityManager } from '@bakylau/platform/db/orm';
import type { CloudEvent } from '@bakylau/platform/events/cloud-event';
import type { EventHandler } from '@bakylau/platform/inbox/inbox-consumer';
import { appendAuditEntry, hasAuditedEvent } from '../db/audit-entry-store.ts';
import { upsertKnownOrganization } from '../db/organization-copy-store.ts';
import { summarizeEventData } from '../domain/audit-summary.ts';
import { checkCompliance, type SkippedRule } from '../domain/compliance-check.ts';
import { actorOf, entityTypeOf } from '../domain/event-entity.ts';
import { acceptExtensionNotice, evaluateOverdueNotices, rememberExtension } from '../use-cases/extension-notices.ts';
import { recordViolations } from '../use-cases/violation-recording.ts';
import { eventTypes } from './event-types.ts';

export type AuditEventHandlerOptions = {
  calendar: WorkingCalendar;
  /** End of the working day (WORKING_DAY_END), for LATE_REGISTRATION's after-hours rule. */
  workingDayEnd: ClockTime;
  now?: () => Date;
  /** Told about rules an event could not be checked against (missing fields, unknown calendar year). */
  onSkipped?: (event: CloudEvent, skipped: SkippedRule[]) => void;
};

function occurredAtOf(event: CloudEvent): Date {
  const time = new Date(event.time);
  return Number.isNaN(time.getTime()) ? new Date() : time;
}

async function updateOrganizationCopy(em: EntityManager, event: CloudEvent): Promise<void> {
  const data = (event.data ?? {}) as Record<string, unknown>;
  const id = typeof data['organizationId'] === 'string' ? data['organizationId'] : event.subject;
  await upsertKnownOrganization(em, {
    id,
    kind: typeof data['kind'] === 'string' ? data['kind'] : null,
    parentId: typeof data['parentId'] === 'string' ? data['parentId'] : null,
    active: data['active'] !== false,
    updatedAt: occurredAtOf(event),
  });
}

/**
 * The one consumer of every domain topic. In the inbox's transaction it appends the event to the
 * audit chain, keeps the organization read copy and extension facts, checks the compliance rules,
 * and sweeps overdue extension notices; violations go out through the outbox in the same commit.
 */
export function createAuditEventHandler(options: AuditEventHandlerOptions): EventHandler {
  const now = options.now ?? (() => new Date());
  return async (em, event) => {
    const appended = await appendAuditEntry(em, {
      eventId: event.id,
      type: event.type,
      source: event.source,
      entityType: entityTypeOf(event.type),
      entityId: event.subject,
      actor: actorOf(event.data),
      occurredAt: occurredAtOf(event),
      summary: summarizeEventData(event.data),
    });
    if (!appended) return;

    const at = now();
    if (event.type === eventTypes.organizationUpserted) await updateOrganizationCopy(em, event);
    if (event.type === eventTypes.appealExtended || event.type === eventTypes.appealExtendedV1) await rememberExtension(em, event, options.calendar);
    if (event.type === eventTypes.notificationDelivered) await acceptExtensionNotice(em, event, at);

    const answeredEventSeen = event.type === eventTypes.appealClosed && (await hasAuditedEvent(em, 'Appeal', event.subject, eventTypes.appealAnswered));
    const { detected, skipped } = checkCompliance(event, { answeredEventSeen }, options.calendar, options.workingDayEnd);
    if (skipped.length > 0) options.onSkipped?.(event, skipped);
    await recordViolations(em, detected, event.id, at);

    // Piggy-backs the time-driven rule on the stream, so no separate scheduler is needed.
    await evaluateOverdueNotices(em, at);
    await em.flush();
  };
}
