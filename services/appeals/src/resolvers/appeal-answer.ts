import type { AppealAnswerResolvers } from '../generated/graphql.ts';

export const AppealAnswer: AppealAnswerResolvers = {
  organization: async (answer, _, ctx) => {
    const organization = await ctx.loaders.organizationById.load(answer.organizationId);
    if (!organization) throw new Error(`answering organization ${answer.organizationId} is missing`);
    return organization;
  },
};
