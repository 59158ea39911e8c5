import type { Resolvers } from '../generated/graphql.ts';

export const receptionPlanResolvers: Resolvers = {
  ReceptionPlan: {
    district: (plan) => ({ id: plan.districtId }),
    organization: (plan) => ({ id: plan.organizationId }),
    sessions: (plan, page, ctx) => ctx.reception.sessionsOf('plan', plan.id, page),
    results: (plan, _args, ctx) => ctx.reception.planResults(plan.id),
  },
};
