import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { addCalendarDays, civilDateInKazakhstan, kzWorkingCalendar } from '@bakylau/platform/calendar/index';
import { createCloudEvent } from '@bakylau/platform/events/cloud-event';
import { startTestService, type TestService } from '@bakylau/platform/testkit/service-harness';
import { handleAppealsEvent } from '../src/events/appeals-consumer.ts';
import { instructionsService } from '../src/service.ts';
import { givenOrganizations, issueMutation } from './instruction-fixtures.ts';

// A substitute acts for the head on instructions too (R3.1): extends them and signs conclusions
// while the delegation appeals registered stands, and the acts say on whose behalf. Revoked or
// expired, the delegation confers nothing.

const controller = { role: 'controller' as const, subject: 'controller-hd' };
const deputy = { role: 'controller' as const, subject: 'deputy-hd' };
const former = { role: 'registrar' as const, subject: 'former-hd' };
const headSubject = 'head-hd';

const EXTEND = `mutation($input: ExtendInstructionInput!) { extendInstruction(input: $input) { id dueDate } }`;
const SIGN = `mutation($input: SignConclusionInput!) { signConclusion(input: $input) { id signedBy signerRole signedActingFor } }`;

describe('instructions: the head’s acts under delegation', () => {
  let service: TestService;
  let organizationId: string;
  const today = civilDateInKazakhstan(new Date());
  const due = kzWorkingCalendar.addWorkingDays(today, 10);
  const later = kzWorkingCalendar.addWorkingDays(today, 20);

  const issue = async () => {
    const result = await service.request<{ issueInstruction: { id: string } }>(
      issueMutation,
      {
        input: {
          issuerLevel: 'AKIM',
          issuerName: 'Аким области',
          text: 'Принять меры',
          appealIds: [randomUUID()],
          executors: [{ organizationId, dueDate: due }],
        },
      },
      controller,
    );
    assert.equal(result.errors, undefined, JSON.stringify(result.errors));
    return result.data!.issueInstruction.id;
  };
  /** A fact of the appeals register, applied as its consumer applies it. */
  const fromAppeals = async (type: string, delegationId: string, data: Record<string, unknown>) => {
    const event = createCloudEvent({
      source: '/bakylau/appeals',
      type,
      subject: delegationId,
      data: { delegationId, headSubject, ...data, actor: { subject: headSubject, role: 'department_head' } },
    });
    await service.orm.em.fork().transactional((em) => handleAppealsEvent(em, event));
  };

  beforeAll(async () => {
    service = await startTestService(instructionsService);
    [organizationId] = (await givenOrganizations(service.orm, 1)) as [string];
  });
  afterAll(async () => service?.stop());

  it('lets a substitute extend and sign for the head while the delegation stands, and says on whose behalf', async () => {
    const delegationId = randomUUID();
    const granted = { substituteSubject: deputy.subject, validFrom: today, validTo: addCalendarDays(today, 3) };
    await fromAppeals('kz.bakylau.appeal.signing-delegated.v1', delegationId, granted);
    // Another substitute's delegation ended yesterday.
    await fromAppeals('kz.bakylau.appeal.signing-delegated.v1', randomUUID(), {
      substituteSubject: former.subject,
      validFrom: addCalendarDays(today, -10),
      validTo: addCalendarDays(today, -1),
    });

    const first = await issue();
    const extended = await service.request(EXTEND, { input: { instructionId: first, newDueDate: later, reason: 'Нужна экспертиза' } }, deputy);
    assert.equal(extended.errors, undefined, JSON.stringify(extended.errors));
    const [event] = await service.orm.em
      .fork()
      .execute<{ event: { data: Record<string, unknown> } }[]>(
        `select event from outbox where message_key = ? and type = 'kz.bakylau.instruction.extended.v2'`,
        [first],
      );
    assert.deepEqual(event?.event.data['decidedBy'], { subject: deputy.subject, role: 'controller' });
    assert.deepEqual(event?.event.data['decidedOnBehalfOf'], { subject: headSubject, role: 'department_head' });

    const signed = await service.request<{ signConclusion: Record<string, unknown> }>(
      SIGN,
      { input: { instructionId: first, text: 'Исполнено частично' } },
      deputy,
    );
    assert.equal(signed.errors, undefined, JSON.stringify(signed.errors));
    assert.deepEqual(
      { ...signed.data?.signConclusion, id: null },
      { id: null, signedBy: deputy.subject, signerRole: 'controller', signedActingFor: headSubject },
    );

    const second = await issue();
    const refused = async (as: typeof deputy | typeof former, what: string) => {
      const extend = await service.request(EXTEND, { input: { instructionId: second, newDueDate: later, reason: 'Нужна экспертиза' } }, as);
      assert.equal(extend.errors?.[0]?.extensions?.code, 'FORBIDDEN', what);
      const sign = await service.request(SIGN, { input: { instructionId: second, text: 'Заключение' } }, as);
      assert.equal(sign.errors?.[0]?.extensions?.code, 'FORBIDDEN', what);
    };
    await refused(former, 'an expired delegation');
    await refused(controller, 'no delegation at all');

    await fromAppeals('kz.bakylau.appeal.signing-delegation-revoked.v1', delegationId, {
      substituteSubject: deputy.subject,
      revokedAt: new Date().toISOString(),
    });
    await refused(deputy, 'a revoked delegation');
    // The grant delivered again (Kafka redelivers) does not bring it back.
    await fromAppeals('kz.bakylau.appeal.signing-delegated.v1', delegationId, granted);
    await refused(deputy, 'a revoked delegation, its grant redelivered');
    const rows = await service.orm.em.fork().execute<{ n: number }[]>('select count(*)::int as n from conclusion where instruction_id = ?', [second]);
    assert.equal(rows[0]?.n, 0, 'nothing signed');
  });
});
