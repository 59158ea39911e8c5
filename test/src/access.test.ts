// Who may see and do what, through the gateway as each role would: no filing in another person's
// name, no applicant's personal data for the administrator, and public routes that refuse, not crash.
import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { codeOf, gatewayUrl, gql, ok, type Caller } from './gateway-client.ts';
import { kzToday, randomIin, randomPhone, seededCategoryId, seededOrganizations, uniqueTag, waitFor } from './fixtures.ts';

const FILE = 'mutation($input: FileAppealInput!) { fileAppeal(input: $input) { id applicant { type iin } } }';
const MY_APPEALS = '{ myAppeals(first: 50) { edges { node { appeal { id } } } } }';

type MyAppeals = { myAppeals: { edges: { node: { appeal: { id: string } } }[] } };

/** Registers a person's application delivered on paper, as a registrar does. */
async function registerOnPaper(registrar: Caller, applicant: Record<string, unknown>, summary: string, text: string) {
  return ok(
    await gql<{ registerAppeal: { id: string; version: number; registrationNumber: string } }>(
      'mutation($input: RegisterAppealInput!) { registerAppeal(input: $input) { id version registrationNumber } }',
      {
        input: { kind: 'APPLICATION', channel: 'HAND_DELIVERY', applicant: { type: 'INDIVIDUAL', ...applicant }, summary, text, categoryId: seededCategoryId },
      },
      registrar,
    ),
    'registerAppeal',
  ).registerAppeal;
}

function filing(applicant: Record<string, unknown>) {
  return { input: { kind: 'COMPLAINT', applicant, summary: `Ремонт дороги ${uniqueTag()}`, text: 'Во дворе яма.', categoryId: seededCategoryId } };
}

describe("filing an appeal in one's own name only", () => {
  const victim: Caller = { role: 'citizen', subject: `e2e-victim-${uniqueTag()}`, iin: randomIin() };
  const forger: Caller = { role: 'citizen', subject: `e2e-forger-${uniqueTag()}`, iin: randomIin() };

  it("refuses a citizen who names another person's IIN, and the victim sees nothing filed in their name", async () => {
    const forged = await gql(FILE, filing({ type: 'INDIVIDUAL', name: 'Чужое имя', iin: victim.iin }), forger);
    assert.equal(codeOf(forged), 'BAD_USER_INPUT');
    assert.deepEqual(forged.errors?.[0]?.extensions?.['fields'], [{ field: 'applicant.iin', message: 'must be the IIN of your account' }]);
    assert.deepEqual(ok(await gql<MyAppeals>(MY_APPEALS, {}, victim)).myAppeals.edges, [], "nothing in the victim's appeals");
    assert.deepEqual(ok(await gql<MyAppeals>(MY_APPEALS, {}, forger)).myAppeals.edges, [], 'nothing for the forger either');
  });

  it('files with the IIN of the token, and refuses an account that carries none', async () => {
    const own = ok(await gql<{ fileAppeal: { id: string; applicant: { iin: string } } }>(FILE, filing({ type: 'INDIVIDUAL', name: 'Своё имя' }), forger));
    assert.equal(own.fileAppeal.applicant.iin, forger.iin);
    const ids = ok(await gql<MyAppeals>(MY_APPEALS, {}, forger)).myAppeals.edges.map((e) => e.node.appeal.id);
    assert.deepEqual(ids, [own.fileAppeal.id]);
    const anonymousAccount: Caller = { role: 'citizen', subject: `e2e-no-iin-${uniqueTag()}` };
    assert.equal(codeOf(await gql(FILE, filing({ type: 'INDIVIDUAL', name: 'Без ИИН', iin: victim.iin }), anonymousAccount)), 'FORBIDDEN');
  });
});

describe("the administrator keeps the directory, not the applicants' data", () => {
  it("reads an appeal without the applicant's IIN, phone, name or address, which the registrar sees", async () => {
    const registrar: Caller = { role: 'registrar', subject: `e2e-access-registrar-${uniqueTag()}` };
    const iin = randomIin();
    const phone = randomPhone();
    const registered = await registerOnPaper(
      registrar,
      { name: 'Айгуль Серикова', iin, phone, address: 'г. Талдыкорган, ул. Абая, 7' },
      'Справка о составе семьи',
      'Прошу выдать справку.',
    );
    const query = 'query($id: ID!) { appeal(id: $id) { id applicant { iin phone name address } } }';
    type View = { appeal: { id: string; applicant: Record<string, string | null> } | null };
    const asRegistrar = ok(await gql<View>(query, { id: registered.id }, registrar)).appeal;
    assert.deepEqual(asRegistrar?.applicant, { iin, phone, name: 'Айгуль Серикова', address: 'г. Талдыкорган, ул. Абая, 7' });
    const asAdmin = ok(await gql<View>(query, { id: registered.id }, { role: 'admin', subject: 'e2e-admin' })).appeal;
    assert.deepEqual(asAdmin?.applicant, { iin: null, phone: null, name: null, address: null });
  });
});

describe('Open311 through the gateway', () => {
  it('answers a NUL byte in the id or a parameter with 400 in the spec error shape', async () => {
    const origin = new URL(gatewayUrl()).origin;
    for (const path of ['/open311/v2/requests/%00.json', '/open311/v2/requests.json?service_code=%00']) {
      const response = await fetch(`${origin}${path}`);
      assert.equal(response.status, 400, path);
      const body = (await response.json()) as { code: number; description: string }[];
      assert.equal(body[0]?.code, 400, path);
      assert.match(body[0]?.description ?? '', /NUL/, path);
    }
  });
});

describe("an executor's instructions when one rests on another organization's appeal", () => {
  it('keeps the list and the instruction, with the unreadable appeal null in its place and its id as a bare reference', async () => {
    const registrar: Caller = { role: 'registrar', subject: `e2e-basis-registrar-${uniqueTag()}` };
    const controller: Caller = { role: 'controller', subject: `e2e-basis-controller-${uniqueTag()}` };
    const roads: Caller = { role: 'executor', subject: `e2e-basis-roads-${uniqueTag()}`, organizationId: seededOrganizations.roads };
    const registerAndAssign = async (organizationId: string) => {
      const appeal = await registerOnPaper(registrar, { name: 'Ержан Омаров', iin: randomIin() }, `Освещение улицы ${uniqueTag()}`, 'Не горят фонари.');
      ok(
        await gql(
          'mutation($input: AssignAppealInput!) { assignAppeal(input: $input) { id } }',
          { input: { appealId: appeal.id, expectedVersion: appeal.version, lead: { organizationId } } },
          registrar,
        ),
        'assignAppeal',
      );
      return appeal.id;
    };
    const own = await registerAndAssign(seededOrganizations.roads);
    const foreign = await registerAndAssign(seededOrganizations.health);
    const issued = ok(
      await gql<{ issueInstruction: { id: string } }>(
        'mutation($input: IssueInstructionInput!) { issueInstruction(input: $input) { id } }',
        {
          input: {
            issuerLevel: 'AKIM',
            issuerName: 'Аким области',
            text: `Навести порядок с освещением ${uniqueTag()}`,
            appealIds: [own, foreign],
            executors: [{ organizationId: seededOrganizations.roads, dueDate: kzToday(20) }],
          },
        },
        controller,
      ),
      'issueInstruction',
    ).issueInstruction;

    type Listed = {
      instructions: { edges: { node: { id: string; basisAppealIds: string[]; appeals: ({ id: string; registrationNumber: string } | null)[] } }[] };
    };
    const listed = await gql<Listed>(
      'query($appealId: ID!) { instructions(filter: { appealId: $appealId }) { edges { node { id basisAppealIds appeals { id registrationNumber } } } } }',
      { appealId: own },
      roads,
    );
    assert.ok(listed.data, `the list survives: ${JSON.stringify(listed.errors)}`);
    const node = listed.data.instructions.edges.find((edge) => edge.node.id === issued.id)?.node;
    assert.ok(node, 'the instruction is in the executor list');
    assert.deepEqual(node.basisAppealIds, [own, foreign]);
    assert.equal(node.appeals.length, 2);
    assert.equal(node.appeals[0]?.id, own);
    assert.match(node.appeals[0]?.registrationNumber ?? '', /\d/);
    assert.equal(node.appeals[1], null, "another organization's appeal shows no details");
  });
});

describe("an official's view of appeals", () => {
  it('holds no appeal that did not come from their own receptions: not by id, number, registry or search', async () => {
    const registrar: Caller = { role: 'registrar', subject: `e2e-official-registrar-${uniqueTag()}` };
    const official: Caller = { role: 'official', subject: 'demo-official-deputy', organizationId: seededOrganizations.akimat };
    const word = `фонтан${uniqueTag().replaceAll(/[^a-z0-9]/gi, '')}`;
    const registered = await registerOnPaper(
      registrar,
      { name: 'Мадина Садыкова', iin: randomIin(), phone: randomPhone() },
      `Ремонт ${word} в парке`,
      'Не работает фонтан.',
    );
    // The registrar finds it everywhere: the queries below can find it, so their emptiness for the official means something.
    const reads = {
      byId: ['query($id: ID!) { appeal(id: $id) { id } }', { id: registered.id }],
      byNumber: ['query($n: String!) { appealByNumber(registrationNumber: $n) { id } }', { n: registered.registrationNumber }],
      registry: ['{ appeals(first: 100) { edges { node { id } } } }', {}],
      search: ['query($q: String!) { searchAppeals(query: $q) { edges { node { id } } } }', { q: word }],
    } as const;
    const idsIn = (data: Record<string, unknown>): string[] =>
      JSON.stringify(data).match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? [];
    await waitFor(
      async () => idsIn(ok(await gql(reads.search[0], reads.search[1], registrar))).includes(registered.id),
      () => 'the registrar finds the new appeal by search',
      30_000,
    );
    for (const [name, [query, variables]] of Object.entries(reads)) {
      assert.ok(idsIn(ok(await gql(query, variables, registrar), `${name} as registrar`)).includes(registered.id), `the registrar reads it (${name})`);
      assert.ok(!idsIn(ok(await gql(query, variables, official), `${name} as official`)).includes(registered.id), `the official does not (${name})`);
    }
  });
});
