import { canSeePersonalData } from '@bakylau/platform/auth/principal';
import type { ConsultationResolvers } from '../generated/graphql.ts';
import { findConsultation } from '../use-cases/consultations.ts';

export const Consultation: ConsultationResolvers = {
  __resolveReference: (ref, ctx) => findConsultation(ctx.deps, ref.id),
  category: (c, _, ctx) => (c.categoryId ? ctx.loaders.categoryById.load(c.categoryId) : null),
  recipientName: (c, _, ctx) => (canSeePersonalData(ctx.principal) ? (c.recipientName ?? null) : null),
};
