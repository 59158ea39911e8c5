import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createCloudEvent, type CloudEvent } from '@bakylau/platform/events/cloud-event';
import { applyEventOnce, type EventHandler } from '@bakylau/platform/inbox/inbox-consumer';
import { startTestService, type TestService } from '@bakylau/platform/testkit/service-harness';
import { auditService } from '../src/service.ts';

export const registrar = { subject: 'registrar-1', role: 'registrar' } as const;

/** A CloudEvent as appeals would publish it, with the actor in data. */
export function appealEvent(fact: string, appealId: string, data: Record<string, unknown>, actor: { subject: string; role: string } = registrar): CloudEvent {
  return createCloudEvent({
    source: '/bakylau/appeals',
    type: `kz.bakylau.appeal.${fact}.v1`,
    subject: appealId,
    data: { appealId, ...data, actor },
  });
}

export function organizationUpserted(organizationId: string): CloudEvent {
  return createCloudEvent({
    source: '/bakylau/appeals',
    type: 'kz.bakylau.organization.upserted.v1',
    subject: organizationId,
    data: {
      organizationId,
      name: 'Аппарат акима',
      kind: 'DISTRICT_AKIMAT',
      parentId: null,
      districtId: null,
      active: true,
      actor: { subject: 'system', role: 'system' },
    },
  });
}

/** `notification.delivered` as appeals publishes it once a notice reached the applicant. */
export function notificationDelivered(appealId: string, kind: string, deliveredAt: string): CloudEvent {
  return createCloudEvent({
    source: '/bakylau/appeals',
    type: 'kz.bakylau.notification.delivered.v1',
    subject: appealId,
    data: {
      notificationId: randomUUID(),
      kind,
      channel: 'EMAIL',
      language: 'RU',
      appealId,
      appointmentId: null,
      deliveredAt,
      attempts: 1,
      actor: { subject: 'system', role: 'system' },
    },
  });
}

/** The delivered legal notice of an extension. */
export const extensionNoticeDelivered = (appealId: string, deliveredAt: string) => notificationDelivered(appealId, 'APPEAL_EXTENDED', deliveredAt);

/**
 * Applies an event the way the inbox consumer does (inbox row and effect in one transaction), so
 * a redelivery is skipped exactly as in production. Returns whether the event was applied.
 */
export function deliver(orm: MikroORM, handle: EventHandler, event: CloudEvent, consumer = 'audit-trail'): Promise<boolean> {
  return applyEventOnce(orm, consumer, event, handle, { topic: 'bakylau.appeals.v1', headers: {} });
}

export const newId = () => randomUUID();

/** Starts audit on a fresh database; without its Kafka consumer unless `withConsumers`. */
export async function startAudit(options: { withConsumers?: boolean; seed?: boolean } = {}): Promise<TestService> {
  return startTestService(auditService, { consumers: options.withConsumers ?? false, seed: options.seed ?? false });
}
