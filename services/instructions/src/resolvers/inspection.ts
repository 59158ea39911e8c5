import type { InspectionResolvers, InspectionViolationResolvers } from '../generated/graphql.ts';
import { instructionOf, readableRecord } from './record-access.ts';

export const Inspection: InspectionResolvers = {
  __resolveReference: async (ref, ctx) => readableRecord(await ctx.loaders.inspectionById.load(ref.id), ctx),
  instruction: (inspection, _args, ctx) => instructionOf(inspection, ctx),
};

export const InspectionViolation: InspectionViolationResolvers = {
  organization: (violation) => (violation.organizationId ? { id: violation.organizationId } : null),
};
