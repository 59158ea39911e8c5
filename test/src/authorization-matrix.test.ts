// Every role × every mutation of the supergraph, through the gateway. The mutations are read from
// schema/supergraph.graphql, so a new one is covered (and must get a rule below) automatically;
// role-guarded queries listed in `guardedQueries` are checked the same way.
// A role that is not allowed must get FORBIDDEN (anonymous: UNAUTHENTICATED) and write nothing;
// an allowed role must get past the role check.
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { beforeAll, describe, it } from '@jest/globals';
import { diagnostic } from '@bakylau/platform/testkit/diagnostic';
import assert from '@bakylau/platform/testkit/assert';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import pg from 'pg';
import { roles, type Role } from '@bakylau/platform/auth/principal';
import { codeOf, gql, serviceDatabaseUrl, type Caller, type GqlResult } from './gateway-client.ts';
import { kzToday, randomIin, seededOrganizations, uniqueTag } from './fixtures.ts';

/**
 * Who may call each mutation, read from the use cases' requireRole(...) calls (and the other
 * guards named in `source`). `scoped` roles pass the role check but act only within their scope
 * (an executor on its own organization's work, an official on their own sessions, a citizen on
 * their own records, a registrar or controller signing only with a delegation): for them a
 * FORBIDDEN from the scope check is legitimate.
 */
type Rule = { allowed: Role[]; scoped?: Role[]; source: string };

const routing: Role[] = ['registrar', 'controller', 'department_head'];
const sessionManagers: Role[] = ['official', 'registrar', 'department_head', 'admin'];
const bookers: Role[] = ['citizen', 'registrar', 'department_head', 'admin'];
const controlStaff: Role[] = ['controller', 'department_head'];

const allowedRoles: Record<string, Rule> = {
  // appeals
  registerAppeal: { allowed: ['registrar', 'department_head'], source: 'services/appeals/src/use-cases/register-appeal.ts registerAppeal (registrationRoles)' },
  fileAppeal: { allowed: ['citizen'], source: 'services/appeals/src/use-cases/register-appeal.ts fileAppeal' },
  classifyAppeal: { allowed: routing, source: 'services/appeals/src/use-cases/route-appeal.ts classifyAppeal (routingRoles)' },
  assignAppeal: { allowed: routing, source: 'services/appeals/src/use-cases/route-appeal.ts assignAppeal (routingRoles)' },
  startAppealWork: { allowed: ['executor'], scoped: ['executor'], source: 'services/appeals/src/use-cases/answer-appeal.ts startAppealWork' },
  forwardAppeal: { allowed: routing, source: 'services/appeals/src/use-cases/route-appeal.ts forwardAppeal (routingRoles)' },
  leaveAppealWithoutConsideration: { allowed: routing, source: 'services/appeals/src/use-cases/route-appeal.ts leaveWithoutConsideration (routingRoles)' },
  redirectExcludedAppeal: { allowed: routing, source: 'services/appeals/src/use-cases/route-appeal.ts redirectExcluded (routingRoles)' },
  submitAppealAnswer: { allowed: ['executor'], scoped: ['executor'], source: 'services/appeals/src/use-cases/answer-appeal.ts submitAppealAnswer' },
  reviewAppealAnswer: { allowed: controlStaff, source: 'services/appeals/src/use-cases/answer-appeal.ts reviewAppealAnswer (reviewRoles)' },
  signAppealAnswer: {
    allowed: ['department_head', 'controller', 'registrar'],
    scoped: ['controller', 'registrar'],
    source: 'services/appeals/src/use-cases/signing-authority.ts signingAuthority (a substitute needs a delegation)',
  },
  extendAppeal: {
    allowed: ['department_head', 'controller', 'registrar'],
    scoped: ['controller', 'registrar'],
    source: 'services/appeals/src/use-cases/signing-authority.ts signingAuthority (a substitute needs a delegation)',
  },
  withdrawAppeal: {
    allowed: ['citizen', 'registrar', 'department_head'],
    scoped: ['citizen'],
    source: 'services/appeals/src/use-cases/route-appeal.ts withdrawAppeal',
  },
  rateAnswer: { allowed: ['citizen'], scoped: ['citizen'], source: 'services/appeals/src/use-cases/rate-answer.ts rateAnswer (the applicant only)' },
  upsertOrganization: { allowed: ['admin'], source: 'services/appeals/src/use-cases/directory.ts upsertOrganization' },
  upsertDistrict: { allowed: ['admin'], source: 'services/appeals/src/use-cases/directory.ts upsertDistrict' },
  upsertCategory: { allowed: ['admin'], source: 'services/appeals/src/use-cases/directory.ts upsertCategory' },
  delegateSigning: { allowed: ['department_head'], source: 'services/appeals/src/use-cases/signing-delegations.ts delegateSigning' },
  revokeDelegation: { allowed: ['department_head'], source: 'services/appeals/src/use-cases/signing-delegations.ts revokeDelegation' },
  recordConsultation: { allowed: ['registrar', 'department_head'], source: 'services/appeals/src/use-cases/consultations.ts recordConsultation' },
  detectOverdueAppeals: {
    allowed: ['controller', 'department_head', 'admin'],
    source: 'services/appeals/src/use-cases/overdue-appeals.ts detectOverdueAppeals',
  },
  detectSystemicIssues: {
    allowed: ['analyst', 'controller', 'department_head'],
    source: 'services/appeals/src/use-cases/systemic-issues.ts detectSystemicIssues (detectRoles)',
  },
  confirmSystemicIssue: { allowed: ['controller', 'department_head'], source: 'services/appeals/src/use-cases/systemic-issues.ts decide (decideRoles)' },
  dismissSystemicIssue: { allowed: ['controller', 'department_head'], source: 'services/appeals/src/use-cases/systemic-issues.ts decide (decideRoles)' },
  // audit
  planRecordKeepingInspection: {
    allowed: controlStaff,
    source: 'services/audit/src/use-cases/record-keeping.ts planRecordKeepingInspection (recordKeepingRoles)',
  },
  recordRecordKeepingInspectionResults: {
    allowed: controlStaff,
    source: 'services/audit/src/use-cases/record-keeping.ts recordRecordKeepingInspectionResults (recordKeepingRoles)',
  },
  recordStaffBriefing: { allowed: controlStaff, source: 'services/audit/src/use-cases/record-keeping.ts recordStaffBriefing (recordKeepingRoles)' },
  evaluateOverdueExtensionNotices: {
    allowed: ['controller', 'department_head', 'admin'],
    source: 'services/audit/src/resolvers/mutation.ts evaluateOverdueExtensionNotices',
  },
  // instructions
  issueInstruction: {
    allowed: ['controller', 'department_head', 'registrar'],
    scoped: ['registrar'],
    source:
      'services/instructions/src/use-cases/issue-instruction.ts issueInstruction + domain/instruction-access.ts assertMayIssue (a registrar only for presidential levels)',
  },
  submitExecutionReport: {
    allowed: ['executor'],
    scoped: ['executor'],
    source: 'services/instructions/src/use-cases/execution-reports.ts submitExecutionReport',
  },
  acceptExecutionReport: { allowed: controlStaff, source: 'services/instructions/src/use-cases/execution-reports.ts reviewExecutionReport' },
  returnExecutionReport: { allowed: controlStaff, source: 'services/instructions/src/use-cases/execution-reports.ts reviewExecutionReport' },
  removeInstructionFromControl: { allowed: controlStaff, source: 'services/instructions/src/use-cases/control-decisions.ts removeInstructionFromControl' },
  extendInstruction: {
    allowed: ['department_head', 'controller', 'registrar'],
    scoped: ['controller', 'registrar'],
    source: 'services/instructions/src/use-cases/head-authority.ts requireHeadAuthority (a substitute needs a delegation)',
  },
  recordInspection: { allowed: controlStaff, source: 'services/instructions/src/use-cases/monitoring-records.ts recordInspection' },
  proposeDisciplinaryAction: { allowed: controlStaff, source: 'services/instructions/src/use-cases/monitoring-records.ts proposeDisciplinaryAction' },
  decideDisciplinaryProposal: { allowed: controlStaff, source: 'services/instructions/src/use-cases/monitoring-records.ts decideDisciplinaryProposal' },
  signConclusion: {
    allowed: ['department_head', 'controller', 'registrar'],
    scoped: ['controller', 'registrar'],
    source: 'services/instructions/src/use-cases/head-authority.ts requireHeadAuthority (a substitute needs a delegation)',
  },
  // reception
  createOfficial: { allowed: ['department_head', 'admin'], source: 'services/reception/src/use-cases/reception-directory.ts createOfficial' },
  publishReceptionSession: {
    allowed: sessionManagers,
    scoped: ['official'],
    source: 'services/reception/src/use-cases/session-publishing.ts publishReceptionSession',
  },
  addSessionParticipant: { allowed: sessionManagers, scoped: ['official'], source: 'services/reception/src/use-cases/session-publishing.ts sessionToManage' },
  cancelReceptionSession: { allowed: sessionManagers, scoped: ['official'], source: 'services/reception/src/use-cases/session-publishing.ts sessionToManage' },
  bookAppointment: { allowed: bookers, source: 'services/reception/src/use-cases/appointment-booking.ts bookAppointment (bookers)' },
  cancelAppointment: {
    allowed: [...bookers, 'official'],
    scoped: ['citizen', 'official'],
    source: 'services/reception/src/use-cases/appointment-booking.ts cancelAppointment (bookers, official)',
  },
  rebookAppointment: {
    allowed: [...bookers, 'official'],
    scoped: ['citizen', 'official'],
    source: 'services/reception/src/use-cases/appointment-booking.ts rebookAppointment (bookers, official)',
  },
  joinWaitingList: { allowed: bookers, source: 'services/reception/src/use-cases/appointment-booking.ts joinWaitingList (bookers)' },
  recordVisit: { allowed: sessionManagers, scoped: ['official'], source: 'services/reception/src/use-cases/visit-recording.ts recordVisit (recorders)' },
  markNoShow: { allowed: sessionManagers, scoped: ['official'], source: 'services/reception/src/use-cases/visit-recording.ts markNoShow (recorders)' },
  createReceptionPlan: {
    allowed: ['registrar', 'department_head', 'admin'],
    source: 'services/reception/src/use-cases/reception-directory.ts createReceptionPlan',
  },
};

/** Queries a role check guards as a whole (not per field or per row), from their use cases' requireRole(...) calls. */
const guardedQueries: Record<string, Rule> = {
  semiAnnualReport: {
    allowed: ['analyst', 'controller', 'department_head', 'admin'],
    source: 'services/appeals/src/use-cases/semi-annual-report.ts semiAnnualReportDocument (reportRoles)',
  },
  exportAppealRegistry: {
    allowed: ['registrar', 'controller', 'department_head', 'admin', 'analyst', 'executor'],
    source: 'services/appeals/src/use-cases/registry-export.ts requestRegistryExport (registryExportRoles; an executor exports its organization only)',
  },
  signingDelegations: {
    allowed: ['department_head', 'controller', 'registrar', 'admin'],
    source: 'services/appeals/src/use-cases/signing-delegations.ts listDelegations (delegationReaders)',
  },
};

const ruleOf = (field: string): Rule | undefined => allowedRoles[field] ?? guardedQueries[field];

const services = ['appeals', 'reception', 'instructions', 'audit'] as const;
const runTag = `authz-${uniqueTag()}`;

const citizenIin = randomIin();

/** One caller per role; scoped roles carry a seeded organization, and a citizen their IIN, as real tokens do. */
function callerFor(role: Role): Caller {
  const organizationId = role === 'executor' ? seededOrganizations.health : role === 'official' || role === 'agency' ? seededOrganizations.akimat : null;
  return { role, organizationId, subject: `${runTag}-${role}`, ...(role === 'citizen' ? { iin: citizenIin } : {}) };
}

const schema = buildSchema(readFileSync(join(import.meta.dirname, '..', '..', 'schema', 'supergraph.graphql'), 'utf8'));
const mutationType = schema.getMutationType();
const mutations: GraphQLField<unknown, unknown>[] = mutationType ? Object.values(mutationType.getFields()) : [];
const queryFields = schema.getQueryType()?.getFields() ?? {};

/**
 * How generated arguments look: `plausible` ones are well-formed (random ids, 'x', 1, today);
 * `malformed` ones break the use cases' own input checks (an id that is not a uuid, a blank
 * string, a negative number) while still passing GraphQL's type checks, so a use case that
 * validates before it checks the role answers BAD_USER_INPUT instead of FORBIDDEN.
 */
type Sample = 'plausible' | 'malformed';

/** A value of an input type that GraphQL accepts: required input fields only, one element per list. */
function sampleValue(type: GraphQLInputType, path: string, sample: Sample): unknown {
  if (isNonNullType(type)) return sampleValue(type.ofType, path, sample);
  if (isListType(type)) return [sampleValue(type.ofType, `${path}[0]`, sample)];
  if (isInputObjectType(type)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      if (isNonNullType(field.type) && field.defaultValue === undefined) value[field.name] = sampleValue(field.type, `${path}.${field.name}`, sample);
    }
    return value;
  }
  if (isEnumType(type)) {
    const first = type.getValues()[0];
    if (!first) throw new Error(`enum ${type.name} has no values (${path})`);
    return first.value;
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'ID':
        return sample === 'plausible' ? randomUUID() : 'not-an-id';
      case 'String':
        return sample === 'plausible' ? 'x' : ' ';
      case 'Int':
      case 'Float':
        return sample === 'plausible' ? 1 : -1;
      case 'Boolean':
        return false;
      case 'DateTime':
        return new Date().toISOString();
      case 'Date':
        return kzToday();
      case 'JSON':
        return {};
      default:
        throw new Error(`no sample for the scalar ${type.name} at ${path}: teach sampleValue about it`);
    }
  }
  throw new Error(`no sample for ${String(type)} at ${path}`);
}

/** `mutation` names the root field called: a mutation, or a guarded query. */
type Call = { mutation: string; sample: Sample; query: string; variables: Record<string, unknown> };

/** The operation with every required argument as a variable and the smallest selection. */
function callOf(field: GraphQLField<unknown, unknown>, sample: Sample, operation: 'mutation' | 'query' = 'mutation'): Call {
  const required = field.args.filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined);
  const variables: Record<string, unknown> = {};
  for (const arg of required) variables[arg.name] = sampleValue(arg.type, `${field.name}(${arg.name})`, sample);
  const declarations = required.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
  const argumentList = required.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
  const query = `${operation} Authz${declarations ? `(${declarations})` : ''} { ${field.name}${argumentList ? `(${argumentList})` : ''}${selection} }`;
  return { mutation: field.name, sample, query, variables };
}

type Row = { call: Call; caller: Caller | null };
type Outcome = Row & { result: GqlResult<unknown>; requestId: string };

let requestCounter = 0;

/** Runs rows a few at a time, each with an x-request-id of this run (the outbox keeps it in its headers). */
async function run(rows: Row[], concurrency = 6): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  let next = 0;
  async function worker(): Promise<void> {
    for (;;) {
      const row = rows[next++];
      if (!row) return;
      const requestId = `${runTag}-${++requestCounter}`;
      const result = await gql(row.call.query, row.call.variables, row.caller ?? undefined, { headers: { 'x-request-id': requestId } });
      outcomes.push({ ...row, result, requestId });
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  return outcomes;
}

/** What the mutation returned, if anything. */
function dataOf(o: Outcome): unknown {
  const data = o.result.data;
  return data && typeof data === 'object' ? (data as Record<string, unknown>)[o.call.mutation] : undefined;
}

function describeOutcome(o: Outcome): string {
  const error = o.result.errors?.[0];
  return `${o.call.mutation} (${o.call.sample} arguments) as ${o.caller?.role ?? 'anonymous'}: got ${error ? `${error.extensions?.code ?? 'no code'} "${error.message}"` : `success (HTTP ${o.result.status})`} — rule: ${ruleOf(o.call.mutation)?.source ?? '?'}`;
}

type OutboxMark = Map<string, number>;

async function withDatabase<T>(service: (typeof services)[number], fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serviceDatabaseUrl(service) });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The last outbox sequence of every service database. */
async function outboxMarks(): Promise<OutboxMark> {
  const marks: OutboxMark = new Map();
  for (const service of services) {
    const seq = await withDatabase(
      service,
      async (c) => (await c.query<{ seq: string }>('select coalesce(max(seq), 0)::text as seq from outbox')).rows[0]?.seq ?? '0',
    );
    marks.set(service, Number(seq));
  }
  return marks;
}

/**
 * Outbox rows written since `marks` by a request of this run or by one of its callers. Other
 * suites and background jobs (overdue sweeps, consumers) share the databases and may write
 * meanwhile, so rows are attributed by the request id and the actor rather than counted.
 */
async function outboxRowsOfThisRun(marks: OutboxMark): Promise<string[]> {
  const found: string[] = [];
  for (const service of services) {
    const rows = await withDatabase(
      service,
      async (c) =>
        (
          await c.query<{ type: string; request_id: string | null }>(
            `select type, headers->>'x-request-id' as request_id from outbox
           where seq > $1 and (headers->>'x-request-id' like $2 or event::text like $3) order by seq`,
            [marks.get(service) ?? 0, `${runTag}-%`, `%${runTag}-%`],
          )
        ).rows,
    );
    found.push(...rows.map((r) => `${service}: ${r.type} (request ${r.request_id ?? '?'})`));
  }
  return found;
}

describe('authorization matrix: every role × every mutation, through the gateway', () => {
  const denied: Row[] = [];
  const permitted: Row[] = [];

  beforeAll(() => {
    const guarded = Object.keys(guardedQueries).flatMap((name) => (queryFields[name] ? [{ field: queryFields[name], operation: 'query' as const }] : []));
    for (const { field, operation } of [...mutations.map((field) => ({ field, operation: 'mutation' as const })), ...guarded]) {
      const rule = ruleOf(field.name);
      if (!rule) continue;
      // Refused callers get both kinds of arguments: the role check must come before any other.
      for (const sample of ['plausible', 'malformed'] as const) {
        const call = callOf(field, sample, operation);
        denied.push({ call, caller: null });
        for (const role of roles) if (!rule.allowed.includes(role)) denied.push({ call, caller: callerFor(role) });
      }
      const call = callOf(field, 'plausible', operation);
      for (const role of rule.allowed) permitted.push({ call, caller: callerFor(role) });
    }
  });

  it('has an access rule for every mutation of the supergraph, and none for a mutation that is gone', () => {
    assert.ok(mutations.length > 0, 'the supergraph has mutations');
    const missing = mutations.map((m) => m.name).filter((name) => !allowedRoles[name]);
    assert.deepEqual(missing, [], `mutations without an entry in allowedRoles (read their use cases' requireRole calls and add them): ${missing.join(', ')}`);
    const stale = Object.keys(allowedRoles).filter((name) => !mutations.some((m) => m.name === name));
    assert.deepEqual(stale, [], `allowedRoles names mutations the supergraph no longer has: ${stale.join(', ')}`);
    const staleQueries = Object.keys(guardedQueries).filter((name) => !queryFields[name]);
    assert.deepEqual(staleQueries, [], `guardedQueries names queries the supergraph does not have: ${staleQueries.join(', ')}`);
    for (const [name, rule] of [...Object.entries(allowedRoles), ...Object.entries(guardedQueries)]) {
      assert.ok(rule.allowed.length > 0, `${name}: some role must be allowed`);
      for (const role of rule.scoped ?? []) assert.ok(rule.allowed.includes(role), `${name}: scoped role ${role} must also be allowed`);
    }
  });

  it('refuses each role that is not allowed with FORBIDDEN, anonymous callers with UNAUTHENTICATED, and writes nothing', async () => {
    const marks = await outboxMarks();
    const outcomes = await run(denied);
    assert.equal(outcomes.length, denied.length);
    const wrong = outcomes.filter((o) => codeOf(o.result) !== (o.caller ? 'FORBIDDEN' : 'UNAUTHENTICATED') || dataOf(o) != null);
    const written = await outboxRowsOfThisRun(marks);
    assert.deepEqual(
      { notRefusedFirst: wrong.map(describeOutcome).sort(), eventsWritten: written },
      { notRefusedFirst: [], eventsWritten: [] },
      `of ${outcomes.length} calls that must be refused, ${wrong.length} did not get FORBIDDEN (UNAUTHENTICATED when anonymous), so the use case does not check the role first; ` +
        `${written.length} events were written to an outbox by refused calls`,
    );
  });

  it('lets each allowed role past the role check (a scoped role may still be refused by its scope)', async () => {
    const marks = await outboxMarks();
    const outcomes = await run(permitted);
    const codes = new Map<string, number>();
    for (const o of outcomes) codes.set(codeOf(o.result) ?? 'success', (codes.get(codeOf(o.result) ?? 'success') ?? 0) + 1);
    diagnostic(`allowed calls by outcome: ${[...codes].map(([code, n]) => `${code} ${n}`).join(', ')}`);
    if (process.env['AUTHZ_VERBOSE']) for (const o of outcomes) diagnostic(describeOutcome(o));
    assert.equal(outcomes.length, permitted.length);
    const wrong = outcomes.filter((o) => {
      const code = codeOf(o.result);
      const scoped = !!o.caller && (ruleOf(o.call.mutation)?.scoped ?? []).includes(o.caller.role);
      return code === 'UNAUTHENTICATED' || (code === 'FORBIDDEN' && !scoped);
    });
    assert.deepEqual(wrong.map(describeOutcome).sort(), [], 'allowed roles must not be refused by the role check');
    // The probe that found nothing for the refused calls finds what the allowed ones wrote (the
    // admin's upsertOrganization with generated data succeeds and publishes organization.upserted).
    const written = await outboxRowsOfThisRun(marks);
    assert.ok(written.length > 0, 'the outbox probe must see the events of allowed calls, or its silence above proves nothing');
  });
});
