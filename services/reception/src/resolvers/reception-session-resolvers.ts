import { slotIsBookable } from '../domain/booking-rules.ts';
import type { Resolvers } from '../generated/graphql.ts';

export const receptionSessionResolvers: Resolvers = {
  ReceptionSession: {
    __resolveReference: (ref, ctx) => ctx.loaders.sessionById.load(ref.id),
    official: async (session, _args, ctx) => (await ctx.loaders.officialById.load(session.officialId))!,
    organization: (session) => ({ id: session.organizationId }),
    plan: (session, _args, ctx) => (session.planId ? ctx.loaders.planById.load(session.planId) : null),
    participants: (session, _args, ctx) => ctx.loaders.participantsBySession.load(session.id),
    slots: (session, _args, ctx) => ctx.loaders.slotsBySession.load(session.id),
    freeSlotCount: async (session, _args, ctx) => {
      if (session.state !== 'SCHEDULED') return 0;
      const [slots, taken] = await Promise.all([ctx.loaders.slotsBySession.load(session.id), ctx.loaders.takenSlotsBySession.load(session.id)]);
      const now = new Date();
      return slots.filter((slot) => !taken.has(slot.id) && slotIsBookable(slot.startsAt, now)).length;
    },
    waitingCount: (session, _args, ctx) => ctx.loaders.waitingCountBySession.load(session.id),
  },
  ReceptionSlot: {
    session: async (slot, _args, ctx) => (await ctx.loaders.sessionById.load(slot.sessionId))!,
    free: async (slot, _args, ctx) => !(await ctx.loaders.takenSlotsBySession.load(slot.sessionId)).has(slot.id),
  },
};
