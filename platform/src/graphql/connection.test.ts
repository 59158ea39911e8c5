import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { DomainError } from '../errors.ts';
import { decodeCursor, encodeCursor, pageSize, toConnection } from './connection.ts';

describe('connections', () => {
  it('round-trips a cursor and refuses a forged one with BAD_USER_INPUT', () => {
    assert.deepEqual(decodeCursor(encodeCursor(['2026-11-25', 'a1']), 2), ['2026-11-25', 'a1']);
    for (const forged of ['not-base64-json', encodeCursor(['only-one']), Buffer.from('{"a":1}').toString('base64url')]) {
      assert.throws(
        () => decodeCursor(forged, 2),
        (e: unknown) => e instanceof DomainError && e.code === 'BAD_USER_INPUT',
      );
    }
  });

  it('bounds page sizes to 1..100', () => {
    assert.equal(pageSize(undefined), 20);
    assert.equal(pageSize(100), 100);
    for (const bad of [0, 101, 2.5, -1]) assert.throws(() => pageSize(bad), DomainError);
  });

  it('pages rows, telling whether there is more', () => {
    const page = toConnection([1, 2, 3], 2, (n) => String(n));
    assert.deepEqual(
      page.edges.map((e) => e.node),
      [1, 2],
    );
    assert.deepEqual(page.pageInfo, { hasNextPage: true, endCursor: '2' });
    assert.deepEqual(toConnection([1], 2, String).pageInfo, { hasNextPage: false, endCursor: '1' });
  });
});
