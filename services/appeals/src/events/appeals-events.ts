import type { EntityManager } from '@mikro-orm/core';
import type { Actor } from '@bakylau/platform/events/cloud-event';
import type { SealedText } from '@bakylau/platform/events/sealed-text';
import { topics } from '@bakylau/platform/events/topics';
import { recordEvent, type TraceHeaders } from '@bakylau/platform/outbox/record-event';
import type { AppealChannel, AppealKind, AppealOutcome } from '../domain/appeal-kinds.ts';
import type { AppealState } from '../domain/appeal-lifecycle.ts';

/**
 * The events this service publishes (shared brief, "Cross-service contracts"), as one typed map:
 * ids and facts only, never personal data (IIN, phone, address, citizens' names, appeal text).
 */
export type AppealsEventData = {
  'kz.bakylau.organization.upserted.v1': {
    organizationId: string;
    name: string;
    kind: string;
    parentId: string | null;
    districtId: string | null;
    active: boolean;
  };
  'kz.bakylau.appeal.registered.v1': {
    appealId: string;
    registrationNumber: string;
    kind: AppealKind;
    channel: AppealChannel;
    categoryId: string | null;
    districtId: string | null;
    organizationId: string | null;
    receivedAt: string;
    registeredAt: string;
    dueDate: string;
    underAkimControl: boolean;
    sourceAppointmentId?: string;
  };
  'kz.bakylau.appeal.assigned.v1': {
    appealId: string;
    organizationId: string;
    executors: { organizationId: string; lead: boolean; dueDate: string }[];
  };
  'kz.bakylau.appeal.forwarded.v1': {
    appealId: string;
    organizationId: string | null;
    toOrganizationId: string;
    receivedAt: string;
    forwardedAt: string;
  };
  /** The reason is the official's free text: it travels sealed (platform/src/events/sealed-text.ts). */
  'kz.bakylau.appeal.extended.v2': {
    appealId: string;
    organizationId: string | null;
    previousDueDate: string;
    newDueDate: string;
    sealedReason: SealedText;
    decidedBy: Actor;
    /** The head on whose behalf a substitute decided under a delegation (R3.1); absent when the head decided. */
    decidedOnBehalfOf?: { subject: string; role: 'department_head' };
  };
  'kz.bakylau.appeal.answer-submitted.v1': {
    appealId: string;
    organizationId: string;
    lead: boolean;
    round: number;
    outcome: AppealOutcome;
    submittedAt: string;
  };
  'kz.bakylau.appeal.returned-for-rework.v1': {
    appealId: string;
    organizationId: string | null;
    round: number;
    reworkCount: number;
    reworkDueDate: string | null;
    passed: boolean;
  };
  'kz.bakylau.appeal.answered.v1': {
    appealId: string;
    organizationId: string | null;
    outcome: AppealOutcome;
    answerDocumentId: string | null;
    signedBy: Actor;
    /** The head on whose behalf a substitute signed under a delegation (R3.1); absent when the head signed. */
    signedOnBehalfOf?: { subject: string; role: 'department_head' };
    answeredAt: string;
    dueDate: string;
  };
  'kz.bakylau.appeal.signing-delegated.v1': { delegationId: string; headSubject: string; substituteSubject: string; validFrom: string; validTo: string };
  'kz.bakylau.appeal.signing-delegation-revoked.v1': { delegationId: string; headSubject: string; substituteSubject: string; revokedAt: string };
  'kz.bakylau.appeal.closed.v1': {
    appealId: string;
    organizationId: string | null;
    finalState: AppealState;
  };
  'kz.bakylau.appeal.overdue.v1': {
    appealId: string;
    organizationId: string | null;
    dueDate: string;
  };
  /** The applicant's comment is personal data: it stays in `appeal_rating`. */
  'kz.bakylau.appeal.answer-rated.v1': {
    appealId: string;
    organizationId: string | null;
    satisfied: boolean;
    ratedAt: string;
  };
  'kz.bakylau.appeal.review-reopened.v1': {
    appealId: string;
    organizationId: string | null;
    reopenedAt: string;
    previousDueDate: string;
    dueDate: string;
  };
  'kz.bakylau.appeal.systemic-issue-proposed.v1': {
    systemicIssueId: string;
    categoryId: string;
    districtId: string;
    windowFrom: string;
    windowTo: string;
    appealCount: number;
    previousCount: number;
    threshold: number;
    appealIds: string[];
  };
  'kz.bakylau.appeal.systemic-issue-confirmed.v1': SystemicIssueDecisionData;
  'kz.bakylau.appeal.systemic-issue-dismissed.v1': SystemicIssueDecisionData;
};

/** A controller's or the department head's decision on a proposed systemic issue (the note stays in the service). */
type SystemicIssueDecisionData = {
  systemicIssueId: string;
  categoryId: string;
  districtId: string;
  appealCount: number;
  decidedAt: string;
};

export type AppealsEventType = keyof AppealsEventData;

/** Versions this service published once and no longer does; its consumers still read them from the topic's history. */
export type RetiredAppealsEventData = {
  'kz.bakylau.appeal.extended.v1': Omit<AppealsEventData['kz.bakylau.appeal.extended.v2'], 'sealedReason' | 'decidedOnBehalfOf'> & { reason: string };
};
export type RetiredAppealsEventType = keyof RetiredAppealsEventData;

export const appealsEventSource = '/bakylau/appeals';

export const systemActor: Actor = { subject: 'system', role: 'system' };

/** Queues an event in the outbox of the unit of work; it commits with the state change it describes. */
export function recordAppealsEvent<T extends AppealsEventType>(
  em: EntityManager,
  type: T,
  subject: string,
  data: AppealsEventData[T],
  actor: Actor,
  trace?: TraceHeaders,
): void {
  recordEvent(em, {
    topic: topics.appeals,
    source: appealsEventSource,
    type,
    subject,
    data: { ...data, actor },
    ...(trace ? { trace } : {}),
  });
}
