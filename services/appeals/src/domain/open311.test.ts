import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { appealStates, closedStates } from './appeal-lifecycle.ts';
import { civilIsoDateTime } from '@bakylau/platform/civil-time';
import {
  hiddenStates,
  open311ExpectedDateTime,
  open311StatusNotes,
  open311StatusOf,
  requestWindow,
  roundCoordinate,
  type PublicAppealState,
} from './open311.ts';

const publicStates = appealStates.filter((s): s is PublicAppealState => !(hiddenStates as readonly string[]).includes(s));

describe('open311 view of appeals', () => {
  it('maps closed states to closed and the others to open', () => {
    for (const state of appealStates) assert.equal(open311StatusOf(state), closedStates.includes(state) ? 'closed' : 'open', state);
  });

  it('has a fixed label in both languages for every published state', () => {
    for (const state of publicStates) {
      assert.ok(open311StatusNotes(state, 'ru').length > 0, state);
      assert.ok(open311StatusNotes(state, 'kk').length > 0, state);
    }
    assert.equal(open311StatusNotes('IN_PROGRESS', 'ru'), 'На рассмотрении');
    assert.equal(open311StatusNotes('IN_PROGRESS', 'kk'), 'Қаралуда');
  });

  it('rounds coordinates to 3 decimals', () => {
    assert.equal(roundCoordinate(45.0175894), 45.018);
    assert.equal(roundCoordinate(78.3734111), 78.373);
    assert.equal(roundCoordinate(-0.0004), -0);
    assert.equal(roundCoordinate(null), null);
  });

  it('writes instants in Kazakhstan time with the offset, and due dates as the end of the day', () => {
    assert.equal(civilIsoDateTime(new Date('2026-03-02T05:00:00.123Z')), '2026-03-02T10:00:00+05:00');
    assert.equal(civilIsoDateTime(new Date('2026-03-02T20:30:00Z')), '2026-03-03T01:30:00+05:00');
    assert.equal(open311ExpectedDateTime('2026-03-20'), '2026-03-20T23:59:59+05:00');
  });

  it('searches the last 90 days by default and 90 days from a single bound', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    const last = requestWindow(null, null, now);
    assert.equal(last.to.toISOString(), now.toISOString());
    assert.equal(last.from.toISOString(), '2026-03-03T00:00:00.000Z');
    const fromStart = requestWindow(new Date('2026-01-01T00:00:00Z'), null, now);
    assert.equal(fromStart.to.toISOString(), '2026-04-01T00:00:00.000Z');
    const toEnd = requestWindow(null, new Date('2026-04-01T00:00:00Z'), now);
    assert.equal(toEnd.from.toISOString(), '2026-01-01T00:00:00.000Z');
  });

  it('refuses a range over 90 days or one that ends before it starts', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    assert.throws(() => requestWindow(new Date('2026-01-01T00:00:00Z'), new Date('2026-04-02T00:00:00Z'), now), { code: 'BAD_USER_INPUT' });
    assert.throws(() => requestWindow(new Date('2026-02-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z'), now), { code: 'BAD_USER_INPUT' });
    assert.doesNotThrow(() => requestWindow(new Date('2026-01-01T00:00:00Z'), new Date('2026-04-01T00:00:00Z'), now));
  });
});
