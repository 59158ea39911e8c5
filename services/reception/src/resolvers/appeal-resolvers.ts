import type { Resolvers } from '../generated/graphql.ts';

export const appealResolvers: Resolvers = {
  Appeal: {
    __resolveReference: (ref) => ({ id: ref.id }),
    receptionVisit: async (appeal, _args, ctx) => ctx.reception.visitOfAppeal(ctx.principal, appeal.id),
  },
};
