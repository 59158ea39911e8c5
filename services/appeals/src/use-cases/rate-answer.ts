import { countedOnVerifiedYears } from '@bakylau/platform/calendar/index';
import type { EntityManager } from '@mikro-orm/postgresql';
import { requireRole, type Principal } from '@bakylau/platform/auth/principal';
import { badUserInput, conflict, forbidden } from '@bakylau/platform/errors';
import { transition } from '../domain/appeal-lifecycle.ts';
import { reopenedReviewDueDate } from '../domain/deadlines.ts';
import { Appeal, AppealDueDateChange, AppealRating } from '../db/entities.ts';
import { recordAppealsEvent } from '../events/appeals-events.ts';
import { canSeeApplicantData, isApplicant } from './appeal-access.ts';
import { actorOf, changeAppeal, newId, todayOf, type UseCaseDeps } from './use-case-deps.ts';

/** Longest comment a rating takes (a comment is a remark, not a new appeal). */
export const ratingCommentMaxLength = 2000;

/**
 * The applicant rates the final answer, once (issue 12). A 'not satisfied' rating of an appeal under
 * the akim's control — the appeals that always go through review (DOMAIN.md) — reopens the review:
 * the controller then accepts the answer again or returns it for rework.
 */
export async function rateAnswer(deps: UseCaseDeps, input: { appealId: string; satisfied: boolean; comment?: string | null }): Promise<Appeal> {
  const principal = requireRole(deps.principal, 'citizen');
  const comment = input.comment?.trim() || null;
  if (comment && comment.length > ratingCommentMaxLength) {
    throw badUserInput('The comment is too long', [{ field: 'comment', message: `must be at most ${ratingCommentMaxLength} characters` }]);
  }
  // No expectedVersion: the rating does not depend on what the applicant read, only on the state under the lock.
  return changeAppeal(deps, input.appealId, null, async (tx, appeal) => {
    if (!isApplicant(principal, appeal)) throw forbidden('Only the applicant may rate the answer');
    if (appeal.state !== 'ANSWERED') throw conflict(`Only a final answer can be rated; the appeal is ${appeal.state}`);
    if ((await tx.count(AppealRating, { appealId: appeal.id })) > 0) throw conflict('The answer has already been rated');
    const now = deps.now();
    tx.create(AppealRating, { id: newId(), appealId: appeal.id, satisfied: input.satisfied, comment, ratedBy: principal.subject, ratedAt: now });
    recordAppealsEvent(
      tx,
      'kz.bakylau.appeal.answer-rated.v1',
      appeal.id,
      { appealId: appeal.id, organizationId: appeal.organizationId ?? null, satisfied: input.satisfied, ratedAt: now.toISOString() },
      actorOf(principal),
      deps.trace,
    );
    if (!input.satisfied && appeal.underAkimControl) reopenReview(tx, deps, appeal, principal);
  });
}

/** ANSWERED → UNDER_REVIEW: open again, with a fresh term for the review (domain/deadlines.ts) kept in the due-date history. */
function reopenReview(tx: EntityManager, deps: UseCaseDeps, appeal: Appeal, principal: Principal): void {
  const now = deps.now();
  const previousDueDate = appeal.dueDate;
  const dueDate = reopenedReviewDueDate(appeal.dueDate, todayOf(deps), deps.calendar);
  appeal.state = transition(appeal.state, 'reopenReview');
  appeal.reviewReopenedAt = now;
  appeal.closedAt = null;
  // Overdue is raised once per lapse of a term: the new term may lapse again.
  appeal.overdueNotifiedAt = null;
  if (dueDate !== previousDueDate) {
    appeal.dueDateCalendarVerified = countedOnVerifiedYears(deps.calendar, todayOf(deps), dueDate);
    tx.create(AppealDueDateChange, {
      id: newId(),
      appealId: appeal.id,
      dueDate,
      reason: "review reopened: the applicant is not satisfied with the answer to an appeal under the akim's control",
      decidedBy: 'system',
      decidedAt: now,
      applicantNoticeDueBy: null,
    });
  }
  appeal.dueDate = dueDate;
  recordAppealsEvent(
    tx,
    'kz.bakylau.appeal.review-reopened.v1',
    appeal.id,
    { appealId: appeal.id, organizationId: appeal.organizationId ?? null, reopenedAt: now.toISOString(), previousDueDate, dueDate },
    actorOf(principal),
    deps.trace,
  );
}

/** A rating as the graph shows it: the comment masked for callers who may not read the applicant's words. */
export type RatingView = { satisfied: boolean; comment: string | null; ratedAt: Date };

export function ratingView(rating: AppealRating, principal: Principal | null, appeal: Appeal): RatingView {
  return { satisfied: rating.satisfied, comment: canSeeApplicantData(principal, appeal) ? (rating.comment ?? null) : null, ratedAt: rating.ratedAt };
}
