import type { AppealSlipResolvers } from '../generated/graphql.ts';
import { acceptorName, slipDocumentUrl } from '../use-cases/appeal-slip.ts';

/** The slip is read from the appeal it was issued for. */
export const AppealSlip: AppealSlipResolvers = {
  acceptedByName: (appeal) => acceptorName(appeal),
  acceptedByPosition: (appeal) => appeal.acceptedByPosition ?? null,
  organization: (appeal, _, ctx) => (appeal.acceptedByOrganizationId ? ctx.loaders.organizationById.load(appeal.acceptedByOrganizationId) : null),
  termDueDate: (appeal) => appeal.dueDate,
  documentUrl: (appeal, _, ctx) => slipDocumentUrl(ctx.documentLinks, appeal.id, ctx.deps.now()),
};
