import type { Resolvers } from '../generated/graphql.ts';

export const receptionPlanResolvers: Resolvers = {
  ReceptionPlan: {
    district: (plan) => ({ id: plan.districtId }),
    organization: (plan) => ({ id: plan.organizationId }),
    sessions: (plan, page, ctx) => ctx.reception.receptionSessions(null, page, plan.id),
    results: (plan, _args, ctx) => ctx.reception.planResults(plan.id),
  },
};
