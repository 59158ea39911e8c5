import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { addCalendarDays, civilDateInKazakhstan, kzWorkingCalendar } from '@bakylau/platform/calendar/index';
import { createCloudEvent } from '@bakylau/platform/events/cloud-event';
import { developmentSealingKeyring, openSealedText, sealText, type SealedText } from '@bakylau/platform/events/sealed-text';
import { outboxRowsHolding, startTestService, type TestService } from '@bakylau/platform/testkit/service-harness';
import { handleAppealsEvent } from '../src/events/appeals-consumer.ts';
import { handleReceptionEvent, instructionGivenType, instructionGivenV1Type } from '../src/events/reception-consumer.ts';
import { instructionsService } from '../src/service.ts';
import { sweepOverdueInstructions } from '../src/use-cases/overdue-sweep.ts';
import { acceptMutation, givenOrganizations, issueMutation, outboxTypes, returnMutation, submitMutation } from './instruction-fixtures.ts';

const controller = { role: 'controller' as const, subject: 'controller-2' };
const head = { role: 'department_head' as const, subject: 'head-2' };
const analyst = { role: 'analyst' as const, subject: 'analyst-1' };

/** The working day `n` working days before `date`. */
function workingDaysBefore(date: string, n: number): string {
  let day = date;
  let counted = 0;
  while (counted < n) {
    day = addCalendarDays(day, -1);
    if (kzWorkingCalendar.isWorkingDay(day)) counted += 1;
  }
  return day;
}

describe('monitoring, indicators, overdue and consumed events', () => {
  let service: TestService;
  let orgD: string;
  let orgE: string;
  const today = civilDateInKazakhstan(new Date());
  const due = kzWorkingCalendar.addWorkingDays(today, 10);
  const pastDue = workingDaysBefore(today, 3);
  const ids: { onTime: string; returned: string; overdue: string } = { onTime: '', returned: '', overdue: '' };
  const executorD = () => ({ role: 'executor' as const, organizationId: orgD, subject: 'executor-d' });

  async function issue(organizationId: string, appealIds: string[] = [randomUUID()]): Promise<string> {
    const result = await service.request<{ issueInstruction: { id: string } }>(
      issueMutation,
      { input: { issuerLevel: 'AKIM', issuerName: 'Аким области Жетісу', text: 'Принять меры', appealIds, executors: [{ organizationId, dueDate: due }] } },
      controller,
    );
    assert.equal(result.errors, undefined, JSON.stringify(result.errors));
    return result.data!.issueInstruction.id;
  }

  async function report(instructionId: string, kind: 'INTERIM' | 'FINAL'): Promise<string> {
    const result = await service.request<{ submitExecutionReport: { id: string } }>(
      submitMutation,
      { input: { instructionId, kind, text: 'Отчёт' } },
      executorD(),
    );
    assert.equal(result.errors, undefined, JSON.stringify(result.errors));
    return result.data!.submitExecutionReport.id;
  }

  beforeAll(async () => {
    service = await startTestService(instructionsService);
    [orgD, orgE] = (await givenOrganizations(service.orm, 2)) as [string, string];
    ids.onTime = await issue(orgD);
    await service.request(acceptMutation, { id: await report(ids.onTime, 'FINAL') }, controller);
    ids.returned = await issue(orgD);
    await service.request(returnMutation, { id: await report(ids.returned, 'INTERIM'), remarks: 'Неполно' }, controller);
    ids.overdue = await issue(orgD);
    // A due date in the past cannot be given through the API; the clock is moved in the data instead.
    await service.orm.em.fork().execute(`update instruction_executor set due_date = ?::date where instruction_id = ?`, [pastDue, ids.overdue]);
  });
  afterAll(async () => service?.stop());

  it('computes the executive discipline indicators of an organization', async () => {
    const result = await service.entities<{ _entities: { executionDiscipline: Record<string, number | null> }[] }>(
      [{ __typename: 'Organization', id: orgD }],
      `... on Organization { executionDiscipline(from: "${today}", to: "${today}") { instructionsReceived executedOnTime overdue returned averageDelayWorkingDays } }`,
      analyst,
    );
    assert.equal(result.errors, undefined, JSON.stringify(result.errors));
    assert.deepEqual(result.data!._entities[0]!.executionDiscipline, {
      instructionsReceived: 3,
      executedOnTime: 1,
      overdue: 1,
      returned: 1,
      averageDelayWorkingDays: kzWorkingCalendar.workingDaysBetween(pastDue, today),
    });
    const foreign = await service.entities(
      [{ __typename: 'Organization', id: orgD }],
      `... on Organization { executionDiscipline(from: "${today}", to: "${today}") { overdue } }`,
      { role: 'executor', organizationId: orgE },
    );
    assert.equal(foreign.errors?.[0]?.extensions?.code, 'FORBIDDEN');
  });

  it('lists overdue instructions and raises instruction.overdue once per due date', async () => {
    const list = await service.request<{ instructions: { edges: { node: { id: string; overdue: boolean } }[] } }>(
      `{ instructions(filter: { overdue: true }) { edges { node { id overdue } } } }`,
      {},
      controller,
    );
    assert.deepEqual(
      list.data?.instructions.edges.map((e) => e.node),
      [{ id: ids.overdue, overdue: true }],
    );
    assert.equal(await sweepOverdueInstructions(service.orm.em.fork(), today), 1);
    assert.equal(await sweepOverdueInstructions(service.orm.em.fork(), today), 0);
    assert.equal((await outboxTypes(service.orm, ids.overdue)).filter((t) => t === 'kz.bakylau.instruction.overdue.v1').length, 1);
  });

  it('extends a due date by the department head only, keeping history', async () => {
    const mutation = `mutation($input: ExtendInstructionInput!) { extendInstruction(input: $input) { overdue dueDate extensions { previousDueDate newDueDate reason organization { id } } } }`;
    const input = { instructionId: ids.overdue, newDueDate: due, reason: 'Требуется выезд на место, ул. Каблиса жырау 45' };
    const byController = await service.request(mutation, { input }, controller);
    assert.equal(byController.errors?.[0]?.extensions?.code, 'FORBIDDEN');
    const result = await service.request<{ extendInstruction: { overdue: boolean; dueDate: string; extensions: unknown[] } }>(mutation, { input }, head);
    assert.equal(result.errors, undefined, JSON.stringify(result.errors));
    assert.equal(result.data?.extendInstruction.overdue, false);
    assert.deepEqual(result.data?.extendInstruction.extensions, [
      { previousDueDate: pastDue, newDueDate: due, reason: input.reason, organization: { id: orgD } },
    ]);
    const types = await outboxTypes(service.orm, ids.overdue);
    assert.ok(types.includes('kz.bakylau.instruction.extended.v2') && !types.includes('kz.bakylau.instruction.extended.v1'));
    // The reason travels sealed: it opens with the services' keyring and shows nowhere in the outbox.
    const [extended] = await service.orm.em
      .fork()
      .execute<{ event: { data: Record<string, unknown> } }[]>(
        `select event from outbox where message_key = ? and type = 'kz.bakylau.instruction.extended.v2'`,
        [ids.overdue],
      );
    assert.equal(openSealedText(extended?.event.data['sealedReason'] as SealedText, service.sealingKeys), input.reason);
    assert.deepEqual(await outboxRowsHolding(service.orm, 'Каблиса жырау'), []);
    assert.equal(await sweepOverdueInstructions(service.orm.em.fork(), today), 0);
  });

  it('records inspections, disciplinary proposals and one signed conclusion', async () => {
    const inspection = await service.request(
      `mutation($input: RecordInspectionInput!) { recordInspection(input: $input) { id } }`,
      {
        input: {
          instructionId: ids.returned,
          date: today,
          place: 'г. Талдыкорган, мкр. Самал',
          participants: ['Отдел по контролю за рассмотрением обращений', 'Управление ЖКХ'],
          findings: 'Ремонт не начат',
          violations: [{ description: 'Срок нарушен', organizationId: orgD, remedialMeasure: 'Начать ремонт', dueDate: due }],
        },
      },
      controller,
    );
    assert.equal(inspection.errors, undefined, JSON.stringify(inspection.errors));
    const proposal = await service.request<{ proposeDisciplinaryAction: { id: string; state: string } }>(
      `mutation($input: ProposeDisciplinaryActionInput!) { proposeDisciplinaryAction(input: $input) { id state } }`,
      {
        input: {
          instructionId: ids.returned,
          organizationId: orgD,
          officialName: 'Иванов И.И.',
          officialPosition: 'Руководитель отдела',
          grounds: 'Повторный возврат отчёта',
        },
      },
      controller,
    );
    assert.equal(proposal.data?.proposeDisciplinaryAction.state, 'PROPOSED');
    const decide = `mutation($input: DecideDisciplinaryProposalInput!) { decideDisciplinaryProposal(input: $input) { state outcome } }`;
    const decisionInput = { proposalId: proposal.data.proposeDisciplinaryAction.id, state: 'ACCEPTED', outcome: 'Замечание' };
    const decided = await service.request<{ decideDisciplinaryProposal: { state: string } }>(decide, { input: decisionInput }, head);
    assert.equal(decided.data?.decideDisciplinaryProposal.state, 'ACCEPTED');
    assert.equal((await service.request(decide, { input: decisionInput }, head)).errors?.[0]?.extensions?.code, 'CONFLICT');

    const sign = `mutation($input: SignConclusionInput!) { signConclusion(input: $input) { id signedBy } }`;
    const conclusionInput = { instructionId: ids.returned, text: 'Исполнение на контроле, меры недостаточны' };
    assert.equal((await service.request(sign, { input: conclusionInput }, controller)).errors?.[0]?.extensions?.code, 'FORBIDDEN');
    const signed = await service.request<{ signConclusion: { signedBy: string } }>(sign, { input: conclusionInput }, head);
    assert.equal(signed.data?.signConclusion.signedBy, head.subject);
    assert.equal((await service.request(sign, { input: conclusionInput }, head)).errors?.[0]?.extensions?.code, 'CONFLICT');

    const read = await service.request<{ instruction: { inspections: unknown[]; disciplinaryProposals: unknown[]; conclusion: { text: string } } }>(
      `query($id: ID!) { instruction(id: $id) { inspections { findings violations { remedialMeasure organization { id } } } disciplinaryProposals { state outcome } conclusion { text } } }`,
      { id: ids.returned },
      executorD(),
    );
    assert.deepEqual(read.data?.instruction, {
      inspections: [{ findings: 'Ремонт не начат', violations: [{ remedialMeasure: 'Начать ремонт', organization: { id: orgD } }] }],
      disciplinaryProposals: [{ state: 'ACCEPTED', outcome: 'Замечание' }],
      conclusion: { text: conclusionInput.text },
    });
  });

  it('creates an instruction from reception instruction-given once, however often and in whichever version it arrives', async () => {
    const appointmentId = randomUUID();
    const text = 'Решить вопрос освещения улицы';
    const common = {
      appointmentId,
      officialId: randomUUID(),
      organizationId: orgE,
      executorOrganizationId: orgD,
      dueDate: due,
      actor: { subject: 'official-1', role: 'official' },
    };
    const event = createCloudEvent({
      source: '/bakylau/reception',
      type: instructionGivenType,
      subject: appointmentId,
      data: { ...common, sealedText: sealText(text, developmentSealingKeyring) },
    });
    // Sealed again (another nonce) and republished under a new id: the same fact.
    const republished = createCloudEvent({
      source: '/bakylau/reception',
      type: event.type,
      subject: appointmentId,
      data: { ...common, sealedText: sealText(text, developmentSealingKeyring) },
    });
    // A retired v1 (the text in plain) from the topic's history, given at the same visit; then the first fact again in v1 form.
    const retired = createCloudEvent({
      source: '/bakylau/reception',
      type: instructionGivenV1Type,
      subject: appointmentId,
      data: { ...common, text: 'Вывезти мусор со двора' },
    });
    const retiredSame = createCloudEvent({ source: '/bakylau/reception', type: instructionGivenV1Type, subject: appointmentId, data: { ...common, text } });
    for (const delivery of [event, event, republished, retired, retiredSame]) {
      await service.orm.em.fork().transactional((em) => handleReceptionEvent(em, delivery, { sealingKeys: developmentSealingKeyring }));
    }
    const result = await service.entities<{
      _entities: {
        instructions: { text: string; issuerLevel: string; appointment: { id: string }; executors: { organization: { id: string }; dueDate: string }[] }[];
      }[];
    }>(
      [{ __typename: 'Appointment', id: appointmentId }],
      `... on Appointment { instructions { text issuerLevel appointment { id } executors { organization { id } dueDate } } }`,
      controller,
    );
    assert.equal(result.errors, undefined, JSON.stringify(result.errors));
    const expected = (instructionText: string) => ({
      text: instructionText,
      issuerLevel: 'OFFICIAL_AT_RECEPTION',
      appointment: { id: appointmentId },
      executors: [{ organization: { id: orgD }, dueDate: due }],
    });
    assert.deepEqual(
      [...result.data!._entities[0]!.instructions].sort((a, b) => a.text.localeCompare(b.text)),
      [expected('Вывезти мусор со двора'), expected(text)],
    );
  });

  it('flags an open instruction whose basis appeal was answered or closed', async () => {
    const appealId = randomUUID();
    const open = await issue(orgE, [appealId]);
    const answered = createCloudEvent({
      source: '/bakylau/appeals',
      type: 'kz.bakylau.appeal.answered.v1',
      subject: appealId,
      data: { appealId, organizationId: orgE, actor: { subject: 'head', role: 'department_head' } },
    });
    await service.orm.em.fork().transactional((em) => handleAppealsEvent(em, answered));
    const read = await service.request<{ instruction: { basisAppealClosedWhileOpen: boolean } }>(
      `query($id: ID!) { instruction(id: $id) { basisAppealClosedWhileOpen } }`,
      { id: open },
      controller,
    );
    assert.equal(read.data?.instruction.basisAppealClosedWhileOpen, true);
    const other = await service.request<{ instruction: { basisAppealClosedWhileOpen: boolean } }>(
      `query($id: ID!) { instruction(id: $id) { basisAppealClosedWhileOpen } }`,
      { id: ids.onTime },
      controller,
    );
    assert.equal(other.data?.instruction.basisAppealClosedWhileOpen, false);
  });
});
