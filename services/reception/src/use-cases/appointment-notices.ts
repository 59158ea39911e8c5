import type { EntityManager } from '@mikro-orm/postgresql';
import type { Notifier } from '@bakylau/platform/notifications/notification-dispatcher';
import type { Appointment } from '../db/entities.ts';
import { appointmentNotice, type AppointmentNoticeKind } from '../domain/appointment-notices.ts';

/**
 * Queues the SMS to the citizen in the transaction of the change itself (reception owns the phone,
 * so no event round trip is needed); `sourceEventId` is the id of the event that records the change.
 */
export async function queueAppointmentNotice(
  tx: EntityManager,
  notifier: Notifier | undefined,
  input: { sourceEventId: string; kind: AppointmentNoticeKind; appointment: Appointment; slotStartsAt: Date; sessionCancelled?: boolean; now: Date },
): Promise<void> {
  if (!notifier || notifier.channels.length === 0) return;
  const language = input.appointment.citizenLanguage;
  const text = appointmentNotice({ kind: input.kind, slotStartsAt: input.slotStartsAt, sessionCancelled: input.sessionCancelled ?? false }, language);
  await notifier.queue(
    tx,
    {
      sourceEventId: input.sourceEventId,
      kind: input.kind,
      appointmentId: input.appointment.id,
      language,
      subject: text.subject,
      emailBody: text.text,
      smsText: text.text,
      phone: input.appointment.citizenPhone,
    },
    input.now,
  );
}
