import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { requireRole } from '@bakylau/platform/auth/principal';
import { conflict } from '@bakylau/platform/errors';
import type { InstructionsContext } from '../context.ts';
import { Instruction, OrganizationCopy } from '../db/entities.ts';
import { assertMayIssue } from '../domain/instruction-access.ts';
import { dueDateProblem } from '../domain/instruction-deadlines.ts';
import { createInputChecks } from '../domain/input-checks.ts';
import type { IssuerLevel } from '../domain/instruction-vocabulary.ts';
import { actorOf } from '../events/instruction-events.ts';
import { createInstruction } from './instruction-records.ts';

export type IssueInstructionInput = {
  number?: string | null;
  issuerLevel: IssuerLevel;
  issuerName: string;
  issuerPosition?: string | null;
  text: string;
  appealIds?: readonly string[] | null;
  appointmentId?: string | null;
  systemicIssueId?: string | null;
  executors: readonly { organizationId: string; dueDate: string }[];
  reportingPeriodDays?: number | null;
};

/** Puts an instruction on control (R9.1): every input checked, executors known to the directory, then one transaction. */
export async function issueInstruction(ctx: InstructionsContext, input: IssueInstructionInput): Promise<Instruction> {
  const principal = requireRole(ctx.principal, 'controller', 'department_head', 'registrar');
  assertMayIssue(principal, input.issuerLevel);
  const today = ctx.today();
  const checks = createInputChecks();
  const number = checks.optionalText('number', input.number, 64);
  const issuerName = checks.text('issuerName', input.issuerName, 300);
  const issuerPosition = checks.optionalText('issuerPosition', input.issuerPosition, 300);
  const text = checks.text('text', input.text);
  const appealIds = [...new Set(input.appealIds ?? [])];
  const appointmentId = input.appointmentId?.trim() || null;
  const systemicIssueId = input.systemicIssueId?.trim() || null;
  checks.check('appealIds', appealIds.length <= 100, 'at most 100 appeals');
  checks.check('appealIds', appealIds.length > 0 || !!appointmentId || !!systemicIssueId, 'a basis is required: appeals, an appointment or a systemic issue');
  checks.check('appointmentId', input.issuerLevel !== 'OFFICIAL_AT_RECEPTION' || !!appointmentId, 'an instruction given at reception needs its appointment');
  checks.check('executors', input.executors.length > 0, 'at least one executor is required');
  checks.check('executors', input.executors.length <= 50, 'at most 50 executors');
  const organizationIds = input.executors.map((e) => e.organizationId);
  checks.check('executors', new Set(organizationIds).size === organizationIds.length, 'an organization may be an executor only once');
  input.executors.forEach((executor, i) => checks.add(dueDateProblem(`executors[${i}].dueDate`, executor.dueDate, today)));
  const period = input.reportingPeriodDays ?? null;
  checks.check('reportingPeriodDays', period === null || (Number.isInteger(period) && period >= 1 && period <= 90), 'must be between 1 and 90 working days');
  checks.done('The instruction cannot be put on control');

  const known = await ctx.em.find(OrganizationCopy, { id: { $in: organizationIds } });
  const active = new Set(known.filter((o) => o.active).map((o) => o.id));
  organizationIds.forEach((id, i) => checks.check(`executors[${i}].organizationId`, active.has(id), 'is not an active organization of the directory'));
  if (number && (await ctx.em.count(Instruction, { issuerLevel: input.issuerLevel, number })) > 0) {
    throw conflict(`An instruction of ${input.issuerLevel} numbered ${number} is already on control`);
  }
  checks.done('The instruction cannot be put on control');

  try {
    return await ctx.em.transactional(async (em) => {
      const now = ctx.now();
      return createInstruction(
        em,
        {
          number,
          issuerLevel: input.issuerLevel,
          issuerName,
          issuerPosition,
          issuerOfficialId: null,
          text,
          appealIds,
          appointmentId,
          systemicIssueId,
          executors: input.executors.map((e) => ({ organizationId: e.organizationId, dueDate: e.dueDate })),
          reportingPeriodDays: period,
          sourceKey: null,
        },
        { actor: actorOf(principal), issuedAt: now, issuedOn: today, trace: ctx.trace },
      );
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw conflict(`An instruction numbered ${number ?? ''} is already on control`);
    throw error;
  }
}
