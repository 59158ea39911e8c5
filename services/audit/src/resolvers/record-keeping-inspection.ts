import type { RecordKeepingInspectionResolvers } from '../generated/graphql.ts';
import { getInspection, linkedViolations } from '../use-cases/audit-reading.ts';

export const RecordKeepingInspection: RecordKeepingInspectionResolvers = {
  __resolveReference: (ref, ctx) => getInspection(ctx, ref.id),
  organization: (inspection) => ({ id: inspection.organizationId }),
  state: (inspection) => (inspection.heldDate ? 'HELD' : 'PLANNED'),
  linkedViolations: (inspection, _, ctx) => linkedViolations(ctx, inspection),
};
