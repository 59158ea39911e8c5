// The Code's rules end to end through the gateway (appeals → outbox → Kafka → audit): a complaint
// is never extended (АППК art. 99); an appeal received after the working day ended and registered
// the next working day is registered in time (art. 64 part 3); an answer signed by the head's
// substitute under a valid delegation is signed with right (R3.1), one under an expired delegation
// is refused.
import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { addCalendarDays, kzWorkingCalendar } from '@bakylau/platform/calendar/index';
import { civilInstant } from '@bakylau/platform/civil-time';
import { gql, ok, type Caller } from './gateway-client.ts';
import { kzToday, randomIin, randomPhone, seededCategoryId, seededDistrictId, seededOrganizations, uniqueTag, waitFor } from './fixtures.ts';

const tag = uniqueTag();
const registrar: Caller = { role: 'registrar', subject: `e2e-terms-registrar-${tag}` };
const head: Caller = { role: 'department_head', subject: `e2e-terms-head-${tag}` };
const substitute: Caller = { role: 'controller', subject: `e2e-terms-substitute-${tag}` };
const formerSubstitute: Caller = { role: 'controller', subject: `e2e-terms-former-${tag}` };
const auditor: Caller = { role: 'controller', subject: `e2e-terms-auditor-${tag}` };
const executorOrg = seededOrganizations.housing;
const executor: Caller = { role: 'executor', organizationId: executorOrg, subject: `e2e-terms-executor-${tag}` };
const addressee = seededOrganizations.akimat;

type Card = {
  id: string;
  version: number;
  state: string;
  dueDate: string;
  maxDueDate: string;
  finalAnswer: { signedBy: { subject: string; role: string; actingFor: string | null } } | null;
};
const card = 'id version state dueDate maxDueDate finalAnswer { signedBy { subject role actingFor } }';

async function mutate(name: string, inputType: string, input: Record<string, unknown>, as: Caller): Promise<Card> {
  const result = await gql<Record<string, Card>>(`mutation($input: ${inputType}!) { ${name}(input: $input) { ${card} } }`, { input }, as);
  const appeal = ok(result, `${name} as ${as.role}`)[name];
  assert.ok(appeal, `${name} returned no appeal`);
  return appeal;
}

function register(kind: string, receivedAt: string | null, label: string): Promise<Card> {
  return mutate(
    'registerAppeal',
    'RegisterAppealInput',
    {
      kind,
      channel: 'POST',
      ...(receivedAt ? { receivedAt } : {}),
      applicant: { type: 'INDIVIDUAL', name: `Серікова Айгүл ${tag}`, iin: randomIin(), phone: randomPhone(), address: 'г. Талдыкорган, ул. Жансугурова, 5' },
      summary: `${label} (${tag})`,
      text: 'Прошу рассмотреть обращение по существу.',
      categoryId: seededCategoryId,
      districtId: seededDistrictId,
      addresseeId: addressee,
    },
    registrar,
  );
}

/** The audit trail's event types for the entity, once audit has consumed `until`. */
async function auditedThrough(entityId: string, until: string): Promise<void> {
  let types: string[] = [];
  await waitFor(
    async () => {
      const result = await gql<{ auditEntries: { edges: { node: { type: string } }[] } }>(
        'query($id: String) { auditEntries(filter: { entityId: $id }, first: 20) { edges { node { type } } } }',
        { id: entityId },
        auditor,
      );
      types = ok(result, 'reading the audit entries').auditEntries.edges.map((e) => e.node.type);
      return types.includes(until);
    },
    () => `audit to record ${until} for ${entityId} (so far: ${types.join(', ')})`,
    60_000,
  );
}

async function violationsOf(entityId: string): Promise<string[]> {
  const result = await gql<{ complianceViolations: { edges: { node: { rule: string } }[] } }>(
    'query($id: String) { complianceViolations(filter: { entityId: $id }) { edges { node { rule } } } }',
    { id: entityId },
    auditor,
  );
  return ok(result, 'reading the violations').complianceViolations.edges.map((e) => e.node.rule);
}

/** The last working day strictly before `day` (the test's setup, not the rule under test). */
function previousWorkingDay(day: string): string {
  let d = addCalendarDays(day, -1);
  while (!kzWorkingCalendar.isWorkingDay(d)) d = addCalendarDays(d, -1);
  return d;
}

describe('the legal terms through the gateway', () => {
  it('refuses to extend a complaint (АППК art. 99) and changes nothing', async () => {
    const complaint = await register('COMPLAINT', null, 'Жалоба на бездействие');
    assert.equal(complaint.maxDueDate, complaint.dueDate, 'a complaint offers no later due date');
    const refused = await gql(
      'mutation($input: ExtendAppealInput!) { extendAppeal(input: $input) { id dueDate } }',
      { input: { appealId: complaint.id, expectedVersion: complaint.version, newDueDate: addCalendarDays(complaint.dueDate, 7), reason: 'Нужна экспертиза' } },
      head,
    );
    const error = refused.errors?.[0];
    assert.equal(error?.extensions?.code, 'BAD_USER_INPUT', JSON.stringify(refused.errors));
    assert.deepEqual(error?.extensions?.['fields'], [{ field: 'appealId', message: 'the term of a complaint is not extended (АППК art. 99)' }]);
    const after = ok(
      await gql<{ appeal: { dueDate: string; version: number; dueDateHistory: { dueDate: string }[] } }>(
        'query($id: ID!) { appeal(id: $id) { dueDate version dueDateHistory { dueDate } } }',
        { id: complaint.id },
        head,
      ),
      'reading the complaint',
    );
    assert.equal(after.appeal.dueDate, complaint.dueDate);
    assert.equal(after.appeal.version, complaint.version);
    assert.deepEqual(
      after.appeal.dueDateHistory.map((h) => h.dueDate),
      [complaint.dueDate],
    );
  }, 60_000);

  it('raises no LATE_REGISTRATION for an appeal received at 20:00 and registered the next working day, and does for one received in working hours', async () => {
    const before = previousWorkingDay(kzToday());
    // 20:00 in Kazakhstan on the last working day: registration is due by the next working day, which is not before today.
    const evening = await register('APPLICATION', civilInstant(before, '20:00').toISOString(), 'Получено вечером');
    // 10:00 on the same day: registration was due that very day, so today is late; proves the rule runs.
    const morning = await register('APPLICATION', civilInstant(before, '10:00').toISOString(), 'Получено утром');
    await auditedThrough(evening.id, 'kz.bakylau.appeal.registered.v1');
    await auditedThrough(morning.id, 'kz.bakylau.appeal.registered.v1');
    await waitFor(
      async () => (await violationsOf(morning.id)).includes('LATE_REGISTRATION'),
      () => `audit to flag the appeal received at 10:00 on ${before} and registered on ${kzToday()}`,
      30_000,
    );
    assert.deepEqual(await violationsOf(evening.id), []);
  }, 120_000);

  it("raises no ANSWER_SIGNED_WITHOUT_RIGHT for an answer signed by the head's substitute; an expired delegation signs nothing", async () => {
    const today = kzToday();
    ok(
      await gql(
        'mutation($input: DelegateSigningInput!) { delegateSigning(input: $input) { id } }',
        { input: { substituteSubject: substitute.subject, validFrom: today, validTo: today } },
        head,
      ),
      'the head delegates signing for today',
    );
    ok(
      await gql(
        'mutation($input: DelegateSigningInput!) { delegateSigning(input: $input) { id } }',
        { input: { substituteSubject: formerSubstitute.subject, validFrom: addCalendarDays(today, -10), validTo: addCalendarDays(today, -1) } },
        head,
      ),
      'the head delegated signing until yesterday',
    );
    const registered = await register('APPLICATION', null, 'Ремонт крыши');
    const assigned = await mutate(
      'assignAppeal',
      'AssignAppealInput',
      { appealId: registered.id, expectedVersion: registered.version, lead: { organizationId: executorOrg } },
      registrar,
    );
    const answered = await mutate(
      'submitAppealAnswer',
      'SubmitAnswerInput',
      { appealId: registered.id, expectedVersion: assigned.version, text: 'Крыша отремонтирована.', outcome: 'SATISFIED' },
      executor,
    );

    const expired = await gql(
      'mutation($input: SignAnswerInput!) { signAppealAnswer(input: $input) { id } }',
      { input: { appealId: registered.id, expectedVersion: answered.version } },
      formerSubstitute,
    );
    assert.equal(expired.errors?.[0]?.extensions?.code, 'FORBIDDEN', JSON.stringify(expired.errors));

    const signed = await mutate('signAppealAnswer', 'SignAnswerInput', { appealId: registered.id, expectedVersion: answered.version }, substitute);
    assert.equal(signed.state, 'ANSWERED');
    assert.deepEqual(signed.finalAnswer?.signedBy, { subject: substitute.subject, role: 'controller', actingFor: head.subject });

    await auditedThrough(registered.id, 'kz.bakylau.appeal.closed.v1');
    assert.deepEqual(await violationsOf(registered.id), []);
  }, 120_000);
});
