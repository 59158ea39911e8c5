import type { QueryResolvers } from '../generated/graphql.ts';
import { getAuditEntry, getInspection, getViolation, listAuditEntries, listBriefings, listInspections, listViolations } from '../use-cases/audit-reading.ts';
import { verifyAuditChain } from '../use-cases/verify-audit-chain.ts';

export const Query: QueryResolvers = {
  auditEntry: (_, { id }, ctx) => getAuditEntry(ctx, id),
  auditEntries: (_, { filter, first, after }, ctx) => listAuditEntries(ctx, filter ?? {}, first, after),
  verifyAuditChain: (_, { from, to }, ctx) => verifyAuditChain(ctx.em, ctx.principal, from, to),
  complianceViolation: (_, { id }, ctx) => getViolation(ctx, id),
  complianceViolations: (_, { filter, first, after }, ctx) => listViolations(ctx, filter ?? {}, first, after),
  recordKeepingInspection: (_, { id }, ctx) => getInspection(ctx, id),
  recordKeepingInspections: (_, { filter, first, after }, ctx) => listInspections(ctx, filter ?? {}, first, after),
  staffBriefings: (_, { filter, first, after }, ctx) => listBriefings(ctx, filter ?? {}, first, after),
};
