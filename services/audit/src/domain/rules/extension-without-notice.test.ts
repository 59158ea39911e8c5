import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { kzWorkingCalendar } from '@bakylau/platform/calendar/index';
import { extensionNoticeDeadline, extensionWithoutNotice } from './extension-without-notice.ts';

describe('EXTENSION_WITHOUT_NOTICE', () => {
  // Extended Fri 7 March 2025: 8–10 March are days off (8 March moved to Monday), so the
  // 3 working days are 11, 12 and 13 March.
  const deadline = extensionNoticeDeadline(new Date('2025-03-07T15:00:00+05:00'), kzWorkingCalendar);

  it('counts the notice term in working days, skipping a weekend and a moved holiday', () => {
    assert.equal(deadline, '2025-03-13');
  });

  it('accepts a notice sent on the last day of the term', () => {
    assert.equal(
      extensionWithoutNotice({ noticeDeadline: deadline, noticedAt: new Date('2025-03-13T17:00:00+05:00'), now: new Date('2025-03-20T00:00:00Z') }),
      null,
    );
  });

  it('flags a notice sent after the term', () => {
    const finding = extensionWithoutNotice({
      noticeDeadline: deadline,
      noticedAt: new Date('2025-03-14T09:00:00+05:00'),
      now: new Date('2025-03-20T00:00:00Z'),
    });
    assert.ok(finding);
    assert.match(finding.details, /sent 2025-03-14; it was due by 2025-03-13/);
  });

  it('waits while the term is running and there is no notice yet', () => {
    assert.equal(extensionWithoutNotice({ noticeDeadline: deadline, noticedAt: null, now: new Date('2025-03-13T23:00:00+05:00') }), null);
  });

  it('flags a missing notice once the last day of the term is over, breached at its end', () => {
    const finding = extensionWithoutNotice({ noticeDeadline: deadline, noticedAt: null, now: new Date('2025-03-14T00:01:00+05:00') });
    assert.ok(finding);
    assert.equal(finding.occurredAt.toISOString(), '2025-03-13T19:00:00.000Z');
    assert.match(finding.details, /No notice .* by 2025-03-13/);
  });
});
