import type { EntityManager } from '@mikro-orm/core';
import type { Actor } from '@bakylau/platform/events/cloud-event';
import type { SealedText } from '@bakylau/platform/events/sealed-text';
import { topics } from '@bakylau/platform/events/topics';
import { recordEvent, type TraceHeaders } from '@bakylau/platform/outbox/record-event';
import type { ReceptionFormat, VisitOutcome } from '../domain/reception-vocabulary.ts';

export const receptionSource = '/bakylau/reception';

/**
 * The events reception publishes, by type (shared brief, "Cross-service contracts"). Payloads
 * carry ids and facts, never the citizen's name or phone. The free text an official writes up at
 * the visit may still hold them, so it travels sealed (platform/src/events/sealed-text.ts):
 * appeal-requested carries `sealedSummary`, the substance the appeals service registers, and
 * instruction-given `sealedText`; their v1 forms, with the text in plain, are no longer produced.
 * The applicant's name stays in reception.
 */
export type ReceptionEventData = {
  'kz.bakylau.reception.session-published.v1': {
    sessionId: string;
    officialId: string;
    organizationId: string;
    planId: string | null;
    startsAt: string;
    endsAt: string;
    format: ReceptionFormat;
    capacity: number;
    remoteParty: string | null;
  };
  'kz.bakylau.reception.session-cancelled.v1': { sessionId: string; officialId: string; organizationId: string; cancelledAppointments: number };
  'kz.bakylau.reception.appointment-booked.v1': {
    appointmentId: string;
    sessionId: string;
    slotId: string;
    officialId: string;
    organizationId: string;
    citizenSubject: string | null;
    fromWaitingList: boolean;
    slotStartsAt: string;
  };
  'kz.bakylau.reception.appointment-cancelled.v1': {
    appointmentId: string;
    sessionId: string;
    slotId: string;
    officialId: string;
    organizationId: string;
    reason: 'CANCELLED' | 'REBOOKED' | 'SESSION_CANCELLED';
  };
  'kz.bakylau.reception.waiting-list-joined.v1': { waitingListEntryId: string; sessionId: string; organizationId: string; citizenSubject: string | null };
  'kz.bakylau.reception.no-show-recorded.v1': { appointmentId: string; sessionId: string; officialId: string; organizationId: string };
  'kz.bakylau.reception.visit-recorded.v1': {
    appointmentId: string;
    sessionId: string;
    officialId: string;
    organizationId: string;
    outcome: VisitOutcome;
    outcomes: VisitOutcome[];
  };
  'kz.bakylau.reception.appeal-requested.v2': {
    appointmentId: string;
    organizationId: string;
    officialId: string;
    officialSubject?: string | null;
    citizenSubject: string | null;
    sealedSummary: SealedText;
    categoryId: string | null;
    districtId: string | null;
  };
  'kz.bakylau.reception.instruction-given.v2': {
    visitInstructionId: string;
    appointmentId: string;
    officialId: string;
    organizationId: string;
    executorOrganizationId: string;
    sealedText: SealedText;
    dueDate: string;
  };
};
export type ReceptionEventType = keyof ReceptionEventData;

/**
 * Queues a reception event in the outbox of `em`'s unit of work, keyed by its aggregate
 * (`subject`), with the actor every event carries for the audit trail.
 */
export function recordReceptionEvent<TType extends ReceptionEventType>(
  em: EntityManager,
  type: TType,
  subject: string,
  data: ReceptionEventData[TType],
  actor: Actor,
  trace?: TraceHeaders,
): string {
  return recordEvent(em, { topic: topics.reception, source: receptionSource, type, subject, data: { ...data, actor }, ...(trace ? { trace } : {}) }).id;
}
