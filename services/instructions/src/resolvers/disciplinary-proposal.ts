import type { DisciplinaryProposalResolvers } from '../generated/graphql.ts';
import { instructionOf, readableRecord } from './record-access.ts';

export const DisciplinaryProposal: DisciplinaryProposalResolvers = {
  __resolveReference: async (ref, ctx) => readableRecord(await ctx.loaders.proposalById.load(ref.id), ctx),
  instruction: (proposal, _args, ctx) => instructionOf(proposal, ctx),
  organization: (proposal) => ({ id: proposal.organizationId }),
  state: (proposal) => proposal.state,
  outcome: (proposal) => proposal.outcome ?? null,
  decidedAt: (proposal) => proposal.decidedAt ?? null,
};
