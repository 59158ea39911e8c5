import type { AppointmentResolvers } from '../generated/graphql.ts';
import { readableInstructions } from '../use-cases/instruction-queries.ts';

/** Appointment is owned by reception; this subgraph adds the instructions given during it. */
export const Appointment: AppointmentResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  instructions: async (appointment, _args, ctx) => readableInstructions(ctx, await ctx.loaders.instructionsByAppointment.load(appointment.id)),
};
