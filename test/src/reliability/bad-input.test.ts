// A generated corpus of malformed and hostile requests sent through the gateway: broken JSON, wrong
// types, huge strings, deep, wide and aliased queries, invalid IIN/BIN, phones and e-mails, dates out
// of range, unknown enum values, SQL and script injection, invisible and control characters, bytes
// that are not UTF-8, bad tokens. Nothing crashes: no 5xx, no stack trace or driver text in any
// answer, every refusal carries an `extensions.code`, a refusal of the input is HTTP 400 whichever
// layer refused it, every service stays alive, and not a single row changes in any database.
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { refusalStatus } from '@bakylau/platform/graphql/refusal-status';
import { bearer, demoId, health, serviceNames, startReliability, waitCaughtUp, type Caller, type Reliability, startupTimeoutMs } from './harness.ts';

const registrar: Caller = { role: 'registrar', subject: 'reliability-bad-input-registrar' };
const controller: Caller = { role: 'controller', subject: 'reliability-bad-input-controller' };
const citizen: Caller = { role: 'citizen', subject: 'reliability-bad-input-citizen' };

const huge = 'Ж'.repeat(200_000);
const sqlInjections = [`' OR '1'='1`, `1; DROP TABLE appeal; --`, `'); DELETE FROM outbox; --`, `" OR ""="`, `$$; select pg_sleep(10); $$`];
const scriptInjections = [`<script>alert(1)</script>`, `"><img src=x onerror=alert(1)>`, `javascript:alert(document.cookie)`];

type Answer = {
  status: number;
  text: string;
  contentType: string;
  body: { data?: unknown; errors?: { message?: unknown; extensions?: { code?: unknown } }[] } | null;
};
type Expect = 'refused' | 'answered' | 'any';
type Case = { name: string; expect: Expect; codes?: string[]; send: () => Promise<Answer> };

let r: Reliability;
let slotId = '';
let appealId = '';
let appealVersion = 0;

async function raw(
  body: string | Uint8Array | undefined,
  options: { method?: string; headers?: Record<string, string>; as?: Caller; path?: string; url?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  if (options.as) headers['authorization'] = await bearer(options.as);
  const url = (options.url ?? r.system.gatewayUrl) + (options.path ?? '');
  const response = await fetch(url, {
    method: options.method ?? 'POST',
    headers,
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : Buffer.from(body) }),
  });
  const text = await response.text();
  let parsed: Answer['body'];
  try {
    parsed = JSON.parse(text) as Answer['body'];
  } catch {
    parsed = null;
  }
  return { status: response.status, text, contentType: response.headers.get('content-type') ?? '', body: parsed };
}

/** An operation as `as` (null: anonymous). */
const op =
  (query: string, variables: Record<string, unknown> = {}, as: Caller | null = registrar) =>
  () =>
    raw(JSON.stringify({ query, variables }), as ? { as } : {});

const registerMutation = `mutation($input: RegisterAppealInput!) { registerAppeal(input: $input) { id } }`;
const validAppeal = () => ({ kind: 'APPLICATION', channel: 'POST', applicant: { type: 'ANONYMOUS' }, summary: 'Корректное обращение', text: 'Текст' });
const register = (patch: Record<string, unknown>, name: string, codes = ['BAD_USER_INPUT']): Case => ({
  name: `registerAppeal: ${name}`,
  expect: 'refused',
  codes,
  send: op(registerMutation, { input: { ...validAppeal(), ...patch } }),
});
const individual = (fields: Record<string, unknown>) => ({ applicant: { type: 'INDIVIDUAL', name: 'Асанов Асан', ...fields } });

function nested(field: string, depth: number, leaf: string): string {
  return depth === 0 ? leaf : `${field} { ${nested(field, depth - 1, leaf)} }`;
}

/** The URL of a subgraph's /graphql, for requests that bypass the gateway. */
function subgraphUrl(name: (typeof serviceNames)[number]): string {
  const url = r.system.processes.get(name)?.url;
  if (!url) throw new Error(`no process ${name}`);
  return url;
}

function corpus(): Case[] {
  const cases: Case[] = [];
  const add = (...more: Case[]) => cases.push(...more);

  // The HTTP envelope.
  add(
    { name: 'invalid JSON', expect: 'refused', codes: ['BAD_REQUEST'], send: () => raw('{"query": "{ __typename }"') },
    { name: 'JSON with a trailing comma', expect: 'refused', send: () => raw('{"query": "{ __typename }",}') },
    { name: 'a batch (array body)', expect: 'refused', send: () => raw('[{"query":"{ __typename }"},{"query":"{ __typename }"}]') },
    { name: 'a JSON string body', expect: 'refused', send: () => raw('"{ __typename }"') },
    { name: 'a JSON null body', expect: 'refused', send: () => raw('null') },
    { name: 'an empty object', expect: 'refused', send: () => raw('{}') },
    { name: 'an empty body', expect: 'refused', send: () => raw('') },
    { name: 'query is a number', expect: 'refused', send: () => raw('{"query": 42}') },
    { name: 'query is an object', expect: 'refused', send: () => raw('{"query": {"$ne": null}}') },
    { name: 'variables is a string', expect: 'refused', send: () => raw('{"query":"{ __typename }","variables":"oops"}') },
    { name: 'variables is an array', expect: 'refused', send: () => raw('{"query":"{ __typename }","variables":[1,2]}') },
    { name: 'operationName is a number', expect: 'refused', send: () => raw('{"query":"{ __typename }","operationName":5}') },
    {
      name: 'text/plain body (CSRF prevention)',
      expect: 'refused',
      send: () => raw('{"query":"{ __typename }"}', { headers: { 'content-type': 'text/plain' } }),
    },
    {
      name: 'form body (CSRF prevention)',
      expect: 'refused',
      send: () => raw('query=%7B__typename%7D', { headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
    },
    {
      name: 'a 1.5 MB body',
      expect: 'refused',
      codes: ['BAD_REQUEST'],
      send: () => raw(JSON.stringify({ query: `{ __typename }`, variables: { x: 'x'.repeat(1_500_000) } })),
    },
    {
      name: 'a mutation over GET',
      expect: 'refused',
      send: () =>
        raw(undefined, {
          method: 'GET',
          path: `?query=${encodeURIComponent('mutation { detectOverdueAppeals }')}`,
          headers: { 'apollo-require-preflight': 'true' },
        }),
    },
    { name: 'PUT', expect: 'refused', send: () => raw('{"query":"{ __typename }"}', { method: 'PUT' }) },
    {
      name: 'variables nested 50,000 deep',
      expect: 'refused',
      send: () => raw(`{"query":"query($x: [Int]) { __typename }","variables":{"x":${'['.repeat(50_000)}${']'.repeat(50_000)}}}`),
    },
    {
      name: 'a garbage bearer token',
      expect: 'refused',
      codes: ['UNAUTHENTICATED'],
      send: () => raw('{"query":"{ __typename }"}', { headers: { authorization: 'Bearer not-a-jwt' } }),
    },
    {
      name: 'an unsigned (alg none) token',
      expect: 'refused',
      codes: ['UNAUTHENTICATED'],
      send: () => {
        const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
        const token = `${part({ alg: 'none', typ: 'JWT' })}.${part({ sub: 'x', role: 'admin', iss: 'bakylau-dev', aud: 'bakylau', exp: 9_999_999_999 })}.`;
        return raw('{"query":"{ __typename }"}', { headers: { authorization: `Bearer ${token}` } });
      },
    },
    {
      name: 'a 20 KB authorization header',
      expect: 'refused',
      send: () => raw('{"query":"{ __typename }"}', { headers: { authorization: `Bearer ${'a'.repeat(20_000)}` } }),
    },
  );

  // Around the gateway, straight to a subgraph: without the gateway's proof, nothing is served.
  for (const name of serviceNames) {
    add(
      {
        name: `${name} directly, without the gateway's proof`,
        expect: 'refused',
        codes: ['FORBIDDEN'],
        send: () => raw('{"query":"{ __typename }"}', { url: subgraphUrl(name), as: registrar }),
      },
      {
        name: `${name} directly, with a made-up proof`,
        expect: 'refused',
        codes: ['FORBIDDEN'],
        send: () => raw('{"query":"{ _service { sdl } }"}', { url: subgraphUrl(name), headers: { 'x-bakylau-gateway-proof': 'x'.repeat(64) } }),
      },
    );
  }
  add(
    {
      name: 'a registration sent to the appeals subgraph directly, with a valid token',
      expect: 'refused',
      codes: ['FORBIDDEN'],
      send: () => raw(JSON.stringify({ query: registerMutation, variables: { input: validAppeal() } }), { url: subgraphUrl('appeals'), as: registrar }),
    },
    {
      name: "the appeals subgraph's Open311 route directly",
      expect: 'refused',
      codes: ['FORBIDDEN'],
      send: () => raw(undefined, { method: 'GET', url: subgraphUrl('appeals').replace(/\/graphql$/, ''), path: '/open311/v2/services.json' }),
    },
  );

  // The operation document: syntax, limits, shapes.
  add(
    { name: 'syntax error', expect: 'refused', codes: ['GRAPHQL_PARSE_FAILED'], send: op('{ appeals(') },
    { name: 'unknown field', expect: 'refused', codes: ['GRAPHQL_VALIDATION_FAILED'], send: op('{ nope }') },
    { name: 'introspection in production', expect: 'refused', send: op('{ __schema { types { name } } }') },
    {
      name: 'a query 40 levels deep',
      expect: 'refused',
      codes: ['GRAPHQL_VALIDATION_FAILED'],
      send: op(`{ appeal(id: "${demoId('x')}") { ${nested('repeatedOf', 40, 'id')} } }`),
    },
    {
      name: 'an organization tree 30 levels deep',
      expect: 'refused',
      codes: ['GRAPHQL_VALIDATION_FAILED'],
      send: op(`{ organizations { edges { node { ${nested('parent', 30, 'id')} } } } }`),
    },
    {
      name: '1,000 aliases',
      expect: 'refused',
      codes: ['GRAPHQL_VALIDATION_FAILED'],
      send: op(`{ ${Array.from({ length: 1_000 }, (_, i) => `a${i}: __typename`).join(' ')} }`),
    },
    {
      name: '16 aliased pages of 100 appeals',
      expect: 'refused',
      codes: ['GRAPHQL_VALIDATION_FAILED'],
      send: op(`{ ${Array.from({ length: 16 }, (_, i) => `p${i}: appeals(first: 100) { edges { node { id summary text } } }`).join(' ')} }`),
    },
    {
      name: 'a wide, costly query',
      expect: 'refused',
      codes: ['GRAPHQL_VALIDATION_FAILED'],
      send: op(
        `{ ${Array.from({ length: 10 }, (_, i) => `p${i}: appeals(first: 100) { edges { node { id instructions { id executors { organization { id name } } } auditTrail(first: 100) { edges { node { id type } } } receptionVisit { id } } } }`).join(' ')} }`,
        {},
        controller,
      ),
    },
    { name: '5,000 tokens', expect: 'refused', codes: ['GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT'], send: op(`{ ${'__typename '.repeat(5_000)}}`) },
    {
      name: '200 directives',
      expect: 'refused',
      codes: ['GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT'],
      send: op(`{ __typename ${'@include(if: true) '.repeat(200)}}`),
    },
    {
      name: 'a fragment cycle',
      expect: 'refused',
      codes: ['GRAPHQL_VALIDATION_FAILED'],
      send: op('query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }'),
    },
    { name: 'two operations without operationName', expect: 'refused', send: op('query A { __typename } query B { __typename }') },
    { name: 'a subscription', expect: 'refused', send: op('subscription { appealChanged { id } }') },
  );

  // Variables of the wrong type, out of range, unknown enum values, missing and extra fields.
  add(
    register({ kind: 'HACKED' }, 'unknown enum value (kind)'),
    register({ channel: 'SMOKE_SIGNAL' }, 'unknown enum value (channel)'),
    register({ applicant: { type: 'ROBOT' } }, 'unknown enum value (applicant type)'),
    register({ summary: null }, 'null for a required field'),
    register({ summary: 42 }, 'a number for a string'),
    register({ summary: ['a', 'b'] }, 'a list for a string'),
    register({ applicant: 'Асанов' }, 'a string for an input object'),
    register({ isAdmin: true }, 'an unknown input field'),
    register({ underAkimControl: 'yes' }, 'a string for a boolean'),
    register({ geo: { lat: 'north', lon: 77 } }, 'a string for a float'),
    register({ geo: { lat: 1e308 * 10, lon: 77 } }, 'Infinity for a float'),
    register({ geo: { lat: 95, lon: 200 } }, 'coordinates out of range'),
    register({ attachments: [{ fileName: 'a.pdf', mediaType: 'application/pdf', sizeBytes: 2 ** 40, storageKey: 'k' }] }, 'an Int above 2^31'),
    register({ attachments: [{ fileName: 'a.pdf', mediaType: 'application/pdf', sizeBytes: -5, storageKey: 'k' }] }, 'a negative size'),
    register({ receivedAt: 'yesterday' }, 'a DateTime that is not one'),
    register({ receivedAt: '2026-02-30T10:00:00Z' }, 'a DateTime on 30 February'),
    register({ receivedAt: '1900-01-01T00:00:00Z' }, 'a receipt in 1900'),
    register({ receivedAt: '0001-01-01T00:00:00Z' }, 'a receipt in year 1'),
    register({ receivedAt: '9999-12-31T23:59:59Z' }, 'a receipt in 9999'),
    register({ receivedAt: '+275760-09-13T00:00:00Z' }, 'the last instant JavaScript knows'),
    register({ receivedAt: '+275761-01-01T00:00:00Z' }, 'a DateTime past the end of time'),
    register(
      {
        channel: 'ELECTRONIC',
        electronicSignature: { signer: 'X', certificateSerial: 'S', validFrom: '2030-01-01T00:00:00Z', validTo: '2020-01-01T00:00:00Z' },
      },
      'a signature valid backwards',
    ),
    register({ categoryId: 'not-a-uuid' }, 'a category id that is not a uuid'),
    register({ categoryId: demoId('category:none') }, 'an unknown category'),
    register({ repeatedOfId: sqlInjections[1] }, 'SQL in an id'),
    {
      name: 'classifyAppeal: a string for expectedVersion',
      expect: 'refused',
      codes: ['BAD_USER_INPUT'],
      send: op(`mutation($input: ClassifyAppealInput!) { classifyAppeal(input: $input) { id } }`, {
        input: { appealId, expectedVersion: 'latest', underAkimControl: true },
      }),
    },
    {
      name: 'classifyAppeal: a stale version',
      expect: 'refused',
      codes: ['CONFLICT'],
      send: op(`mutation($input: ClassifyAppealInput!) { classifyAppeal(input: $input) { id } }`, {
        input: { appealId, expectedVersion: appealVersion + 7, underAkimControl: true },
      }),
    },
    {
      name: 'extendAppeal: a Date of month 13',
      expect: 'refused',
      codes: ['BAD_USER_INPUT'],
      send: op(
        `mutation($input: ExtendAppealInput!) { extendAppeal(input: $input) { id } }`,
        { input: { appealId, expectedVersion: appealVersion, newDueDate: '2026-13-45', reason: 'x' } },
        { role: 'department_head', subject: 'h' },
      ),
    },
    {
      name: 'extendAppeal: a due date in year 9999',
      expect: 'refused',
      send: op(
        `mutation($input: ExtendAppealInput!) { extendAppeal(input: $input) { id } }`,
        { input: { appealId, expectedVersion: appealVersion, newDueDate: '9999-12-31', reason: 'x' } },
        { role: 'department_head', subject: 'h' },
      ),
    },
    { name: 'appeals: first is negative', expect: 'refused', codes: ['BAD_USER_INPUT'], send: op('{ appeals(first: -5) { edges { node { id } } } }') },
    {
      name: 'appeals: first is a million',
      expect: 'refused',
      codes: ['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED'],
      send: op('{ appeals(first: 1000000) { edges { node { id } } } }'),
    },
    {
      name: 'appeals: a forged cursor',
      expect: 'any',
      send: op(`{ appeals(after: "${Buffer.from(sqlInjections[0] ?? '').toString('base64')}") { edges { node { id } } } }`),
    },
    {
      name: 'appeals: an unknown state in the filter',
      expect: 'refused',
      codes: ['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED'],
      send: op('{ appeals(filter: { state: [HACKED] }) { edges { node { id } } } }'),
    },
    {
      name: 'problemMap over ten thousand years',
      expect: 'any',
      send: op('{ problemMap(from: "0001-01-01", to: "9999-12-31") { __typename } }', {}, { role: 'analyst', subject: 'a' }),
    },
    {
      name: 'problemMap with a reversed range',
      expect: 'any',
      send: op('{ problemMap(from: "2026-12-31", to: "2026-01-01") { __typename } }', {}, { role: 'analyst', subject: 'a' }),
    },
    {
      name: 'verifyAuditChain from 1970 to 9999',
      expect: 'any',
      send: op('{ verifyAuditChain(from: "1970-01-01T00:00:00Z", to: "9999-12-31T23:59:59Z") { intact } }', {}, controller),
    },
  );

  // Identification numbers.
  for (const [iin, why] of [
    ['123', 'too short'],
    ['1234567890123', 'too long'],
    ['90010130000A', 'with a letter'],
    ['900101300001', 'wrong check digit'],
    ['991399300000', 'month 13'],
    ['000000000000', 'all zeros'],
    ['９００１０１３０００１', 'full-width digits'],
    [sqlInjections[0], 'SQL'],
    [huge, '200,000 characters'],
  ] as const) {
    add(register(individual({ iin }), `IIN ${why}`));
  }
  for (const [bin, why] of [
    ['12345', 'too short'],
    ['990140000001', 'wrong check digit'],
    [scriptInjections[0], 'a script'],
  ] as const) {
    add(register({ applicant: { type: 'LEGAL_ENTITY', name: 'ТОО Ромашка', bin, representativeName: 'Иванов' } }, `BIN ${why}`));
  }

  // Huge strings in every kind of text field: refused with BAD_USER_INPUT, never stored.
  add(
    register({ summary: huge }, '200k summary'),
    register({ text: huge }, '200k text'),
    register(individual({ name: huge }), '200k applicant name'),
    register(individual({ address: huge }), '200k applicant address'),
    register(individual({ email: `${huge}@example.kz` }), '200k e-mail'),
    register({ attachments: [{ fileName: huge, mediaType: 'application/pdf', sizeBytes: 10, storageKey: 'k' }] }, '200k file name'),
    {
      name: 'recordConsultation: 200k answer',
      expect: 'refused',
      codes: ['BAD_USER_INPUT'],
      send: op(`mutation($input: RecordConsultationInput!) { recordConsultation(input: $input) { id } }`, {
        input: { topic: 'Вопрос', answer: huge, channel: 'PHONE' },
      }),
    },
    {
      name: 'bookAppointment: 200k topic',
      expect: 'refused',
      codes: ['BAD_USER_INPUT'],
      send: op(
        `mutation($input: BookAppointmentInput!) { bookAppointment(input: $input) { id } }`,
        { input: { slotId, topic: huge, citizenName: 'Ахметов Серик', citizenPhone: '+77011234567' } },
        citizen,
      ),
    },
    {
      name: 'bookAppointment: 200k name',
      expect: 'refused',
      codes: ['BAD_USER_INPUT'],
      send: op(
        `mutation($input: BookAppointmentInput!) { bookAppointment(input: $input) { id } }`,
        { input: { slotId, topic: 'Вопрос', citizenName: huge, citizenPhone: '+77011234567' } },
        citizen,
      ),
    },
    {
      name: 'bookAppointment: a phone that is SQL',
      expect: 'refused',
      codes: ['BAD_USER_INPUT'],
      send: op(
        `mutation($input: BookAppointmentInput!) { bookAppointment(input: $input) { id } }`,
        { input: { slotId, topic: 'Вопрос', citizenName: 'Ахметов', citizenPhone: sqlInjections[0] } },
        citizen,
      ),
    },
    {
      name: 'issueInstruction: 200k text',
      expect: 'refused',
      codes: ['BAD_USER_INPUT'],
      send: op(
        `mutation($input: IssueInstructionInput!) { issueInstruction(input: $input) { id } }`,
        {
          input: { issuerLevel: 'AKIM', issuerName: 'Аким', text: huge, executors: [{ organizationId: demoId('organization:health'), dueDate: '2030-01-10' }] },
        },
        controller,
      ),
    },
    {
      name: 'issueInstruction: a due date in year 1',
      expect: 'refused',
      codes: ['BAD_USER_INPUT'],
      send: op(
        `mutation($input: IssueInstructionInput!) { issueInstruction(input: $input) { id } }`,
        {
          input: {
            issuerLevel: 'AKIM',
            issuerName: 'Аким',
            text: 'Поручение',
            executors: [{ organizationId: demoId('organization:health'), dueDate: '0001-01-01' }],
          },
        },
        controller,
      ),
    },
    {
      name: 'upsertOrganization: 200k name',
      expect: 'refused',
      codes: ['BAD_USER_INPUT'],
      send: op(
        `mutation($input: OrganizationInput!) { upsertOrganization(input: $input) { id } }`,
        { input: { name: huge, kind: 'STATE_BODY' } },
        { role: 'admin', subject: 'admin' },
      ),
    },
    {
      name: 'a 200k string inline in the document',
      expect: 'refused',
      send: op(`{ searchAppeals(query: "${'я'.repeat(200_000)}") { edges { node { id } } } }`),
    },
  );

  // Text that is not text: NUL characters and unpaired surrogates.
  add(register({ text: 'до\u0000после' }, 'a NUL character in the text'), register({ summary: 'abc\ud800def' }, 'an unpaired surrogate in the summary'), {
    name: 'searchAppeals: a NUL character',
    expect: 'refused',
    codes: ['BAD_USER_INPUT'],
    send: op(`query($q: String!) { searchAppeals(query: $q) { edges { node { id } } } }`, { q: 'a\u0000b' }),
  });

  // Text that lies about itself: bidirectional overrides, zero-width and control characters (tab,
  // newline and CR are text). Refused by the input limits, with the field named.
  for (const [char, why] of [
    ['\u202e', 'a right-to-left override'],
    ['\u2066', 'a left-to-right isolate'],
    ['\u200b', 'a zero-width space'],
    ['\u200d', 'a zero-width joiner'],
    ['\ufeff', 'a byte-order mark'],
    ['\u0007', 'a bell (C0)'],
    ['\u001b', 'an escape (C0)'],
    ['\u007f', 'DEL'],
    ['\u0085', 'a next-line (C1)'],
  ] as const) {
    add(register({ summary: `Счёт${char}exe.fdp` }, `${why} in the summary`));
  }
  add(
    register(individual({ name: 'Асанов\u200b Асан' }), 'a zero-width space in the applicant name'),
    register(individual({ address: 'ул. Абая\u202e 1' }), 'a bidi override in the address'),
    register({ text: 'Текст\u001b[2J' }, 'a terminal escape sequence in the text'),
    {
      name: 'a bidi override inline in the document',
      expect: 'refused',
      codes: ['BAD_USER_INPUT'],
      send: op(`{ searchAppeals(query: "a\\u202Eb") { edges { node { id } } } }`),
    },
    {
      name: 'bookAppointment: a zero-width joiner in the name',
      expect: 'refused',
      codes: ['BAD_USER_INPUT'],
      send: op(
        `mutation($input: BookAppointmentInput!) { bookAppointment(input: $input) { id } }`,
        { input: { slotId, topic: 'Вопрос', citizenName: 'Ахметов\u200dСерик', citizenPhone: '+77011234567' } },
        citizen,
      ),
    },
  );

  // Phones, e-mails and counts that are not what they claim to be.
  for (const [phone, why] of [
    [`+7 ABC'); DROP TABLE appeal;--`, 'SQL'],
    ['+7 701 ABC 45 67', 'with letters'],
    ['+7 701 123', 'too short'],
    ['+7 701 123 45 67 89', 'too long for +7'],
    ['+1234567890123456', 'longer than E.164'],
    [scriptInjections[0], 'a script'],
  ] as const) {
    add(register(individual({ phone }), `phone ${why}`));
  }
  for (const [email, why] of [
    ['asanov@@mail.kz', 'two @'],
    ['asanov@localhost', 'no domain'],
    [`x'); DROP TABLE appeal;--@mail.kz`, 'SQL'],
  ] as const) {
    add(register(individual({ email }), `e-mail ${why}`));
  }
  add(
    register(individual({ signatoriesCount: 40 }), 'signatoriesCount on an individual'),
    register({ applicant: { type: 'ANONYMOUS', signatoriesCount: 2 } }, 'signatoriesCount on an anonymous appeal'),
    {
      name: 'upsertOrganization: a phone that is SQL',
      expect: 'refused',
      codes: ['BAD_USER_INPUT'],
      send: op(
        `mutation($input: OrganizationInput!) { upsertOrganization(input: $input) { id } }`,
        { input: { name: 'Управление', kind: 'STATE_BODY', phone: `+7 ABC'); DROP TABLE appeal;--` } },
        { role: 'admin', subject: 'admin' },
      ),
    },
    {
      name: 'bookAppointment: a phone with letters',
      expect: 'refused',
      codes: ['BAD_USER_INPUT'],
      send: op(
        `mutation($input: BookAppointmentInput!) { bookAppointment(input: $input) { id } }`,
        { input: { slotId, topic: 'Вопрос', citizenName: 'Ахметов', citizenPhone: '+7 701 ABC 45 67' } },
        citizen,
      ),
    },
  );

  // Bytes that are not UTF-8 (Windows-1251 "Асанов", an overlong "/", a lone continuation byte): refused, never read as U+FFFD.
  for (const [bytes, why] of [
    [[0xc0, 0xf1, 0xe0, 0xed, 0xee, 0xe2], 'Windows-1251 text'],
    [[0xc0, 0xaf], 'an overlong encoding'],
    [[0x80], 'a lone continuation byte'],
  ] as const) {
    add({
      name: `a body with ${why} instead of UTF-8`,
      expect: 'refused',
      codes: ['BAD_USER_INPUT'],
      send: async () => {
        const [head, tail] = JSON.stringify({ query: registerMutation, variables: { input: { ...validAppeal(), summary: '@@' } } }).split('@@');
        return raw(Buffer.concat([Buffer.from(head ?? ''), Buffer.from(bytes), Buffer.from(tail ?? '')]), { as: registrar });
      },
    });
  }

  // Injection through every argument that reaches a query: answered (nothing found) or refused, never executed.
  for (const payload of [...sqlInjections, ...scriptInjections]) {
    add(
      register(
        { ...individual({ iin: '12', name: payload, address: payload }), summary: payload, text: payload },
        `injection ${JSON.stringify(payload)} with an invalid IIN`,
      ),
      {
        name: `appeal(id) ${payload}`,
        expect: 'any',
        codes: ['NOT_FOUND', 'BAD_USER_INPUT'],
        send: op(`query($id: ID!) { appeal(id: $id) { id } }`, { id: payload }),
      },
      {
        name: `searchAppeals ${payload}`,
        expect: 'answered',
        send: op(`query($q: String!) { searchAppeals(query: $q) { edges { node { id } } } }`, { q: payload }),
      },
      {
        name: `appeals filter text ${payload}`,
        expect: 'answered',
        send: op(`query($t: String) { appeals(filter: { text: $t }) { edges { node { id } } } }`, { t: payload }),
      },
      {
        name: `appointment(id) ${payload}`,
        expect: 'any',
        codes: ['NOT_FOUND', 'BAD_USER_INPUT'],
        send: op(`query($id: ID!) { appointment(id: $id) { id } }`, { id: payload }),
      },
      {
        name: `instruction(id) ${payload}`,
        expect: 'any',
        codes: ['NOT_FOUND', 'BAD_USER_INPUT'],
        send: op(`query($id: ID!) { instruction(id: $id) { id } }`, { id: payload }, controller),
      },
      {
        name: `auditEntries entityId ${payload}`,
        expect: 'any',
        codes: ['BAD_USER_INPUT'],
        send: op(`query($e: String) { auditEntries(filter: { entityId: $e }) { edges { node { id } } } }`, { e: payload }, controller),
      },
      {
        name: `cancelAppointment(id) ${payload}`,
        expect: 'refused',
        codes: ['NOT_FOUND', 'BAD_USER_INPUT'],
        send: op(`mutation($id: ID!) { cancelAppointment(id: $id) { id } }`, { id: payload }, citizen),
      },
      {
        name: `acceptExecutionReport ${payload}`,
        expect: 'refused',
        codes: ['NOT_FOUND', 'BAD_USER_INPUT'],
        send: op(`mutation($id: ID!) { acceptExecutionReport(reportId: $id) { id } }`, { id: payload }, controller),
      },
    );
  }
  for (const query of [`!!! & | :* ((( "`, `-`, `"`, `a <-> <-> b`, `'`, `\\`, `%_%`, ' '.repeat(500)]) {
    add({
      name: `searchAppeals with tsquery syntax ${JSON.stringify(query.slice(0, 20))}`,
      expect: 'any',
      codes: ['BAD_USER_INPUT'],
      send: op(`query($q: String!) { searchAppeals(query: $q) { edges { node { id } } } }`, { q: query }),
    });
  }

  // Callers without the right: refused, not crashed.
  add(
    {
      name: 'registerAppeal anonymously',
      expect: 'refused',
      codes: ['UNAUTHENTICATED', 'FORBIDDEN'],
      send: op(registerMutation, { input: validAppeal() }, null),
    },
    { name: 'registerAppeal as a citizen', expect: 'refused', codes: ['FORBIDDEN'], send: op(registerMutation, { input: validAppeal() }, citizen) },
    {
      name: 'upsertCategory as a registrar',
      expect: 'refused',
      codes: ['FORBIDDEN'],
      send: op(`mutation($input: CategoryInput!) { upsertCategory(input: $input) { id } }`, { input: { code: '99', name: 'x', nameKk: 'x' } }),
    },
  );
  return cases;
}

/** Row counts of every table of every service's database. */
async function rowCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const service of serviceNames) {
    const db = r.db(service);
    const { rows } = await db.query<{ table_name: string }>(
      `select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'mikro_orm_migrations' order by table_name`,
    );
    for (const { table_name } of rows) {
      const result = await db.query<{ n: number }>(`select count(*)::int as n from "${table_name.replaceAll('"', '""')}"`);
      counts[`${service}.${table_name}`] = result.rows[0]?.n ?? -1;
    }
  }
  return counts;
}

const leaks = [
  { what: 'a stack trace', pattern: /stacktrace|\n\s+at |\bat [\w.<>]+ \(|node:internal|node_modules|\/work\/|\.ts:\d+/ },
  {
    what: 'database error text',
    pattern:
      /syntax error at or near|violates .* constraint|duplicate key|invalid input syntax|invalid byte sequence|relation "|column "|DriverException|MikroORM|SQLSTATE/i,
  },
];

beforeAll(async () => {
  r = await startReliability('bad-input');
  const startsAt = new Date(Date.now() + 25 * 86_400_000);
  startsAt.setUTCHours(4, 0, 0, 0);
  const session = await r.gql<{ publishReceptionSession: { slots: { id: string }[] } }>(
    `mutation($input: PublishReceptionSessionInput!) { publishReceptionSession(input: $input) { slots { id } } }`,
    {
      input: {
        officialId: demoId('official:deputy-social'),
        startsAt: startsAt.toISOString(),
        format: 'IN_PERSON',
        place: 'Зал приёма',
        capacity: 3,
        slotMinutes: 15,
      },
    },
    registrar,
  );
  slotId = session.data?.publishReceptionSession?.slots[0]?.id ?? '';
  assert.ok(slotId, session.text);
  const appeal = await r.gql<{ registerAppeal: { id: string; version: number } }>(
    `mutation($input: RegisterAppealInput!) { registerAppeal(input: $input) { id version } }`,
    { input: validAppeal() },
    registrar,
  );
  assert.ok(appeal.data?.registerAppeal, appeal.text);
  appealId = appeal.data.registerAppeal.id;
  appealVersion = appeal.data.registerAppeal.version;
  // Every consumer has caught up (nothing is still arriving), so any change from now on is ours.
  await waitCaughtUp(r);
}, startupTimeoutMs);

afterAll(async () => {
  await r?.stop();
});

describe('a corpus of malformed and hostile requests through the gateway', () => {
  it('refuses each with a code, without a crash, a stack trace or a changed row', async () => {
    const before = await rowCounts();
    const cases = corpus();
    const problems: string[] = [];
    const codesSeen = new Map<string, number>();
    const started = Date.now();
    // Two at a time: hostile, but not a load test.
    for (let i = 0; i < cases.length; i += 2) {
      await Promise.all(
        cases.slice(i, i + 2).map(async (c) => {
          let answer: Answer;
          try {
            answer = await c.send();
          } catch (error) {
            problems.push(
              `${c.name}: the request failed (${error instanceof Error ? `${error.message} ${error.cause instanceof Error ? String(error.cause) : ''}` : String(error)})`,
            );
            return;
          }
          const where = `${c.name} (HTTP ${answer.status}): ${answer.text.slice(0, 300)}`;
          if (answer.status >= 500) problems.push(`${where}: a 5xx`);
          if (!/json/i.test(answer.contentType)) problems.push(`${where}: answered as ${answer.contentType}, not JSON`);
          for (const leak of leaks) if (leak.pattern.test(answer.text)) problems.push(`${where}: leaks ${leak.what}`);
          const errors = answer.body?.errors ?? [];
          if (!answer.body) problems.push(`${where}: the body is not JSON`);
          for (const e of errors) {
            const code = typeof e.extensions?.code === 'string' ? e.extensions.code : null;
            if (!code) problems.push(`${where}: an error without extensions.code`);
            else codesSeen.set(code, (codesSeen.get(code) ?? 0) + 1);
            if (code === 'INTERNAL_SERVER_ERROR') problems.push(`${where}: INTERNAL_SERVER_ERROR (a crash, not a refusal)`);
            if (code && c.codes && !c.codes.includes(code) && !(c.expect !== 'refused' && code === 'NOT_FOUND'))
              problems.push(`${where}: code ${code}, expected ${c.codes.join(' or ')}`);
          }
          if (c.expect === 'refused' && errors.length === 0) problems.push(`${where}: accepted, should be refused`);
          // The same refusal of the input, the same status, whether the gateway, a subgraph's limits or a use case refused it.
          const data = answer.body?.data as Record<string, unknown> | null | undefined;
          if (refusalStatus({ data, errors }) === 400 && answer.status !== 400) problems.push(`${where}: BAD_USER_INPUT without data, expected HTTP 400`);
          if (c.expect === 'answered' && errors.length > 0) problems.push(`${where}: refused, should be answered`);
        }),
      );
    }
    const elapsed = Date.now() - started;

    // Everything stays up.
    for (const name of [...serviceNames, 'gateway']) {
      assert.equal(await health(r, name, 'live'), 200, `${name} is alive after the corpus`);
      assert.equal(r.system.processes.get(name)?.child.exitCode, null, `${name} has not exited`);
    }
    assert.deepEqual(r.unexpectedExits, [], 'no process died');
    assert.deepEqual(problems, [], `${problems.length} problems in ${cases.length} requests`);

    // Not one row changed anywhere (main tables, outbox, inbox): counted once whatever the corpus
    // might have set off has been published and consumed.
    await waitCaughtUp(r);
    const afterCounts = await rowCounts();
    const changed = Object.keys({ ...before, ...afterCounts }).filter((table) => before[table] !== afterCounts[table]);
    assert.deepEqual(
      changed.map((table) => `${table}: ${before[table]} -> ${afterCounts[table]}`),
      [],
      'the refused calls changed nothing',
    );
    console.log(
      `[bad-input] ${cases.length} hostile requests in ${elapsed} ms; codes ${JSON.stringify([...codesSeen].sort())}; ${Object.keys(before).length} tables unchanged`,
    );
  }, 240_000);

  it('stores injection strings in text fields verbatim, as data', async () => {
    const text = [...sqlInjections, ...scriptInjections].join('\n');
    const result = await r.gql<{ registerAppeal: { id: string; summary: string; text: string } }>(
      `mutation($input: RegisterAppealInput!) { registerAppeal(input: $input) { id summary text } }`,
      { input: { ...validAppeal(), summary: `${scriptInjections[0]} ${sqlInjections[1]}`, text } },
      registrar,
    );
    assert.ok(result.data?.registerAppeal, result.text);
    assert.equal(result.data.registerAppeal.text, text);
    assert.equal(result.data.registerAppeal.summary, `${scriptInjections[0]} ${sqlInjections[1]}`);
    const { rows } = await r.db('appeals').query<{ text: string }>('select text from appeal where id = $1', [result.data.registerAppeal.id]);
    assert.equal(rows[0]?.text, text);
    const tables = await r
      .db('appeals')
      .query<{ n: number }>(`select count(*)::int as n from information_schema.tables where table_name in ('appeal', 'outbox')`);
    assert.equal(tables.rows[0]?.n, 2, 'the tables are all still there');
  });
});
