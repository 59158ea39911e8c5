import { instantOf, type RuleFinding } from './compliance-rule.ts';

export type ClosingFacts =
  | { kind: 'answered'; answerDocumentId: string | null; answeredAt: string }
  | { kind: 'closed'; finalState: string; answeredEventSeen: boolean; closedAt: string };

/**
 * CLOSED_WITHOUT_ANSWER_DOCUMENT: an answer without an answer document, or an appeal closed as
 * ANSWERED although no answer was ever recorded for it.
 */
export function closedWithoutAnswerDocument(facts: ClosingFacts): RuleFinding | null {
  if (facts.kind === 'answered') {
    if (facts.answerDocumentId) return null;
    return { occurredAt: instantOf(facts.answeredAt), details: 'Answered without an answer document' };
  }
  if (facts.finalState !== 'ANSWERED' || facts.answeredEventSeen) return null;
  return { occurredAt: instantOf(facts.closedAt), details: 'Closed as ANSWERED with no answer recorded' };
}
