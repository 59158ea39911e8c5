import type { ConclusionResolvers } from '../generated/graphql.ts';
import { instructionOf, readableRecord } from './record-access.ts';

export const Conclusion: ConclusionResolvers = {
  __resolveReference: async (ref, ctx) => readableRecord(await ctx.loaders.conclusionById.load(ref.id), ctx),
  instruction: (conclusion, _args, ctx) => instructionOf(conclusion, ctx),
  signedBy: (conclusion) => conclusion.signedBySubject,
};
