import type { OrganizationResolvers } from '../generated/graphql.ts';
import { executionDisciplineOf } from '../use-cases/execution-discipline-query.ts';

/** Organization is owned by appeals; this subgraph adds executive-discipline indicators (R9.2). */
export const Organization: OrganizationResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  executionDiscipline: (organization, args, ctx) => executionDisciplineOf(ctx, { organizationId: organization.id, from: args.from, to: args.to }),
};
