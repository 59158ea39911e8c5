import type { EntityManager } from '@mikro-orm/core';
import type { Actor } from '@bakylau/platform/events/cloud-event';
import { topics } from '@bakylau/platform/events/topics';
import { recordEvent, type TraceHeaders } from '@bakylau/platform/outbox/record-event';
import type { ReceptionFormat, VisitOutcome } from '../domain/reception-vocabulary.ts';

export const receptionSource = '/bakylau/reception';

/**
 * The events reception publishes, by type (shared brief, "Cross-service contracts"). Payloads
 * carry ids and facts, never the citizen's name or phone. appeal-requested carries `summary`, the
 * substance the appeals service registers; the applicant's name stays in reception (the brief's
 * contract listed `applicantName`, but the platform's personal-data scan forbids it, and the
 * appeals consumer already treats it as optional).
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
  'kz.bakylau.reception.appointment-cancelled.v1': { appointmentId: string; sessionId: string; slotId: string; officialId: string; organizationId: string; reason: 'CANCELLED' | 'REBOOKED' | 'SESSION_CANCELLED' };
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
  'kz.bakylau.reception.appeal-requested.v1': {
    appointmentId: string;
    organizationId: string;
    officialId: string;
    citizenSubject: string | null;
    summary: string;
    categoryId: string | null;
    districtId: string | null;
  };
  'kz.bakylau.reception.instruction-given.v1': {
    visitInstructionId: string;
    appointmentId: string;
    officialId: string;
    organizationId: string;
    executorOrganizationId: string;
    text: string;
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
