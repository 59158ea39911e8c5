import { conflict } from '@bakylau/platform/errors';
import { closedAppealStates, isClosedAppealState } from '@bakylau/platform/law/appeal-predicates';

/** The states of DOMAIN.md "Appeal lifecycle". OVERDUE is deliberately absent: it is a computed fact. */
export const appealStates = [
  'REGISTERED',
  'ASSIGNED',
  'IN_PROGRESS',
  'ANSWER_SUBMITTED',
  'UNDER_REVIEW',
  'RETURNED_FOR_REWORK',
  'ANSWERED',
  'FORWARDED',
  'LEFT_WITHOUT_CONSIDERATION',
  'REDIRECTED_EXCLUDED',
  'WITHDRAWN',
] as const;
export type AppealState = (typeof appealStates)[number];

/** The final states: the kernel's list (platform/src/law/appeal-predicates.ts), which the SQL forms share. */
export const closedStates: readonly AppealState[] = closedAppealStates;
export const openStates: readonly AppealState[] = appealStates.filter((s) => !closedStates.includes(s));

export function isOpen(state: AppealState): boolean {
  return !isClosedAppealState(state);
}

/** What can happen to an appeal; each action names one arrow of the diagram. */
export const appealActions = [
  'assign',
  'startWork',
  'submitAnswer',
  'takeForReview',
  'approve',
  'returnForRework',
  'forward',
  'leaveWithoutConsideration',
  'redirectExcluded',
  'withdraw',
  'reopenReview',
] as const;
export type AppealAction = (typeof appealActions)[number];

const transitions: Record<AppealState, Partial<Record<AppealAction, AppealState>>> = {
  REGISTERED: {
    assign: 'ASSIGNED',
    leaveWithoutConsideration: 'LEFT_WITHOUT_CONSIDERATION',
    redirectExcluded: 'REDIRECTED_EXCLUDED',
    withdraw: 'WITHDRAWN',
  },
  ASSIGNED: { startWork: 'IN_PROGRESS', forward: 'FORWARDED', withdraw: 'WITHDRAWN' },
  IN_PROGRESS: { submitAnswer: 'ANSWER_SUBMITTED', withdraw: 'WITHDRAWN' },
  ANSWER_SUBMITTED: { takeForReview: 'UNDER_REVIEW', withdraw: 'WITHDRAWN' },
  UNDER_REVIEW: { approve: 'ANSWERED', returnForRework: 'RETURNED_FOR_REWORK', withdraw: 'WITHDRAWN' },
  RETURNED_FOR_REWORK: { startWork: 'IN_PROGRESS', withdraw: 'WITHDRAWN' },
  // The one arrow out of a closed state: an applicant 'not satisfied' with the answer to an appeal
  // under the akim's control sends it back to the controller (issue 12), who accepts or returns it.
  ANSWERED: { reopenReview: 'UNDER_REVIEW' },
  FORWARDED: {},
  LEFT_WITHOUT_CONSIDERATION: {},
  REDIRECTED_EXCLUDED: {},
  WITHDRAWN: {},
};

/** The state after `action`, or null when the lifecycle does not allow it from `state`. */
export function nextState(state: AppealState, action: AppealAction): AppealState | null {
  return transitions[state][action] ?? null;
}

/** Like nextState, but a refused transition is a CONFLICT with the current state named. */
export function transition(state: AppealState, action: AppealAction): AppealState {
  const next = nextState(state, action);
  if (next === null) throw conflict(`An appeal in state ${state} does not allow ${action}`);
  return next;
}

/** Applies several arrows in order (e.g. startWork then submitAnswer); refuses if any is not allowed. */
export function transitionPath(state: AppealState, actions: readonly AppealAction[]): AppealState {
  return actions.reduce<AppealState>((current, action) => transition(current, action), state);
}
