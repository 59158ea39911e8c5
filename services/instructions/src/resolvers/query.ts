import type { QueryResolvers } from '../generated/graphql.ts';
import { getInstruction, listInstructions } from '../use-cases/instruction-queries.ts';

export const Query: QueryResolvers = {
  instruction: (_root, args, ctx) => getInstruction(ctx, args.id),
  instructions: (_root, args, ctx) => listInstructions(ctx, args.filter, args.first, args.after),
};
