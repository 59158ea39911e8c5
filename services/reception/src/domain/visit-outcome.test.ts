import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { primaryOutcome, visitRecordProblems } from './visit-outcome.ts';

const today = '2026-03-02';
const org = '5f8a2c1e-6d3b-4e97-a40c-8b2f1e7d9c53';
const fields = (problems: { field: string }[]) => problems.map((p) => p.field).sort();

describe('visit outcome rules', () => {
  it('accepts several coherent outcomes', () => {
    assert.deepEqual(
      visitRecordProblems(
        {
          outcomes: ['APPEAL_TO_REGISTER', 'INSTRUCTIONS_GIVEN', 'REFERRED'],
          appeal: { summary: 'Нет воды' },
          instructions: [{ text: 'Проверить', executorOrganizationId: org, dueDate: today }],
          referredTo: 'Прокуратура области',
        },
        today,
      ),
      [],
    );
  });

  it('requires the details each outcome needs', () => {
    assert.deepEqual(fields(visitRecordProblems({ outcomes: ['APPEAL_TO_REGISTER', 'INSTRUCTIONS_GIVEN', 'REFERRED'] }, today)), [
      'appeal.summary',
      'instructions',
      'referredTo',
    ]);
    assert.deepEqual(fields(visitRecordProblems({ outcomes: [] }, today)), ['outcomes']);
    assert.deepEqual(fields(visitRecordProblems({ outcomes: ['REFERRED', 'REFERRED'], referredTo: 'x' }, today)), ['outcomes']);
  });

  it('refuses details of outcomes not chosen, past due dates and bad ids', () => {
    assert.deepEqual(
      fields(
        visitRecordProblems(
          {
            outcomes: ['ANSWERED_ON_THE_SPOT'],
            appeal: { summary: 'x' },
            referredTo: 'y',
            instructions: [{ text: 't', executorOrganizationId: org, dueDate: today }],
          },
          today,
        ),
      ),
      ['appeal', 'instructions', 'referredTo'],
    );
    assert.deepEqual(
      fields(
        visitRecordProblems({ outcomes: ['INSTRUCTIONS_GIVEN'], instructions: [{ text: ' ', executorOrganizationId: 'nope', dueDate: '2026-03-01' }] }, today),
      ),
      ['instructions.0.dueDate', 'instructions.0.executorOrganizationId', 'instructions.0.text'],
    );
  });

  it('names the main outcome in the regulation order', () => {
    assert.equal(primaryOutcome(['REFERRED', 'APPEAL_TO_REGISTER']), 'APPEAL_TO_REGISTER');
    assert.throws(() => primaryOutcome([]));
  });
});
