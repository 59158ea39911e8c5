import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { GraphQLError } from 'graphql';
import { DateScalar, DateTimeScalar } from './scalars.ts';

const refusal = (value: unknown) => (error: unknown) =>
  error instanceof GraphQLError &&
  error.extensions['code'] === 'BAD_USER_INPUT' &&
  (typeof value !== 'string' || error.message.includes('DateTime') || error.message.includes('Date'));

describe('DateTime and Date scalars', () => {
  it('read instants with a zone', () => {
    assert.equal(DateTimeScalar.parseValue('2026-03-02T10:00:00Z').toISOString(), '2026-03-02T10:00:00.000Z');
    assert.equal(DateTimeScalar.parseValue('2026-03-02T10:00:00+05:00').toISOString(), '2026-03-02T05:00:00.000Z');
  });

  it('refuse days that do not exist instead of rolling them over, and other non-instants, with BAD_USER_INPUT', () => {
    for (const value of [
      '2026-02-30T10:00:00Z',
      '2026-02-29T00:00:00Z',
      '2026-04-31T00:00:00+05:00',
      '2026-13-01T00:00:00Z',
      '0001-01-01T00:00:00Z',
      '2026-03-02T10:00:00',
      'yesterday',
      42,
      null,
    ]) {
      assert.throws(() => DateTimeScalar.parseValue(value), refusal(value), String(value));
    }
    for (const value of ['2026-02-30', '2026-13-45', '0001-01-01', 'tomorrow', 7]) {
      assert.throws(() => DateScalar.parseValue(value), refusal(value), String(value));
    }
  });
});
