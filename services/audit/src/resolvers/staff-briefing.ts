import type { StaffBriefingResolvers } from '../generated/graphql.ts';

export const StaffBriefing: StaffBriefingResolvers = {
  organization: (briefing) => ({ id: briefing.organizationId }),
  date: (briefing) => briefing.briefingDate,
};
