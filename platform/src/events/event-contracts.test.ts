import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { createCloudEvent } from './cloud-event.ts';
import { assertEventContract, EventContractError, eventContractProblems, knownEventTypes, retiredEventTypes } from './event-contracts.ts';

const appealId = '3e2d6b0a-7c4f-4e0e-8f77-5b1f0f0b9a10';
const organizationId = '0b6f3c52-9a1e-4d8b-b7c2-2f4e6a8d1c35';

function overdue(data: Record<string, unknown>, type = 'kz.bakylau.appeal.overdue.v1') {
  return createCloudEvent({ source: '/bakylau/appeals', type, subject: appealId, data });
}

const validData = { appealId, organizationId, dueDate: '2026-12-09', actor: { subject: 'system', role: 'system' } };

describe('event contracts', () => {
  it('knows every type that has a schema under schema/events/data', () => {
    assert.ok(knownEventTypes().includes('kz.bakylau.appeal.overdue.v1'));
  });

  it('accepts an event that keeps its contract', () => {
    assert.deepEqual(eventContractProblems(overdue(validData)), []);
    assert.doesNotThrow(() => assertEventContract(overdue(validData)));
    // A nullable field may be null.
    assert.deepEqual(eventContractProblems(overdue({ ...validData, organizationId: null })), []);
  });

  it('refuses an unknown event type, naming the schema file to add', () => {
    const event = overdue(validData, 'kz.bakylau.appeal.vanished.v1');
    const problems = eventContractProblems(event);
    assert.equal(problems.length, 1);
    assert.match(problems[0] ?? '', /unknown event type kz\.bakylau\.appeal\.vanished\.v1.*schema\/events\/data\/kz\.bakylau\.appeal\.vanished\.v1\.json/);
    assert.throws(() => assertEventContract(event), EventContractError);
  });

  it('refuses a payload without a required field', () => {
    const { dueDate: _dueDate, ...withoutDueDate } = validData;
    const problems = eventContractProblems(overdue(withoutDueDate));
    assert.ok(
      problems.some((p) => p.includes("must have required property 'dueDate'")),
      problems.join('; '),
    );
    assert.throws(
      () => assertEventContract(overdue(withoutDueDate)),
      (error: unknown) => error instanceof EventContractError && error.problems.length > 0 && error.message.includes('kz.bakylau.appeal.overdue.v1'),
    );
  });

  it('refuses a field the contract does not declare (nothing undeclared, possibly personal, leaks)', () => {
    const problems = eventContractProblems(overdue({ ...validData, applicantPhone: '+7 701 000 00 00' }));
    assert.ok(
      problems.some((p) => p.includes('must NOT have additional properties') && p.includes('applicantPhone')),
      problems.join('; '),
    );
  });

  it('refuses a field of the wrong shape: a non-uuid id, a date-time for a civil date, an actor without a role', () => {
    assert.ok(eventContractProblems(overdue({ ...validData, appealId: 'appeal-1' })).some((p) => p.includes('/appealId') && p.includes('uuid')));
    assert.ok(eventContractProblems(overdue({ ...validData, dueDate: '2026-12-09T00:00:00Z' })).some((p) => p.includes('/dueDate')));
    assert.ok(eventContractProblems(overdue({ ...validData, actor: { subject: 'system' } })).some((p) => p.includes('/actor')));
  });

  it('checks the envelope before the data', () => {
    const event = { ...overdue(validData), specversion: '0.3' };
    assert.ok(eventContractProblems(event).some((p) => p.startsWith('envelope/specversion')));
    assert.ok(eventContractProblems({ ...overdue(validData), id: 'not-a-uuid' }).some((p) => p.startsWith('envelope/id')));
  });

  it('reads a retired version (history on the topics) but refuses to record it: its successor carries new facts', () => {
    const retired = 'kz.bakylau.appeal.extended.v1';
    assert.ok(retiredEventTypes().includes(retired));
    assert.ok(!retiredEventTypes().includes('kz.bakylau.appeal.extended.v2'));
    const event = createCloudEvent({
      source: '/bakylau/appeals',
      type: retired,
      subject: appealId,
      data: {
        appealId,
        organizationId,
        previousDueDate: '2026-12-09',
        newDueDate: '2027-01-08',
        reason: 'Выезд на место',
        decidedBy: { subject: 'head-1', role: 'department_head' },
        actor: { subject: 'head-1', role: 'department_head' },
      },
    });
    assert.deepEqual(eventContractProblems(event), []);
    assert.throws(
      () => assertEventContract(event),
      (error: unknown) => error instanceof EventContractError && /retired.*successor/.test(error.message),
    );
  });
});
