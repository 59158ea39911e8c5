import type { Resolvers } from '../generated/graphql.ts';

export const queryResolvers: Resolvers = {
  Query: {
    official: (_root, { id }, ctx) => ctx.reception.official(id),
    officials: (_root, { organizationId, ...page }, ctx) => ctx.reception.officials(organizationId, page),
    receptionSession: (_root, { id }, ctx) => ctx.reception.receptionSession(id),
    receptionSessions: (_root, { filter, ...page }, ctx) => ctx.reception.receptionSessions(filter, page),
    freeSlots: (_root, { sessionId }, ctx) => ctx.reception.freeSlots(sessionId),
    appointment: (_root, { id }, ctx) => ctx.reception.appointment(id),
    appointments: (_root, { filter, ...page }, ctx) => ctx.reception.appointments(filter, page),
    myAppointments: (_root, page, ctx) => ctx.reception.myAppointments(page),
    waitingList: (_root, { sessionId }, ctx) => ctx.reception.waitingList(sessionId),
    receptionPlans: (_root, { districtId, ...page }, ctx) => ctx.reception.receptionPlans(districtId, page),
  },
};
