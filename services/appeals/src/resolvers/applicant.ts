import { canSeeApplicantData } from '../use-cases/appeal-access.ts';
import type { ApplicantResolvers } from '../generated/graphql.ts';
import type { AppealsContext } from '../context.ts';
import type { Appeal } from '../db/entities.ts';

/** Personal data resolve to null for callers who may not see this applicant's (analysts, other citizens). */
const personal = (appeal: Appeal, ctx: AppealsContext, value: string | null | undefined): string | null =>
  canSeeApplicantData(ctx.principal, appeal) ? (value ?? null) : null;

export const Applicant: ApplicantResolvers = {
  type: (appeal) => appeal.applicantType,
  // A legal entity's name is public; a person's name is personal data.
  name: (appeal, _, ctx) => (appeal.applicantType === 'LEGAL_ENTITY' ? (appeal.applicantName ?? null) : personal(appeal, ctx, appeal.applicantName)),
  iin: (appeal, _, ctx) => personal(appeal, ctx, appeal.applicantIin),
  bin: (appeal) => appeal.applicantBin ?? null,
  representativeName: (appeal, _, ctx) => personal(appeal, ctx, appeal.applicantRepresentative),
  phone: (appeal, _, ctx) => personal(appeal, ctx, appeal.applicantPhone),
  email: (appeal, _, ctx) => personal(appeal, ctx, appeal.applicantEmail),
  address: (appeal, _, ctx) => personal(appeal, ctx, appeal.applicantAddress),
  signatoriesCount: (appeal) => appeal.signatoriesCount ?? null,
  // Not secret by itself, but it says something about the person: shown with their other details.
  language: (appeal, _, ctx) => (canSeeApplicantData(ctx.principal, appeal) ? appeal.applicantLanguage : null),
};
