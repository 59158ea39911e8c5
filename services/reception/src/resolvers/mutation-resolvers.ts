import type { Resolvers } from '../generated/graphql.ts';

export const mutationResolvers: Resolvers = {
  Mutation: {
    createOfficial: (_root, { input }, ctx) => ctx.reception.createOfficial(input),
    publishReceptionSession: (_root, { input }, ctx) => ctx.reception.publishReceptionSession(input),
    addSessionParticipant: (_root, { sessionId, officialId, role }, ctx) => ctx.reception.addSessionParticipant(sessionId, officialId, role),
    cancelReceptionSession: (_root, { sessionId }, ctx) => ctx.reception.cancelReceptionSession(sessionId),
    bookAppointment: (_root, { input }, ctx) => ctx.reception.bookAppointment(input),
    cancelAppointment: (_root, { id }, ctx) => ctx.reception.cancelAppointment(id),
    rebookAppointment: (_root, { id, slotId }, ctx) => ctx.reception.rebookAppointment(id, slotId),
    joinWaitingList: (_root, { input }, ctx) => ctx.reception.joinWaitingList(input),
    recordVisit: (_root, { input }, ctx) => ctx.reception.recordVisit({ ...input, instructions: input.instructions ?? null }),
    markNoShow: (_root, { appointmentId }, ctx) => ctx.reception.markNoShow(appointmentId),
    createReceptionPlan: (_root, { input }, ctx) => ctx.reception.createReceptionPlan(input),
  },
};
