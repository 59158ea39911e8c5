import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { closedWithoutAnswerDocument } from './closed-without-answer-document.ts';

describe('CLOSED_WITHOUT_ANSWER_DOCUMENT', () => {
  const answeredAt = '2025-06-13T10:00:00+05:00';

  it('accepts an answer with its document', () => {
    assert.equal(closedWithoutAnswerDocument({ kind: 'answered', answerDocumentId: 'doc-1', answeredAt }), null);
  });

  it('flags an answer without a document', () => {
    const finding = closedWithoutAnswerDocument({ kind: 'answered', answerDocumentId: null, answeredAt });
    assert.ok(finding);
    assert.equal(finding.occurredAt.toISOString(), '2025-06-13T05:00:00.000Z');
  });

  it('accepts closing as ANSWERED after an answer was recorded', () => {
    assert.equal(closedWithoutAnswerDocument({ kind: 'closed', finalState: 'ANSWERED', answeredEventSeen: true, closedAt: answeredAt }), null);
  });

  it('flags closing as ANSWERED with no answer ever recorded', () => {
    assert.ok(closedWithoutAnswerDocument({ kind: 'closed', finalState: 'ANSWERED', answeredEventSeen: false, closedAt: answeredAt }));
  });

  it('accepts closing in another final state (e.g. withdrawn) without an answer', () => {
    assert.equal(closedWithoutAnswerDocument({ kind: 'closed', finalState: 'WITHDRAWN', answeredEventSeen: false, closedAt: answeredAt }), null);
  });
});
