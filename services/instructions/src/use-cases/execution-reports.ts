import { randomUUID } from 'node:crypto';
import { requireRole } from '@bakylau/platform/auth/principal';
import { civilDateInKazakhstan } from '@bakylau/platform/calendar/index';
import { conflict, forbidden, notFound } from '@bakylau/platform/errors';
import type { InstructionsContext } from '../context.ts';
import { ExecutionReport, type InstructionExecutor } from '../db/entities.ts';
import { createInputChecks } from '../domain/input-checks.ts';
import { controlStateOf, reviewReport, reviewedReportState, submitReport, type ReviewDecision } from '../domain/instruction-control.ts';
import { nextReportDue } from '../domain/instruction-deadlines.ts';
import type { ControlState, ReportKind, ReportState } from '../domain/instruction-vocabulary.ts';
import { actorOf, instructionEventTypes, recordInstructionEvent } from '../events/instruction-events.ts';
import { isUuid } from '@bakylau/platform/ids';
import { lockInstruction } from './instruction-records.ts';

function aggregate(current: string, executors: readonly InstructionExecutor[]): ControlState {
  return controlStateOf(
    current as ControlState,
    executors.map((e) => e.state),
  );
}

/** An executor reports on an instruction of its own organization (interim or final). */
export async function submitExecutionReport(
  ctx: InstructionsContext,
  input: { instructionId: string; kind: ReportKind; text: string },
): Promise<ExecutionReport> {
  const principal = requireRole(ctx.principal, 'executor');
  const organizationId = principal.organizationId;
  if (!organizationId) throw forbidden('An executor token must name its organization');
  const checks = createInputChecks();
  const text = checks.text('text', input.text);
  checks.done('The report cannot be submitted');
  if (!isUuid(input.instructionId)) throw notFound('Instruction', input.instructionId);

  return ctx.em.transactional(async (em) => {
    const { instruction, executors } = await lockInstruction(em, input.instructionId);
    const executor = executors.find((e) => e.organizationId === organizationId);
    if (!executor) throw forbidden('Your organization is not an executor of this instruction');
    executor.state = submitReport(instruction.controlState, executor.state);
    const now = ctx.now();
    const today = civilDateInKazakhstan(now);
    if (input.kind === 'INTERIM') executor.nextReportDue = nextReportDue(today, instruction.reportingPeriodDays ?? null);
    instruction.controlState = aggregate(instruction.controlState, executors);
    const report = em.create(ExecutionReport, {
      id: randomUUID(),
      instructionId: instruction.id,
      organizationId,
      kind: input.kind,
      text,
      state: 'SUBMITTED' satisfies ReportState,
      submittedAt: now,
      submittedBySubject: principal.subject,
      remarks: null,
      reviewedAt: null,
      reviewedBySubject: null,
    });
    recordInstructionEvent(
      em,
      instructionEventTypes.reportSubmitted,
      {
        instructionId: instruction.id,
        reportId: report.id,
        organizationId,
        kind: input.kind,
        submittedAt: now.toISOString(),
        dueDate: executor.dueDate,
        actor: actorOf(principal),
      },
      ctx.trace,
    );
    return report;
  });
}

/** The controller accepts or returns (with remarks) a submitted report. */
export async function reviewExecutionReport(
  ctx: InstructionsContext,
  input: { reportId: string; decision: ReviewDecision; remarks?: string | null },
): Promise<ExecutionReport> {
  const principal = requireRole(ctx.principal, 'controller', 'department_head');
  const checks = createInputChecks();
  const remarks = input.decision === 'RETURN' ? checks.text('remarks', input.remarks) : null;
  checks.done('The report cannot be returned');
  if (!isUuid(input.reportId)) throw notFound('ExecutionReport', input.reportId);
  const found = await ctx.em.findOne(ExecutionReport, { id: input.reportId });
  if (!found) throw notFound('ExecutionReport', input.reportId);

  return ctx.em.transactional(async (em) => {
    const { instruction, executors } = await lockInstruction(em, found.instructionId);
    const report = await em.findOneOrFail(ExecutionReport, { id: input.reportId }, { refresh: true });
    const executor = executors.find((e) => e.organizationId === report.organizationId);
    if (!executor) throw conflict('The reporting organization is no longer an executor of this instruction');
    const kind = report.kind;
    executor.state = reviewReport(instruction.controlState, executor.state, { state: report.state, kind }, input.decision);
    const now = ctx.now();
    report.state = reviewedReportState(input.decision);
    report.reviewedAt = now;
    report.reviewedBySubject = principal.subject;
    report.remarks = remarks;
    if (input.decision === 'RETURN') executor.returnCount += 1;
    if (executor.state === 'FINAL_ACCEPTED') {
      // Executed when the executor reported, not when the controller got to it.
      executor.executedOn = civilDateInKazakhstan(report.submittedAt);
      executor.nextReportDue = null;
    }
    instruction.controlState = aggregate(instruction.controlState, executors);
    const data = {
      instructionId: instruction.id,
      reportId: report.id,
      organizationId: report.organizationId,
      kind,
      reviewedAt: now.toISOString(),
      actor: actorOf(principal),
    };
    recordInstructionEvent(em, input.decision === 'ACCEPT' ? instructionEventTypes.reportAccepted : instructionEventTypes.reportReturned, data, ctx.trace);
    return report;
  });
}
