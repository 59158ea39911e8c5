import { pageSize } from '@bakylau/platform/graphql/connection';
import type {
  AppealResolvers,
  AppealSearchEdgeResolvers,
  LikelyDuplicateResolvers,
  MutationResolvers,
  ProblemMapCellResolvers,
  QueryResolvers,
  SystemicIssueResolvers,
} from '../generated/graphql.ts';
import { trendOf } from '../domain/systemic-issues.ts';
import { problemMap, problemMapGeoJson } from '../use-cases/problem-map.ts';
import { findAppeal, readableAppeals } from '../use-cases/read-appeals.ts';
import { fullTextSearchAppeals, requireDuplicateReader } from '../use-cases/search-appeals.ts';
import { decideSystemicIssueUseCase, detectSystemicIssues, findSystemicIssue, listSystemicIssues } from '../use-cases/systemic-issues.ts';

// R7 analytics: search, duplicates, systemic issues, the problem map. Merged into the maps of index.ts.

export const analyticsQuery: QueryResolvers = {
  searchAppeals: (_, { query, first, after }, ctx) => fullTextSearchAppeals(ctx.deps, query, pageSize(first, 20), after),
  systemicIssue: (_, { id }, ctx) => findSystemicIssue(ctx.deps, id),
  systemicIssues: (_, { state, first, after }, ctx) => listSystemicIssues(ctx.deps, state, pageSize(first, 20), after),
  problemMap: (_, { from, to, categoryId }, ctx) => problemMap(ctx.deps, from, to, categoryId),
  problemMapGeoJson: (_, { from, to, categoryId }, ctx) => problemMapGeoJson(ctx.deps, from, to, categoryId),
};

const rule = (ctx: { analytics: { config: { systemicThreshold: number; systemicWindowDays: number } } }) => ({
  threshold: ctx.analytics.config.systemicThreshold,
  windowDays: ctx.analytics.config.systemicWindowDays,
});

export const analyticsMutation: MutationResolvers = {
  detectSystemicIssues: (_, { input }, ctx) => detectSystemicIssues(ctx.deps, rule(ctx), input),
  confirmSystemicIssue: (_, { input }, ctx) => decideSystemicIssueUseCase(ctx.deps, input, 'CONFIRM'),
  dismissSystemicIssue: (_, { input }, ctx) => decideSystemicIssueUseCase(ctx.deps, input, 'DISMISS'),
};

export const appealAnalytics: Pick<AppealResolvers, 'likelyDuplicates'> = {
  likelyDuplicates: (appeal, _, ctx) => {
    requireDuplicateReader(ctx.deps);
    return ctx.analytics.loaders.likelyDuplicates.load(appeal.id);
  },
};

export const LikelyDuplicate: LikelyDuplicateResolvers = {
  appeal: async (row, _, ctx) => {
    const appeal = await findAppeal(ctx.deps, ctx.loaders, row.appealId);
    if (!appeal) throw new Error(`appeal ${row.appealId} is missing`);
    return appeal;
  },
};

export const AppealSearchEdge: AppealSearchEdgeResolvers = {};

export const ProblemMapCell: ProblemMapCellResolvers = {
  district: (cell, _, ctx) => (cell.districtId ? ctx.loaders.districtById.load(cell.districtId) : null),
  category: (cell, _, ctx) => (cell.categoryId ? ctx.loaders.categoryById.load(cell.categoryId) : null),
};

export const SystemicIssue: SystemicIssueResolvers = {
  __resolveReference: (ref, ctx) => findSystemicIssue(ctx.deps, ref.id),
  category: async (issue, _, ctx) => {
    const category = await ctx.loaders.categoryById.load(issue.categoryId);
    if (!category) throw new Error(`category ${issue.categoryId} is missing`);
    return category;
  },
  district: async (issue, _, ctx) => {
    const district = await ctx.loaders.districtById.load(issue.districtId);
    if (!district) throw new Error(`district ${issue.districtId} is missing`);
    return district;
  },
  trend: (issue) => trendOf(issue.appealCount, issue.previousCount),
  // Each appeal under the caller's scope: an official sees the issue, and the evidence from their own receptions only.
  evidence: async (issue, _, ctx) => readableAppeals(ctx.deps, ctx.loaders, await ctx.analytics.loaders.evidenceByIssue.load(issue.id)),
};
