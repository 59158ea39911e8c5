import type { InstructionResolvers, InstructionIssuerResolvers, InstructionExecutorResolvers, InstructionExtensionResolvers } from '../generated/graphql.ts';
import { isExecutorOverdue } from '../domain/instruction-control.ts';
import { getInstruction } from '../use-cases/instruction-queries.ts';

const latest = (dates: readonly string[]): string => dates.reduce((a, b) => (b > a ? b : a), '');

export const Instruction: InstructionResolvers = {
  __resolveReference: (ref, ctx) => getInstruction(ctx, ref.id),
  issuerLevel: (instruction) => instruction.issuerLevel,
  issuer: (instruction) => instruction,
  appeals: (instruction) => instruction.basisAppealIds.map((id) => ({ id })),
  appointment: (instruction) => (instruction.basisAppointmentId ? { id: instruction.basisAppointmentId } : null),
  systemicIssue: (instruction) => (instruction.basisSystemicIssueId ? { id: instruction.basisSystemicIssueId } : null),
  executors: (instruction, _args, ctx) => ctx.loaders.executorsByInstruction.load(instruction.id),
  controlState: (instruction) => instruction.controlState,
  dueDate: async (instruction, _args, ctx) => latest((await ctx.loaders.executorsByInstruction.load(instruction.id)).map((e) => e.dueDate)),
  overdue: async (instruction, _args, ctx) => {
    const today = ctx.today();
    const executors = await ctx.loaders.executorsByInstruction.load(instruction.id);
    return executors.some((e) => isExecutorOverdue(instruction.controlState, { state: e.state, dueDate: e.dueDate }, today));
  },
  nextReportDue: async (instruction, _args, ctx) => {
    const dues = (await ctx.loaders.executorsByInstruction.load(instruction.id)).flatMap((e) => (e.nextReportDue ? [e.nextReportDue] : []));
    return dues.length ? dues.reduce((a, b) => (b < a ? b : a)) : null;
  },
  removedFromControlAt: (instruction) => instruction.removedAt ?? null,
  extensions: (instruction, _args, ctx) => ctx.loaders.extensionsByInstruction.load(instruction.id),
  reports: (instruction, _args, ctx) => ctx.loaders.reportsByInstruction.load(instruction.id),
  inspections: (instruction, _args, ctx) => ctx.loaders.inspectionsByInstruction.load(instruction.id),
  disciplinaryProposals: (instruction, _args, ctx) => ctx.loaders.proposalsByInstruction.load(instruction.id),
  conclusion: (instruction, _args, ctx) => ctx.loaders.conclusionByInstruction.load(instruction.id),
};

export const InstructionIssuer: InstructionIssuerResolvers = {
  name: (instruction) => instruction.issuerName,
  position: (instruction) => instruction.issuerPosition ?? null,
  official: (instruction) => (instruction.issuerOfficialId ? { id: instruction.issuerOfficialId } : null),
};

export const InstructionExecutor: InstructionExecutorResolvers = {
  organization: (executor) => ({ id: executor.organizationId }),
  state: (executor) => executor.state,
  overdue: async (executor, _args, ctx) => {
    const instruction = await ctx.loaders.instructionById.load(executor.instructionId);
    return !!instruction && isExecutorOverdue(instruction.controlState, { state: executor.state, dueDate: executor.dueDate }, ctx.today());
  },
};

export const InstructionExtension: InstructionExtensionResolvers = {
  organization: (extension) => ({ id: extension.organizationId }),
  decidedBy: (extension) => extension.decidedBySubject,
};
