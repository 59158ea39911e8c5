import { describe, it } from '@jest/globals';
import nodeAssert from 'node:assert/strict';
import { runInNewContext } from 'node:vm';
import assert from './assert.ts';

// Values built in another realm, as Node's fetch and fs build them for a test running under jest.
const foreign = (source: string): unknown => runInNewContext(`(${source})`);

describe('testkit assert', () => {
  it('calls plain objects and arrays of another realm equal to the same literals', () => {
    const value = foreign(`{ states: ['CONFIRMED', 'DISMISSED'], page: { count: 2, next: null } }`);
    assert.throws(() => nodeAssert.deepStrictEqual(value, { states: ['CONFIRMED', 'DISMISSED'], page: { count: 2, next: null } }));
    assert.deepEqual(value, { states: ['CONFIRMED', 'DISMISSED'], page: { count: 2, next: null } });
    assert.deepStrictEqual(foreign(`[1, [2, 3]]`), [1, [2, 3]]);
  });

  it('still tells different values apart, strictly', () => {
    assert.throws(() => assert.deepEqual(foreign(`{ n: 1 }`), { n: '1' }), nodeAssert.AssertionError);
    assert.throws(() => assert.deepEqual(foreign(`[1, 2]`), [1, 2, 3]), nodeAssert.AssertionError);
    assert.throws(() => assert.deepEqual({ at: new Date(0) }, { at: '1970-01-01T00:00:00.000Z' }), nodeAssert.AssertionError);
    assert.notDeepEqual(foreign(`{ n: 1 }`), { n: 2 });
    class Point {
      readonly x: number;
      constructor(x: number) {
        this.x = x;
      }
    }
    assert.throws(() => assert.deepEqual(new Point(1), { x: 1 }), nodeAssert.AssertionError);
  });

  it('keeps the rest of node:assert/strict, assertion signatures included', () => {
    const value: unknown = 'text';
    assert(typeof value === 'string');
    assert.equal(value.length, 4);
    assert.throws(() => assert.equal(1, '1'), nodeAssert.AssertionError);
    assert.throws(() => assert.ok(0), nodeAssert.AssertionError);
  });
});
