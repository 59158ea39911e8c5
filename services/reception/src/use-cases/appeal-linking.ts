import type { EntityManager } from '@mikro-orm/postgresql';
import type { CloudEvent } from '@bakylau/platform/events/cloud-event';
import type { Logger } from '@bakylau/platform/logging';
import { Appointment } from '../db/entities.ts';
import { isUuid } from '@bakylau/platform/ids';

export const appealRegisteredType = 'kz.bakylau.appeal.registered.v1';

type AppealRegistered = { appealId?: unknown; sourceAppointmentId?: unknown };

/**
 * Links a visit to the appeal registered from it (`appeal.registered` with sourceAppointmentId).
 * Idempotent on its own, beyond the inbox: a redelivered or republished event finds the link
 * already there; a second, different appeal for the same visit keeps the first link.
 */
export async function linkAppealToVisit(em: EntityManager, event: CloudEvent, logger?: Logger): Promise<'linked' | 'already-linked' | 'ignored'> {
  if (event.type !== appealRegisteredType) return 'ignored';
  const data = (event.data ?? {}) as AppealRegistered;
  const appointmentId = data.sourceAppointmentId;
  const appealId = data.appealId;
  if (typeof appointmentId !== 'string' || typeof appealId !== 'string') return 'ignored';
  if (!isUuid(appointmentId) || !isUuid(appealId)) {
    logger?.warn({ eventId: event.id }, 'appeal.registered with ids that are not uuids; ignored');
    return 'ignored';
  }
  // One conditional update: concurrent deliveries cannot both link, and no read-then-write race.
  const updated = await em.execute<{ id: string }[]>(
    'update appointment set appeal_id = ?, version = version + 1 where id = ? and appeal_id is null returning id',
    [appealId, appointmentId],
  );
  if (updated.length > 0) return 'linked';
  const appointment = await em.findOne(Appointment, { id: appointmentId });
  if (!appointment) {
    logger?.warn({ eventId: event.id, appointmentId }, 'appeal.registered names an appointment reception does not know');
    return 'ignored';
  }
  if (appointment.appealId !== appealId) logger?.warn({ eventId: event.id, appointmentId }, 'the visit is already linked to another appeal; kept the first');
  return 'already-linked';
}
