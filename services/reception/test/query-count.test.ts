import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { diagnostic } from '@bakylau/platform/testkit/diagnostic';
import assert from '@bakylau/platform/testkit/assert';
import { expectConstantQueries, startTestService, type TestCaller, type TestService } from '@bakylau/platform/testkit/service-harness';
import { receptionService } from '../src/service.ts';
import { admin, book, citizen, createOfficial, must, publishSession, registrar } from './reception-fixtures.ts';

/** A small page and the largest one (maxPageSize): the query count must not depend on the size. */
const pageSizes = [10, 100] as const;
const controller: TestCaller = { role: 'controller', subject: 'controller-q' };

const sessionFields = `id startsAt state
  official { id fullName }
  organization { id }
  plan { id title }
  participants { role official { id } }
  slots { id free }
  freeSlotCount waitingCount`;

const sessionsPage = `query($first: Int!) { receptionSessions(first: $first) { edges { node { ${sessionFields} } } } }`;

const appointmentsPage = `query($first: Int!) {
  appointments(first: $first) { edges { node {
    id state citizenName topic
    session { id official { id fullName } }
    slot { id free }
    givenInstructions { text }
    appeal { id }
  } } }
}`;

const officialsPage = `query($first: Int!) {
  officials(first: $first) { edges { node {
    id fullName
    receptionSessions(first: 5) { pageInfo { hasNextPage } edges { node { id official { id } slots { id } } } }
  } } }
}`;

const plansPage = `query($first: Int!) {
  receptionPlans(first: $first) { edges { node {
    id title
    sessions(first: 5) { pageInfo { hasNextPage } edges { node { id plan { id } official { id } } } }
    results { sessionsPlanned appointmentsBooked followUps }
  } } }
}`;

const receptionVisitFields = `... on Appeal { id receptionVisit { id state session { id official { fullName } } slot { id } givenInstructions { text } } }`;

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('reception: a page costs a constant number of SQL queries, whatever its size', () => {
  let service: TestService;
  const officials: { id: string; organizationId: string; caller: TestCaller }[] = [];
  const appealIds: string[] = [];

  beforeAll(async () => {
    service = await startTestService(receptionService);
    // Each of 100 officials: an in-person session with a booked appointment (linked to an appeal, as
    // the appeals consumer links it) and, an hour later, an off-site session of a plan of their
    // organization; interleaved, so a page of 10 sessions has the same kinds of rows as one of 100.
    const total = pageSizes[1];
    for (let start = 0; start < total; start += 10) {
      await Promise.all(
        Array.from({ length: 10 }, async (_, j) => {
          const i = start + j;
          const official = await createOfficial(service);
          officials.push(official);
          const session = await publishSession(service, official, { capacity: 2, hoursAhead: 48 + 2 * i });
          const appointmentId = must(await book(service, session.slotIds[0]!, citizen(i))).bookAppointment.id;
          const plan = must(
            await service.request<{ createReceptionPlan: { id: string } }>(
              `mutation($input: CreateReceptionPlanInput!) { createReceptionPlan(input: $input) { id } }`,
              {
                input: {
                  districtId: crypto.randomUUID(),
                  organizationId: official.organizationId,
                  title: `План ${i}`,
                  periodFrom: inDays(1),
                  periodTo: inDays(30),
                },
              },
              admin,
            ),
          ).createReceptionPlan;
          await publishSession(service, official, { capacity: 1, hoursAhead: 49 + 2 * i, planId: plan.id, format: 'OFF_SITE' });
          const appealId = crypto.randomUUID();
          await service.orm.em.fork().execute('update appointment set appeal_id = ? where id = ?', [appealId, appointmentId]);
          appealIds[i] = appealId;
        }),
      );
    }
  });

  afterAll(async () => {
    await service?.stop();
  });

  const edges = (field: string) => (data: Record<string, unknown>) => (data[field] as { edges: unknown[] }).edges;

  it('lists sessions with their official, plan, participants, slots and free/waiting counts', async () => {
    const counts = await expectConstantQueries(service, (first) => service.request(sessionsPage, { first }, registrar), edges('receptionSessions'));
    diagnostic(`receptionSessions page queries (10 vs 100): ${counts.join(' vs ')}`);
  });

  it('lists appointments with their session, official, slot, instructions and appeal', async () => {
    const counts = await expectConstantQueries(service, (first) => service.request(appointmentsPage, { first }, registrar), edges('appointments'));
    diagnostic(`appointments page queries (10 vs 100): ${counts.join(' vs ')}`);
  });

  it('lists officials with a page of their sessions each (Official.receptionSessions is batched)', async () => {
    const counts = await expectConstantQueries(service, (first) => service.request(officialsPage, { first }, registrar), edges('officials'));
    diagnostic(`officials with receptionSessions page queries (10 vs 100): ${counts.join(' vs ')}`);
  });

  it('gives each official only their own sessions, in start order, paged per official', async () => {
    // 40 officials, not 100: a literal page of 100 with nested pages is over the cost limit the
    // gateway applies, and so, now, does the subgraph.
    const data = must(
      await service.request<{
        officials: {
          edges: {
            node: { id: string; receptionSessions: { pageInfo: { hasNextPage: boolean }; edges: { node: { id: string; official: { id: string } } }[] } };
          }[];
        };
      }>(
        `query { officials(first: 40) { edges { node { id receptionSessions(first: 1) { pageInfo { hasNextPage } edges { node { id official { id } } } } } } } }`,
        {},
        registrar,
      ),
    );
    for (const { node } of data.officials.edges) {
      assert.equal(node.receptionSessions.edges.length, 1);
      assert.equal(node.receptionSessions.edges[0]?.node.official.id, node.id);
      assert.equal(node.receptionSessions.pageInfo.hasNextPage, true);
    }
    // The second page of one official continues after the cursor of the first.
    const official = officials[0]!;
    const pages = must(
      await service.request<{ official: { receptionSessions: { edges: { cursor: string; node: { id: string; format: string } }[] } } }>(
        `query($id: ID!) { official(id: $id) { receptionSessions(first: 1) { edges { cursor node { id format } } } } }`,
        { id: official.id },
        registrar,
      ),
    );
    const first = pages.official.receptionSessions.edges[0]!;
    assert.equal(first.node.format, 'IN_PERSON');
    const next = must(
      await service.request<{ official: { receptionSessions: { pageInfo: { hasNextPage: boolean }; edges: { node: { id: string; format: string } }[] } } }>(
        `query($id: ID!, $after: String) { official(id: $id) { receptionSessions(first: 1, after: $after) { pageInfo { hasNextPage } edges { node { id format } } } } }`,
        { id: official.id, after: first.cursor },
        registrar,
      ),
    );
    assert.equal(next.official.receptionSessions.edges[0]?.node.format, 'OFF_SITE');
    assert.equal(next.official.receptionSessions.pageInfo.hasNextPage, false);
  });

  it('lists plans with a page of their sessions and their results (ReceptionPlan.sessions is batched)', async () => {
    const counts = await expectConstantQueries(service, (first) => service.request(plansPage, { first }, controller), edges('receptionPlans'));
    diagnostic(`receptionPlans with sessions page queries (10 vs 100): ${counts.join(' vs ')}`);
    const data = must(
      await service.request<{ receptionPlans: { edges: { node: { id: string; sessions: { edges: { node: { plan: { id: string } } }[] } } }[] } }>(
        plansPage,
        { first: 100 },
        controller,
      ),
    );
    for (const { node } of data.receptionPlans.edges) {
      assert.equal(node.sessions.edges.length, 1);
      assert.equal(node.sessions.edges[0]?.node.plan.id, node.id);
    }
  });

  it('resolves N Appeal references with their reception visit in a constant number of queries', async () => {
    const counts = await expectConstantQueries(
      service,
      (size) =>
        service.entities(
          appealIds.slice(0, size).map((id) => ({ __typename: 'Appeal', id })),
          receptionVisitFields,
          registrar,
        ),
      (data) => (data['_entities'] as { receptionVisit: unknown }[]).filter((appeal) => appeal.receptionVisit),
    );
    diagnostic(`_entities(Appeal.receptionVisit) queries (10 vs 100): ${counts.join(' vs ')}`);
  });
});
