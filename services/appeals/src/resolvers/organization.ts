import type { OrganizationResolvers } from '../generated/graphql.ts';
import { requireIndicatorReader, requireReader, validId } from './reader.ts';

export const Organization: OrganizationResolvers = {
  __resolveReference: (ref, ctx) => {
    requireReader(ctx);
    return validId(ref.id) ? ctx.loaders.organizationById.load(ref.id) : null;
  },
  parent: (org, _, ctx) => (org.parentId ? ctx.loaders.organizationById.load(org.parentId) : null),
  district: (org, _, ctx) => (org.districtId ? ctx.loaders.districtById.load(org.districtId) : null),
  contacts: (org) => org,
  appealIndicators: (org, { from, to }, ctx) => {
    requireIndicatorReader(ctx, org.id);
    return ctx.loaders.indicatorsByOrganization(from ?? null, to ?? null).load(org.id);
  },
};
