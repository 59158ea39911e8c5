import type { MutationResolvers } from '../generated/graphql.ts';
import { extendInstruction, removeInstructionFromControl } from '../use-cases/control-decisions.ts';
import { reviewExecutionReport, submitExecutionReport } from '../use-cases/execution-reports.ts';
import { issueInstruction } from '../use-cases/issue-instruction.ts';
import { decideDisciplinaryProposal, proposeDisciplinaryAction, recordInspection, signConclusion } from '../use-cases/monitoring-records.ts';

export const Mutation: MutationResolvers = {
  issueInstruction: (_root, { input }, ctx) => issueInstruction(ctx, input),
  submitExecutionReport: (_root, { input }, ctx) => submitExecutionReport(ctx, input),
  acceptExecutionReport: (_root, { reportId }, ctx) => reviewExecutionReport(ctx, { reportId, decision: 'ACCEPT' }),
  returnExecutionReport: (_root, { reportId, remarks }, ctx) => reviewExecutionReport(ctx, { reportId, decision: 'RETURN', remarks }),
  removeInstructionFromControl: (_root, { instructionId }, ctx) => removeInstructionFromControl(ctx, instructionId),
  extendInstruction: (_root, { input }, ctx) => extendInstruction(ctx, input),
  recordInspection: (_root, { input }, ctx) => recordInspection(ctx, input),
  proposeDisciplinaryAction: (_root, { input }, ctx) => proposeDisciplinaryAction(ctx, input),
  decideDisciplinaryProposal: (_root, { input }, ctx) => decideDisciplinaryProposal(ctx, input),
  signConclusion: (_root, { input }, ctx) => signConclusion(ctx, input),
};
