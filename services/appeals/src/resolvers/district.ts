import type { DistrictResolvers } from '../generated/graphql.ts';
import { requireReader, validId } from './reader.ts';

export const District: DistrictResolvers = {
  __resolveReference: (ref, ctx) => {
    requireReader(ctx);
    return validId(ref.id) ? ctx.loaders.districtById.load(ref.id) : null;
  },
};
