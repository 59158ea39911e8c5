import { instantOf, type RuleFinding } from './compliance-rule.ts';

/** Who may sign an answer on behalf of the department (R3.2): the head; a substitute acts with the head's role. */
export const answerSigningRole = 'department_head';

/** ANSWER_SIGNED_WITHOUT_RIGHT: the answer's signer does not hold the signing role (or no signer is named). */
export function answerSignedWithoutRight(facts: { signedByRole: string | null; answeredAt: string }): RuleFinding | null {
  if (facts.signedByRole === answerSigningRole) return null;
  return {
    occurredAt: instantOf(facts.answeredAt),
    details: facts.signedByRole ? `Answer signed by the role ${facts.signedByRole}, not ${answerSigningRole}` : 'Answer with no signer',
  };
}
