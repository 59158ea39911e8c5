import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { decideSystemicIssue, detectionWindows, systemicDecision, trendOf, validRule } from './systemic-issues.ts';

const rule = { threshold: 5, windowDays: 30 };
const windows = detectionWindows('2026-03-31', 30);

describe('systemic issues rule (R7.1)', () => {
  it('uses a window ending today and the previous window of equal length', () => {
    assert.deepEqual(windows, { from: '2026-03-02', to: '2026-03-31', previousFrom: '2026-01-31', previousTo: '2026-03-01' });
  });

  it('proposes a cluster at the threshold, not below it', () => {
    assert.equal(systemicDecision(rule, 4, null, windows), 'skip');
    assert.equal(systemicDecision(rule, 5, null, windows), 'propose');
  });

  it('refreshes an open proposal instead of adding another', () => {
    assert.equal(systemicDecision(rule, 9, { state: 'PROPOSED', detectedOn: '2026-03-20', decidedOn: null }, windows), 'refresh');
  });

  it('leaves a cluster decided within the window alone, and proposes again once that decision is older than the window', () => {
    assert.equal(systemicDecision(rule, 9, { state: 'DISMISSED', detectedOn: '2026-02-20', decidedOn: '2026-03-05' }, windows), 'skip');
    assert.equal(systemicDecision(rule, 9, { state: 'CONFIRMED', detectedOn: '2026-01-20', decidedOn: '2026-02-01' }, windows), 'propose');
  });

  it('computes the trend against the previous window', () => {
    assert.equal(trendOf(6, 2), 2);
    assert.equal(trendOf(3, 4), -0.25);
    assert.equal(trendOf(3, 0), null);
  });

  it('decides PROPOSED → CONFIRMED | DISMISSED only', () => {
    assert.equal(decideSystemicIssue('PROPOSED', 'CONFIRM'), 'CONFIRMED');
    assert.equal(decideSystemicIssue('PROPOSED', 'DISMISS'), 'DISMISSED');
    assert.equal(decideSystemicIssue('CONFIRMED', 'DISMISS'), null);
    assert.equal(decideSystemicIssue('DISMISSED', 'CONFIRM'), null);
  });

  it('checks the rule bounds', () => {
    assert.equal(validRule(rule), true);
    assert.equal(validRule({ threshold: 1, windowDays: 30 }), false);
    assert.equal(validRule({ threshold: 5, windowDays: 0 }), false);
  });
});
