import type { Resolvers } from '../generated/graphql.ts';

export const organizationResolvers: Resolvers = {
  Organization: {
    __resolveReference: (ref) => ({ id: ref.id }),
    receptionIndicators: (organization, { from, to }, ctx) => ctx.reception.organizationIndicators(organization.id, from, to),
  },
};
