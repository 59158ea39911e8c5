import type { Resolvers } from '../generated/graphql.ts';
import { appealResolvers } from './appeal-resolvers.ts';
import { appointmentResolvers } from './appointment-resolvers.ts';
import { mutationResolvers } from './mutation-resolvers.ts';
import { officialResolvers } from './official-resolvers.ts';
import { organizationResolvers } from './organization-resolvers.ts';
import { queryResolvers } from './query-resolvers.ts';
import { receptionPlanResolvers } from './reception-plan-resolvers.ts';
import { receptionSessionResolvers } from './reception-session-resolvers.ts';
import { DateScalar, DateTimeScalar } from '@bakylau/platform/graphql/scalars';

export const receptionResolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Date: DateScalar,
  ...queryResolvers,
  ...mutationResolvers,
  ...officialResolvers,
  ...receptionSessionResolvers,
  ...appointmentResolvers,
  ...receptionPlanResolvers,
  ...organizationResolvers,
  ...appealResolvers,
};
