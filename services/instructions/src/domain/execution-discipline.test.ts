import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { computeExecutionDiscipline } from './execution-discipline.ts';

describe('executive discipline indicators', () => {
  it('counts on time, overdue, returns and the average delay in working days', () => {
    const result = computeExecutionDiscipline(
      [
        { dueDate: '2026-04-10', executedOn: '2026-04-09', returnCount: 0 }, // on time
        { dueDate: '2026-04-10', executedOn: '2026-04-10', returnCount: 1 }, // on time, on the day
        // Fri 10 Apr → Tue 14 Apr: 2 working days late
        { dueDate: '2026-04-10', executedOn: '2026-04-14', returnCount: 2 },
        // open, due Mon 13 Apr, as of Fri 17 Apr: 4 working days late
        { dueDate: '2026-04-13', executedOn: null, returnCount: 0 },
        { dueDate: '2026-04-30', executedOn: null, returnCount: 0 }, // open, not yet due
      ],
      '2026-04-17',
    );
    assert.deepEqual(result, { instructionsReceived: 5, executedOnTime: 2, overdue: 2, returned: 3, averageDelayWorkingDays: 3 });
  });
  it('counts holidays out of the delay (Nauryz 21–23 March 2026)', () => {
    // Fri 20 Mar → Fri 27 Mar: 23–25 March are days off (Nauryz and its weekend transfers), so 2 working days.
    const result = computeExecutionDiscipline([{ dueDate: '2026-03-20', executedOn: '2026-03-27', returnCount: 0 }], '2026-04-01');
    assert.equal(result.overdue, 1);
    assert.equal(result.averageDelayWorkingDays, 2);
  });
  it('gives no average without overdue assignments', () => {
    assert.equal(computeExecutionDiscipline([], '2026-04-17').averageDelayWorkingDays, null);
  });
});
