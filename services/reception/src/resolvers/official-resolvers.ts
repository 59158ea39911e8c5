import type { Resolvers } from '../generated/graphql.ts';

export const officialResolvers: Resolvers = {
  Official: {
    __resolveReference: (ref, ctx) => ctx.loaders.officialById.load(ref.id),
    organization: (official) => ({ id: official.organizationId }),
    district: (official) => (official.districtId ? { id: official.districtId } : null),
    receptionSessions: (official, page, ctx) => ctx.reception.sessionsOf('official', official.id, page),
  },
  SessionParticipant: {
    official: async (participant, _args, ctx) => (await ctx.loaders.officialById.load(participant.officialId))!,
  },
};
