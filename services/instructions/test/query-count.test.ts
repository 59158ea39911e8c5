import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { diagnostic } from '@bakylau/platform/testkit/diagnostic';
import assert from '@bakylau/platform/testkit/assert';
import { civilDateInKazakhstan, kzWorkingCalendar } from '@bakylau/platform/calendar/index';
import { expectConstantQueries, measureQueries, startTestService, type TestService } from '@bakylau/platform/testkit/service-harness';
import { instructionsService } from '../src/service.ts';
import { givenOrganizations, issueMutation, submitMutation } from './instruction-fixtures.ts';

/** A small page and the largest one (maxPageSize): the query count must not depend on the size. */
const pageSizes = [10, 100] as const;
const controller = { role: 'controller' as const, subject: 'controller-q' };

const instructionFields = `id number issuerLevel text controlState dueDate overdue nextReportDue issuedAt
  issuer { name position official { id } }
  appeals { id }
  appointment { id }
  executors { organization { id } state dueDate overdue nextReportDue }
  extensions { newDueDate }
  reports { id kind state organization { id } instruction { id } }
  inspections { id }
  disciplinaryProposals { id }
  conclusion { id }`;

const instructionsPage = `query($first: Int!) { instructions(first: $first) { pageInfo { hasNextPage } edges { node { ${instructionFields} } } } }`;

describe('instructions: a page costs a constant number of SQL queries, whatever its size', () => {
  let service: TestService;
  let organizations: string[] = [];
  const appealIds: string[] = [];
  const appointmentIds: string[] = [];
  const today = civilDateInKazakhstan(new Date());

  beforeAll(async () => {
    // No jobs: the overdue sweep would otherwise share the query count.
    service = await startTestService({ ...instructionsService, jobs: [] });
    organizations = await givenOrganizations(service.orm, pageSizes[1]);
    const due = kzWorkingCalendar.addWorkingDays(today, 10);
    // 100 instructions, made block by block: each on an appeal of its own and on an appeal shared by
    // its block, on an appointment, with two executors of its block and an interim report.
    for (let start = 0; start < pageSizes[1]; start += 10) {
      const sharedAppeal = randomUUID();
      await Promise.all(
        Array.from({ length: 10 }, async (_, j) => {
          const i = start + j;
          appealIds[i] = randomUUID();
          appointmentIds[i] = randomUUID();
          const lead = organizations[i]!;
          const issued = await service.request<{ issueInstruction: { id: string } }>(
            issueMutation,
            {
              input: {
                issuerLevel: 'AKIM',
                issuerName: 'Аким области',
                text: `Поручение ${i}`,
                appealIds: [appealIds[i], sharedAppeal],
                appointmentId: appointmentIds[i],
                executors: [
                  { organizationId: lead, dueDate: due },
                  { organizationId: organizations[start + ((j + 1) % 10)], dueDate: due },
                ],
                reportingPeriodDays: 5,
              },
            },
            controller,
          );
          assert.equal(issued.errors, undefined, JSON.stringify(issued.errors));
          const report = await service.request(
            submitMutation,
            { input: { instructionId: issued.data!.issueInstruction.id, kind: 'INTERIM', text: 'Работа ведётся' } },
            { role: 'executor', organizationId: lead, subject: `executor-${i}` },
          );
          assert.equal(report.errors, undefined, JSON.stringify(report.errors));
        }),
      );
    }
  });

  afterAll(async () => {
    await service?.stop();
  });

  const entities = (data: Record<string, unknown>) => data['_entities'] as unknown[];

  it('lists instructions with their executors, reports and other records', async () => {
    const counts = await expectConstantQueries(
      service,
      (first) => service.request(instructionsPage, { first }, controller),
      (data) => (data['instructions'] as { edges: unknown[] }).edges,
    );
    diagnostic(`instructions page queries (10 vs 100): ${counts.join(' vs ')}`);
  });

  it('lists an executor organization’s instructions at the same cost', async () => {
    const executor = { role: 'executor' as const, organizationId: organizations[0]!, subject: 'executor-q' };
    const { result, queries } = await measureQueries(service, () => service.request(instructionsPage, { first: 100 }, executor));
    assert.equal(result.errors, undefined, JSON.stringify(result.errors));
    assert.equal((result.data?.['instructions'] as { edges: unknown[] }).edges.length, 2);
    diagnostic(`executor's instructions page queries: ${queries}`);
    assert.ok(queries <= 15, `${queries} queries`);
  });

  it('resolves N Appeal references with their instructions in a constant number of queries', async () => {
    const counts = await expectConstantQueries(
      service,
      (size) =>
        service.entities(
          appealIds.slice(0, size).map((id) => ({ __typename: 'Appeal', id })),
          `... on Appeal { id instructions { ${instructionFields} } }`,
          controller,
        ),
      entities,
    );
    diagnostic(`_entities(Appeal.instructions) queries (10 vs 100): ${counts.join(' vs ')}`);
    const [first] = (
      await service.entities<{ _entities: { instructions: { appeals: { id: string }[] }[] }[] }>(
        [{ __typename: 'Appeal', id: appealIds[0] }],
        '... on Appeal { instructions { appeals { id } } }',
        controller,
      )
    ).data!._entities;
    assert.equal(first?.instructions.length, 1);
    assert.equal(first?.instructions[0]?.appeals[0]?.id, appealIds[0]);
  });

  it('resolves N Appointment references with their instructions in a constant number of queries', async () => {
    const counts = await expectConstantQueries(
      service,
      (size) =>
        service.entities(
          appointmentIds.slice(0, size).map((id) => ({ __typename: 'Appointment', id })),
          `... on Appointment { id instructions { ${instructionFields} } }`,
          controller,
        ),
      entities,
    );
    diagnostic(`_entities(Appointment.instructions) queries (10 vs 100): ${counts.join(' vs ')}`);
  });

  it('resolves N Instruction references, and N organizations with their execution discipline, in a constant number of queries', async () => {
    const ids = (
      (await service.request<{ instructions: { edges: { node: { id: string } }[] } }>(`{ instructions(first: 100) { edges { node { id } } } }`, {}, controller))
        .data?.instructions.edges ?? []
    ).map((e) => e.node.id);
    const instructionCounts = await expectConstantQueries(
      service,
      (size) =>
        service.entities(
          ids.slice(0, size).map((id) => ({ __typename: 'Instruction', id })),
          `... on Instruction { ${instructionFields} }`,
          controller,
        ),
      entities,
    );
    diagnostic(`_entities(Instruction) queries (10 vs 100): ${instructionCounts.join(' vs ')}`);
    const from = civilDateInKazakhstan(new Date(Date.now() - 30 * 86_400_000));
    const disciplineCounts = await expectConstantQueries(
      service,
      (size) =>
        service.entities(
          organizations.slice(0, size).map((id) => ({ __typename: 'Organization', id })),
          `... on Organization { id executionDiscipline(from: "${from}", to: "${today}") { instructionsReceived executedOnTime overdue returned } }`,
          controller,
        ),
      entities,
    );
    diagnostic(`_entities(Organization.executionDiscipline) queries (10 vs 100): ${disciplineCounts.join(' vs ')}`);
  });
});
