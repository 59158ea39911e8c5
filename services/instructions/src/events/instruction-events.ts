import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '@bakylau/platform/events/cloud-event';
import type { SealedText } from '@bakylau/platform/events/sealed-text';
import { topics } from '@bakylau/platform/events/topics';
import { recordEvent, type TraceHeaders } from '@bakylau/platform/outbox/record-event';
import type { IssuerLevel, ReportKind } from '../domain/instruction-vocabulary.ts';

export const instructionEventSource = '/bakylau/instructions';

/** Event types this service publishes on bakylau.instructions.v1 (data: ids and facts, never personal data). */
export const instructionEventTypes = {
  issued: 'kz.bakylau.instruction.issued.v1',
  reportSubmitted: 'kz.bakylau.instruction.report-submitted.v1',
  reportAccepted: 'kz.bakylau.instruction.report-accepted.v1',
  reportReturned: 'kz.bakylau.instruction.report-returned.v1',
  /** v2: the reason, free text of the official, travels sealed (v1 carried it in plain; no longer produced). */
  extended: 'kz.bakylau.instruction.extended.v2',
  removedFromControl: 'kz.bakylau.instruction.removed-from-control.v1',
  overdue: 'kz.bakylau.instruction.overdue.v1',
} as const;

export const systemActor: Actor = { subject: 'system', role: 'system' };

export type InstructionEventData = {
  [instructionEventTypes.issued]: {
    instructionId: string;
    number: string;
    issuerLevel: IssuerLevel;
    basis: { appealIds: string[]; appointmentId: string | null; systemicIssueId: string | null };
    executors: { organizationId: string; dueDate: string }[];
    reportingPeriodDays: number | null;
    issuedAt: string;
    actor: Actor;
  };
  [instructionEventTypes.reportSubmitted]: {
    instructionId: string;
    reportId: string;
    organizationId: string;
    kind: ReportKind;
    submittedAt: string;
    dueDate: string;
    actor: Actor;
  };
  [instructionEventTypes.reportAccepted]: {
    instructionId: string;
    reportId: string;
    organizationId: string;
    kind: ReportKind;
    reviewedAt: string;
    actor: Actor;
  };
  [instructionEventTypes.reportReturned]: {
    instructionId: string;
    reportId: string;
    organizationId: string;
    kind: ReportKind;
    reviewedAt: string;
    actor: Actor;
  };
  [instructionEventTypes.extended]: {
    instructionId: string;
    organizationId: string;
    previousDueDate: string;
    newDueDate: string;
    sealedReason: SealedText;
    decidedBy: Actor;
    /** The head on whose behalf a substitute decided under a delegation (R3.1); absent when the head decided. */
    decidedOnBehalfOf?: { subject: string; role: 'department_head' };
    actor: Actor;
  };
  [instructionEventTypes.removedFromControl]: {
    instructionId: string;
    removedAt: string;
    executors: { organizationId: string; dueDate: string; executedOn: string | null }[];
    actor: Actor;
  };
  [instructionEventTypes.overdue]: { instructionId: string; organizationId: string; dueDate: string; detectedOn: string; actor: Actor };
};

export type InstructionEventType = keyof InstructionEventData;

/** Queues an instruction event in the outbox of `em`, keyed by the instruction id (typed per event type). */
export function recordInstructionEvent<T extends InstructionEventType>(em: EntityManager, type: T, data: InstructionEventData[T], trace?: TraceHeaders): void {
  recordEvent(em, { topic: topics.instructions, source: instructionEventSource, type, subject: data.instructionId, data, ...(trace ? { trace } : {}) });
}

export function actorOf(principal: { subject: string; role: string }): Actor {
  return { subject: principal.subject, role: principal.role };
}
