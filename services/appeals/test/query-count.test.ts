import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { diagnostic } from '@bakylau/platform/testkit/diagnostic';
import assert from '@bakylau/platform/testkit/assert';
import { expectConstantQueries, measureQueries, startTestService, type TestCaller, type TestService } from '@bakylau/platform/testkit/service-harness';
import { withCheckDigit } from '../src/domain/identification-number.ts';
import { appealsService } from '../src/service.ts';
import { ASSIGN, REGISTER, UPSERT_ORG, ok } from './appeals-helpers.ts';

const admin: TestCaller = { role: 'admin' };
const registrar: TestCaller = { role: 'registrar', subject: 'registrar-q' };
const controller: TestCaller = { role: 'controller', subject: 'controller-q' };
const iin = withCheckDigit('90010130001') ?? '';

/** The largest page (maxPageSize) and a small one: the query count must not depend on it. */
const pageSizes = [10, 100] as const;

const appealPage = `query($first: Int!) {
  appeals(first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      id registrationNumber state overdue dueDate
      applicant { type name }
      organization { id name parent { id name } district { id name } }
      executors { lead state organization { id name } }
      category { id name }
      district { id name }
      dueDateHistory { dueDate }
      notifications { kind status }
      statusHistory { state }
      rating { satisfied }
      answers { round organization { id } }
      reviews { round }
      forwardedTo { id }
      repeatedOf { id }
      finalAnswer { documentId }
    } }
  }
}`;

const appealEntityFields = `... on Appeal { id registrationNumber organization { id name } executors { organization { id name } } category { id } district { id } }`;
const organizationEntityFields = `... on Organization { id name parent { id } district { id } appealIndicators { received open overdue } }`;

describe('appeals: a page costs a constant number of SQL queries, whatever its size', () => {
  let service: TestService;
  let root: string;
  const organizations: string[] = [];
  const appeals: string[] = [];

  beforeAll(async () => {
    // No jobs: the overdue sweep would otherwise share the query count.
    service = await startTestService({ ...appealsService, jobs: [] });
    const districtId = (
      await ok(service, `mutation { upsertDistrict(input: { name: "город Текели", nameKk: "Текелі қаласы", kind: CITY }) { id } }`, {}, admin)
    )['upsertDistrict'].id;
    const categoryId = (await ok(service, `mutation { upsertCategory(input: { code: "07", name: "Дороги", nameKk: "Жолдар" }) { id } }`, {}, admin))[
      'upsertCategory'
    ].id;
    root = (await ok(service, UPSERT_ORG, { input: { name: 'Аппарат акима области', kind: 'REGIONAL_AKIMAT' } }, admin))['upsertOrganization'].id;
    // One organization per appeal, so each relation of the page has as many distinct keys as rows.
    const block = pageSizes[0];
    const total = pageSizes[1];
    const orgIds = await Promise.all(
      Array.from({ length: total }, async (_, i) => {
        const input = { name: `Отдел ${String(i).padStart(3, '0')}`, kind: 'AKIMAT_UNIT', parentId: root, districtId };
        return (await ok(service, UPSERT_ORG, { input }, admin))['upsertOrganization'].id as string;
      }),
    );
    organizations.push(...orgIds);
    // Appeals are made block by block (concurrently inside a block); the co-executor of an appeal is
    // the addressee of another appeal of its block. So the newest page of 10 and the first 10 ids are
    // whole blocks, and every page loads the same waves of relations: its counts are comparable.
    for (let start = 0; start < total; start += block) {
      const ids = await Promise.all(
        Array.from({ length: block }, async (_, j) => {
          const i = start + j;
          const input = {
            kind: 'APPLICATION',
            channel: 'POST',
            applicant: { type: 'INDIVIDUAL', name: 'Асанов Асан', iin, phone: '+77001234567' },
            summary: `Ямы на дороге №${i}`,
            text: 'Просим отремонтировать дорогу.',
            categoryId,
            districtId,
            addresseeId: organizations[i],
          };
          const registered = (await ok(service, REGISTER, { input }, registrar))['registerAppeal'];
          const assignment = {
            appealId: registered.id,
            expectedVersion: registered.version,
            lead: { organizationId: organizations[i] },
            coExecutors: [{ organizationId: organizations[start + ((j + 1) % block)] }],
          };
          return (await ok(service, ASSIGN, { input: assignment }, registrar))['assignAppeal'].id as string;
        }),
      );
      appeals.push(...ids);
    }
  });

  afterAll(async () => {
    await service?.stop();
  });

  it('lists appeals with their organizations, executors, category, district and history', async () => {
    const counts = await expectConstantQueries(
      service,
      (first) => service.request(appealPage, { first }, controller),
      (data) => (data['appeals'] as { edges: unknown[] }).edges,
    );
    diagnostic(`appeals page queries (10 vs 100): ${counts.join(' vs ')}`);
  });

  it('lists an executor organization’s appeals (scoped by an exists subquery) at the same cost', async () => {
    // Every organization executes two appeals: the first one leads appeal 0 and co-executes appeal 9.
    const executor: TestCaller = { role: 'executor', organizationId: organizations[0], subject: 'executor-q' };
    const { result, queries } = await measureQueries(service, () => service.request(appealPage, { first: 100 }, executor));
    assert.equal(result.errors, undefined, JSON.stringify(result.errors));
    assert.equal((result.data?.['appeals'] as { edges: unknown[] }).edges.length, 2);
    diagnostic(`executor's appeals page queries: ${queries}`);
    assert.ok(queries <= 15, `${queries} queries`);
  });

  it('resolves N Appeal references for the gateway in a constant number of queries', async () => {
    for (const as of [controller, { role: 'executor', organizationId: organizations[0], subject: 'executor-q' } as TestCaller]) {
      const counts = await expectConstantQueries(
        service,
        (size) =>
          service.entities(
            appeals.slice(0, size).map((id) => ({ __typename: 'Appeal', id })),
            appealEntityFields,
            as,
          ),
        (data) => data['_entities'] as unknown[],
      );
      diagnostic(`_entities(Appeal) as ${as.role} (10 vs 100): ${counts.join(' vs ')}`);
    }
  });

  it('resolves N Organization references with their indicators in a constant number of queries', async () => {
    const counts = await expectConstantQueries(
      service,
      (size) =>
        service.entities(
          organizations.slice(0, size).map((id) => ({ __typename: 'Organization', id })),
          organizationEntityFields,
          controller,
        ),
      (data) => data['_entities'] as unknown[],
    );
    diagnostic(`_entities(Organization) with indicators (10 vs 100): ${counts.join(' vs ')}`);
  });
});
