import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { DomainError } from '@bakylau/platform/errors';
import {
  appealActions,
  appealStates,
  closedStates,
  isOpen,
  nextState,
  transition,
  transitionPath,
  type AppealAction,
  type AppealState,
} from './appeal-lifecycle.ts';

/** The diagram of DOMAIN.md, written out independently of the module's table. */
const allowed: [AppealState, AppealAction, AppealState][] = [
  ['REGISTERED', 'assign', 'ASSIGNED'],
  ['REGISTERED', 'leaveWithoutConsideration', 'LEFT_WITHOUT_CONSIDERATION'],
  ['REGISTERED', 'redirectExcluded', 'REDIRECTED_EXCLUDED'],
  ['ASSIGNED', 'startWork', 'IN_PROGRESS'],
  ['ASSIGNED', 'forward', 'FORWARDED'],
  ['IN_PROGRESS', 'submitAnswer', 'ANSWER_SUBMITTED'],
  ['ANSWER_SUBMITTED', 'takeForReview', 'UNDER_REVIEW'],
  ['UNDER_REVIEW', 'approve', 'ANSWERED'],
  ['UNDER_REVIEW', 'returnForRework', 'RETURNED_FOR_REWORK'],
  ['RETURNED_FOR_REWORK', 'startWork', 'IN_PROGRESS'],
  // a 'not satisfied' rating of an answer under the akim's control reopens the review
  ['ANSWERED', 'reopenReview', 'UNDER_REVIEW'],
  // the applicant may withdraw from any open state
  ['REGISTERED', 'withdraw', 'WITHDRAWN'],
  ['ASSIGNED', 'withdraw', 'WITHDRAWN'],
  ['IN_PROGRESS', 'withdraw', 'WITHDRAWN'],
  ['ANSWER_SUBMITTED', 'withdraw', 'WITHDRAWN'],
  ['UNDER_REVIEW', 'withdraw', 'WITHDRAWN'],
  ['RETURNED_FOR_REWORK', 'withdraw', 'WITHDRAWN'],
];

describe('appeal lifecycle', () => {
  for (const [from, action, to] of allowed) {
    it(`allows ${from} --${action}--> ${to}`, () => {
      assert.equal(nextState(from, action), to);
      assert.equal(transition(from, action), to);
    });
  }

  it('refuses every other (state, action) pair with CONFLICT', () => {
    let refused = 0;
    for (const state of appealStates) {
      for (const action of appealActions) {
        if (allowed.some(([f, a]) => f === state && a === action)) continue;
        assert.equal(nextState(state, action), null, `${state} --${action}`);
        assert.throws(
          () => transition(state, action),
          (error: unknown) => error instanceof DomainError && error.code === 'CONFLICT' && error.message.includes(state),
        );
        refused += 1;
      }
    }
    assert.equal(refused, appealStates.length * appealActions.length - allowed.length);
  });

  it('closed states allow nothing but the reopening of an answered review, open states allow withdrawal', () => {
    for (const state of appealStates) {
      if (closedStates.includes(state)) {
        assert.equal(isOpen(state), false);
        for (const action of appealActions) {
          assert.equal(nextState(state, action), state === 'ANSWERED' && action === 'reopenReview' ? 'UNDER_REVIEW' : null);
        }
      } else {
        assert.equal(isOpen(state), true);
        assert.equal(nextState(state, 'withdraw'), 'WITHDRAWN');
      }
    }
  });

  it('reopens only an answered appeal, and the reopened review can return the answer for rework', () => {
    assert.equal(transitionPath('ANSWERED', ['reopenReview', 'returnForRework', 'startWork']), 'IN_PROGRESS');
    assert.equal(transitionPath('ANSWERED', ['reopenReview', 'approve']), 'ANSWERED');
    for (const state of appealStates.filter((s) => s !== 'ANSWERED')) assert.equal(nextState(state, 'reopenReview'), null);
  });

  it('applies a path of arrows and refuses a broken one', () => {
    assert.equal(transitionPath('RETURNED_FOR_REWORK', ['startWork', 'submitAnswer']), 'ANSWER_SUBMITTED');
    assert.throws(() => transitionPath('REGISTERED', ['startWork', 'submitAnswer']), DomainError);
  });
});
