import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { defaultRegistrationNumberFormat, formatRegistrationNumber } from './registration-number.ts';

describe('registration number', () => {
  it('formats prefix, year and the zero-padded sequence', () => {
    assert.equal(formatRegistrationNumber(defaultRegistrationNumberFormat, 2026, 123), 'ЖТ-2026-000123');
    assert.equal(formatRegistrationNumber({ prefix: 'АЛ', digits: 4 }, 2027, 98765), 'АЛ-2027-98765');
  });

  it('refuses a sequence that is not a positive integer', () => {
    assert.throws(() => formatRegistrationNumber(defaultRegistrationNumberFormat, 2026, 0), RangeError);
    assert.throws(() => formatRegistrationNumber(defaultRegistrationNumberFormat, 2026, 1.5), RangeError);
  });
});
