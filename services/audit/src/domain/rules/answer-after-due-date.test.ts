import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { answerAfterDueDate } from './answer-after-due-date.ts';

describe('ANSWER_AFTER_DUE_DATE', () => {
  it('accepts an answer on the due date, late in the evening in Kazakhstan', () => {
    assert.equal(answerAfterDueDate({ answeredAt: '2025-06-13T23:59:00+05:00', dueDate: '2025-06-13' }), null);
  });

  it('flags an answer on the day after the due date (Kazakhstan time)', () => {
    const finding = answerAfterDueDate({ answeredAt: '2025-06-13T19:30:00Z', dueDate: '2025-06-13' });
    assert.ok(finding);
    assert.equal(finding.details, 'Answered 2025-06-14, due 2025-06-13');
  });

  it('flags an answer on the Monday after a Friday due date (weekends do not extend the term)', () => {
    assert.ok(answerAfterDueDate({ answeredAt: '2025-06-16T09:00:00+05:00', dueDate: '2025-06-13' }));
  });

  it('accepts an early answer', () => {
    assert.equal(answerAfterDueDate({ answeredAt: '2025-06-02T09:00:00+05:00', dueDate: '2025-06-13' }), null);
  });
});
