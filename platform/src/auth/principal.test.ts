import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { DomainError } from '../errors.ts';
import { canSeePersonalData, canSeePersonalDataOf, isRole, requireRole, type Principal } from './principal.ts';

const registrar: Principal = { subject: 'reg-1', role: 'registrar', organizationId: null };
const citizen: Principal = { subject: 'cit-1', role: 'citizen', organizationId: null };
const analyst: Principal = { subject: 'an-1', role: 'analyst', organizationId: null };

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof DomainError);
    return error.code;
  }
  return undefined;
}

describe('requireRole', () => {
  it('refuses an anonymous caller with UNAUTHENTICATED', () => {
    assert.equal(
      codeOf(() => requireRole(null, 'registrar')),
      'UNAUTHENTICATED',
    );
    assert.equal(
      codeOf(() => requireRole(undefined)),
      'UNAUTHENTICATED',
    );
  });

  it('refuses a role that is not listed with FORBIDDEN', () => {
    assert.equal(
      codeOf(() => requireRole(citizen, 'registrar', 'controller')),
      'FORBIDDEN',
    );
  });

  it('returns the principal when the role is listed, or when no roles are listed', () => {
    assert.equal(requireRole(registrar, 'registrar', 'controller'), registrar);
    assert.equal(requireRole(citizen), citizen);
  });
});

describe('personal data', () => {
  it('is visible to the working roles and never to analysts, agencies or anonymous callers', () => {
    assert.equal(canSeePersonalData(registrar), true);
    assert.equal(canSeePersonalData(analyst), false);
    assert.equal(canSeePersonalData({ subject: 'ag', role: 'agency', organizationId: 'org-9' }), false);
    assert.equal(canSeePersonalData(null), false);
  });

  it('is visible to a citizen only for their own records', () => {
    assert.equal(canSeePersonalData(citizen), false);
    assert.equal(canSeePersonalDataOf(citizen, 'cit-1'), true);
    assert.equal(canSeePersonalDataOf(citizen, 'cit-2'), false);
    assert.equal(canSeePersonalDataOf(citizen, null), false);
    assert.equal(canSeePersonalDataOf(registrar, 'cit-2'), true);
    assert.equal(canSeePersonalDataOf(analyst, 'an-1'), false);
  });
});

describe('isRole', () => {
  it('accepts the nine roles only', () => {
    assert.equal(isRole('department_head'), true);
    assert.equal(isRole('superuser'), false);
    assert.equal(isRole(undefined), false);
  });
});
