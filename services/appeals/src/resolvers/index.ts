import type { Resolvers } from '../generated/graphql.ts';
import { Appeal } from './appeal.ts';
import { AppealAnswer } from './appeal-answer.ts';
import { AppealExecutor } from './appeal-executor.ts';
import { AppealFinalAnswer } from './appeal-final-answer.ts';
import { AppealReview } from './appeal-review.ts';
import { AppealSlip } from './appeal-slip.ts';
import { AppealStatusChange, CitizenAppeal } from './citizen-appeal.ts';
import { Applicant } from './applicant.ts';
import { Category } from './category.ts';
import { Consultation } from './consultation.ts';
import { District } from './district.ts';
import { Mutation } from './mutation.ts';
import { Organization } from './organization.ts';
import { Query } from './query.ts';
import { DateScalar, DateTimeScalar, JSONScalar } from '@bakylau/platform/graphql/scalars';
import { ReportDocument, reportQuery } from './report.ts';
import { AppealSearchEdge, LikelyDuplicate, ProblemMapCell, SystemicIssue, analyticsMutation, analyticsQuery, appealAnalytics } from './analytics.ts';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Date: DateScalar,
  JSON: JSONScalar,
  Query: { ...Query, ...analyticsQuery, ...reportQuery },
  Mutation: { ...Mutation, ...analyticsMutation },
  Appeal: { ...Appeal, ...appealAnalytics },
  Applicant,
  AppealExecutor,
  AppealAnswer,
  AppealReview,
  AppealFinalAnswer,
  AppealSlip,
  AppealStatusChange,
  CitizenAppeal,
  Organization,
  District,
  Category,
  Consultation,
  SystemicIssue,
  LikelyDuplicate,
  AppealSearchEdge,
  ProblemMapCell,
  ReportDocument,
};
