import type { Resolvers } from '../generated/graphql.ts';

export const appealResolvers: Resolvers = {
  Appeal: {
    __resolveReference: (ref) => ({ id: ref.id }),
    receptionVisit: async (appeal, _args, ctx) => ctx.reception.visibleAppointment(ctx.principal, await ctx.loaders.appointmentByAppealId.load(appeal.id)),
  },
};
