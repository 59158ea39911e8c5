import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { addCalendarDays } from '@bakylau/platform/calendar/working-calendar';
import { civilDateInKazakhstan } from '@bakylau/platform/civil-time';
import { startTestService, type TestCaller, type TestService } from '@bakylau/platform/testkit/service-harness';
import { appealsService } from '../src/service.ts';
import { ASSIGN, EXTEND, REGISTER, UPSERT_ORG, count, fails, ok, outboxTypes } from './appeals-helpers.ts';
import { withCheckDigit } from '../src/domain/identification-number.ts';

// The register of delegations of the head's rights (R3.1): granted, listed, never two at once for
// one head, revoked — and a revoked delegation confers nothing.

const admin: TestCaller = { role: 'admin' };
const registrar: TestCaller = { role: 'registrar', subject: 'registrar-deleg' };
const head: TestCaller = { role: 'department_head', subject: 'head-deleg' };
const deputy: TestCaller = { role: 'controller', subject: 'deputy-deleg' };
const other: TestCaller = { role: 'controller', subject: 'other-deleg' };

const DELEGATE = 'mutation($input: DelegateSigningInput!) { delegateSigning(input: $input) { id headSubject substituteSubject validFrom validTo revokedAt } }';
const REVOKE = 'mutation($id: ID!) { revokeDelegation(id: $id) { id revokedAt } }';
const LIST = 'query($all: Boolean) { signingDelegations(includeRevoked: $all) { id substituteSubject validFrom validTo revokedAt } }';

type Delegation = { id: string; substituteSubject: string; validFrom: string; validTo: string; revokedAt: string | null };

describe('appeals: the register of delegations of the head', () => {
  let service: TestService;
  let organizationId: string;
  const today = civilDateInKazakhstan(new Date());
  const delegate = (substitute: TestCaller, from: number, to: number) => ({
    input: { substituteSubject: substitute.subject, validFrom: addCalendarDays(today, from), validTo: addCalendarDays(today, to) },
  });

  beforeAll(async () => {
    service = await startTestService(appealsService);
    organizationId = (await ok(service, UPSERT_ORG, { input: { name: 'Управление строительства', kind: 'AKIMAT_UNIT' } }, admin))['upsertOrganization'].id;
  });

  afterAll(async () => {
    await service?.stop();
  });

  it('grants, refuses an overlap with nothing written, revokes once, and a revoked delegation signs nothing', async () => {
    const granted: Delegation = (await ok(service, DELEGATE, delegate(deputy, 0, 5), head))['delegateSigning'];
    assert.equal(granted.revokedAt, null);
    assert.deepEqual(await outboxTypes(service, granted.id), ['kz.bakylau.appeal.signing-delegated.v1']);

    // Days 3..10 meet days 0..5: on day 3 two people would act for the head.
    const before = await count(service, 'signing_delegation');
    const overlap = await fails(service, DELEGATE, delegate(other, 3, 10), head);
    assert.equal(overlap.code, 'CONFLICT');
    assert.equal(await count(service, 'signing_delegation'), before, 'nothing written');
    // The day after the last one is free.
    const next: Delegation = (await ok(service, DELEGATE, delegate(other, 6, 10), head))['delegateSigning'];
    assert.deepEqual(
      ((await ok(service, LIST, {}, registrar))['signingDelegations'] as Delegation[]).map((d) => d.id),
      [next.id, granted.id],
      'the register, newest period first',
    );
    assert.equal(
      (await fails(service, DELEGATE, { input: { substituteSubject: head.subject, validFrom: today, validTo: today } }, head)).code,
      'BAD_USER_INPUT',
    );

    // The deputy acts for the head today: an extension decided by them passes the signing check.
    const iin = withCheckDigit('90010130015') ?? '';
    const registration = {
      input: {
        kind: 'APPLICATION',
        channel: 'POST',
        applicant: { type: 'INDIVIDUAL', name: 'Серикова Дана', iin },
        summary: 'Ремонт школы',
        text: 'Протекает крыша школы.',
      },
    };
    const register = async () => {
      const r = (await ok(service, REGISTER, registration, registrar))['registerAppeal'];
      return (await ok(service, ASSIGN, { input: { appealId: r.id, expectedVersion: r.version, lead: { organizationId } } }, registrar))['assignAppeal'];
    };
    const extend = async (appeal: { id: string; version: number }) => {
      const card = (await ok(service, 'query($id: ID!) { appeal(id: $id) { maxDueDate } }', { id: appeal.id }, registrar))['appeal'];
      return service.request(
        EXTEND,
        { input: { appealId: appeal.id, expectedVersion: appeal.version, newDueDate: card.maxDueDate, reason: 'Нужна экспертиза' } },
        deputy,
      );
    };
    const first = await register();
    assert.equal((await extend(first)).errors, undefined, 'the acting deputy decides the extension');

    const revoked = (await ok(service, REVOKE, { id: granted.id }, head))['revokeDelegation'];
    assert.ok(revoked.revokedAt);
    assert.deepEqual(await outboxTypes(service, granted.id), ['kz.bakylau.appeal.signing-delegated.v1', 'kz.bakylau.appeal.signing-delegation-revoked.v1']);
    assert.equal((await fails(service, REVOKE, { id: granted.id }, head)).code, 'CONFLICT', 'revoked once');
    const second = await register();
    assert.equal((await extend(second)).errors?.[0]?.extensions?.code, 'FORBIDDEN', 'a revoked delegation confers nothing');

    assert.deepEqual(
      ((await ok(service, LIST, {}, head))['signingDelegations'] as Delegation[]).map((d) => d.id),
      [next.id],
      'the standing delegations',
    );
    assert.ok(((await ok(service, LIST, { all: true }, head))['signingDelegations'] as Delegation[]).some((d) => d.id === granted.id && d.revokedAt));
    // Its days are free again for another substitute.
    await ok(service, DELEGATE, delegate(other, 0, 2), head);
  });

  it('keeps the register to the head (grant, revoke) and the control staff (read)', async () => {
    const executor: TestCaller = { role: 'executor', subject: 'executor-deleg', organizationId };
    assert.equal((await fails(service, LIST, {}, executor)).code, 'FORBIDDEN');
    assert.equal((await fails(service, DELEGATE, delegate(other, 20, 21), deputy)).code, 'FORBIDDEN');
    const standing = ((await ok(service, LIST, {}, head))['signingDelegations'] as Delegation[])[0];
    assert.ok(standing);
    assert.equal((await fails(service, REVOKE, { id: standing.id }, deputy)).code, 'FORBIDDEN');
    assert.equal((await fails(service, REVOKE, { id: 'not-a-uuid' }, head)).code, 'BAD_USER_INPUT');
    assert.equal((await fails(service, REVOKE, { id: crypto.randomUUID() }, head)).code, 'NOT_FOUND');
  });
});
