import type { OrganizationComplianceResolvers, OrganizationResolvers } from '../generated/graphql.ts';
import { complianceCounts, complianceViolationsPage, organizationCompliance } from '../use-cases/audit-reading.ts';

export const Organization: OrganizationResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  compliance: (organization, { from, to }, ctx) => organizationCompliance(ctx, organization.id, from, to),
};

export const OrganizationCompliance: OrganizationComplianceResolvers = {
  total: async (report, _, ctx) => (await complianceCounts(ctx, report)).reduce((sum, row) => sum + row.count, 0),
  byRule: (report, _, ctx) => complianceCounts(ctx, report),
  violations: (report, { first, after }, ctx) => complianceViolationsPage(ctx, report, first, after),
};
