import type { AppealReviewResolvers } from '../generated/graphql.ts';

export const AppealReview: AppealReviewResolvers = {
  scores: (review) => review,
};
