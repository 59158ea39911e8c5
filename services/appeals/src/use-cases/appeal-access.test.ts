import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { appealScope, inScope } from './appeal-access.ts';

describe("an official's scope of appeals", () => {
  const official = { subject: 'official-7', role: 'official' as const, organizationId: null };

  it('is the appeals given at their own receptions, not the registry', () => {
    const scope = appealScope(official);
    assert.deepEqual(scope, { kind: 'official', subject: 'official-7' });
    assert.equal(inScope(scope, { receptionOfficialSubject: 'official-7' }, []), true);
    assert.equal(inScope(scope, { receptionOfficialSubject: 'official-8' }, []), false);
    assert.equal(inScope(scope, { receptionOfficialSubject: null, applicantSubject: 'official-7' }, []), false);
  });

  it('leaves the registry to those who keep and control it', () => {
    for (const role of ['registrar', 'controller', 'department_head', 'analyst', 'admin'] as const) {
      assert.deepEqual(appealScope({ subject: 's', role, organizationId: null }), { kind: 'all' }, role);
    }
  });
});
