import type { EntityManager } from '@mikro-orm/postgresql';
import { requireRole, type Principal } from '@bakylau/platform/auth/principal';
import { badUserInput, conflict, forbidden, type FieldProblem } from '@bakylau/platform/errors';
import type { AppealOutcome } from '../domain/appeal-kinds.ts';
import { isOpen, transition, transitionPath } from '../domain/appeal-lifecycle.ts';
import { reviewPassed, scoreProblems, type ReviewScores } from '../domain/answer-review.ts';
import { Appeal, AppealAnswer, AppealExecutor, AppealReview } from '../db/entities.ts';
import { recordAppealsEvent } from '../events/appeals-events.ts';
import { civilDateProblems } from './appeal-input.ts';
import { reviewRoles } from './appeal-access.ts';
import { close } from './route-appeal.ts';
import { signingAuthority } from './signing-authority.ts';
import { actorOf, changeAppeal, newId, todayOf, type UseCaseDeps } from './use-case-deps.ts';

type Versioned = { appealId: string; expectedVersion: number };

/** The executor row of the caller's organization, or FORBIDDEN: executors act only on what is assigned to them. */
async function callerExecutor(tx: EntityManager, principal: Principal, appeal: Appeal): Promise<AppealExecutor> {
  const executor = principal.organizationId ? await tx.findOne(AppealExecutor, { appealId: appeal.id, organizationId: principal.organizationId }) : null;
  if (!executor) throw forbidden('The appeal is not assigned to your organization');
  return executor;
}

/** The lead executor takes an assigned (or returned) appeal into work. */
export async function startAppealWork(deps: UseCaseDeps, input: Versioned): Promise<Appeal> {
  const principal = requireRole(deps.principal, 'executor');
  return changeAppeal(deps, input.appealId, input.expectedVersion, async (tx, appeal) => {
    const executor = await callerExecutor(tx, principal, appeal);
    if (!executor.lead) throw forbidden('Only the lead executor moves the appeal');
    appeal.state = transition(appeal.state, 'startWork');
  });
}

/**
 * An executor answers. A co-executor's answer is recorded on its executor row; the lead's answer is
 * the appeal's answer: it moves the appeal to ANSWER_SUBMITTED (through IN_PROGRESS if needed).
 */
export async function submitAppealAnswer(deps: UseCaseDeps, input: Versioned & { text: string; outcome: AppealOutcome }): Promise<Appeal> {
  const principal = requireRole(deps.principal, 'executor');
  if (!input.text || input.text.trim() === '') throw badUserInput('The answer text is required', [{ field: 'text', message: 'is required' }]);
  return changeAppeal(deps, input.appealId, input.expectedVersion, async (tx, appeal) => {
    const executor = await callerExecutor(tx, principal, appeal);
    const now = deps.now();
    if (!executor.lead) {
      if (!isOpen(appeal.state)) throw conflict(`An appeal in state ${appeal.state} takes no more answers`);
    } else if (appeal.state === 'IN_PROGRESS') {
      appeal.state = transition(appeal.state, 'submitAnswer');
    } else {
      appeal.state = transitionPath(appeal.state, ['startWork', 'submitAnswer']);
    }
    executor.state = 'ANSWER_SUBMITTED';
    executor.answerText = input.text;
    executor.answerOutcome = input.outcome;
    executor.answeredAt = now;
    let round = 0;
    if (executor.lead) {
      round = (await tx.count(AppealAnswer, { appealId: appeal.id })) + 1;
      tx.create(AppealAnswer, {
        id: newId(),
        appealId: appeal.id,
        round,
        text: input.text,
        outcome: input.outcome,
        organizationId: executor.organizationId,
        submittedBy: principal.subject,
        submittedAt: now,
      });
    }
    recordAppealsEvent(
      tx,
      'kz.bakylau.appeal.answer-submitted.v1',
      appeal.id,
      { appealId: appeal.id, organizationId: executor.organizationId, lead: executor.lead, round, outcome: input.outcome, submittedAt: now.toISOString() },
      actorOf(principal),
      deps.trace,
    );
  });
}

/**
 * A controller reviews the lead's answer against the criteria (R5.4). A failed review cannot
 * accept: it returns the answer for rework with remarks (R5.5). A review reopened by the
 * applicant's 'not satisfied' rating is decided the same way: accepting closes the appeal again
 * with its signed answer, returning sends it back to the executor.
 */
export async function reviewAppealAnswer(
  deps: UseCaseDeps,
  input: Versioned & { scores: ReviewScores; decision: 'ACCEPT' | 'RETURN'; remarks?: string | null; reworkDueDate?: string | null },
): Promise<Appeal> {
  const principal = requireRole(deps.principal, ...reviewRoles);
  const problems: FieldProblem[] = [...scoreProblems(input.scores), ...civilDateProblems('reworkDueDate', input.reworkDueDate)];
  const passed = problems.length === 0 && reviewPassed(input.scores);
  if (input.decision === 'RETURN' && (!input.remarks || input.remarks.trim() === ''))
    problems.push({ field: 'remarks', message: 'are required to return an answer' });
  if (input.decision === 'ACCEPT' && problems.length === 0 && !passed)
    problems.push({ field: 'decision', message: 'a failed review must return the answer for rework' });
  if (problems.length) throw badUserInput('The review is invalid', problems);
  return changeAppeal(deps, input.appealId, input.expectedVersion, async (tx, appeal) => {
    if (input.reworkDueDate && (input.reworkDueDate > appeal.dueDate || input.reworkDueDate < todayOf(deps))) {
      throw badUserInput('The rework due date is out of range', [{ field: 'reworkDueDate', message: `must be between today and ${appeal.dueDate}` }]);
    }
    // A review reopened by the applicant's rating is already UNDER_REVIEW; every other starts from the submitted answer.
    const reopened = appeal.state === 'UNDER_REVIEW' && appeal.reviewReopenedAt !== null;
    if (!reopened) appeal.state = transition(appeal.state, 'takeForReview');
    appeal.reviewReopenedAt = null;
    const round = await tx.count(AppealAnswer, { appealId: appeal.id });
    const lead = await tx.findOneOrFail(AppealExecutor, { appealId: appeal.id, lead: true });
    tx.create(AppealReview, {
      id: newId(),
      appealId: appeal.id,
      round,
      ...input.scores,
      passed,
      decision: input.decision,
      remarks: input.remarks?.trim() || null,
      reworkDueDate: input.reworkDueDate ?? null,
      reviewedBy: principal.subject,
      reviewedAt: deps.now(),
    });
    if (input.decision === 'ACCEPT') {
      lead.state = 'ACCEPTED';
      // The signed answer stands: the appeal closes again with the same outgoing document.
      if (reopened) close(tx, deps, appeal, transition(appeal.state, 'approve'), actorOf(principal));
      return;
    }
    appeal.state = transition(appeal.state, 'returnForRework');
    appeal.reworkCount += 1;
    lead.state = 'RETURNED_FOR_REWORK';
    if (input.reworkDueDate) lead.dueDate = input.reworkDueDate;
    recordAppealsEvent(
      tx,
      'kz.bakylau.appeal.returned-for-rework.v1',
      appeal.id,
      {
        appealId: appeal.id,
        organizationId: appeal.organizationId ?? null,
        round,
        reworkCount: appeal.reworkCount,
        reworkDueDate: input.reworkDueDate ?? null,
        passed,
      },
      actorOf(principal),
      deps.trace,
    );
  });
}

/**
 * The department head (or the acting substitute) signs the final answer, an outgoing document:
 * ANSWERED. An appeal under the akim's control must have an accepted review first; another may be
 * signed straight from ANSWER_SUBMITTED, the signature being its review.
 */
export async function signAppealAnswer(deps: UseCaseDeps, input: Versioned): Promise<Appeal> {
  const authority = await signingAuthority(deps.em, deps.principal, todayOf(deps));
  return changeAppeal(deps, input.appealId, input.expectedVersion, async (tx, appeal) => {
    if (appeal.reviewReopenedAt !== null && appeal.state === 'UNDER_REVIEW') throw conflict("The reopened review awaits the controller's decision");
    if (appeal.state === 'ANSWER_SUBMITTED') {
      if (appeal.underAkimControl) throw conflict("An appeal under the akim's control must pass a quality review before signing");
      appeal.state = transitionPath(appeal.state, ['takeForReview', 'approve']);
    } else {
      appeal.state = transition(appeal.state, 'approve');
    }
    const answer = await tx.findOne(AppealAnswer, { appealId: appeal.id }, { orderBy: { round: 'desc' } });
    if (!answer) throw conflict('There is no answer to sign');
    const now = deps.now();
    appeal.finalDocumentId = newId();
    appeal.finalText = answer.text;
    appeal.finalOutcome = answer.outcome;
    appeal.signedBySubject = authority.subject;
    appeal.signedByRole = authority.role;
    appeal.signedActingFor = authority.actingFor;
    appeal.signedAt = now;
    const actor = { subject: authority.subject, role: authority.role };
    recordAppealsEvent(
      tx,
      'kz.bakylau.appeal.answered.v1',
      appeal.id,
      {
        appealId: appeal.id,
        organizationId: appeal.organizationId ?? null,
        outcome: answer.outcome,
        answerDocumentId: appeal.finalDocumentId,
        signedBy: actor,
        ...(authority.actingFor ? { signedOnBehalfOf: { subject: authority.actingFor, role: 'department_head' as const } } : {}),
        answeredAt: now.toISOString(),
        dueDate: appeal.dueDate,
      },
      actor,
      deps.trace,
    );
    close(tx, deps, appeal, 'ANSWERED', actor);
  });
}
