import type { Resolvers } from '../generated/graphql.ts';

/** A reference to an appeal, owned by the appeals subgraph. */
export type AppealRef = { id: string };

export const appealResolvers: Resolvers = {
  Appeal: {
    __resolveReference: (ref) => ({ id: ref.id }),
    receptionVisit: async (appeal, _args, ctx) => ctx.reception.visibleAppointment(ctx.principal, await ctx.loaders.appointmentByAppealId.load(appeal.id)),
  },
};
