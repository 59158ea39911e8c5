import { randomUUID } from 'node:crypto';
import { requireRole } from '@bakylau/platform/auth/principal';
import { badUserInput, notFound } from '@bakylau/platform/errors';
import { sealText } from '@bakylau/platform/events/sealed-text';
import type { InstructionsContext } from '../context.ts';
import { InstructionExtension, type Instruction } from '../db/entities.ts';
import { createInputChecks } from '../domain/input-checks.ts';
import { assertExtendable, removeFromControl } from '../domain/instruction-control.ts';
import { dueDateProblem } from '../domain/instruction-deadlines.ts';
import { actorOf, instructionEventTypes, recordInstructionEvent } from '../events/instruction-events.ts';
import { requireHeadAuthority } from './head-authority.ts';
import { isUuid } from '@bakylau/platform/ids';
import { lockInstruction } from './instruction-records.ts';

/** Removal from control (EXECUTED): a controller or the department head, after every final report was accepted. */
export async function removeInstructionFromControl(ctx: InstructionsContext, instructionId: string): Promise<Instruction> {
  const principal = requireRole(ctx.principal, 'controller', 'department_head');
  if (!isUuid(instructionId)) throw notFound('Instruction', instructionId);
  return ctx.em.transactional(async (em) => {
    const { instruction, executors } = await lockInstruction(em, instructionId);
    instruction.controlState = removeFromControl(
      instruction.controlState,
      executors.map((e) => e.state),
    );
    const now = ctx.now();
    instruction.removedAt = now;
    instruction.removedBySubject = principal.subject;
    for (const executor of executors) executor.nextReportDue = null;
    recordInstructionEvent(
      em,
      instructionEventTypes.removedFromControl,
      {
        instructionId,
        removedAt: now.toISOString(),
        executors: executors.map((e) => ({ organizationId: e.organizationId, dueDate: e.dueDate, executedOn: e.executedOn ?? null })),
        actor: actorOf(principal),
      },
      ctx.trace,
    );
    return instruction;
  });
}

/** The department head (or a substitute acting for the head) extends due dates with a reason; each extension is kept and published. */
export async function extendInstruction(
  ctx: InstructionsContext,
  input: { instructionId: string; organizationId?: string | null; newDueDate: string; reason: string },
): Promise<Instruction> {
  const authority = await requireHeadAuthority(ctx);
  const checks = createInputChecks();
  const reason = checks.text('reason', input.reason, 2_000);
  checks.add(dueDateProblem('newDueDate', input.newDueDate, ctx.today()));
  checks.done('The instruction cannot be extended');
  if (!isUuid(input.instructionId)) throw notFound('Instruction', input.instructionId);

  return ctx.em.transactional(async (em) => {
    const { instruction, executors } = await lockInstruction(em, input.instructionId);
    const targets = input.organizationId
      ? executors.filter((e) => e.organizationId === input.organizationId)
      : executors.filter((e) => e.state !== 'FINAL_ACCEPTED');
    if (input.organizationId && targets.length === 0) {
      throw badUserInput('Not an executor of this instruction', [{ field: 'organizationId', message: 'is not an executor of this instruction' }]);
    }
    for (const executor of targets) assertExtendable(instruction.controlState, executor.state, executor.dueDate, input.newDueDate);
    if (targets.length === 0)
      throw badUserInput('No executor is still working on this instruction', [{ field: 'instructionId', message: 'nothing to extend' }]);
    const now = ctx.now();
    for (const executor of targets) {
      const previousDueDate = executor.dueDate;
      executor.dueDate = input.newDueDate;
      em.create(InstructionExtension, {
        id: randomUUID(),
        instructionId: instruction.id,
        organizationId: executor.organizationId,
        previousDueDate,
        newDueDate: input.newDueDate,
        reason,
        decidedBySubject: authority.subject,
        decidedAt: now,
      });
      recordInstructionEvent(
        em,
        instructionEventTypes.extended,
        {
          instructionId: instruction.id,
          organizationId: executor.organizationId,
          previousDueDate,
          newDueDate: input.newDueDate,
          sealedReason: sealText(reason, ctx.sealingKeys),
          decidedBy: actorOf(authority),
          ...(authority.actingFor ? { decidedOnBehalfOf: { subject: authority.actingFor, role: 'department_head' as const } } : {}),
          actor: actorOf(authority),
        },
        ctx.trace,
      );
    }
    return instruction;
  });
}
