/** Quality review of an answer (R5.4): five criteria scored 1..5; a review passes when each reaches the pass mark. */
export const reviewCriteria = ['completeness', 'lawfulness', 'measuresTaken', 'timeliness', 'clarity'] as const;
export type ReviewCriterion = (typeof reviewCriteria)[number];
export type ReviewScores = Record<ReviewCriterion, number>;

export const minScore = 1;
export const maxScore = 5;
/** A score below this on any criterion fails the review, which then must return the answer. */
export const passMark = 3;

/** Problems with the scores, as field paths and messages (empty when valid). */
export function scoreProblems(scores: ReviewScores): { field: string; message: string }[] {
  return reviewCriteria
    .filter((c) => !Number.isInteger(scores[c]) || scores[c] < minScore || scores[c] > maxScore)
    .map((c) => ({ field: `scores.${c}`, message: `must be an integer from ${minScore} to ${maxScore}` }));
}

export function reviewPassed(scores: ReviewScores): boolean {
  return reviewCriteria.every((c) => scores[c] >= passMark);
}
