import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { openSealedText, type SealedText } from '@bakylau/platform/events/sealed-text';
import { outboxRowsHolding, startTestService, tokenFor, type TestCaller, type TestService } from '@bakylau/platform/testkit/service-harness';
import { withCheckDigit } from '../src/domain/identification-number.ts';
import { appealsService } from '../src/service.ts';
import { ASSIGN, EXTEND, REGISTER, REVIEW, SIGN, SUBMIT, UPSERT_ORG, count, fails, ok, outboxTypes } from './appeals-helpers.ts';
import { civilDateInKazakhstan } from '@bakylau/platform/civil-time';

const admin: TestCaller = { role: 'admin' };
const registrar: TestCaller = { role: 'registrar', subject: 'registrar-1' };
const controller: TestCaller = { role: 'controller', subject: 'controller-1' };
const head: TestCaller = { role: 'department_head', subject: 'head-1' };
const analyst: TestCaller = { role: 'analyst' };
const iin = withCheckDigit('90010130001') ?? '';
const goodScores = { completeness: 5, lawfulness: 5, measuresTaken: 4, timeliness: 5, clarity: 4 };

describe('appeals subgraph', () => {
  let service: TestService;
  let leadOrg: string;
  let coOrg: string;
  let otherOrg: string;
  let categoryId: string;
  let districtId: string;
  let leadExecutor: TestCaller;

  const registration = (overrides: Record<string, unknown> = {}) => ({
    input: {
      kind: 'APPLICATION',
      channel: 'POST',
      applicant: { type: 'INDIVIDUAL', name: 'Асанов Асан', iin, phone: '+77001234567', address: 'Талдыкорган, ул. Абая 1' },
      summary: 'Не вывозится мусор',
      text: 'Во дворе дома по ул. Абая 1 второй месяц не вывозится мусор.',
      categoryId,
      districtId,
      ...overrides,
    },
  });

  beforeAll(async () => {
    service = await startTestService(appealsService);
    const district = await ok(
      service,
      `mutation { upsertDistrict(input: { name: "город Талдыкорган", nameKk: "Талдықорған қаласы", kind: CITY }) { id } }`,
      {},
      admin,
    );
    districtId = district['upsertDistrict'].id;
    const category = await ok(service, `mutation { upsertCategory(input: { code: "01", name: "ЖКХ", nameKk: "ТКШ" }) { id } }`, {}, admin);
    categoryId = category['upsertCategory'].id;
    leadOrg = (await ok(service, UPSERT_ORG, { input: { name: 'Управление ЖКХ', kind: 'AKIMAT_UNIT', districtId } }, admin))['upsertOrganization'].id;
    coOrg = (await ok(service, UPSERT_ORG, { input: { name: 'Акимат города Талдыкорган', kind: 'CITY_AKIMAT', districtId } }, admin))['upsertOrganization'].id;
    otherOrg = (await ok(service, UPSERT_ORG, { input: { name: 'Департамент полиции', kind: 'STATE_BODY' } }, admin))['upsertOrganization'].id;
    leadExecutor = { role: 'executor', organizationId: leadOrg, subject: 'executor-1' };
  });

  afterAll(async () => {
    await service?.stop();
  });

  it('publishes organization.upserted for each directory change', async () => {
    assert.deepEqual(await outboxTypes(service, leadOrg), ['kz.bakylau.organization.upserted.v1']);
  });

  it('walks the main path register → assign → answer → return → answer → accept → sign, with the events in order', async () => {
    const registered = (await ok(service, REGISTER, registration({ underAkimControl: true }), registrar))['registerAppeal'];
    assert.equal(registered.state, 'REGISTERED');
    assert.match(registered.registrationNumber, /^ЖТ-\d{4}-\d{6}$/);
    const id = registered.id;

    let appeal = (
      await ok(
        service,
        ASSIGN,
        { input: { appealId: id, expectedVersion: registered.version, lead: { organizationId: leadOrg }, coExecutors: [{ organizationId: coOrg }] } },
        registrar,
      )
    )['assignAppeal'];
    assert.equal(appeal.state, 'ASSIGNED');
    assert.equal(appeal.executors.length, 2);

    appeal = (
      await ok(service, SUBMIT, { input: { appealId: id, expectedVersion: appeal.version, text: 'Вывоз организован', outcome: 'SATISFIED' } }, leadExecutor)
    )['submitAppealAnswer'];
    assert.equal(appeal.state, 'ANSWER_SUBMITTED');

    // Under the akim's control an answer cannot be signed without a review.
    assert.equal((await fails(service, SIGN, { input: { appealId: id, expectedVersion: appeal.version } }, head)).code, 'CONFLICT');

    appeal = (
      await ok(
        service,
        REVIEW,
        {
          input: {
            appealId: id,
            expectedVersion: appeal.version,
            scores: { ...goodScores, measuresTaken: 2 },
            decision: 'RETURN',
            remarks: 'Не указаны принятые меры',
          },
        },
        controller,
      )
    )['reviewAppealAnswer'];
    assert.equal(appeal.state, 'RETURNED_FOR_REWORK');
    assert.equal(appeal.reworkCount, 1);
    assert.equal(appeal.reviews[0].passed, false);

    appeal = (
      await ok(
        service,
        SUBMIT,
        { input: { appealId: id, expectedVersion: appeal.version, text: 'Вывоз организован, график утверждён', outcome: 'SATISFIED' } },
        leadExecutor,
      )
    )['submitAppealAnswer'];
    assert.equal(appeal.state, 'ANSWER_SUBMITTED');
    assert.deepEqual(
      appeal.answers.map((a: { round: number }) => a.round),
      [1, 2],
    );

    appeal = (await ok(service, REVIEW, { input: { appealId: id, expectedVersion: appeal.version, scores: goodScores, decision: 'ACCEPT' } }, controller))[
      'reviewAppealAnswer'
    ];
    assert.equal(appeal.state, 'UNDER_REVIEW');

    appeal = (await ok(service, SIGN, { input: { appealId: id, expectedVersion: appeal.version } }, head))['signAppealAnswer'];
    assert.equal(appeal.state, 'ANSWERED');
    assert.equal(appeal.finalAnswer.outcome, 'SATISFIED');
    assert.deepEqual(appeal.finalAnswer.signedBy, { subject: 'head-1', role: 'department_head', actingFor: null });

    assert.deepEqual(await outboxTypes(service, id), [
      'kz.bakylau.appeal.registered.v1',
      'kz.bakylau.appeal.assigned.v1',
      'kz.bakylau.appeal.answer-submitted.v1',
      'kz.bakylau.appeal.returned-for-rework.v1',
      'kz.bakylau.appeal.answer-submitted.v1',
      'kz.bakylau.appeal.answered.v1',
      'kz.bakylau.appeal.closed.v1',
    ]);
    // Events carry ids and facts, never the applicant's personal data.
    const payloads = await service.orm.em.fork().execute<{ event: unknown }[]>('select event from outbox where message_key = ?', [id]);
    const text = JSON.stringify(payloads);
    assert.ok(!text.includes(iin) && !text.includes('Асанов') && !text.includes('+7700'), 'no personal data in events');
  });

  it('reports per-organization indicators (R5.9) to analysts, and to executors for their own organization only', async () => {
    const Q = `query($id: ID!) { organization(id: $id) { appealIndicators { received answered answeredOnTime returnedForRework reworkRate open overdue averageDaysToAnswer } } }`;
    const indicators = (await ok(service, Q, { id: leadOrg }, analyst))['organization'].appealIndicators;
    assert.ok(indicators.answered >= 1);
    assert.ok(indicators.answeredOnTime >= 1);
    assert.ok(indicators.returnedForRework >= 1);
    assert.ok(indicators.reworkRate > 0 && indicators.reworkRate <= 1);
    assert.equal(typeof indicators.averageDaysToAnswer, 'number');
    assert.equal((await fails(service, Q, { id: leadOrg }, { role: 'executor', organizationId: otherOrg })).code, 'FORBIDDEN');
  });

  it('numbers 50 concurrent registrations uniquely and without gaps', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, () => service.request<{ registerAppeal: { registrationNumber: string } }>(REGISTER, registration(), registrar)),
    );
    for (const r of results) assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    const numbers = results.map((r) => r.data?.registerAppeal.registrationNumber ?? '');
    assert.equal(new Set(numbers).size, 50);
    const rows = await service.orm.em.fork().execute<{ seq: number }[]>('select registration_sequence as seq from appeal order by 1');
    assert.deepEqual(
      rows.map((r) => r.seq),
      Array.from({ length: rows.length }, (_, i) => i + 1),
    );
  });

  it('refuses a stale expectedVersion with CONFLICT and writes nothing', async () => {
    const appeal = (await ok(service, REGISTER, registration(), registrar))['registerAppeal'];
    const outboxBefore = await count(service, 'outbox');
    const error = await fails(
      service,
      ASSIGN,
      { input: { appealId: appeal.id, expectedVersion: appeal.version + 1, lead: { organizationId: leadOrg } } },
      registrar,
    );
    assert.equal(error.code, 'CONFLICT');
    assert.equal(await count(service, 'appeal_executor', 'appeal_id = ?', [appeal.id]), 0);
    assert.equal(await count(service, 'outbox'), outboxBefore);
    assert.equal(await count(service, 'appeal', "id = ? and state = 'REGISTERED' and version = ?", [appeal.id, appeal.version]), 1);
  });

  it('lets exactly one of two concurrent changes with the same version win', async () => {
    const appeal = (await ok(service, REGISTER, registration(), registrar))['registerAppeal'];
    const input = (organizationId: string) => ({ input: { appealId: appeal.id, expectedVersion: appeal.version, lead: { organizationId } } });
    const results = await Promise.all([service.request(ASSIGN, input(leadOrg), registrar), service.request(ASSIGN, input(coOrg), registrar)]);
    const codes = results.map((r) => r.errors?.[0]?.extensions?.code ?? 'OK').sort();
    assert.deepEqual(codes, ['CONFLICT', 'OK']);
    assert.equal(await count(service, 'appeal_executor', 'appeal_id = ?', [appeal.id]), 1);
    assert.equal((await outboxTypes(service, appeal.id)).filter((t) => t.endsWith('assigned.v1')).length, 1);
  });

  it('refuses invalid IIN, BIN, dates and unknown category with BAD_USER_INPUT naming the fields, writing nothing', async () => {
    const before = { appeals: await count(service, 'appeal'), outbox: await count(service, 'outbox'), counter: await count(service, 'registration_counter') };
    const counterBefore = await service.orm.em.fork().execute<{ next: number }[]>('select coalesce(max(next), 0) as next from registration_counter');
    const badIin = `${iin.slice(0, 11)}${(Number(iin[11]) + 1) % 10}`;
    const cases: [Record<string, unknown>, string][] = [
      [{ applicant: { type: 'INDIVIDUAL', name: 'Асанов Асан', iin: badIin } }, 'applicant.iin'],
      [{ applicant: { type: 'LEGAL_ENTITY', name: 'ТОО Ромашка', bin: '123456789012', representativeName: 'Петров' } }, 'applicant.bin'],
      [{ receivedAt: new Date(Date.now() + 86_400_000).toISOString() }, 'receivedAt'],
      [{ receivedAt: '2020-01-10T05:00:00Z' }, 'receivedAt'],
      [{ categoryId: '00000000-0000-4000-8000-000000000000' }, 'categoryId'],
      [
        {
          channel: 'ELECTRONIC',
          electronicSignature: { signer: 'Асанов', certificateSerial: 'AB12', validFrom: '2020-01-01T00:00:00Z', validTo: '2021-01-01T00:00:00Z' },
        },
        'electronicSignature.validTo',
      ],
    ];
    for (const [overrides, field] of cases) {
      const error = await fails(service, REGISTER, registration(overrides), registrar);
      assert.equal(error.code, 'BAD_USER_INPUT', field);
      assert.ok(
        error.fields.some((f) => f.field === field),
        `${field} in ${JSON.stringify(error.fields)}`,
      );
    }
    assert.equal(await count(service, 'appeal'), before.appeals);
    assert.equal(await count(service, 'outbox'), before.outbox);
    assert.equal(await count(service, 'registration_counter'), before.counter);
    assert.deepEqual(await service.orm.em.fork().execute('select coalesce(max(next), 0) as next from registration_counter'), counterBefore);
  });

  it('refuses a phone that is not one, a bad e-mail, signatories on an individual and bidi text with BAD_USER_INPUT naming the field, writing nothing', async () => {
    const before = { appeals: await count(service, 'appeal'), outbox: await count(service, 'outbox'), counter: await count(service, 'registration_counter') };
    const person = { type: 'INDIVIDUAL', name: 'Асанов Асан', iin };
    const injection = `+7 ABC'); DROP TABLE appeal;--`;
    const cases: [Record<string, unknown>, string][] = [
      [{ applicant: { ...person, phone: injection } }, 'applicant.phone'],
      [{ applicant: { ...person, phone: '+7 701 123 45' } }, 'applicant.phone'],
      [{ applicant: { ...person, email: 'asanov@@mail' } }, 'applicant.email'],
      [{ applicant: { ...person, signatoriesCount: 40 } }, 'applicant.signatoriesCount'],
      [
        { applicant: { type: 'LEGAL_ENTITY', name: 'ТОО Ромашка', bin: withCheckDigit('99014000000'), representativeName: 'Петров', signatoriesCount: 3 } },
        'applicant.signatoriesCount',
      ],
      [{ applicant: { type: 'ANONYMOUS', signatoriesCount: 2 } }, 'applicant.signatoriesCount'],
      [{ summary: 'Счёт \u202eexe.fdp' }, 'input.summary'],
      [{ applicant: { ...person, name: 'Асанов\u200b Асан' } }, 'input.applicant.name'],
      [{ text: 'Текст\u001b[31m' }, 'input.text'],
    ];
    for (const [overrides, field] of cases) {
      const error = await fails(service, REGISTER, registration(overrides), registrar);
      assert.equal(error.code, 'BAD_USER_INPUT', field);
      assert.ok(
        error.fields.some((f) => f.field === field),
        `${field} in ${JSON.stringify(error.fields)}`,
      );
      assert.equal(error.message.includes('DROP TABLE'), false, 'the value is not quoted back');
    }
    // The use case's refusal comes with the status of the input limits' (400), not with 200.
    const response = await fetch(service.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor(registrar)}` },
      body: JSON.stringify({ query: REGISTER, variables: registration({ applicant: { ...person, phone: injection } }) }),
    });
    assert.equal(response.status, 400);
    assert.equal(await count(service, 'appeal'), before.appeals);
    assert.equal(await count(service, 'outbox'), before.outbox);
    assert.equal(await count(service, 'registration_counter'), before.counter);
    assert.equal(await count(service, 'appeal', 'applicant_phone like ?', ['%DROP%']), 0);

    // Typed with 8 and separators, stored as E.164; a collective appeal keeps its count.
    const typed = (await ok(service, REGISTER, registration({ applicant: { ...person, phone: '8 (701) 555-01-20', email: ' asanov@mail.kz ' } }), registrar))[
      'registerAppeal'
    ];
    const rows = await service.orm.em
      .fork()
      .execute<{ applicant_phone: string; applicant_email: string }[]>('select applicant_phone, applicant_email from appeal where id = ?', [typed.id]);
    assert.deepEqual(rows[0], { applicant_phone: '+77015550120', applicant_email: 'asanov@mail.kz' });
    const collective = await ok(
      service,
      `mutation($input: RegisterAppealInput!) { registerAppeal(input: $input) { applicant { type signatoriesCount } } }`,
      registration({ applicant: { type: 'COLLECTIVE', name: 'Жители дома 5', signatoriesCount: 40, phone: '+7 701 555 01 21' } }),
      registrar,
    );
    assert.deepEqual(collective['registerAppeal'].applicant, { type: 'COLLECTIVE', signatoriesCount: 40 });
  });

  it('refuses an organization whose phone or e-mail is not one, and stores a valid phone in E.164', async () => {
    const before = await count(service, 'organization');
    for (const [contacts, field] of [
      [{ phone: `+7 ABC'); DROP TABLE appeal;--` }, 'phone'],
      [{ email: 'priemnaya at akimat.kz' }, 'email'],
    ] as const) {
      const error = await fails(service, UPSERT_ORG, { input: { name: 'Управление образования', kind: 'AKIMAT_UNIT', ...contacts } }, admin);
      assert.equal(error.code, 'BAD_USER_INPUT', field);
      assert.deepEqual(
        error.fields.map((f) => f.field),
        [field],
      );
    }
    assert.equal(await count(service, 'organization'), before);
    const created = (await ok(service, UPSERT_ORG, { input: { name: 'Управление образования', kind: 'AKIMAT_UNIT', phone: '8 (7282) 24-10-10' } }, admin))[
      'upsertOrganization'
    ];
    assert.equal(await count(service, 'organization', 'id = ? and phone = ?', [created.id, '+77282241010']), 1);
  });

  it('gives FORBIDDEN to roles that may not act, writing nothing', async () => {
    const appeal = (await ok(service, REGISTER, registration(), registrar))['registerAppeal'];
    const before = { appeals: await count(service, 'appeal'), outbox: await count(service, 'outbox') };
    assert.equal((await fails(service, REGISTER, registration(), leadExecutor)).code, 'FORBIDDEN');
    assert.equal((await fails(service, REGISTER, registration(), analyst)).code, 'FORBIDDEN');
    assert.equal(
      (await fails(service, ASSIGN, { input: { appealId: appeal.id, expectedVersion: appeal.version, lead: { organizationId: leadOrg } } }, analyst)).code,
      'FORBIDDEN',
    );
    assert.equal((await fails(service, UPSERT_ORG, { input: { name: 'X', kind: 'STATE_BODY' } }, registrar)).code, 'FORBIDDEN');
    const assigned = (
      await ok(service, ASSIGN, { input: { appealId: appeal.id, expectedVersion: appeal.version, lead: { organizationId: leadOrg } } }, registrar)
    )['assignAppeal'];
    const stranger: TestCaller = { role: 'executor', organizationId: otherOrg };
    const outboxAfterAssign = await count(service, 'outbox');
    assert.equal(
      (await fails(service, SUBMIT, { input: { appealId: appeal.id, expectedVersion: assigned.version, text: 'x', outcome: 'EXPLAINED' } }, stranger)).code,
      'FORBIDDEN',
    );
    assert.equal((await fails(service, SIGN, { input: { appealId: appeal.id, expectedVersion: assigned.version } }, controller)).code, 'FORBIDDEN');
    assert.equal(await count(service, 'appeal'), before.appeals);
    assert.equal(await count(service, 'outbox'), outboxAfterAssign);
    assert.equal(outboxAfterAssign, before.outbox + 1);
    assert.equal(await count(service, 'appeal_answer', 'appeal_id = ?', [appeal.id]), 0);
  });

  it('hides personal data from analysts and shows executors only their organization’s appeals', async () => {
    const appeal = (await ok(service, REGISTER, registration(), registrar))['registerAppeal'];
    const q = `query($id: ID!) { appeal(id: $id) { id text applicant { name iin phone } } }`;
    const asRegistrar = (await ok(service, q, { id: appeal.id }, registrar))['appeal'];
    assert.equal(asRegistrar.applicant.iin, iin);
    const asAnalyst = (await ok(service, q, { id: appeal.id }, analyst))['appeal'];
    assert.deepEqual(asAnalyst.applicant, { name: null, iin: null, phone: null });
    assert.equal(asAnalyst.text, null);
    const stranger: TestCaller = { role: 'executor', organizationId: otherOrg };
    assert.equal((await ok(service, q, { id: appeal.id }, stranger))['appeal'], null);
    const list = (await ok(service, `{ appeals(first: 100) { totalCount edges { node { id } } } }`, {}, stranger))['appeals'];
    assert.equal(list.totalCount, 0);
    const leadList = (
      await ok(service, `{ appeals(first: 5) { totalCount edges { node { id organization { id } } } pageInfo { hasNextPage endCursor } } }`, {}, leadExecutor)
    )['appeals'];
    assert.ok(leadList.totalCount >= 1);
    assert.ok(leadList.edges.every((e: { node: { organization: { id: string } } }) => e.node.organization.id === leadOrg));
  });

  it('extends within two months, keeps every due date, and lists overdue appeals', async () => {
    // Received long ago: open and past its 15 working days.
    const old = (await ok(service, REGISTER, registration({ receivedAt: '2026-09-01T05:00:00Z' }), registrar))['registerAppeal'];
    assert.equal(old.overdue, true);
    const overdue = (await ok(service, `{ appeals(filter: { overdue: true }, first: 100) { edges { node { id overdue } } } }`, {}, controller))['appeals'];
    assert.ok(overdue.edges.some((e: { node: { id: string } }) => e.node.id === old.id));
    assert.ok(overdue.edges.every((e: { node: { overdue: boolean } }) => e.node.overdue));
    // appeal.overdue is raised once per appeal, however often the check runs.
    const DETECT = 'mutation { detectOverdueAppeals }';
    assert.ok((await ok(service, DETECT, {}, controller))['detectOverdueAppeals'] >= 1);
    await ok(service, DETECT, {}, controller);
    assert.deepEqual(
      (await outboxTypes(service, old.id)).filter((t) => t.endsWith('overdue.v1')),
      ['kz.bakylau.appeal.overdue.v1'],
    );
    assert.equal((await fails(service, DETECT, {}, analyst)).code, 'FORBIDDEN');

    const fresh = (await ok(service, REGISTER, registration(), registrar))['registerAppeal'];
    const tooLate = await fails(
      service,
      EXTEND,
      { input: { appealId: fresh.id, expectedVersion: fresh.version, newDueDate: '2027-12-31', reason: 'Нужна проверка' } },
      head,
    );
    assert.equal(tooLate.code, 'BAD_USER_INPUT');
    assert.equal(tooLate.fields[0]?.field, 'newDueDate');
    const card = (await ok(service, `query($id: ID!) { appeal(id: $id) { maxDueDate } }`, { id: fresh.id }, head))['appeal'];
    const extended = (
      await ok(
        service,
        EXTEND,
        { input: { appealId: fresh.id, expectedVersion: fresh.version, newDueDate: card.maxDueDate, reason: 'Требуется выезд на место' } },
        head,
      )
    )['extendAppeal'];
    assert.equal(extended.dueDate, card.maxDueDate);
    assert.deepEqual(
      extended.dueDateHistory.map((h: { dueDate: string }) => h.dueDate),
      [fresh.dueDate, card.maxDueDate],
    );
    assert.ok(extended.dueDateHistory[1].applicantNoticeDueBy);
    assert.equal(
      (await fails(service, EXTEND, { input: { appealId: fresh.id, expectedVersion: extended.version, newDueDate: card.maxDueDate, reason: 'x' } }, controller))
        .code,
      'FORBIDDEN',
    );
    assert.deepEqual((await outboxTypes(service, fresh.id)).at(-1), 'kz.bakylau.appeal.extended.v2');
    // The reason leaves sealed: the services' keyring opens it, the outbox row does not show it.
    const [row] = await service.orm.em
      .fork()
      .execute<{ event: { data: { sealedReason: SealedText } } }[]>(
        `select event from outbox where message_key = ? and type = 'kz.bakylau.appeal.extended.v2'`,
        [fresh.id],
      );
    assert.equal(openSealedText(row!.event.data.sealedReason, service.sealingKeys), 'Требуется выезд на место');
    assert.deepEqual(await outboxRowsHolding(service.orm, 'Требуется выезд на место'), []);
  });

  it('lets a substitute with a delegation sign for the head', async () => {
    const substitute: TestCaller = { role: 'controller', subject: 'deputy-1' };
    const today = civilDateInKazakhstan(new Date());
    await ok(
      service,
      `mutation($input: DelegateSigningInput!) { delegateSigning(input: $input) { id } }`,
      { input: { substituteSubject: 'deputy-1', validFrom: today, validTo: today } },
      head,
    );
    const r = (await ok(service, REGISTER, registration(), registrar))['registerAppeal'];
    const a = (await ok(service, ASSIGN, { input: { appealId: r.id, expectedVersion: r.version, lead: { organizationId: leadOrg } } }, registrar))[
      'assignAppeal'
    ];
    // The substitute extends the term too; the event says on whose behalf (R3.1).
    const card = (await ok(service, `query($id: ID!) { appeal(id: $id) { dueDate maxDueDate } }`, { id: r.id }, substitute))['appeal'];
    const e = (
      await ok(
        service,
        EXTEND,
        { input: { appealId: r.id, expectedVersion: a.version, newDueDate: card.maxDueDate, reason: 'Нужен ответ смежного органа' } },
        substitute,
      )
    )['extendAppeal'];
    const s = (await ok(service, SUBMIT, { input: { appealId: r.id, expectedVersion: e.version, text: 'Разъяснено', outcome: 'EXPLAINED' } }, leadExecutor))[
      'submitAppealAnswer'
    ];
    const signed = (await ok(service, SIGN, { input: { appealId: r.id, expectedVersion: s.version } }, substitute))['signAppealAnswer'];
    assert.equal(signed.state, 'ANSWERED');
    assert.deepEqual(signed.finalAnswer.signedBy, { subject: 'deputy-1', role: 'controller', actingFor: 'head-1' });
    const events = await service.orm.em
      .fork()
      .execute<{ type: string; event: { data: Record<string, unknown> } }[]>(
        `select type, event from outbox where message_key = ? and type in ('kz.bakylau.appeal.answered.v1', 'kz.bakylau.appeal.extended.v2') order by seq`,
        [r.id],
      );
    assert.deepEqual(
      events.map((row) => [
        row.type,
        row.event.data['decidedBy'] ?? row.event.data['signedBy'],
        row.event.data['decidedOnBehalfOf'] ?? row.event.data['signedOnBehalfOf'],
      ]),
      [
        ['kz.bakylau.appeal.extended.v2', { subject: 'deputy-1', role: 'controller' }, { subject: 'head-1', role: 'department_head' }],
        ['kz.bakylau.appeal.answered.v1', { subject: 'deputy-1', role: 'controller' }, { subject: 'head-1', role: 'department_head' }],
      ],
    );
  });

  it('lets a citizen file, see and withdraw their own appeal only', async () => {
    const citizen: TestCaller = { role: 'citizen', subject: 'citizen-42', iin };
    const other: TestCaller = { role: 'citizen', subject: 'citizen-43' };
    const filed = (
      await ok(
        service,
        `mutation($input: FileAppealInput!) { fileAppeal(input: $input) { id version state channel applicant { iin } } }`,
        { input: { kind: 'COMPLAINT', applicant: { type: 'INDIVIDUAL', name: 'Беков Бек', iin }, summary: 'Яма на дороге', text: 'Яма у школы', categoryId } },
        citizen,
      )
    )['fileAppeal'];
    assert.equal(filed.channel, 'ELECTRONIC');
    assert.equal(filed.applicant.iin, iin);
    assert.equal((await ok(service, `query($id: ID!) { appeal(id: $id) { id } }`, { id: filed.id }, other))['appeal'], null);
    const W = `mutation($input: WithdrawAppealInput!) { withdrawAppeal(input: $input) { state } }`;
    assert.equal((await fails(service, W, { input: { appealId: filed.id, expectedVersion: filed.version } }, other)).code, 'FORBIDDEN');
    assert.equal((await ok(service, W, { input: { appealId: filed.id, expectedVersion: filed.version } }, citizen))['withdrawAppeal'].state, 'WITHDRAWN');
    assert.deepEqual(await outboxTypes(service, filed.id), ['kz.bakylau.appeal.registered.v1', 'kz.bakylau.appeal.closed.v1']);
  });

  it('forwards, leaves without consideration and redirects, refusing transitions the lifecycle does not allow', async () => {
    const F = `mutation($input: ForwardAppealInput!) { forwardAppeal(input: $input) { state version forwardedTo { id } closedAt } }`;
    const L = `mutation($input: LeaveWithoutConsiderationInput!) { leaveAppealWithoutConsideration(input: $input) { state closureGround } }`;
    const R = `mutation($input: RedirectExcludedInput!) { redirectExcludedAppeal(input: $input) { state excludedProcedure forwardedTo { id } } }`;
    const C = `mutation($input: ClassifyAppealInput!) { classifyAppeal(input: $input) { version kind dueDate dueDateHistory { dueDate } } }`;

    const a = (await ok(service, REGISTER, registration(), registrar))['registerAppeal'];
    // Forwarding needs an assigned appeal (DOMAIN.md lifecycle).
    assert.equal(
      (await fails(service, F, { input: { appealId: a.id, expectedVersion: a.version, toOrganizationId: otherOrg, reason: 'Не в компетенции' } }, registrar))
        .code,
      'CONFLICT',
    );
    const classified = (await ok(service, C, { input: { appealId: a.id, expectedVersion: a.version, kind: 'COMPLAINT' } }, registrar))['classifyAppeal'];
    assert.equal(classified.kind, 'COMPLAINT');
    assert.ok(classified.dueDate > a.dueDate, 'a complaint has the longer term');
    assert.equal(classified.dueDateHistory.length, 2);
    const assigned = (
      await ok(service, ASSIGN, { input: { appealId: a.id, expectedVersion: classified.version, lead: { organizationId: leadOrg } } }, registrar)
    )['assignAppeal'];
    const forwarded = (
      await ok(
        service,
        F,
        { input: { appealId: a.id, expectedVersion: assigned.version, toOrganizationId: otherOrg, reason: 'Не в компетенции акимата' } },
        registrar,
      )
    )['forwardAppeal'];
    assert.equal(forwarded.state, 'FORWARDED');
    assert.equal(forwarded.forwardedTo.id, otherOrg);
    assert.deepEqual((await outboxTypes(service, a.id)).slice(-2), ['kz.bakylau.appeal.forwarded.v1', 'kz.bakylau.appeal.closed.v1']);

    const b = (await ok(service, REGISTER, registration({ applicant: { type: 'ANONYMOUS' } }), registrar))['registerAppeal'];
    const noGround = await fails(service, L, { input: { appealId: b.id, expectedVersion: b.version, ground: ' ' } }, registrar);
    assert.equal(noGround.code, 'BAD_USER_INPUT');
    assert.equal(noGround.fields[0]?.field, 'ground');
    const left = (await ok(service, L, { input: { appealId: b.id, expectedVersion: b.version, ground: 'Анонимное обращение (АППК ст. 89)' } }, registrar))[
      'leaveAppealWithoutConsideration'
    ];
    assert.equal(left.state, 'LEFT_WITHOUT_CONSIDERATION');

    const c = (await ok(service, REGISTER, registration(), registrar))['registerAppeal'];
    const redirected = (
      await ok(
        service,
        R,
        {
          input: {
            appealId: c.id,
            expectedVersion: c.version,
            procedure: 'CRIMINAL_PROCEDURE',
            toOrganizationId: otherOrg,
            ground: 'Сообщение о преступлении',
          },
        },
        registrar,
      )
    )['redirectExcludedAppeal'];
    assert.deepEqual(redirected, { state: 'REDIRECTED_EXCLUDED', excludedProcedure: 'CRIMINAL_PROCEDURE', forwardedTo: { id: otherOrg } });
    assert.equal((await outboxTypes(service, c.id)).at(-1), 'kz.bakylau.appeal.closed.v1');
  });

  it('records consultations without opening an appeal (R5.8)', async () => {
    const appealsBefore = await count(service, 'appeal');
    const M = `mutation($input: RecordConsultationInput!) { recordConsultation(input: $input) { id topic channel category { code } recipientName givenBy } }`;
    const given = (
      await ok(
        service,
        M,
        { input: { topic: 'Как встать в очередь на жильё', answer: 'Через ЦОН или egov.kz', channel: 'HOTLINE', categoryId, recipientName: 'Нурланов Ерлан' } },
        registrar,
      )
    )['recordConsultation'];
    assert.deepEqual(
      { ...given, id: undefined },
      {
        id: undefined,
        topic: 'Как встать в очередь на жильё',
        channel: 'HOTLINE',
        category: { code: '01' },
        recipientName: 'Нурланов Ерлан',
        givenBy: 'registrar-1',
      },
    );
    assert.equal(await count(service, 'appeal'), appealsBefore);
    const list = (await ok(service, `{ consultations(first: 10) { edges { node { id recipientName } } } }`, {}, analyst))['consultations'];
    assert.deepEqual(
      list.edges.map((e: { node: unknown }) => e.node),
      [{ id: given.id, recipientName: null }],
    );
    assert.equal((await fails(service, M, { input: { topic: 't', answer: 'a', channel: 'HOTLINE' } }, leadExecutor)).code, 'FORBIDDEN');
  });

  it('pages the registry with cursors, without overlap', async () => {
    const Q = `query($after: String) { appeals(first: 3, after: $after, filter: { state: [REGISTERED] }) { totalCount edges { cursor node { id state } } pageInfo { hasNextPage endCursor } } }`;
    const first = (await ok(service, Q, {}, controller))['appeals'];
    assert.equal(first.edges.length, 3);
    assert.equal(first.pageInfo.hasNextPage, true);
    const second = (await ok(service, Q, { after: first.pageInfo.endCursor }, controller))['appeals'];
    const ids = new Set(first.edges.map((e: { node: { id: string } }) => e.node.id));
    assert.ok(
      second.edges.length > 0 && second.edges.every((e: { node: { id: string; state: string } }) => !ids.has(e.node.id) && e.node.state === 'REGISTERED'),
    );
    assert.equal(second.totalCount, first.totalCount);
    assert.equal((await fails(service, `{ appeals(first: 101) { totalCount } }`, {}, controller)).code, 'BAD_USER_INPUT');
    assert.equal((await fails(service, `{ appeals(after: "nonsense") { totalCount } }`, {}, controller)).code, 'BAD_USER_INPUT');
  });

  it('resolves Appeal and Organization references for the gateway', async () => {
    const appeal = (await ok(service, REGISTER, registration(), registrar))['registerAppeal'];
    const result = await service.entities(
      [
        { __typename: 'Appeal', id: appeal.id },
        { __typename: 'Organization', id: leadOrg },
        { __typename: 'Organization', id: '00000000-0000-4000-8000-000000000000' },
      ],
      '... on Appeal { id registrationNumber state } ... on Organization { id name kind }',
      controller,
    );
    assert.equal(result.errors, undefined, JSON.stringify(result.errors));
    const entities = (result.data as { _entities: (Record<string, unknown> | null)[] })._entities;
    assert.deepEqual(entities[0], { id: appeal.id, registrationNumber: appeal.registrationNumber, state: 'REGISTERED' });
    assert.deepEqual(entities[1], { id: leadOrg, name: 'Управление ЖКХ', kind: 'AKIMAT_UNIT' });
    assert.equal(entities[2], null);

    const directory = await service.entities(
      [
        { __typename: 'District', id: districtId },
        { __typename: 'Category', id: categoryId },
      ],
      '... on District { id kind } ... on Category { id code }',
      analyst,
    );
    assert.deepEqual((directory.data as { _entities: unknown[] })._entities, [
      { id: districtId, kind: 'CITY' },
      { id: categoryId, code: '01' },
    ]);
    // An executor of another organization gets null for an appeal that is not theirs.
    const hidden = await service.entities([{ __typename: 'Appeal', id: appeal.id }], '... on Appeal { id }', { role: 'executor', organizationId: otherOrg });
    assert.deepEqual((hidden.data as { _entities: unknown[] })._entities, [null]);
  });
});
