import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { withCheckDigit } from '../identity/check-digit.ts';
import { findPersonalData } from './personal-data-scan.ts';
import { developmentSealingKeyring, sealText } from './sealed-text.ts';

describe('findPersonalData', () => {
  it('accepts an event of ids, states and dates', () => {
    assert.deepEqual(
      findPersonalData({
        appealId: '0b8f6f1e-3c1a-4f7e-9a55-123456789012',
        registrationNumber: 'ЖТ-2026-000123',
        dueDate: '2026-12-16',
        actor: { subject: 'u-1', role: 'registrar' },
      }),
      [],
    );
  });

  it('finds an IIN with a valid check digit, but not other 12-digit numbers', () => {
    const valid = withCheckDigit('90010130012') ?? '';
    assert.equal(valid.length, 12);
    assert.deepEqual(findPersonalData({ note: `applicant ${valid}` }), ['$.note: IIN-shaped value']);
    const invalid = valid.slice(0, 11) + String((Number(valid[11]) + 1) % 10);
    assert.deepEqual(findPersonalData({ note: invalid }), []);
  });

  it('finds phones, e-mails and personal-data field names at any depth', () => {
    const problems = findPersonalData({
      executors: [{ contact: '+7 701 234 56 78' }],
      applicant: { email: null, fullName: 'Иванов' },
      note: 'write to a@b.kz',
    });
    assert.deepEqual(
      problems.sort(),
      ['$.applicant.fullName: personal-data field', '$.executors[0].contact: phone-shaped value', '$.note: e-mail address'].sort(),
    );
  });

  it('finds a sealed field that holds plain text, and accepts one that holds sealed text', () => {
    const sealed = sealText('Нет освещения на улице Абая', developmentSealingKeyring);
    assert.deepEqual(findPersonalData({ sealedSummary: sealed }), []);
    assert.deepEqual(findPersonalData({ sealedSummary: 'Нет освещения на улице Абая' }), ['$.sealedSummary: a sealed field that does not hold sealed text']);
    assert.deepEqual(findPersonalData({ sealedReason: { ...sealed, alg: 'none' } }), ['$.sealedReason: a sealed field that does not hold sealed text']);
  });
});
