import { randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '@bakylau/platform/errors';
import type { Actor } from '@bakylau/platform/events/cloud-event';
import type { TraceHeaders } from '@bakylau/platform/outbox/record-event';
import { Instruction, InstructionExecutor } from '../db/entities.ts';
import { nextReportDue } from '../domain/instruction-deadlines.ts';
import type { ControlState, ExecutorState, IssuerLevel } from '../domain/instruction-vocabulary.ts';
import { instructionEventTypes, recordInstructionEvent } from '../events/instruction-events.ts';

export type NewInstruction = {
  number: string | null;
  issuerLevel: IssuerLevel;
  issuerName: string;
  issuerPosition: string | null;
  issuerOfficialId: string | null;
  text: string;
  appealIds: string[];
  appointmentId: string | null;
  systemicIssueId: string | null;
  executors: { organizationId: string; dueDate: string }[];
  reportingPeriodDays: number | null;
  sourceKey: string | null;
};

/** Assigned numbers run per service through a sequence and never repeat: `ПР-<year>-000123`. */
async function assignNumber(em: EntityManager, issuedOn: string): Promise<string> {
  const [row] = await em.execute<{ n: string }[]>(`select nextval('instruction_number_seq')::text as n`);
  return `ПР-${issuedOn.slice(0, 4)}-${(row?.n ?? '0').padStart(6, '0')}`;
}

/**
 * Creates a validated instruction with its executors and queues `instruction.issued` in the same
 * unit of work. Shared by the mutation and the reception consumer; the caller flushes.
 */
export async function createInstruction(
  em: EntityManager,
  input: NewInstruction,
  context: { actor: Actor; issuedAt: Date; issuedOn: string; trace?: TraceHeaders },
): Promise<Instruction> {
  const id = randomUUID();
  const number = input.number ?? (await assignNumber(em, context.issuedOn));
  const instruction = em.create(Instruction, {
    id,
    number,
    issuerLevel: input.issuerLevel,
    issuerName: input.issuerName,
    issuerPosition: input.issuerPosition,
    issuerOfficialId: input.issuerOfficialId,
    text: input.text,
    basisAppealIds: input.appealIds,
    basisAppointmentId: input.appointmentId,
    basisSystemicIssueId: input.systemicIssueId,
    controlState: 'ON_CONTROL' satisfies ControlState,
    reportingPeriodDays: input.reportingPeriodDays,
    basisAppealClosedWhileOpen: false,
    issuedAt: context.issuedAt,
    issuedOn: context.issuedOn,
    issuedBySubject: context.actor.subject,
    issuedByRole: context.actor.role,
    removedAt: null,
    removedBySubject: null,
    sourceKey: input.sourceKey,
  });
  for (const executor of input.executors) {
    em.create(InstructionExecutor, {
      id: randomUUID(),
      instructionId: id,
      organizationId: executor.organizationId,
      dueDate: executor.dueDate,
      state: 'ON_CONTROL' satisfies ExecutorState,
      nextReportDue: nextReportDue(context.issuedOn, input.reportingPeriodDays),
      executedOn: null,
      returnCount: 0,
      overdueNotifiedFor: null,
    });
  }
  recordInstructionEvent(
    em,
    instructionEventTypes.issued,
    {
      instructionId: id,
      number,
      issuerLevel: input.issuerLevel,
      basis: { appealIds: input.appealIds, appointmentId: input.appointmentId, systemicIssueId: input.systemicIssueId },
      executors: input.executors,
      reportingPeriodDays: input.reportingPeriodDays,
      issuedAt: context.issuedAt.toISOString(),
      actor: context.actor,
    },
    context.trace,
  );
  return instruction;
}

/**
 * Loads an instruction for a change, locking its row until the transaction ends: reports, reviews,
 * extensions and removal of one instruction are applied one at a time, so its state always follows
 * the executors' states it was computed from.
 */
export async function lockInstruction(em: EntityManager, id: string): Promise<{ instruction: Instruction; executors: InstructionExecutor[] }> {
  const instruction = await em.findOne(Instruction, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  if (!instruction) throw notFound('Instruction', id);
  const executors = await em.find(InstructionExecutor, { instructionId: id }, { orderBy: { organizationId: 'asc' }, refresh: true });
  return { instruction, executors };
}
