import { civilDateOf, instantOf, type RuleFinding } from './compliance-rule.ts';

/** ANSWER_AFTER_DUE_DATE: the answer's civil date is later than the due date (the due date itself is in time). */
export function answerAfterDueDate(facts: { answeredAt: string; dueDate: string }): RuleFinding | null {
  const answered = civilDateOf(facts.answeredAt);
  const due = civilDateOf(facts.dueDate);
  if (answered <= due) return null;
  return { occurredAt: instantOf(facts.answeredAt), details: `Answered ${answered}, due ${due}` };
}
