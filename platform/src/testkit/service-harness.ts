import { randomUUID } from 'node:crypto';
import { loadOrCreateDevKeyPair, mintToken, devAudience, devIssuer } from '../auth/dev-keys.ts';
import { createGatewayProof, gatewayProofKeysSchema } from '../auth/gateway-proof.ts';
import type { Role } from '../auth/principal.ts';
import { allMigrations, createOrm } from '../db/orm.ts';
import { createTestDatabase } from '../db/test-database.ts';
import { eventContractProblems } from '../events/event-contracts.ts';
import { findPersonalData } from '../events/personal-data-scan.ts';
import { isSealedText, openSealedText, type SealingKeyring } from '../events/sealed-text.ts';
import { consumerGroupId } from '../inbox/inbox-consumer.ts';
import { startService, type RequestContext, type RunningService, type ServiceDefinition } from '../service-runtime.ts';
import { endOffsets, waitForConsumersCaughtUp, withAdmin, type WatchedGroup } from './consumers-caught-up.ts';
import { testEnv } from './test-env.ts';

export type GraphQLResult<TData = Record<string, unknown>> = {
  data?: TData | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; [key: string]: unknown } }[];
};

export type TestCaller = { role: Role; organizationId?: string | null; subject?: string; name?: string; position?: string; iin?: string; bin?: string };

export type TestService = RunningService & {
  databaseUrl: string;
  /** Sends an operation over HTTP, as the gateway would (with its proof, when GATEWAY_PROOF_KEYS is set), with a token for `as` (anonymous without). */
  request<TData = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, as?: TestCaller): Promise<GraphQLResult<TData>>;
  /** Federation entity lookup, the way the gateway resolves a reference. */
  entities<TData = Record<string, unknown>>(representations: Record<string, unknown>[], selection: string, as?: TestCaller): Promise<GraphQLResult<TData>>;
  /**
   * SQL statements the service's ORM sent since it started or since the last reset (finds,
   * flushes and raw `em.execute`; not begin/commit, not the outbox relay's own connection).
   * With consumers or jobs running, their queries count too.
   */
  queryCount(): number;
  /** The SQL of those statements, oldest first, the first 5,000 kept (to show what a count is made of). */
  queryLog(): readonly string[];
  resetQueryCount(): void;
  /**
   * With consumers running: waits until they have applied every message published on their topics
   * up to now, and the service's outbox has nothing pending (see waitForConsumersCaughtUp).
   * A test asserting that nothing more turns up waits for this first.
   */
  consumersCaughtUp(timeoutMs?: number): Promise<void>;
};

/** Signs a development token for a test caller. */
export async function tokenFor(caller: TestCaller): Promise<string> {
  const keys = loadOrCreateDevKeyPair();
  return mintToken({
    privateKeyPem: keys.privateKeyPem,
    issuer: devIssuer,
    audience: devAudience,
    subject: caller.subject ?? `test-${caller.role}`,
    role: caller.role,
    organizationId: caller.organizationId ?? null,
    ...(caller.name ? { name: caller.name } : {}),
    ...(caller.position ? { position: caller.position } : {}),
    ...(caller.iin ? { iin: caller.iin } : {}),
    ...(caller.bin ? { bin: caller.bin } : {}),
    expiresIn: '1h',
  });
}

/** Sealed text in `value`, at every depth, that `keyring` cannot open: the consuming services could not read it. */
function unopenedSealedText(value: unknown, keyring: SealingKeyring, path: string): string[] {
  if (isSealedText(value)) {
    try {
      openSealedText(value, keyring);
      return [];
    } catch (error) {
      return [`${path}: ${error instanceof Error ? error.message : String(error)}`];
    }
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => unopenedSealedText(item, keyring, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => unopenedSealedText(item, keyring, `${path}.${key}`));
  return [];
}

/**
 * Every way the events a test left in the outbox break their published contract, carry personal
 * data or seal text the services' keyring does not open; recordEvent already refuses contract
 * breaches, so this also catches rows written around it.
 */
export async function outboxEventProblems(orm: RunningService['orm'], sealingKeys: SealingKeyring): Promise<string[]> {
  const rows = await orm.em.fork().execute<{ event: { id?: unknown; type?: unknown; data?: unknown } }[]>('select event from outbox order by seq');
  return rows.flatMap(({ event }) => {
    const label = `${String(event.type)} ${String(event.id)}`;
    return [...eventContractProblems(event), ...findPersonalData(event.data, '$.data'), ...unopenedSealedText(event.data, sealingKeys, '$.data')].map(
      (problem) => `${label}: ${problem}`,
    );
  });
}

/** The forms a careless "seal" could leave a text in: plain, base64, base64url, hex. */
function encodingsOf(phrase: string): string[] {
  const bytes = Buffer.from(phrase, 'utf8');
  return [phrase, bytes.toString('base64').replace(/=+$/, ''), bytes.toString('base64url'), bytes.toString('hex')];
}

/**
 * The outbox rows (`type id`) whose event or headers hold `phrase`, plainly or merely encoded: a
 * test plants a phrase in free text that must travel sealed and expects none.
 */
export async function outboxRowsHolding(orm: RunningService['orm'], phrase: string): Promise<string[]> {
  const rows = await orm.em
    .fork()
    .execute<{ id: string; type: string; raw: string }[]>('select id, type, event::text || headers::text as raw from outbox order by seq');
  return rows.filter((row) => rawHolds(row.raw, phrase)).map((row) => `${row.type} ${row.id}`);
}

/** True when `raw` (a Kafka message, an outbox row) holds `phrase` plainly or merely encoded. */
export function rawHolds(raw: string, phrase: string): boolean {
  return encodingsOf(phrase).some((form) => raw.includes(form));
}

/**
 * Starts a service for an integration test: its own fresh database cloned from a migrated
 * template, the real Kafka broker of the test run, a free port. Stop it in `after()`: stopping
 * checks every event the test produced against its contract and for personal data, so each
 * service integration test is also a contract test.
 */
export async function startTestService<TContext extends RequestContext>(
  definition: ServiceDefinition<TContext>,
  options: { seed?: boolean; env?: Record<string, string>; consumers?: boolean } = {},
): Promise<TestService> {
  // Consumers read whole topics of the shared test broker, other files' events included; a test
  // that wants them running asks for them and gets a consumer group of its own.
  const running = options.consumers ? definition : { ...definition, consumers: [] };
  if (!testEnv.kafkaBrokers) throw new Error('KAFKA_BROKERS is not set: run tests with `npm test`');
  const db = await createTestDatabase({
    baseUrl: testEnv.databaseUrl,
    service: definition.name,
    migrationNames: allMigrations(definition.migrations).map((m) => m.name),
    migrate: async (url) => (await createOrm({ databaseUrl: url, entities: definition.entities, migrations: definition.migrations })).close(),
  });
  const keys = loadOrCreateDevKeyPair();
  // Every test service counts its SQL, so a test can prove a page costs a constant number of queries.
  let queries: string[] = [];
  let queryCount = 0;
  const recordQuery = (sql: string) => {
    queryCount += 1;
    if (queries.length < 5_000) queries.push(sql);
  };
  const resetQueryCount = () => {
    queries = [];
    queryCount = 0;
  };
  const groupPrefix = options.env?.['KAFKA_GROUP_PREFIX'] ?? `test-${randomUUID().slice(0, 8)}.`;
  const service = await startService(
    running,
    {
      NODE_ENV: 'test',
      LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'silent',
      PORT: '0',
      DATABASE_URL: db.url,
      KAFKA_BROKERS: testEnv.kafkaBrokers,
      JWT_PUBLIC_KEY: keys.publicKeyPem,
      KAFKA_GROUP_PREFIX: groupPrefix,
      // The shared test broker holds every other file's events: a test consumes only what comes after it joined.
      KAFKA_CONSUMER_START: 'latest',
      ...options.env,
    },
    { seed: options.seed ?? false, onQuery: recordQuery },
  );
  const brokers = testEnv.kafkaBrokers.split(',');
  let groups: WatchedGroup[] = [];
  if (options.consumers) {
    await service.consumersFetching();
    // The groups start at the end of the shared topics: what was there when they joined is not theirs.
    const joinedAt = await withAdmin(brokers, (admin) =>
      endOffsets(
        admin,
        (running.consumers ?? []).flatMap((c) => c.topics),
      ),
    );
    groups = (running.consumers ?? []).map((c) => ({ groupId: consumerGroupId(groupPrefix, definition.name, c.name), topics: c.topics, startsAt: joinedAt }));
  }
  resetQueryCount();
  const proofKeys = options.env?.['GATEWAY_PROOF_KEYS'];
  const proofHeaders = proofKeys ? createGatewayProof(gatewayProofKeysSchema.parse(proofKeys)).headers() : {};

  async function request<TData>(query: string, variables: Record<string, unknown> = {}, as?: TestCaller): Promise<GraphQLResult<TData>> {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...proofHeaders };
    if (as) headers['authorization'] = `Bearer ${await tokenFor(as)}`;
    const response = await fetch(service.url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    return (await response.json()) as GraphQLResult<TData>;
  }

  return {
    ...service,
    databaseUrl: db.url,
    request,
    queryCount: () => queryCount,
    queryLog: () => [...queries],
    resetQueryCount,
    consumersCaughtUp: async (timeoutMs) => {
      if (!groups.length) throw new Error('consumersCaughtUp: the service was started without consumers');
      await waitForConsumersCaughtUp({
        brokers,
        groups,
        // The test broker is shared with the other files, which go on publishing.
        until: 'now',
        timeoutMs,
        settled: async () => {
          const rows = await service.orm.em.fork().execute<{ n: number }[]>(`select count(*)::int as n from outbox where status = 'pending'`);
          return rows[0]?.n ? `${rows[0].n} outbox rows of ${definition.name} pending` : null;
        },
      });
    },
    entities: (representations, selection, as) =>
      request(`query($representations: [_Any!]!) { _entities(representations: $representations) { ${selection} } }`, { representations }, as),
    stop: async () => {
      let problems: string[];
      try {
        problems = await outboxEventProblems(service.orm, service.sealingKeys);
      } catch (error) {
        problems = [`the outbox could not be read: ${error instanceof Error ? error.message : String(error)}`];
      }
      await service.stop();
      await db.drop();
      if (problems.length) {
        throw new Error(
          `${definition.name}: events in the outbox break their contracts or carry personal data:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
        );
      }
    },
  };
}

/**
 * Runs `run` and returns its result with the SQL statements the service sent meanwhile. Nothing
 * else may use the service's database then: start it without jobs and consumers for a clean count.
 */
export async function measureQueries<T>(service: TestService, run: () => Promise<T>): Promise<{ result: T; queries: number; log: readonly string[] }> {
  service.resetQueryCount();
  const result = await run();
  return { result, queries: service.queryCount(), log: service.queryLog() };
}

/**
 * Proves a list resolves in a constant number of SQL queries: runs `run(size)` for each page size
 * (10 and 100 by default) and fails unless each run succeeds with `size` rows (`rowsOf`), sends at
 * most `bound` statements, and every size costs the same. Returns the counts, smallest size first.
 */
export async function expectConstantQueries(
  service: TestService,
  run: (size: number) => Promise<GraphQLResult>,
  rowsOf: (data: Record<string, unknown>) => unknown[],
  options: { sizes?: readonly number[]; bound?: number } = {},
): Promise<number[]> {
  const sizes = options.sizes ?? [10, 100];
  const bound = options.bound ?? 15;
  const runs: { size: number; queries: number; log: readonly string[] }[] = [];
  for (const size of sizes) {
    const { result, queries, log } = await measureQueries(service, () => run(size));
    if (result.errors?.length) throw new Error(`page of ${size} failed: ${JSON.stringify(result.errors)}`);
    const rows = rowsOf(result.data ?? {}).length;
    if (rows !== size) throw new Error(`page of ${size} returned ${rows} rows`);
    runs.push({ size, queries, log });
  }
  const show = () => runs.map((r) => `page of ${r.size}: ${r.queries} queries\n  ${r.log.join('\n  ')}`).join('\n');
  if (runs.some((r) => r.queries > bound)) throw new Error(`more than ${bound} queries for a page:\n${show()}`);
  if (new Set(runs.map((r) => r.queries)).size > 1) throw new Error(`the number of queries depends on the page size:\n${show()}`);
  return runs.map((r) => r.queries);
}
