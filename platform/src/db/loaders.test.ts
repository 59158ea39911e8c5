import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { loaderById, loaderOfGroups } from './loaders.ts';

const a = { id: '0b8f6f1e-3c1a-4f7e-9a55-000000000001', tags: ['x', 'y'] };
const b = { id: '0b8f6f1e-3c1a-4f7e-9a55-000000000002', tags: ['y'] };

describe('platform loaders', () => {
  it('loads a batch of ids in one call, in key order, null for missing and malformed ids', async () => {
    const calls: string[][] = [];
    const loader = loaderById(async (ids) => {
      calls.push(ids);
      return [b, a].filter((row) => ids.includes(row.id));
    });
    const rows = await Promise.all([a.id, 'not-a-uuid', b.id, '0b8f6f1e-3c1a-4f7e-9a55-000000000009'].map((id) => loader.load(id)));
    assert.deepEqual(rows, [a, null, b, null]);
    assert.deepEqual(calls, [[a.id, b.id, '0b8f6f1e-3c1a-4f7e-9a55-000000000009']]);
  });

  it('groups rows under every key they belong to, in one call', async () => {
    let calls = 0;
    const loader = loaderOfGroups(
      async () => {
        calls += 1;
        return [a, b];
      },
      (row) => row.tags,
    );
    const [x, y, z] = await Promise.all(['x', 'y', 'z'].map((key) => loader.load(key)));
    assert.deepEqual([x, y, z], [[a], [a, b], []]);
    assert.equal(calls, 1);
  });
});
