import { canSeeApplicantData } from '../use-cases/appeal-access.ts';
import type { AppealResolvers } from '../generated/graphql.ts';
import { isOverdueAppeal } from '@bakylau/platform/law/appeal-predicates';
import { complaintKind, extensionCeiling } from '@bakylau/platform/law/appeal-terms';
import { findAppeal } from '../use-cases/read-appeals.ts';
import { applicantNotificationView } from '../use-cases/applicant-notifications.ts';
import { ratingView } from '../use-cases/rate-answer.ts';
import { todayOf } from '../use-cases/use-case-deps.ts';

export const Appeal: AppealResolvers = {
  __resolveReference: (ref, ctx) => findAppeal(ctx.deps, ctx.loaders, ref.id),
  overdue: (appeal, _, ctx) => isOverdueAppeal(appeal, todayOf(ctx.deps)),
  maxDueDate: (appeal, _, ctx) => (appeal.kind === complaintKind ? appeal.dueDate : extensionCeiling(todayOf(ctx.deps), ctx.deps.calendar)),
  dueDateHistory: (appeal, _, ctx) => ctx.loaders.dueDatesByAppeal.load(appeal.id),
  applicant: (appeal) => appeal,
  electronicSignature: (appeal) =>
    appeal.signature ? { ...appeal.signature, validFrom: new Date(appeal.signature.validFrom), validTo: new Date(appeal.signature.validTo) } : null,
  text: (appeal, _, ctx) => (canSeeApplicantData(ctx.principal, appeal) ? appeal.text : null),
  category: (appeal, _, ctx) => (appeal.categoryId ? ctx.loaders.categoryById.load(appeal.categoryId) : null),
  district: (appeal, _, ctx) => (appeal.districtId ? ctx.loaders.districtById.load(appeal.districtId) : null),
  organization: (appeal, _, ctx) => (appeal.organizationId ? ctx.loaders.organizationById.load(appeal.organizationId) : null),
  forwardedTo: (appeal, _, ctx) => (appeal.forwardedToId ? ctx.loaders.organizationById.load(appeal.forwardedToId) : null),
  geo: (appeal) => (appeal.geoLat != null && appeal.geoLon != null ? { lat: appeal.geoLat, lon: appeal.geoLon } : null),
  attachments: (appeal) => appeal.attachments,
  repeatedOf: (appeal, _, ctx) => (appeal.repeatedOfId ? findAppeal(ctx.deps, ctx.loaders, appeal.repeatedOfId) : null),
  duplicateOf: (appeal, _, ctx) => (appeal.duplicateOfId ? findAppeal(ctx.deps, ctx.loaders, appeal.duplicateOfId) : null),
  executors: (appeal, _, ctx) => ctx.loaders.executorsByAppeal.load(appeal.id),
  answers: (appeal, _, ctx) => ctx.loaders.answersByAppeal.load(appeal.id),
  reviews: (appeal, _, ctx) => ctx.loaders.reviewsByAppeal.load(appeal.id),
  finalAnswer: (appeal) => (appeal.finalDocumentId ? appeal : null),
  slip: (appeal) => appeal,
  rating: async (appeal, _, ctx) => {
    const [rating] = await ctx.loaders.ratingsByAppeal.load(appeal.id);
    return rating ? ratingView(rating, ctx.principal, appeal) : null;
  },
  notifications: async (appeal, _, ctx) =>
    (await ctx.loaders.notificationsByAppeal.load(appeal.id)).map((row) => applicantNotificationView(row, ctx.principal, appeal)),
  statusHistory: async (appeal, { language }, ctx) =>
    (await ctx.loaders.stateChangesByAppeal.load(appeal.id)).map((change) => ({ state: change.state, at: change.changedAt, language })),
};
