import { instantOf, type RuleFinding } from './compliance-rule.ts';

/** Who may sign an answer on behalf of the department (R3.2): the head, in person or through a substitute (R3.1). */
export const answerSigningRole = 'department_head';

export type SigningFacts = {
  signedByRole: string | null;
  /** The role on whose behalf the signer acted under a delegation (`signedOnBehalfOf.role` of `appeal.answered`). */
  onBehalfOfRole: string | null;
  answeredAt: string;
};

/**
 * ANSWER_SIGNED_WITHOUT_RIGHT: the answer was signed neither by the head nor on the head's behalf
 * (or no signer is named). Appeals refuses a signature under an expired or revoked delegation, so
 * an answer that says it was signed on the head's behalf was signed under a delegation valid that day.
 */
export function answerSignedWithoutRight(facts: SigningFacts): RuleFinding | null {
  if (facts.signedByRole === answerSigningRole) return null;
  if (facts.signedByRole && facts.onBehalfOfRole === answerSigningRole) return null;
  return {
    occurredAt: instantOf(facts.answeredAt),
    details: facts.signedByRole ? `Answer signed by the role ${facts.signedByRole}, not ${answerSigningRole} nor on its behalf` : 'Answer with no signer',
  };
}
