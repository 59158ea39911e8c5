import type { ComplianceViolationResolvers } from '../generated/graphql.ts';
import { isComplianceRule } from '../domain/rules/compliance-rule.ts';
import { getViolation } from '../use-cases/audit-reading.ts';

export const ComplianceViolation: ComplianceViolationResolvers = {
  __resolveReference: (ref, ctx) => getViolation(ctx, ref.id),
  rule: (violation) => {
    if (!isComplianceRule(violation.rule)) throw new Error(`Unknown compliance rule stored: ${violation.rule}`);
    return violation.rule;
  },
  organization: (violation) => ({ id: violation.organizationId }),
};
