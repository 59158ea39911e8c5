import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { kzWorkingCalendar as calendar } from '../calendar/index.ts';
import {
  addCalendarMonths,
  considerationWorkingDays,
  extensionCeiling,
  extensionNoticeDueBy,
  extensionRefusal,
  forwardingDueDate,
  onWorkingDay,
  termStartDate,
} from './appeal-terms.ts';
import { legalRules, legalTerms } from './legal-terms.ts';
import { parseClockTime } from '../civil-time.ts';
import { defaultWorkingDayEnd } from '../config.ts';

const workingDayEnd = parseClockTime(defaultWorkingDayEnd);

// Every expected date below is worked out by hand from the Code and the 2026–2027 calendar.

describe('the legal terms cite the Code', () => {
  it('has the numbers and articles of the Code', () => {
    assert.deepEqual(Object.fromEntries(Object.entries(legalTerms).map(([name, term]) => [name, [term.value, term.article]])), {
      considerationWorkingDays: [15, 'АППК art. 76 parts 1–2'],
      complaintConsiderationWorkingDays: [20, 'АППК art. 99'],
      forwardingWorkingDays: [3, 'АППК art. 65 part 1'],
      extensionMaxMonths: [2, 'АППК art. 76 part 3'],
      extensionNoticeWorkingDays: [3, 'АППК art. 76 part 3'],
      reopenedReviewWorkingDays: [15, 'akimat rule after АППК art. 76 part 1 (no term in the Code for a reopened review)'],
      receptionInstructionWorkingDays: [15, 'akimat rule after АППК art. 76 part 1'],
    });
    assert.deepEqual(legalRules, {
      registrationOnDayOfReceipt: 'АППК art. 64 part 3',
      lastDayMovesToWorkingDay: 'АППК art. 76 part 5',
      complaintNotExtended: 'АППК art. 99',
    });
  });

  it('gives a complaint 20 working days and every other kind 15', () => {
    assert.equal(considerationWorkingDays('COMPLAINT'), 20);
    assert.equal(considerationWorkingDays('APPLICATION'), 15);
    assert.equal(considerationWorkingDays('PROPOSAL'), 15);
  });
});

describe('the day of registration and of the term start (АППК art. 64 part 3)', () => {
  it('is the day of receipt during working hours', () => {
    // Tue 24 Nov 2026, 10:00 in Almaty = 05:00Z.
    assert.equal(termStartDate(new Date('2026-11-24T05:00:00Z'), calendar, workingDayEnd), '2026-11-24');
    // 18:29 local is still within the working day that ends at 18:30.
    assert.equal(termStartDate(new Date('2026-11-24T18:29:00+05:00'), calendar, workingDayEnd), '2026-11-24');
  });

  it('counts with the configured end of the working day', () => {
    // Tue 24 Nov 2026 with 18:30: 18:29 is the same day, 18:31 the next working day (Wed 25 Nov).
    assert.equal(termStartDate(new Date('2026-11-24T18:29:00+05:00'), calendar, { hour: 18, minute: 30 }), '2026-11-24');
    assert.equal(termStartDate(new Date('2026-11-24T18:31:00+05:00'), calendar, { hour: 18, minute: 30 }), '2026-11-25');
    // With 17:00 configured, 17:30 is after hours and 16:59 is not.
    assert.equal(termStartDate(new Date('2026-11-24T17:30:00+05:00'), calendar, { hour: 17, minute: 0 }), '2026-11-25');
    assert.equal(termStartDate(new Date('2026-11-24T16:59:00+05:00'), calendar, { hour: 17, minute: 0 }), '2026-11-24');
  });

  it('is the next working day after the working day ended or on a day off', () => {
    assert.equal(termStartDate(new Date('2026-11-24T18:30:00+05:00'), calendar, workingDayEnd), '2026-11-25');
    assert.equal(termStartDate(new Date('2026-11-24T20:00:00+05:00'), calendar, workingDayEnd), '2026-11-25');
    // Fri 27 Nov 2026 at 19:00 → Mon 30 Nov.
    assert.equal(termStartDate(new Date('2026-11-27T19:00:00+05:00'), calendar, workingDayEnd), '2026-11-30');
    // Sat 28 Nov 2026 → Mon 30 Nov.
    assert.equal(termStartDate(new Date('2026-11-28T10:00:00+05:00'), calendar, workingDayEnd), '2026-11-30');
    // 00:30 on Wednesday in Almaty is Tuesday in UTC: the day is Wednesday.
    assert.equal(termStartDate(new Date('2026-11-24T19:30:00Z'), calendar, workingDayEnd), '2026-11-25');
  });
});

describe('the forwarding term (АППК art. 65 part 1): 3 working days of the day of receipt', () => {
  it('counts from a Saturday of receipt, not from the Monday of registration', () => {
    // Received Sat 28 Nov 2026: Mon 30 Nov, Tue 1 Dec, Wed 2 Dec (from the registration day it would be Thu 3 Dec).
    assert.equal(forwardingDueDate(new Date('2026-11-28T10:00:00+05:00'), calendar), '2026-12-02');
  });

  it('counts from the day of receipt after hours, not from the next morning', () => {
    // Received Tue 24 Nov 2026 at 20:00: Wed 25, Thu 26, Fri 27 Nov (from registration on the 25th: Mon 30 Nov).
    assert.equal(forwardingDueDate(new Date('2026-11-24T20:00:00+05:00'), calendar), '2026-11-27');
  });

  it('skips a holiday', () => {
    // Received Mon 14 Dec 2026: Tue 15, (Wed 16 Independence Day), Thu 17, Fri 18.
    assert.equal(forwardingDueDate(new Date('2026-12-14T10:00:00+05:00'), calendar), '2026-12-18');
  });
});

describe('the extension ceiling (АППК art. 76 parts 3 and 5)', () => {
  it('is two months from the day of the decision', () => {
    // Decided Wed 7 Oct 2026 → Mon 7 Dec 2026, a working day.
    assert.equal(extensionCeiling('2026-10-07', calendar), '2026-12-07');
  });

  it('moves off a holiday to the next working day', () => {
    // Decided Fri 16 Oct 2026 → Wed 16 Dec 2026, Independence Day → Thu 17 Dec.
    assert.equal(extensionCeiling('2026-10-16', calendar), '2026-12-17');
  });

  it('moves off a weekend to the next working day', () => {
    // Decided Mon 19 Oct 2026 → Sat 19 Dec 2026 → Mon 21 Dec.
    assert.equal(extensionCeiling('2026-10-19', calendar), '2026-12-21');
  });

  it('moves across the new year holidays and their moved day off', () => {
    // Decided Mon 2 Nov 2026 → Sat 2 Jan 2027, a holiday; 1 Jan (Fri) and 2 Jan (Sat) are holidays,
    // 2 Jan on a Saturday moves the day off to Mon 4 Jan, so the term ends Tue 5 Jan 2027.
    assert.equal(extensionCeiling('2026-11-02', calendar), '2027-01-05');
  });

  it('clamps to the end of a shorter month, then moves off the weekend', () => {
    // Decided Thu 31 Dec 2026 → 28 Feb 2027 (no 31 Feb), a Sunday → Mon 1 Mar 2027.
    assert.equal(extensionCeiling('2026-12-31', calendar), '2027-03-01');
    assert.equal(addCalendarMonths('2026-01-15', 2), '2026-03-15');
    assert.equal(addCalendarMonths('2027-12-31', 2), '2028-02-29');
  });

  it('leaves a working last day where it is', () => {
    assert.equal(onWorkingDay('2026-12-07', calendar), '2026-12-07');
    assert.equal(onWorkingDay('2026-12-19', calendar), '2026-12-21');
  });

  it('gives 3 working days to notify the applicant of the extension', () => {
    // Decided Fri 27 Nov 2026: Mon 30 Nov, Tue 1 Dec, Wed 2 Dec.
    assert.equal(extensionNoticeDueBy('2026-11-27', calendar), '2026-12-02');
  });
});

describe('extension refusals', () => {
  const application = { kind: 'APPLICATION', dueDate: '2026-10-23' };

  it('allows a date up to two months from the decision, later than the term start + 2 months', () => {
    // Received Fri 2 Oct 2026; decided Wed 7 Oct: the ceiling is Mon 7 Dec, not 2 Dec (2 Oct + 2 months).
    assert.equal(extensionRefusal(application, '2026-12-07', '2026-10-07', calendar), null);
  });

  it('refuses a date past the ceiling', () => {
    assert.deepEqual(extensionRefusal(application, '2026-12-08', '2026-10-07', calendar), {
      field: 'newDueDate',
      message: 'must not be later than 2026-12-07 (two months from the decision, АППК art. 76 part 3)',
    });
  });

  it('allows the ceiling moved off a holiday, and nothing after it', () => {
    assert.equal(extensionRefusal(application, '2026-12-17', '2026-10-16', calendar), null);
    assert.ok(extensionRefusal(application, '2026-12-18', '2026-10-16', calendar));
  });

  it('refuses a date not later than the current due date', () => {
    assert.equal(extensionRefusal(application, '2026-10-23', '2026-10-07', calendar)?.field, 'newDueDate');
  });

  it('refuses any extension of a complaint (АППК art. 99)', () => {
    assert.deepEqual(extensionRefusal({ kind: 'COMPLAINT', dueDate: '2026-10-30' }, '2026-11-06', '2026-10-07', calendar), {
      field: 'appealId',
      message: 'the term of a complaint is not extended (АППК art. 99)',
    });
  });
});
