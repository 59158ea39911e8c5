import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { kzWorkingCalendar as calendar } from '@bakylau/platform/calendar/index';
import { addCalendarMonths, appealTerms, extensionNoticeDueBy, extensionProblem, isOverdue, reopenedReviewTerms, termStartDate } from './deadlines.ts';

describe('appeal deadlines', () => {
  it('counts from the day of receipt during working hours', () => {
    // Tue 2026-11-24 10:00 Almaty time = 05:00Z
    assert.equal(termStartDate(new Date('2026-11-24T05:00:00Z'), calendar), '2026-11-24');
  });

  it('counts from the next working day after working hours or on a day off', () => {
    // Tue 2026-11-24 19:00 local = 14:00Z
    assert.equal(termStartDate(new Date('2026-11-24T14:00:00Z'), calendar), '2026-11-25');
    // Sat 2026-11-28 → Mon 2026-11-30
    assert.equal(termStartDate(new Date('2026-11-28T05:00:00Z'), calendar), '2026-11-30');
    // Just after midnight local on Wednesday is still Wednesday (UTC still Tuesday)
    assert.equal(termStartDate(new Date('2026-11-24T19:30:00Z'), calendar), '2026-11-25');
  });

  it('gives 15 working days, 20 for complaints, 3 for forwarding and 2 months at most', () => {
    const terms = appealTerms('APPLICATION', new Date('2026-11-02T05:00:00Z'), calendar);
    assert.equal(terms.termStartDate, '2026-11-02');
    assert.equal(calendar.workingDaysBetween(terms.termStartDate, terms.dueDate), 15);
    assert.equal(calendar.isWorkingDay(terms.dueDate), true);
    assert.equal(terms.forwardingDueDate, '2026-11-05');
    assert.equal(terms.maxDueDate, '2027-01-02');
    const complaint = appealTerms('COMPLAINT', new Date('2026-11-02T05:00:00Z'), calendar);
    assert.equal(calendar.workingDaysBetween(complaint.termStartDate, complaint.dueDate), 20);
  });

  it('skips public holidays (16 December, Independence Day)', () => {
    // Mon 2026-12-14 + 3 working days skips Wed 16 Dec
    const terms = appealTerms('APPLICATION', new Date('2026-12-14T05:00:00Z'), calendar);
    assert.equal(terms.forwardingDueDate, '2026-12-18');
  });

  it('adds calendar months clamping to month ends', () => {
    assert.equal(addCalendarMonths('2026-12-31', 2), '2027-02-28');
    assert.equal(addCalendarMonths('2026-01-15', 2), '2026-03-15');
  });

  it('allows an extension only later than the current due date and within 2 months in total', () => {
    assert.equal(extensionProblem('2026-11-20', '2026-12-10', '2027-01-02'), null);
    assert.match(extensionProblem('2026-11-20', '2026-11-20', '2027-01-02') ?? '', /later than the current/);
    assert.match(extensionProblem('2026-11-20', '2027-01-05', '2027-01-02') ?? '', /two months/);
  });

  it('gives 3 working days to notify of an extension', () => {
    assert.equal(extensionNoticeDueBy('2026-11-27', calendar), '2026-12-02');
  });

  it('is overdue only when open and past the due date', () => {
    assert.equal(isOverdue(true, '2026-11-20', '2026-11-21'), true);
    assert.equal(isOverdue(true, '2026-11-20', '2026-11-20'), false);
    assert.equal(isOverdue(false, '2026-11-20', '2026-12-01'), false);
  });

  it('gives a reopened review 15 working days from the reopening, never less than the current term', () => {
    const late = reopenedReviewTerms({ dueDate: '2026-11-20', maxDueDate: '2026-12-31' }, '2026-12-21', calendar);
    assert.equal(calendar.workingDaysBetween('2026-12-21', late.dueDate), 15);
    assert.equal(late.maxDueDate, late.dueDate, 'the ceiling grows to the new due date');
    const early = reopenedReviewTerms({ dueDate: '2026-12-30', maxDueDate: '2027-01-02' }, '2026-11-24', calendar);
    assert.deepEqual(early, { dueDate: '2026-12-30', maxDueDate: '2027-01-02' });
  });
});
