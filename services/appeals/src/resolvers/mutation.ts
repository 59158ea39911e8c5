import type { MutationResolvers } from '../generated/graphql.ts';
import { reviewAppealAnswer, signAppealAnswer, startAppealWork, submitAppealAnswer } from '../use-cases/answer-appeal.ts';
import { delegateSigning, revokeDelegation } from '../use-cases/signing-delegations.ts';
import { recordConsultation } from '../use-cases/consultations.ts';
import { detectOverdueAppeals } from '../use-cases/overdue-appeals.ts';
import { upsertCategory, upsertDistrict, upsertOrganization } from '../use-cases/directory.ts';
import { fileAppeal, registerAppeal } from '../use-cases/register-appeal.ts';
import { rateAnswer } from '../use-cases/rate-answer.ts';
import {
  assignAppeal,
  classifyAppeal,
  extendAppeal,
  forwardAppeal,
  leaveWithoutConsideration,
  redirectExcluded,
  withdrawAppeal,
} from '../use-cases/route-appeal.ts';

export const Mutation: MutationResolvers = {
  registerAppeal: (_, { input }, ctx) => registerAppeal(ctx.deps, input),
  fileAppeal: (_, { input }, ctx) => fileAppeal(ctx.deps, input),
  classifyAppeal: (_, { input }, ctx) => classifyAppeal(ctx.deps, input),
  assignAppeal: (_, { input }, ctx) => assignAppeal(ctx.deps, input),
  startAppealWork: (_, { input }, ctx) => startAppealWork(ctx.deps, input),
  forwardAppeal: (_, { input }, ctx) => forwardAppeal(ctx.deps, input),
  leaveAppealWithoutConsideration: (_, { input }, ctx) => leaveWithoutConsideration(ctx.deps, input),
  redirectExcludedAppeal: (_, { input }, ctx) => redirectExcluded(ctx.deps, input),
  submitAppealAnswer: (_, { input }, ctx) => submitAppealAnswer(ctx.deps, input),
  reviewAppealAnswer: (_, { input }, ctx) => reviewAppealAnswer(ctx.deps, input),
  signAppealAnswer: (_, { input }, ctx) => signAppealAnswer(ctx.deps, input),
  extendAppeal: (_, { input }, ctx) => extendAppeal(ctx.deps, input),
  withdrawAppeal: (_, { input }, ctx) => withdrawAppeal(ctx.deps, input),
  rateAnswer: (_, { input }, ctx) => rateAnswer(ctx.deps, input),
  upsertOrganization: (_, { input }, ctx) => upsertOrganization(ctx.deps, input),
  upsertDistrict: (_, { input }, ctx) => upsertDistrict(ctx.deps, input),
  upsertCategory: (_, { input }, ctx) => upsertCategory(ctx.deps, input),
  delegateSigning: (_, { input }, ctx) => delegateSigning(ctx.deps, input),
  revokeDelegation: (_, { id }, ctx) => revokeDelegation(ctx.deps, id),
  recordConsultation: (_, { input }, ctx) => recordConsultation(ctx.deps, input),
  detectOverdueAppeals: (_, __, ctx) => detectOverdueAppeals(ctx.deps),
};
