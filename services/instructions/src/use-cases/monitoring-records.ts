import { randomUUID } from 'node:crypto';
import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import { requireHeadAuthority } from './head-authority.ts';
import { requireRole } from '@bakylau/platform/auth/principal';
import { isCivilDate } from '@bakylau/platform/calendar/index';
import { badUserInput, conflict, notFound } from '@bakylau/platform/errors';
import type { InstructionsContext } from '../context.ts';
import { Conclusion, DisciplinaryProposal, Inspection, Instruction, InstructionExecutor } from '../db/entities.ts';
import { createInputChecks } from '../domain/input-checks.ts';
import type { ProposalState } from '../domain/instruction-vocabulary.ts';
import { isUuid } from '@bakylau/platform/ids';

// Monitoring of the execution: on-site inspections (R9.3–9.4), disciplinary proposals (R9.5) and
// the conclusion per instruction (R9.7). These are records of the department's own work; they do
// not move the control state.

async function existingInstruction(ctx: InstructionsContext, id: string): Promise<Instruction> {
  const instruction = isUuid(id) ? await ctx.em.findOne(Instruction, { id }) : null;
  if (!instruction) throw notFound('Instruction', id);
  return instruction;
}

export type RecordInspectionInput = {
  instructionId: string;
  date: string;
  place: string;
  participants: readonly string[];
  findings: string;
  evidence?: readonly string[] | null;
  violations?: readonly { description: string; organizationId?: string | null; remedialMeasure: string; dueDate: string }[] | null;
};

export async function recordInspection(ctx: InstructionsContext, input: RecordInspectionInput): Promise<Inspection> {
  const principal = requireRole(ctx.principal, 'controller', 'department_head');
  const checks = createInputChecks();
  checks.civilDate('date', input.date);
  checks.check('date', !isCivilDate(input.date) || input.date <= ctx.today(), 'must not be in the future');
  const place = checks.text('place', input.place, 500);
  const findings = checks.text('findings', input.findings);
  const participants = input.participants.map((p, i) => checks.text(`participants[${i}]`, p, 300));
  checks.check('participants', participants.length > 0, 'at least one participant is required');
  const evidence = (input.evidence ?? []).map((e, i) => checks.text(`evidence[${i}]`, e, 500));
  const violations = (input.violations ?? []).map((v, i) => {
    checks.civilDate(`violations[${i}].dueDate`, v.dueDate);
    checks.check(
      `violations[${i}].dueDate`,
      !isCivilDate(v.dueDate) || !isCivilDate(input.date) || v.dueDate >= input.date,
      'must not be before the inspection',
    );
    return {
      description: checks.text(`violations[${i}].description`, v.description, 2_000),
      organizationId: v.organizationId?.trim() || null,
      remedialMeasure: checks.text(`violations[${i}].remedialMeasure`, v.remedialMeasure, 2_000),
      dueDate: v.dueDate,
    };
  });
  checks.done('The inspection cannot be recorded');
  const instruction = await existingInstruction(ctx, input.instructionId);
  const inspection = ctx.em.create(Inspection, {
    id: randomUUID(),
    instructionId: instruction.id,
    date: input.date,
    place,
    participants,
    findings,
    evidence,
    violations,
    recordedAt: ctx.now(),
    recordedBySubject: principal.subject,
  });
  await ctx.em.flush();
  return inspection;
}

export async function proposeDisciplinaryAction(
  ctx: InstructionsContext,
  input: { instructionId: string; organizationId: string; officialName: string; officialPosition: string; grounds: string },
): Promise<DisciplinaryProposal> {
  const principal = requireRole(ctx.principal, 'controller', 'department_head');
  const checks = createInputChecks();
  const officialName = checks.text('officialName', input.officialName, 300);
  const officialPosition = checks.text('officialPosition', input.officialPosition, 300);
  const grounds = checks.text('grounds', input.grounds);
  checks.done('The proposal cannot be made');
  const instruction = await existingInstruction(ctx, input.instructionId);
  const isExecutor = (await ctx.em.count(InstructionExecutor, { instructionId: instruction.id, organizationId: input.organizationId })) > 0;
  if (!isExecutor) throw badUserInput('Not an executor of this instruction', [{ field: 'organizationId', message: 'is not an executor of this instruction' }]);
  const proposal = ctx.em.create(DisciplinaryProposal, {
    id: randomUUID(),
    instructionId: instruction.id,
    organizationId: input.organizationId,
    officialName,
    officialPosition,
    grounds,
    state: 'PROPOSED' satisfies ProposalState,
    outcome: null,
    proposedAt: ctx.now(),
    proposedBySubject: principal.subject,
    decidedAt: null,
    decidedBySubject: null,
  });
  await ctx.em.flush();
  return proposal;
}

/** Records the outcome of a proposal once: PROPOSED → ACCEPTED | REJECTED. */
export async function decideDisciplinaryProposal(
  ctx: InstructionsContext,
  input: { proposalId: string; state: ProposalState; outcome: string },
): Promise<DisciplinaryProposal> {
  const principal = requireRole(ctx.principal, 'controller', 'department_head');
  const checks = createInputChecks();
  checks.check('state', input.state !== 'PROPOSED', 'must be ACCEPTED or REJECTED');
  const outcome = checks.text('outcome', input.outcome, 2_000);
  checks.done('The decision cannot be recorded');
  return ctx.em.transactional(async (em) => {
    const proposal = isUuid(input.proposalId)
      ? await em.findOne(DisciplinaryProposal, { id: input.proposalId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true })
      : null;
    if (!proposal) throw notFound('DisciplinaryProposal', input.proposalId);
    if (proposal.state !== 'PROPOSED') throw conflict(`The proposal has already been ${proposal.state.toLowerCase()}`);
    proposal.state = input.state;
    proposal.outcome = outcome;
    proposal.decidedAt = ctx.now();
    proposal.decidedBySubject = principal.subject;
    return proposal;
  });
}

/** The conclusion on monitoring (R9.7): one per instruction, signed by the department head or a substitute acting for the head. */
export async function signConclusion(ctx: InstructionsContext, input: { instructionId: string; text: string }): Promise<Conclusion> {
  const authority = await requireHeadAuthority(ctx);
  const checks = createInputChecks();
  const text = checks.text('text', input.text, 50_000);
  checks.done('The conclusion cannot be signed');
  const instruction = await existingInstruction(ctx, input.instructionId);
  if ((await ctx.em.count(Conclusion, { instructionId: instruction.id })) > 0) throw conflict('The instruction already has a signed conclusion');
  const conclusion = ctx.em.create(Conclusion, {
    id: randomUUID(),
    instructionId: instruction.id,
    text,
    signedBySubject: authority.subject,
    signerRole: authority.role,
    signedActingFor: authority.actingFor,
    signedAt: ctx.now(),
  });
  try {
    await ctx.em.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw conflict('The instruction already has a signed conclusion');
    throw error;
  }
  return conclusion;
}
