import type { CategoryResolvers } from '../generated/graphql.ts';
import { requireReader, validId } from './reader.ts';

export const Category: CategoryResolvers = {
  __resolveReference: (ref, ctx) => {
    requireReader(ctx);
    return validId(ref.id) ? ctx.loaders.categoryById.load(ref.id) : null;
  },
  parent: (category, _, ctx) => (category.parentId ? ctx.loaders.categoryById.load(category.parentId) : null),
};
