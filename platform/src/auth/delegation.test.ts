import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { delegationStands, headAuthority, type Delegation } from './delegation.ts';

const delegation: Delegation = { headSubject: 'head-1', substituteSubject: 'deputy-1', validFrom: '2026-12-07', validTo: '2026-12-18', revokedAt: null };
const deputy = { subject: 'deputy-1', role: 'controller' as const, organizationId: null };

describe("the head's rights under delegation (R3.1)", () => {
  it('stand from the first to the last day inclusive, and not once revoked', () => {
    assert.equal(delegationStands(delegation, '2026-12-06'), false);
    assert.equal(delegationStands(delegation, '2026-12-07'), true);
    assert.equal(delegationStands(delegation, '2026-12-18'), true);
    assert.equal(delegationStands(delegation, '2026-12-19'), false);
    assert.equal(delegationStands({ ...delegation, revokedAt: new Date('2026-12-10T04:00:00Z') }, '2026-12-11'), false);
  });

  it('are the head’s own, or the substitute’s for the head while the delegation stands', () => {
    assert.deepEqual(headAuthority({ subject: 'head-1', role: 'department_head', organizationId: null }, null, '2026-12-10'), {
      subject: 'head-1',
      role: 'department_head',
      actingFor: null,
    });
    assert.deepEqual(headAuthority(deputy, delegation, '2026-12-10'), { subject: 'deputy-1', role: 'controller', actingFor: 'head-1' });
    assert.equal(headAuthority(deputy, delegation, '2026-12-19'), null, 'expired');
    assert.equal(headAuthority(deputy, null, '2026-12-10'), null, 'no delegation');
    assert.equal(headAuthority({ ...deputy, subject: 'someone-else' }, delegation, '2026-12-10'), null, "another person's delegation");
    assert.equal(headAuthority({ ...deputy, role: 'executor' }, delegation, '2026-12-10'), null, 'an executor is never a substitute');
  });
});
