// The read side of the authorization matrix: each sensitive read × each role, through the gateway.
// Whether the applicant's personal data (name, IIN, phone, address) comes back is written below as
// the domain's roles table says it (DOMAIN.md, "Roles"), independently of the services' own rules:
// staff who work with appeals see it, the executor of the appeal's organization sees it, the
// applicant sees their own; analysts and the administrator see the appeal without it; another
// organization's executor, an official (it came from no reception of theirs) and another citizen
// do not see the appeal at all; an agency may not read appeals; nobody anonymous.
import { beforeAll, describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { codeOf, gql, ok, type Caller } from './gateway-client.ts';
import { randomIin, randomPhone, seededCategoryId, seededOrganizations, uniqueTag } from './fixtures.ts';

type Outcome = 'personal data' | 'no personal data' | 'no appeal' | 'FORBIDDEN' | 'UNAUTHENTICATED';

const tag = uniqueTag();
const applicantIin = randomIin();
const registrar: Caller = { role: 'registrar', subject: `e2e-pd-registrar-${tag}` };
const callers: { name: string; caller: Caller | null; expected: Outcome }[] = [
  { name: 'registrar', caller: registrar, expected: 'personal data' },
  { name: 'controller', caller: { role: 'controller', subject: `e2e-pd-controller-${tag}` }, expected: 'personal data' },
  { name: 'department head', caller: { role: 'department_head', subject: `e2e-pd-head-${tag}` }, expected: 'personal data' },
  {
    name: "the appeal's executor",
    caller: { role: 'executor', subject: `e2e-pd-roads-${tag}`, organizationId: seededOrganizations.roads },
    expected: 'personal data',
  },
  { name: 'the applicant', caller: { role: 'citizen', subject: `e2e-pd-applicant-${tag}`, iin: applicantIin }, expected: 'personal data' },
  { name: 'analyst', caller: { role: 'analyst', subject: `e2e-pd-analyst-${tag}` }, expected: 'no personal data' },
  { name: 'admin', caller: { role: 'admin', subject: `e2e-pd-admin-${tag}` }, expected: 'no personal data' },
  {
    name: "another organization's executor",
    caller: { role: 'executor', subject: `e2e-pd-health-${tag}`, organizationId: seededOrganizations.health },
    expected: 'no appeal',
  },
  { name: 'official', caller: { role: 'official', subject: `e2e-pd-official-${tag}`, organizationId: seededOrganizations.akimat }, expected: 'no appeal' },
  { name: 'another citizen', caller: { role: 'citizen', subject: `e2e-pd-citizen-${tag}`, iin: randomIin() }, expected: 'no appeal' },
  { name: 'agency', caller: { role: 'agency', subject: `e2e-pd-agency-${tag}` }, expected: 'FORBIDDEN' },
  { name: 'anonymous', caller: null, expected: 'UNAUTHENTICATED' },
];

type Applicant = { name: string | null; iin: string | null; phone: string | null; address: string | null };

describe('who reads an applicant’s personal data', () => {
  let appeal: { id: string; registrationNumber: string; version: number };
  const applicant = { name: `Жанна Ахметова ${tag}`, iin: applicantIin, phone: randomPhone(), address: `г. Талдыкорган, ул. Тауелсиздик, ${tag}` };

  beforeAll(async () => {
    appeal = ok(
      await gql<{ registerAppeal: { id: string; registrationNumber: string; version: number } }>(
        'mutation($input: RegisterAppealInput!) { registerAppeal(input: $input) { id registrationNumber version } }',
        {
          input: {
            kind: 'APPLICATION',
            channel: 'HAND_DELIVERY',
            applicant: { type: 'INDIVIDUAL', ...applicant },
            summary: `Благоустройство двора ${tag}`,
            text: 'Прошу благоустроить двор.',
            categoryId: seededCategoryId,
          },
        },
        registrar,
      ),
      'registerAppeal',
    ).registerAppeal;
    ok(
      await gql(
        'mutation($input: AssignAppealInput!) { assignAppeal(input: $input) { id } }',
        { input: { appealId: appeal.id, expectedVersion: appeal.version, lead: { organizationId: seededOrganizations.roads } } },
        registrar,
      ),
      'assignAppeal',
    );
  });

  const reads = {
    'appeal(id)': {
      query: 'query($id: ID!) { appeal(id: $id) { id applicant { name iin phone address } } }',
      variables: () => ({ id: appeal.id }),
      pick: (data: Record<string, unknown>) => data['appeal'] as { applicant: Applicant } | null,
    },
    appealByNumber: {
      query: 'query($n: String!) { appealByNumber(registrationNumber: $n) { id applicant { name iin phone address } } }',
      variables: () => ({ n: appeal.registrationNumber }),
      pick: (data: Record<string, unknown>) => data['appealByNumber'] as { applicant: Applicant } | null,
    },
  };

  for (const [readName, read] of Object.entries(reads)) {
    for (const { name, caller, expected } of callers) {
      it(`${readName} as ${name}: ${expected}`, async () => {
        const result = await gql(read.query, read.variables(), caller ?? undefined);
        const seen: Outcome = (() => {
          const code = codeOf(result);
          if (code === 'FORBIDDEN' || code === 'UNAUTHENTICATED') return code;
          const found = read.pick(ok(result, `${readName} as ${name}`));
          if (!found) return 'no appeal';
          const values = Object.values(found.applicant);
          if (values.every((v) => v === null)) return 'no personal data';
          assert.deepEqual(found.applicant, applicant, 'all of it, as registered');
          return 'personal data';
        })();
        assert.equal(seen, expected);
        // Whatever the outcome, no part of the data leaks through the body another way.
        if (expected !== 'personal data') {
          const body = JSON.stringify(result);
          for (const value of [applicant.iin, applicant.phone, applicant.address]) assert.ok(!body.includes(value), `${name} reads none of it`);
        }
      });
    }
  }
});
