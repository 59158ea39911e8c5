import type { AppealResolvers, AppointmentResolvers, InstructionResolvers } from '../generated/graphql.ts';
import { auditTrailOf } from '../use-cases/audit-reading.ts';

// Entities owned by other subgraphs: audit only adds their trail, so a reference is just its id.

export const Appeal: AppealResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  auditTrail: (appeal, { first, after }, ctx) => auditTrailOf(ctx, 'Appeal', appeal.id, first, after),
};

export const Instruction: InstructionResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  auditTrail: (instruction, { first, after }, ctx) => auditTrailOf(ctx, 'Instruction', instruction.id, first, after),
};

export const Appointment: AppointmentResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  auditTrail: (appointment, { first, after }, ctx) => auditTrailOf(ctx, 'Appointment', appointment.id, first, after),
};
