import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { summarizeEventData } from './audit-summary.ts';

describe('audit summary', () => {
  it('keeps ids, states, dates, outcome and registration number', () => {
    const summary = summarizeEventData({
      appealId: 'a-1',
      registrationNumber: 'ЖТС-2025-000123',
      organizationId: 'org-1',
      outcome: 'SATISFIED',
      dueDate: '2025-07-01',
      answerDocumentId: null,
      signedBy: { subject: 'head-1', role: 'department_head' },
      executors: [{ organizationId: 'org-2', lead: true, dueDate: '2025-06-30' }],
    });
    assert.deepEqual(summary, {
      appealId: 'a-1',
      registrationNumber: 'ЖТС-2025-000123',
      organizationId: 'org-1',
      outcome: 'SATISFIED',
      dueDate: '2025-07-01',
      answerDocumentId: null,
      signedBy: { role: 'department_head' },
      executors: [{ organizationId: 'org-2', lead: true, dueDate: '2025-06-30' }],
    });
  });

  it('drops personal data and free text, at any depth', () => {
    const summary = summarizeEventData({
      appealId: 'a-1',
      iin: '900101300123',
      phone: '+7 701 123 45 67',
      address: 'г. Талдыкорган, ул. Абая 1',
      applicantName: 'Иванов Иван',
      text: 'Прошу отремонтировать дорогу',
      reason: 'Нужна дополнительная проверка',
      actor: { subject: 'u-1', role: 'registrar' },
      basis: { appealIds: ['a-1'], applicant: { iin: '900101300123', phone: '87011234567' } },
      // An IIN smuggled under an allowed key is dropped as well.
      categoryId: '900101300123',
    });
    assert.deepEqual(summary, { appealId: 'a-1', basis: { appealIds: ['a-1'] } });
    const text = JSON.stringify(summary);
    for (const secret of ['900101300123', '701', 'Абая', 'Иванов', 'дорогу', 'проверка']) assert.ok(!text.includes(secret), secret);
  });

  it('gives an empty summary for data that is not an object', () => {
    assert.deepEqual(summarizeEventData(null), {});
    assert.deepEqual(summarizeEventData(['a']), {});
  });
});
