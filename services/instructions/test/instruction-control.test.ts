import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { civilDateInKazakhstan, kzWorkingCalendar } from '@bakylau/platform/calendar/index';
import { startTestService, type TestService } from '@bakylau/platform/testkit/service-harness';
import { instructionsService } from '../src/service.ts';
import { acceptMutation, givenOrganizations, issueMutation, outboxTypes, removeMutation, returnMutation, submitMutation } from './instruction-fixtures.ts';

type Issued = {
  issueInstruction: {
    id: string;
    number: string;
    controlState: string;
    dueDate: string;
    executors: { organization: { id: string }; dueDate: string; state: string; nextReportDue: string | null }[];
  };
};
type Submitted = { submitExecutionReport: { id: string; state: string } };

const controller = { role: 'controller' as const, subject: 'controller-1' };
const head = { role: 'department_head' as const, subject: 'head-1' };

describe('instruction control through the graph', () => {
  let service: TestService;
  let orgA: string;
  let orgB: string;
  let orgC: string;
  const today = civilDateInKazakhstan(new Date());
  const due = kzWorkingCalendar.addWorkingDays(today, 10);
  const appealId = randomUUID();
  let instructionId: string;

  const executor = (organizationId: string) => ({ role: 'executor' as const, organizationId, subject: `executor-${organizationId.slice(0, 4)}` });
  const countRows = async (table: string) => Number((await service.orm.em.fork().execute<{ n: string }[]>(`select count(*)::text as n from ${table}`))[0]?.n);

  beforeAll(async () => {
    service = await startTestService(instructionsService);
    [orgA, orgB, orgC] = (await givenOrganizations(service.orm, 3)) as [string, string, string];
  });
  afterAll(async () => service?.stop());

  it('puts an instruction on control with executors, periodic reporting and an issued event', async () => {
    const result = await service.request<Issued>(
      issueMutation,
      {
        input: {
          issuerLevel: 'PA_APPEALS_DEPARTMENT',
          issuerName: 'Отдел по контролю за рассмотрением обращений АП',
          text: 'Рассмотреть обращение и доложить',
          appealIds: [appealId],
          executors: [
            { organizationId: orgA, dueDate: due },
            { organizationId: orgB, dueDate: due },
          ],
          reportingPeriodDays: 5,
        },
      },
      controller,
    );
    assert.equal(result.errors, undefined, JSON.stringify(result.errors));
    const issued = result.data!.issueInstruction;
    instructionId = issued.id;
    assert.equal(issued.controlState, 'ON_CONTROL');
    assert.equal(issued.dueDate, due);
    assert.match(issued.number, /^ПР-\d{4}-\d{6}$/);
    assert.equal(issued.executors.length, 2);
    assert.equal(issued.executors[0]!.nextReportDue, kzWorkingCalendar.addWorkingDays(today, 5));
    assert.deepEqual(await outboxTypes(service.orm, instructionId), ['kz.bakylau.instruction.issued.v1']);
  });

  it('refuses bad input with every problem and writes nothing', async () => {
    const before = await countRows('instruction');
    const result = await service.request(
      issueMutation,
      { input: { issuerLevel: 'AKIM', issuerName: ' ', text: '', executors: [{ organizationId: randomUUID(), dueDate: '2020-01-01' }] } },
      controller,
    );
    assert.equal(result.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    const fields = (result.errors?.[0]?.extensions?.['fields'] as { field: string }[]).map((f) => f.field);
    for (const field of ['issuerName', 'text', 'appealIds', 'executors[0].dueDate']) assert.ok(fields.includes(field), `${field} in ${fields.join(',')}`);
    assert.equal(await countRows('instruction'), before);
  });

  it('refuses an unknown executor organization', async () => {
    const result = await service.request(
      issueMutation,
      { input: { issuerLevel: 'AKIM', issuerName: 'Аким', text: 'x', appealIds: [randomUUID()], executors: [{ organizationId: randomUUID(), dueDate: due }] } },
      controller,
    );
    assert.equal(result.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
  });

  it('lets a registrar register only instructions of the President and the Administration', async () => {
    const input = { issuerName: 'Аким', text: 'x', appealIds: [randomUUID()], executors: [{ organizationId: orgA, dueDate: due }] };
    const akim = await service.request(issueMutation, { input: { ...input, issuerLevel: 'AKIM' } }, { role: 'registrar' });
    assert.equal(akim.errors?.[0]?.extensions?.code, 'FORBIDDEN');
    const executorTry = await service.request(issueMutation, { input: { ...input, issuerLevel: 'AKIM' } }, executor(orgA));
    assert.equal(executorTry.errors?.[0]?.extensions?.code, 'FORBIDDEN');
  });

  it('an executor of another organization cannot report, and nothing is written', async () => {
    const reportsBefore = await countRows('execution_report');
    const result = await service.request(submitMutation, { input: { instructionId, kind: 'FINAL', text: 'Сделано' } }, executor(orgC));
    assert.equal(result.errors?.[0]?.extensions?.code, 'FORBIDDEN');
    assert.equal(await countRows('execution_report'), reportsBefore);
    assert.deepEqual(await outboxTypes(service.orm, instructionId), ['kz.bakylau.instruction.issued.v1']);
  });

  it('refuses removal from control before every final report is accepted, and to an executor', async () => {
    const early = await service.request(removeMutation, { id: instructionId }, controller);
    assert.equal(early.errors?.[0]?.extensions?.code, 'CONFLICT');
    const byExecutor = await service.request(removeMutation, { id: instructionId }, executor(orgA));
    assert.equal(byExecutor.errors?.[0]?.extensions?.code, 'FORBIDDEN');
  });

  it('reports, returns with remarks, accepts, and removes from control once every final report is accepted', async () => {
    const first = await service.request<Submitted>(submitMutation, { input: { instructionId, kind: 'FINAL', text: 'Ответ дан' } }, executor(orgA));
    assert.equal(first.errors, undefined, JSON.stringify(first.errors));
    const again = await service.request(submitMutation, { input: { instructionId, kind: 'INTERIM', text: 'ещё' } }, executor(orgA));
    assert.equal(again.errors?.[0]?.extensions?.code, 'CONFLICT');
    const returned = await service.request<{ returnExecutionReport: { state: string; remarks: string } }>(
      returnMutation,
      { id: first.data!.submitExecutionReport.id, remarks: 'Не приложены подтверждающие документы' },
      controller,
    );
    assert.equal(returned.data?.returnExecutionReport.state, 'RETURNED');
    const state = await service.request<{ instruction: { controlState: string } }>(
      `query($id: ID!) { instruction(id: $id) { controlState } }`,
      { id: instructionId },
      controller,
    );
    assert.equal(state.data?.instruction.controlState, 'RETURNED');

    const second = await service.request<Submitted>(submitMutation, { input: { instructionId, kind: 'FINAL', text: 'Документы приложены' } }, executor(orgA));
    const accepted = await service.request<{ acceptExecutionReport: { state: string } }>(
      acceptMutation,
      { id: second.data!.submitExecutionReport.id },
      controller,
    );
    assert.equal(accepted.data?.acceptExecutionReport.state, 'ACCEPTED');
    const reAccept = await service.request(acceptMutation, { id: second.data!.submitExecutionReport.id }, controller);
    assert.equal(reAccept.errors?.[0]?.extensions?.code, 'CONFLICT');

    const stillOpen = await service.request(removeMutation, { id: instructionId }, controller);
    assert.equal(stillOpen.errors?.[0]?.extensions?.code, 'CONFLICT');

    const fromB = await service.request<Submitted>(submitMutation, { input: { instructionId, kind: 'FINAL', text: 'Исполнено' } }, executor(orgB));
    await service.request(acceptMutation, { id: fromB.data!.submitExecutionReport.id }, head);
    const removed = await service.request<{ removeInstructionFromControl: { controlState: string; removedFromControlAt: string } }>(
      removeMutation,
      { id: instructionId },
      controller,
    );
    assert.equal(removed.errors, undefined, JSON.stringify(removed.errors));
    assert.equal(removed.data?.removeInstructionFromControl.controlState, 'EXECUTED');

    const late = await service.request(submitMutation, { input: { instructionId, kind: 'INTERIM', text: 'x' } }, executor(orgA));
    assert.equal(late.errors?.[0]?.extensions?.code, 'CONFLICT');
    assert.deepEqual(await outboxTypes(service.orm, instructionId), [
      'kz.bakylau.instruction.issued.v1',
      'kz.bakylau.instruction.report-submitted.v1',
      'kz.bakylau.instruction.report-returned.v1',
      'kz.bakylau.instruction.report-submitted.v1',
      'kz.bakylau.instruction.report-accepted.v1',
      'kz.bakylau.instruction.report-submitted.v1',
      'kz.bakylau.instruction.report-accepted.v1',
      'kz.bakylau.instruction.removed-from-control.v1',
    ]);
  });

  it('resolves Instruction, ExecutionReport and Appeal.instructions as the gateway does', async () => {
    const entities = await service.entities<{
      _entities: ({ id: string; controlState?: string; reports?: { kind: string; state: string }[]; instructions?: { id: string }[] } | null)[];
    }>(
      [
        { __typename: 'Instruction', id: instructionId },
        { __typename: 'Appeal', id: appealId },
        { __typename: 'Appeal', id: randomUUID() },
      ],
      `... on Instruction { id controlState reports { kind state } } ... on Appeal { id instructions { id } }`,
      controller,
    );
    assert.equal(entities.errors, undefined, JSON.stringify(entities.errors));
    const [instruction, appeal, other] = entities.data!._entities;
    assert.equal(instruction?.controlState, 'EXECUTED');
    assert.deepEqual(
      instruction?.reports?.map((r) => r.state),
      ['RETURNED', 'ACCEPTED', 'ACCEPTED'],
    );
    assert.deepEqual(
      appeal?.instructions?.map((i) => i.id),
      [instructionId],
    );
    assert.deepEqual(other?.instructions, []);
    const foreign = await service.entities([{ __typename: 'Instruction', id: instructionId }], `... on Instruction { id }`, executor(orgC));
    assert.equal(foreign.errors?.[0]?.extensions?.code, 'FORBIDDEN');
  });
});
