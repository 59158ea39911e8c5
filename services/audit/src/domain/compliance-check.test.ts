import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { kzWorkingCalendar } from '@bakylau/platform/calendar/index';
import { createCloudEvent } from '@bakylau/platform/events/cloud-event';
import { checkCompliance } from './compliance-check.ts';
import { defaultWorkingDayEnd } from '@bakylau/platform/config';
import { parseClockTime } from '@bakylau/platform/civil-time';

const workingDayEnd = parseClockTime(defaultWorkingDayEnd);

const answered = (data: Record<string, unknown>) =>
  createCloudEvent({
    source: '/bakylau/appeals',
    type: 'kz.bakylau.appeal.answered.v1',
    subject: 'a-1',
    data: { appealId: 'a-1', organizationId: 'org-1', ...data },
  });

describe('compliance check of one event', () => {
  it('finds every rule an answer breaks, naming the organization and the appeal', () => {
    const { detected } = checkCompliance(
      answered({ answeredAt: '2025-06-16T09:00:00+05:00', dueDate: '2025-06-13', answerDocumentId: null, signedBy: { subject: 's', role: 'executor' } }),
      { answeredEventSeen: false },
      kzWorkingCalendar,
      workingDayEnd,
    );
    assert.deepEqual(detected.map((d) => d.rule).sort(), ['ANSWER_AFTER_DUE_DATE', 'ANSWER_SIGNED_WITHOUT_RIGHT', 'CLOSED_WITHOUT_ANSWER_DOCUMENT']);
    assert.ok(detected.every((d) => d.organizationId === 'org-1' && d.entityType === 'Appeal' && d.entityId === 'a-1'));
  });

  it('finds nothing wrong with a proper answer', () => {
    const { detected, skipped } = checkCompliance(
      answered({
        answeredAt: '2025-06-12T09:00:00+05:00',
        dueDate: '2025-06-13',
        answerDocumentId: 'doc-1',
        signedBy: { subject: 's', role: 'department_head' },
      }),
      { answeredEventSeen: false },
      kzWorkingCalendar,
      workingDayEnd,
    );
    assert.deepEqual(detected, []);
    assert.deepEqual(skipped, []);
  });

  it('skips a rule, without throwing, when the calendar does not know the year', () => {
    // 2024 is before the entered years, so it is not estimated (later years are).
    const event = createCloudEvent({
      source: '/bakylau/appeals',
      type: 'kz.bakylau.appeal.registered.v1',
      subject: 'a-2',
      data: { appealId: 'a-2', organizationId: 'org-1', receivedAt: '2024-06-10T10:00:00+05:00', registeredAt: '2024-06-14T10:00:00+05:00' },
    });
    const { detected, skipped } = checkCompliance(event, { answeredEventSeen: false }, kzWorkingCalendar, workingDayEnd);
    assert.deepEqual(detected, []);
    assert.equal(skipped[0]?.rule, 'LATE_REGISTRATION');
    assert.match(skipped[0]?.reason ?? '', /2024/);
  });
});
