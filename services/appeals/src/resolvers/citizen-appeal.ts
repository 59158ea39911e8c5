import type { AppealStatusChangeResolvers, CitizenAppealResolvers } from '../generated/graphql.ts';
import { kindLabel, localizedName, stateLabel } from '../domain/appeal-labels.ts';

/** The applicant's view: every name in the language of the query. */
export const CitizenAppeal: CitizenAppealResolvers = {
  stateLabel: ({ appeal, language }) => stateLabel(appeal.state, language),
  kindLabel: ({ appeal, language }) => kindLabel(appeal.kind, language),
  categoryName: async ({ appeal, language }, _, ctx) => {
    const category = appeal.categoryId ? await ctx.loaders.categoryById.load(appeal.categoryId) : null;
    return category ? localizedName(category, language) : null;
  },
  districtName: async ({ appeal, language }, _, ctx) => {
    const district = appeal.districtId ? await ctx.loaders.districtById.load(appeal.districtId) : null;
    return district ? localizedName(district, language) : null;
  },
  organizationName: async ({ appeal, language }, _, ctx) => {
    const organization = appeal.organizationId ? await ctx.loaders.organizationById.load(appeal.organizationId) : null;
    return organization ? localizedName(organization, language) : null;
  },
  statusHistory: async ({ appeal, language }, _, ctx) =>
    (await ctx.loaders.stateChangesByAppeal.load(appeal.id)).map((change) => ({ state: change.state, at: change.changedAt, language })),
};

export const AppealStatusChange: AppealStatusChangeResolvers = {
  label: (change) => stateLabel(change.state, change.language),
};
