import type { QueryResolvers, ReportDocumentResolvers } from '../generated/graphql.ts';
import { requestRegistryExport } from '../use-cases/registry-export.ts';
import { semiAnnualReportDocument, semiAnnualTotals } from '../use-cases/semi-annual-report.ts';

// R7.6: the semi-annual report; R5.7: the registry export. Merged into the maps of index.ts.

export const reportQuery: QueryResolvers = {
  semiAnnualReport: (_, { year, half }, ctx) => semiAnnualReportDocument(ctx.deps, ctx.documentLinks, year, half),
  exportAppealRegistry: (_, { filter, format }, ctx) => requestRegistryExport(ctx.deps, ctx.documentLinks, ctx.registryExport, filter ?? {}, format),
};

export const ReportDocument: ReportDocumentResolvers = {
  figures: (document, _, ctx) => semiAnnualTotals(ctx.deps, document),
};
