import { canSeeApplicantData } from '../use-cases/appeal-access.ts';
import type { AppealFinalAnswerResolvers } from '../generated/graphql.ts';

/** The signed outgoing document, read from the closed appeal. */
export const AppealFinalAnswer: AppealFinalAnswerResolvers = {
  documentId: (appeal) => appeal.finalDocumentId ?? '',
  // The answer text speaks about the applicant's case: personal data.
  text: (appeal, _, ctx) => (canSeeApplicantData(ctx.principal, appeal) ? (appeal.finalText ?? null) : null),
  outcome: (appeal) => appeal.finalOutcome ?? 'EXPLAINED',
  signedBy: (appeal) => ({ subject: appeal.signedBySubject ?? '', role: appeal.signedByRole ?? '', actingFor: appeal.signedActingFor ?? null }),
  signedAt: (appeal) => appeal.signedAt ?? appeal.updatedAt,
};
