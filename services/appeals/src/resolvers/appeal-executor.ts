import type { AppealExecutorResolvers } from '../generated/graphql.ts';

export const AppealExecutor: AppealExecutorResolvers = {
  organization: async (executor, _, ctx) => {
    const organization = await ctx.loaders.organizationById.load(executor.organizationId);
    if (!organization) throw new Error(`executor organization ${executor.organizationId} is missing`);
    return organization;
  },
};
