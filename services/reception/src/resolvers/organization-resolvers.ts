import type { Resolvers } from '../generated/graphql.ts';

/** A reference to an organization of the directory the appeals subgraph owns. */
export type OrganizationRef = { id: string };
/** A reference to a district, owned by the appeals subgraph. */
export type DistrictRef = { id: string };

export const organizationResolvers: Resolvers = {
  Organization: {
    __resolveReference: (ref) => ({ id: ref.id }),
    receptionIndicators: (organization, { from, to }, ctx) => ctx.reception.organizationIndicators(organization.id, from, to),
  },
};
