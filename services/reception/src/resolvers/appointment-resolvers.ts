import { canSeeCitizenDetails } from '../domain/reception-access.ts';
import type { Resolvers } from '../generated/graphql.ts';

export const appointmentResolvers: Resolvers = {
  Appointment: {
    __resolveReference: async (ref, ctx) => ctx.reception.referencedAppointment(ctx.principal, ref.id),
    session: async (appointment, _args, ctx) => (await ctx.loaders.sessionById.load(appointment.sessionId))!,
    slot: async (appointment, _args, ctx) => (await ctx.loaders.slotById.load(appointment.slotId))!,
    citizenSubject: (appointment, _args, ctx) =>
      canSeeCitizenDetails(ctx.principal, appointment.citizenSubject) ? (appointment.citizenSubject ?? null) : null,
    citizenName: (appointment, _args, ctx) => (canSeeCitizenDetails(ctx.principal, appointment.citizenSubject) ? appointment.citizenName : null),
    citizenPhone: (appointment, _args, ctx) => (canSeeCitizenDetails(ctx.principal, appointment.citizenSubject) ? appointment.citizenPhone : null),
    outcomes: (appointment) => appointment.outcomes,
    givenInstructions: (appointment, _args, ctx) => ctx.loaders.instructionsByAppointment.load(appointment.id),
    appeal: (appointment) => (appointment.appealId ? { id: appointment.appealId } : null),
  },
  VisitInstruction: {
    executorOrganization: (instruction) => ({ id: instruction.executorOrganizationId }),
  },
  WaitingListEntry: {
    session: async (entry, _args, ctx) => (await ctx.loaders.sessionById.load(entry.sessionId))!,
    citizenSubject: (entry, _args, ctx) => (canSeeCitizenDetails(ctx.principal, entry.citizenSubject) ? (entry.citizenSubject ?? null) : null),
    citizenName: (entry, _args, ctx) => (canSeeCitizenDetails(ctx.principal, entry.citizenSubject) ? entry.citizenName : null),
    citizenPhone: (entry, _args, ctx) => (canSeeCitizenDetails(ctx.principal, entry.citizenSubject) ? entry.citizenPhone : null),
    joinedAt: (entry) => entry.joinedAt,
    appointment: (entry, _args, ctx) => (entry.appointmentId ? ctx.loaders.appointmentById.load(entry.appointmentId) : null),
  },
};
