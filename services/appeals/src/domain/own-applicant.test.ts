import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { DomainError } from '@bakylau/platform/errors';
import { ownApplicantIdentity } from './own-applicant.ts';

const mine = '900101300017';
const someoneElse = '850315450120';
const company = '180340021791';

function refusal(run: () => unknown): { code: string; fields: string[] } {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof DomainError);
    return { code: error.code, fields: error.fields.map((f) => f.field) };
  }
  assert.fail('not refused');
}

describe('who a citizen may file an appeal as', () => {
  it('files in their own name with the IIN of their token, whether or not the input repeats it', () => {
    assert.deepEqual(ownApplicantIdentity({ iin: mine }, { type: 'INDIVIDUAL', name: 'Серік' }), { type: 'INDIVIDUAL', name: 'Серік', iin: mine });
    assert.deepEqual(ownApplicantIdentity({ iin: mine }, { type: 'COLLECTIVE', iin: mine }), { type: 'COLLECTIVE', iin: mine });
  });

  it("refuses another person's IIN, a BIN on an individual, and an account without an IIN", () => {
    assert.deepEqual(
      refusal(() => ownApplicantIdentity({ iin: mine }, { type: 'INDIVIDUAL', iin: someoneElse })),
      { code: 'BAD_USER_INPUT', fields: ['applicant.iin'] },
    );
    assert.deepEqual(
      refusal(() => ownApplicantIdentity({ iin: mine }, { type: 'INDIVIDUAL', bin: company })),
      { code: 'BAD_USER_INPUT', fields: ['applicant.bin'] },
    );
    assert.equal(refusal(() => ownApplicantIdentity({}, { type: 'INDIVIDUAL', iin: someoneElse })).code, 'FORBIDDEN');
  });

  it('files for a legal entity only with the BIN the token represents', () => {
    assert.deepEqual(ownApplicantIdentity({ iin: mine, bin: company }, { type: 'LEGAL_ENTITY', name: 'ТОО «Жол»' }), {
      type: 'LEGAL_ENTITY',
      name: 'ТОО «Жол»',
      bin: company,
    });
    assert.equal(refusal(() => ownApplicantIdentity({ iin: mine }, { type: 'LEGAL_ENTITY', bin: company })).code, 'FORBIDDEN');
    assert.deepEqual(
      refusal(() => ownApplicantIdentity({ bin: company }, { type: 'LEGAL_ENTITY', bin: '180340021805' })),
      { code: 'BAD_USER_INPUT', fields: ['applicant.bin'] },
    );
  });

  it('is never anonymous: a signed-in citizen is known', () => {
    assert.deepEqual(
      refusal(() => ownApplicantIdentity({ iin: mine }, { type: 'ANONYMOUS' })),
      { code: 'BAD_USER_INPUT', fields: ['applicant.type'] },
    );
  });
});
