import type { QueryResolvers } from '../generated/graphql.ts';
import { pageSize } from '@bakylau/platform/graphql/connection';
import { listConsultations } from '../use-cases/consultations.ts';
import { listMyAppeals } from '../use-cases/citizen-appeals.ts';
import { findAppeal, findAppealByNumber, listCategories, listDistricts, listOrganizations, searchAppeals } from '../use-cases/read-appeals.ts';
import { listDelegations } from '../use-cases/signing-delegations.ts';
import { requireReader } from './reader.ts';

export const Query: QueryResolvers = {
  appeal: (_, { id }, ctx) => findAppeal(ctx.deps, ctx.loaders, id),
  appealByNumber: (_, { registrationNumber }, ctx) => findAppealByNumber(ctx.deps, ctx.loaders, registrationNumber),
  appeals: (_, { filter, first, after }, ctx) => searchAppeals(ctx.deps, filter ?? {}, pageSize(first, 20), after),
  myAppeals: (_, { language, first, after }, ctx) => listMyAppeals(ctx.deps, language, pageSize(first, 20), after),
  organization: async (_, { id }, ctx) => {
    requireReader(ctx);
    return ctx.loaders.organizationById.load(id);
  },
  organizations: (_, { filter, first, after }, ctx) => listOrganizations(ctx.deps, filter ?? {}, pageSize(first, 50), after),
  districts: (_, { first, after }, ctx) => listDistricts(ctx.deps, pageSize(first, 50), after),
  categories: (_, { first, after }, ctx) => listCategories(ctx.deps, pageSize(first, 100), after),
  consultations: (_, { first, after }, ctx) => listConsultations(ctx.deps, pageSize(first, 20), after),
  signingDelegations: (_, { includeRevoked }, ctx) => listDelegations(ctx.deps, includeRevoked),
};
