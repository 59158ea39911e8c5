import type { AppealResolvers } from '../generated/graphql.ts';
import { readableInstructions } from '../use-cases/instruction-queries.ts';

/** Appeal is owned by appeals; this subgraph adds the instructions given on it. */
export const Appeal: AppealResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  instructions: async (appeal, _args, ctx) => readableInstructions(ctx, await ctx.loaders.instructionsByAppeal.load(appeal.id)),
};
