import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { answerSignedWithoutRight } from './answer-signed-without-right.ts';

describe('ANSWER_SIGNED_WITHOUT_RIGHT', () => {
  const answeredAt = '2025-06-13T10:00:00+05:00';

  it('accepts an answer signed by the department head', () => {
    assert.equal(answerSignedWithoutRight({ signedByRole: 'department_head', onBehalfOfRole: null, answeredAt }), null);
  });

  it("accepts an answer signed by the head's substitute on the head's behalf (R3.1)", () => {
    assert.equal(answerSignedWithoutRight({ signedByRole: 'controller', onBehalfOfRole: 'department_head', answeredAt }), null);
  });

  it('flags an answer signed by a controller on nobody’s behalf', () => {
    const finding = answerSignedWithoutRight({ signedByRole: 'controller', onBehalfOfRole: null, answeredAt });
    assert.ok(finding);
    assert.match(finding.details, /controller, not department_head/);
  });

  it('flags an answer signed on behalf of a role that holds no signing right', () => {
    assert.ok(answerSignedWithoutRight({ signedByRole: 'registrar', onBehalfOfRole: 'controller', answeredAt }));
  });

  it('flags an answer with no signer', () => {
    assert.equal(answerSignedWithoutRight({ signedByRole: null, onBehalfOfRole: 'department_head', answeredAt })?.details, 'Answer with no signer');
  });
});
