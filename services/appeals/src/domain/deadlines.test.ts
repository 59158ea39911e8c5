import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { kzWorkingCalendar as calendar } from '@bakylau/platform/calendar/index';
import { appealTerms, reopenedReviewDueDate } from './deadlines.ts';
import { parseClockTime } from '@bakylau/platform/civil-time';
import { defaultWorkingDayEnd } from '@bakylau/platform/config';

const workingDayEnd = parseClockTime(defaultWorkingDayEnd);

describe('appeal deadlines', () => {
  it('gives 15 working days, 20 for complaints and 3 for forwarding', () => {
    const terms = appealTerms('APPLICATION', new Date('2026-11-02T05:00:00Z'), calendar, workingDayEnd);
    assert.equal(terms.termStartDate, '2026-11-02');
    assert.equal(calendar.workingDaysBetween(terms.termStartDate, terms.dueDate), 15);
    assert.equal(calendar.isWorkingDay(terms.dueDate), true);
    assert.equal(terms.forwardingDueDate, '2026-11-05');
    const complaint = appealTerms('COMPLAINT', new Date('2026-11-02T05:00:00Z'), calendar, workingDayEnd);
    assert.equal(calendar.workingDaysBetween(complaint.termStartDate, complaint.dueDate), 20);
  });

  it('counts the consideration term from registration but forwarding from receipt (АППК art. 65 part 1)', () => {
    // Received Sat 28 Nov 2026: registered and counted from Mon 30 Nov; 1–4, 7–11, 14, 15, 17, 18, 21, 22 Dec
    // (Wed 16 Dec is Independence Day) make 15 working days to Tue 22 Dec; forwarding is due Wed 2 Dec (Mon 30, Tue 1, Wed 2), not Thu 3 Dec.
    const weekend = appealTerms('APPLICATION', new Date('2026-11-28T10:00:00+05:00'), calendar, workingDayEnd);
    assert.deepEqual(weekend, { termStartDate: '2026-11-30', dueDate: '2026-12-22', forwardingDueDate: '2026-12-02', dueDateCalendarVerified: true });
    // Received Tue 24 Nov 2026 at 20:00: counted from Wed 25 Nov; forwarding due Fri 27 Nov (Wed 25, Thu 26, Fri 27), not Mon 30 Nov.
    const evening = appealTerms('APPLICATION', new Date('2026-11-24T20:00:00+05:00'), calendar, workingDayEnd);
    assert.equal(evening.termStartDate, '2026-11-25');
    assert.equal(evening.forwardingDueDate, '2026-11-27');
  });

  it('marks a due date counted into a year without entered data as an estimate', () => {
    // Received Mon 20 Dec 2027: 15 working days run into January 2028, which only the statutory rules give.
    assert.equal(appealTerms('APPLICATION', new Date('2027-12-20T05:00:00Z'), calendar, workingDayEnd).dueDateCalendarVerified, false);
    assert.equal(appealTerms('APPLICATION', new Date('2027-11-01T05:00:00Z'), calendar, workingDayEnd).dueDateCalendarVerified, true);
  });

  it('skips public holidays (16 December, Independence Day)', () => {
    // Mon 2026-12-14 + 3 working days skips Wed 16 Dec
    const terms = appealTerms('APPLICATION', new Date('2026-12-14T05:00:00Z'), calendar, workingDayEnd);
    assert.equal(terms.forwardingDueDate, '2026-12-18');
  });

  it('gives a reopened review 15 working days from the reopening, never less than the current term', () => {
    // Reopened Mon 21 Dec 2026: 22, 23, 24, 25, 28, 29, 30, 31 Dec, (1, 2 Jan holidays, 4 Jan moved day off),
    // 5, 6, (7 Jan Christmas), 8, 11, 12, 13, 14 Jan 2027 → the 15th working day is Thu 14 Jan 2027.
    assert.equal(reopenedReviewDueDate('2026-11-20', '2026-12-21', calendar), '2027-01-14');
    assert.equal(reopenedReviewDueDate('2026-12-30', '2026-11-24', calendar), '2026-12-30');
  });
});
