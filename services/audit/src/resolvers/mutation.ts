import { requireRole } from '@bakylau/platform/auth/principal';
import type { MutationResolvers } from '../generated/graphql.ts';
import { evaluateOverdueNotices } from '../use-cases/extension-notices.ts';
import { planRecordKeepingInspection, recordRecordKeepingInspectionResults, recordStaffBriefing } from '../use-cases/record-keeping.ts';

export const Mutation: MutationResolvers = {
  planRecordKeepingInspection: (_, { input }, ctx) => planRecordKeepingInspection(ctx, input),
  recordRecordKeepingInspectionResults: (_, { input }, ctx) => recordRecordKeepingInspectionResults(ctx, input),
  recordStaffBriefing: (_, { input }, ctx) => recordStaffBriefing(ctx, input),
  evaluateOverdueExtensionNotices: async (_, __, ctx) => {
    requireRole(ctx.principal, 'controller', 'department_head', 'admin');
    return ctx.em.transactional(async (em) => {
      const created = await evaluateOverdueNotices(em, ctx.now());
      await em.flush();
      return created;
    });
  },
};
