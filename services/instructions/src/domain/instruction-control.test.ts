import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { DomainError } from '@bakylau/platform/errors';
import {
  assertExtendable,
  controlStateOf,
  isExecutorOverdue,
  removeFromControl,
  reviewReport,
  reviewedReportState,
  submitReport,
} from './instruction-control.ts';
import { controlStates, executorStates, type ControlState, type ExecutorState } from './instruction-vocabulary.ts';

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return 'OK';
}

const openStates = controlStates.filter((s) => s !== 'EXECUTED');

describe('submitting a report', () => {
  it('is allowed from ON_CONTROL and RETURNED on an open instruction', () => {
    for (const instruction of openStates) {
      assert.equal(submitReport(instruction, 'ON_CONTROL'), 'REPORT_SUBMITTED');
      assert.equal(submitReport(instruction, 'RETURNED'), 'REPORT_SUBMITTED');
    }
  });
  it('is refused while a report awaits review or after the final one was accepted', () => {
    assert.equal(
      code(() => submitReport('REPORT_SUBMITTED', 'REPORT_SUBMITTED')),
      'CONFLICT',
    );
    assert.equal(
      code(() => submitReport('ON_CONTROL', 'FINAL_ACCEPTED')),
      'CONFLICT',
    );
  });
  it('is refused for every executor state once removed from control', () => {
    for (const executor of executorStates)
      assert.equal(
        code(() => submitReport('EXECUTED', executor)),
        'CONFLICT',
      );
  });
});

describe('reviewing a report', () => {
  const submitted = { state: 'SUBMITTED' as const, kind: 'INTERIM' as const };
  it('accepting an interim report puts the executor back on control', () => {
    assert.equal(reviewReport('REPORT_SUBMITTED', 'REPORT_SUBMITTED', submitted, 'ACCEPT'), 'ON_CONTROL');
  });
  it('accepting a final report marks the executor FINAL_ACCEPTED', () => {
    assert.equal(reviewReport('REPORT_SUBMITTED', 'REPORT_SUBMITTED', { state: 'SUBMITTED', kind: 'FINAL' }, 'ACCEPT'), 'FINAL_ACCEPTED');
  });
  it('returning a report of either kind marks the executor RETURNED', () => {
    assert.equal(reviewReport('REPORT_SUBMITTED', 'REPORT_SUBMITTED', submitted, 'RETURN'), 'RETURNED');
    assert.equal(reviewReport('REPORT_SUBMITTED', 'REPORT_SUBMITTED', { state: 'SUBMITTED', kind: 'FINAL' }, 'RETURN'), 'RETURNED');
  });
  it('the report state follows the decision', () => {
    assert.equal(reviewedReportState('ACCEPT'), 'ACCEPTED');
    assert.equal(reviewedReportState('RETURN'), 'RETURNED');
  });
  it('is refused for a report already reviewed', () => {
    for (const state of ['ACCEPTED', 'RETURNED'] as const) {
      for (const decision of ['ACCEPT', 'RETURN'] as const) {
        assert.equal(
          code(() => reviewReport('REPORT_SUBMITTED', 'REPORT_SUBMITTED', { state, kind: 'INTERIM' }, decision)),
          'CONFLICT',
        );
      }
    }
  });
  it('is refused when the executor has nothing awaiting review', () => {
    for (const executor of ['ON_CONTROL', 'RETURNED', 'FINAL_ACCEPTED'] as const) {
      assert.equal(
        code(() => reviewReport('ON_CONTROL', executor, submitted, 'ACCEPT')),
        'CONFLICT',
      );
    }
  });
  it('is refused once removed from control', () => {
    assert.equal(
      code(() => reviewReport('EXECUTED', 'REPORT_SUBMITTED', submitted, 'ACCEPT')),
      'CONFLICT',
    );
  });
});

describe('the instruction state follows its executors', () => {
  const cases: [ExecutorState[], ControlState][] = [
    [['ON_CONTROL', 'ON_CONTROL'], 'ON_CONTROL'],
    [['ON_CONTROL', 'REPORT_SUBMITTED'], 'REPORT_SUBMITTED'],
    [['RETURNED', 'REPORT_SUBMITTED'], 'REPORT_SUBMITTED'],
    [['RETURNED', 'FINAL_ACCEPTED'], 'RETURNED'],
    [['FINAL_ACCEPTED', 'FINAL_ACCEPTED'], 'ON_CONTROL'],
  ];
  for (const [executors, expected] of cases) {
    it(`${executors.join('+')} → ${expected}`, () => assert.equal(controlStateOf('ON_CONTROL', executors), expected));
  }
  it('EXECUTED stays EXECUTED', () => assert.equal(controlStateOf('EXECUTED', ['RETURNED']), 'EXECUTED'));
});

describe('removal from control', () => {
  it('is allowed from every open state when every final report was accepted', () => {
    for (const state of openStates) assert.equal(removeFromControl(state, ['FINAL_ACCEPTED', 'FINAL_ACCEPTED']), 'EXECUTED');
  });
  it('is refused while any executor has no accepted final report', () => {
    for (const other of ['ON_CONTROL', 'REPORT_SUBMITTED', 'RETURNED'] as const) {
      assert.equal(
        code(() => removeFromControl('ON_CONTROL', ['FINAL_ACCEPTED', other])),
        'CONFLICT',
      );
    }
  });
  it('is refused without executors and when already removed', () => {
    assert.equal(
      code(() => removeFromControl('ON_CONTROL', [])),
      'CONFLICT',
    );
    assert.equal(
      code(() => removeFromControl('EXECUTED', ['FINAL_ACCEPTED'])),
      'CONFLICT',
    );
  });
});

describe('extension', () => {
  it('is allowed to a later date for a working executor', () => {
    for (const executor of ['ON_CONTROL', 'REPORT_SUBMITTED', 'RETURNED'] as const) {
      assert.equal(
        code(() => assertExtendable('ON_CONTROL', executor, '2026-03-02', '2026-03-10')),
        'OK',
      );
    }
  });
  it('is refused to the same or an earlier date', () => {
    assert.equal(
      code(() => assertExtendable('ON_CONTROL', 'ON_CONTROL', '2026-03-10', '2026-03-10')),
      'BAD_USER_INPUT',
    );
    assert.equal(
      code(() => assertExtendable('ON_CONTROL', 'ON_CONTROL', '2026-03-10', '2026-03-02')),
      'BAD_USER_INPUT',
    );
  });
  it('is refused after execution', () => {
    assert.equal(
      code(() => assertExtendable('EXECUTED', 'ON_CONTROL', '2026-03-02', '2026-03-10')),
      'CONFLICT',
    );
    assert.equal(
      code(() => assertExtendable('ON_CONTROL', 'FINAL_ACCEPTED', '2026-03-02', '2026-03-10')),
      'CONFLICT',
    );
  });
});

describe('overdue', () => {
  it('is open, still working and past the due date', () => {
    assert.equal(isExecutorOverdue('ON_CONTROL', { state: 'ON_CONTROL', dueDate: '2026-03-02' }, '2026-03-03'), true);
    assert.equal(isExecutorOverdue('ON_CONTROL', { state: 'ON_CONTROL', dueDate: '2026-03-03' }, '2026-03-03'), false);
    assert.equal(isExecutorOverdue('ON_CONTROL', { state: 'FINAL_ACCEPTED', dueDate: '2026-03-02' }, '2026-03-03'), false);
    assert.equal(isExecutorOverdue('EXECUTED', { state: 'ON_CONTROL', dueDate: '2026-03-02' }, '2026-03-03'), false);
  });
});
