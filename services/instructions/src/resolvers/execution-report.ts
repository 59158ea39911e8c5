import type { ExecutionReportResolvers } from '../generated/graphql.ts';
import type { ReportKind, ReportState } from '../domain/instruction-vocabulary.ts';
import { instructionOf, readableRecord } from './record-access.ts';

export const ExecutionReport: ExecutionReportResolvers = {
  __resolveReference: async (ref, ctx) => readableRecord(await ctx.loaders.reportById.load(ref.id), ctx),
  instruction: (report, _args, ctx) => instructionOf(report, ctx),
  organization: (report) => ({ id: report.organizationId }),
  kind: (report) => report.kind as ReportKind,
  state: (report) => report.state as ReportState,
  submittedBy: (report) => report.submittedBySubject,
  remarks: (report) => report.remarks ?? null,
  reviewedAt: (report) => report.reviewedAt ?? null,
  reviewedBy: (report) => report.reviewedBySubject ?? null,
};
