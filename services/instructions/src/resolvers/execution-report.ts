import type { ExecutionReportResolvers } from '../generated/graphql.ts';
import { instructionOf, readableRecord } from './record-access.ts';

export const ExecutionReport: ExecutionReportResolvers = {
  __resolveReference: async (ref, ctx) => readableRecord(await ctx.loaders.reportById.load(ref.id), ctx),
  instruction: (report, _args, ctx) => instructionOf(report, ctx),
  organization: (report) => ({ id: report.organizationId }),
  kind: (report) => report.kind,
  state: (report) => report.state,
  submittedBy: (report) => report.submittedBySubject,
  remarks: (report) => report.remarks ?? null,
  reviewedAt: (report) => report.reviewedAt ?? null,
  reviewedBy: (report) => report.reviewedBySubject ?? null,
};
