// The regulation's main path of an appeal, end to end through the gateway only: registration,
// routing, an answer, a return for rework, a second answer, acceptance and the signed final answer;
// then the audit trail that the events (outbox → Kafka → audit) built on the way.
import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { gql, ok, type Caller } from './gateway-client.ts';
import { assertOrganizationExists, randomIin, randomPhone, seededCategoryId, seededDistrictId, seededOrganizations, uniqueTag, waitFor } from './fixtures.ts';

const tag = uniqueTag();
const registrar: Caller = { role: 'registrar', subject: `e2e-registrar-${tag}` };
const controller: Caller = { role: 'controller', subject: `e2e-controller-${tag}` };
const head: Caller = { role: 'department_head', subject: `e2e-head-${tag}` };
const executorOrg = seededOrganizations.health;
const executor: Caller = { role: 'executor', organizationId: executorOrg, subject: `e2e-executor-${tag}` };

type AppealCard = {
  id: string;
  registrationNumber: string;
  version: number;
  state: string;
  channel: string;
  reworkCount: number;
  organization: { id: string } | null;
  executors: { organization: { id: string }; lead: boolean; state: string }[];
  answers: { round: number; text: string; outcome: string }[];
  reviews: { round: number; decision: string; remarks: string | null; passed: boolean }[];
  finalAnswer: { outcome: string; text: string | null; signedBy: { subject: string; role: string; actingFor: string | null } } | null;
  closedAt: string | null;
};

const card = `id registrationNumber version state channel reworkCount organization { id }
  executors { organization { id } lead state }
  answers { round text outcome } reviews { round decision remarks passed }
  finalAnswer { outcome text signedBy { subject role actingFor } } closedAt`;

const goodScores = { completeness: 5, lawfulness: 5, measuresTaken: 4, timeliness: 5, clarity: 4 };
const weakScores = { completeness: 2, lawfulness: 4, measuresTaken: 2, timeliness: 4, clarity: 3 };

async function mutate(name: string, inputType: string, input: Record<string, unknown>, as: Caller): Promise<AppealCard> {
  const result = await gql<Record<string, AppealCard>>(`mutation($input: ${inputType}!) { ${name}(input: $input) { ${card} } }`, { input }, as);
  const appeal = ok(result, `${name} as ${as.role}`)[name];
  assert.ok(appeal, `${name} returned no appeal`);
  return appeal;
}

type TrailEntry = { type: string; entityType: string; entityId: string; actor: { subject: string; role: string } | null; sequence: number };

async function auditTrail(appealId: string, as: Caller): Promise<TrailEntry[]> {
  const result = await gql<{ appeal: { auditTrail: { edges: { node: TrailEntry }[] } } | null }>(
    `query($id: ID!) { appeal(id: $id) { auditTrail(first: 50) { edges { node { type entityType entityId sequence actor { subject role } } } } } }`,
    { id: appealId },
    as,
  );
  return ok(result, 'reading the audit trail').appeal?.auditTrail.edges.map((e) => e.node) ?? [];
}

describe('main path of an appeal through the gateway', () => {
  it('registers, routes, answers, returns for rework, answers again, accepts, signs; the audit trail shows every step and its chain is intact', async () => {
    const startedAt = new Date(Date.now() - 1_000);
    await assertOrganizationExists(executorOrg, registrar);

    // 1. The registrar registers a paper appeal of an individual with a valid IIN.
    const registered = await mutate(
      'registerAppeal',
      'RegisterAppealInput',
      {
        kind: 'APPLICATION',
        channel: 'POST',
        applicant: { type: 'INDIVIDUAL', name: `Асанов Асан ${tag}`, iin: randomIin(), phone: randomPhone(), address: 'г. Талдыкорган, ул. Абая, 1' },
        summary: `Не вывозится мусор (${tag})`,
        text: 'Во дворе дома по ул. Абая, 1 вторую неделю не вывозят мусор.',
        categoryId: seededCategoryId,
        districtId: seededDistrictId,
      },
      registrar,
    );
    assert.equal(registered.state, 'REGISTERED');
    assert.equal(registered.channel, 'POST');
    assert.match(registered.registrationNumber, /\d{4}/, 'a registration number with the year');
    const byNumber = ok(
      await gql<{ appealByNumber: { id: string } | null }>(
        'query($n: String!) { appealByNumber(registrationNumber: $n) { id } }',
        { n: registered.registrationNumber },
        registrar,
      ),
      'the registrar finds the appeal by its number',
    );
    assert.equal(byNumber.appealByNumber?.id, registered.id);

    // 2. The registrar routes it to a seeded executor organization.
    const assigned = await mutate(
      'assignAppeal',
      'AssignAppealInput',
      { appealId: registered.id, expectedVersion: registered.version, lead: { organizationId: executorOrg } },
      registrar,
    );
    assert.equal(assigned.state, 'ASSIGNED');
    assert.equal(assigned.organization?.id, executorOrg);
    assert.deepEqual(
      assigned.executors.map((e) => ({ org: e.organization.id, lead: e.lead, state: e.state })),
      [{ org: executorOrg, lead: true, state: 'ASSIGNED' }],
    );

    // The executor sees the appeal (it is assigned to its organization).
    const seen = ok(
      await gql<{ appeal: { id: string; state: string } | null }>('query($id: ID!) { appeal(id: $id) { id state } }', { id: registered.id }, executor),
      'the executor reads the appeal',
    );
    assert.equal(seen.appeal?.state, 'ASSIGNED');

    // 3. The executor answers.
    const firstAnswer = await mutate(
      'submitAppealAnswer',
      'SubmitAnswerInput',
      { appealId: registered.id, expectedVersion: assigned.version, text: 'Вывоз организован.', outcome: 'SATISFIED' },
      executor,
    );
    assert.equal(firstAnswer.state, 'ANSWER_SUBMITTED');
    assert.deepEqual(
      firstAnswer.answers.map((a) => a.round),
      [1],
    );

    // 4. The controller's review returns it for rework with remarks.
    const returned = await mutate(
      'reviewAppealAnswer',
      'ReviewAnswerInput',
      { appealId: registered.id, expectedVersion: firstAnswer.version, scores: weakScores, decision: 'RETURN', remarks: 'Не указаны сроки и принятые меры.' },
      controller,
    );
    assert.equal(returned.state, 'RETURNED_FOR_REWORK');
    assert.equal(returned.reworkCount, 1);
    assert.deepEqual(
      returned.reviews.map((r) => [r.round, r.decision, r.remarks, r.passed]),
      [[1, 'RETURN', 'Не указаны сроки и принятые меры.', false]],
    );
    assert.equal(returned.executors[0]?.state, 'RETURNED_FOR_REWORK');

    // 5. The executor answers again.
    const secondAnswer = await mutate(
      'submitAppealAnswer',
      'SubmitAnswerInput',
      {
        appealId: registered.id,
        expectedVersion: returned.version,
        text: 'Мусор вывезен 12-го числа, график вывоза утверждён: дважды в неделю.',
        outcome: 'SATISFIED',
      },
      executor,
    );
    assert.equal(secondAnswer.state, 'ANSWER_SUBMITTED');
    assert.deepEqual(secondAnswer.answers.map((a) => a.round).sort(), [1, 2]);

    // A stale version is refused (optimistic locking) and changes nothing.
    const stale = await gql(
      `mutation($input: ReviewAnswerInput!) { reviewAppealAnswer(input: $input) { id } }`,
      {
        input: { appealId: registered.id, expectedVersion: returned.version, scores: goodScores, decision: 'ACCEPT' },
      },
      controller,
    );
    assert.equal(stale.errors?.[0]?.extensions?.code, 'CONFLICT', `a stale expectedVersion must be a CONFLICT: ${JSON.stringify(stale.errors)}`);

    // 6. The review accepts it: it awaits the signature.
    const accepted = await mutate(
      'reviewAppealAnswer',
      'ReviewAnswerInput',
      { appealId: registered.id, expectedVersion: secondAnswer.version, scores: goodScores, decision: 'ACCEPT' },
      controller,
    );
    assert.equal(accepted.state, 'UNDER_REVIEW');
    assert.deepEqual(
      accepted.reviews.map((r) => [r.round, r.decision]),
      [
        [1, 'RETURN'],
        [2, 'ACCEPT'],
      ],
    );
    assert.equal(accepted.finalAnswer, null, 'nothing is signed before the department head signs');

    // 7. The department head signs the final answer: ANSWERED, closed.
    const signed = await mutate('signAppealAnswer', 'SignAnswerInput', { appealId: registered.id, expectedVersion: accepted.version }, head);
    assert.equal(signed.state, 'ANSWERED');
    assert.ok(signed.closedAt, 'the appeal is closed');
    assert.equal(signed.finalAnswer?.outcome, 'SATISFIED');
    assert.equal(signed.finalAnswer?.text, 'Мусор вывезен 12-го числа, график вывоза утверждён: дважды в неделю.', 'the latest answer is the one signed');
    assert.deepEqual(signed.finalAnswer?.signedBy, { subject: head.subject, role: 'department_head', actingFor: null });
    assert.ok(signed.version > accepted.version);

    // The audit trail, fed by the events through Kafka, shows every step in order with its actor.
    const expected: [type: string, role: string][] = [
      ['kz.bakylau.appeal.registered.v1', 'registrar'],
      ['kz.bakylau.appeal.assigned.v1', 'registrar'],
      ['kz.bakylau.appeal.answer-submitted.v1', 'executor'],
      ['kz.bakylau.appeal.returned-for-rework.v1', 'controller'],
      ['kz.bakylau.appeal.answer-submitted.v1', 'executor'],
      ['kz.bakylau.appeal.answered.v1', 'department_head'],
      ['kz.bakylau.appeal.closed.v1', 'department_head'],
    ];
    let trail: TrailEntry[] = [];
    await waitFor(
      async () => {
        trail = await auditTrail(registered.id, controller);
        return trail.length >= expected.length;
      },
      () => `the audit trail of appeal ${registered.id} to show all ${expected.length} steps (so far: ${trail.map((e) => e.type).join(', ')})`,
      60_000,
    );
    assert.deepEqual(
      trail.map((e) => [e.type, e.actor?.role]),
      expected,
      'the trail lists each step once, in the order it happened, with the role that did it',
    );
    assert.ok(
      trail.every((e) => e.entityType === 'Appeal' && e.entityId === registered.id),
      'every entry is about this appeal',
    );
    const sequences = trail.map((e) => e.sequence);
    assert.deepEqual(
      sequences,
      [...sequences].sort((a, b) => a - b),
      'the trail is in chain order',
    );
    assert.equal(trail[0]?.actor?.subject, registrar.subject);

    // An analyst reads the trail too; an executor may not.
    assert.equal((await auditTrail(registered.id, { role: 'analyst' })).length, expected.length);
    const byExecutor = await gql(`query($id: ID!) { appeal(id: $id) { auditTrail { edges { node { type } } } } }`, { id: registered.id }, executor);
    assert.equal(byExecutor.errors?.[0]?.extensions?.code, 'FORBIDDEN', `an executor must not read the audit trail: ${JSON.stringify(byExecutor.errors)}`);

    // The hash chain over the window of this test is intact.
    const verification = ok(
      await gql<{ verifyAuditChain: { intact: boolean; checked: number; reason: string | null; firstBrokenEntry: { id: string } | null } }>(
        'query($from: DateTime!, $to: DateTime!) { verifyAuditChain(from: $from, to: $to) { intact checked reason firstBrokenEntry { id } } }',
        { from: startedAt.toISOString(), to: new Date(Date.now() + 1_000).toISOString() },
        controller,
      ),
      'verifyAuditChain',
    ).verifyAuditChain;
    assert.equal(verification.intact, true, `the audit chain is broken: ${verification.reason} at ${verification.firstBrokenEntry?.id}`);
    assert.ok(verification.checked >= expected.length, `the window holds at least this appeal's ${expected.length} entries (checked ${verification.checked})`);
  });
});
