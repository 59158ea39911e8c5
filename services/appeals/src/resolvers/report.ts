import type { QueryResolvers, ReportDocumentResolvers } from '../generated/graphql.ts';
import { semiAnnualReportDocument, semiAnnualTotals } from '../use-cases/semi-annual-report.ts';

// R7.6: the semi-annual report. Merged into the maps of index.ts.

export const reportQuery: QueryResolvers = {
  semiAnnualReport: (_, { year, half }, ctx) => semiAnnualReportDocument(ctx.deps, ctx.documentLinks, year, half),
};

export const ReportDocument: ReportDocumentResolvers = {
  figures: (document, _, ctx) => semiAnnualTotals(ctx.deps, document),
};
