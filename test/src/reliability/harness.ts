// The reliability suites' own world: each test file starts its own single-node Kafka broker (in a
// temporary directory) and its own system (four subgraphs and the gateway as real processes, on
// free ports, with databases of its own and consumer groups of its own), so a file can stop the
// broker, kill a process or take PostgreSQL away without touching any other test. Everything it
// started is stopped, and its databases dropped, in stop().
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ensureTopics, startKafkaBroker, type KafkaBroker } from '@bakylau/infra/kafka-broker';
import { dataDir } from '@bakylau/infra/paths';
import { startSystem, type RunningSystem } from '@bakylau/infra/system';
import type { Role } from '@bakylau/platform/auth/principal';
import { quoteIdent, withDatabase } from '@bakylau/platform/db/database-url';
export { demoId } from '@bakylau/platform/demo-ids';
import { allTopics, topics } from '@bakylau/platform/events/topics';
import { consumerGroupId } from '@bakylau/platform/inbox/inbox-consumer';
import { waitForConsumersCaughtUp, withAdmin } from '@bakylau/platform/testkit/consumers-caught-up';
import { tokenFor } from '@bakylau/platform/testkit/service-harness';

export type ServiceName = 'appeals' | 'reception' | 'instructions' | 'audit';
export const serviceNames: ServiceName[] = ['appeals', 'reception', 'instructions', 'audit'];

export type Caller = { role: Role; organizationId?: string | null; subject?: string };

export type GqlError = { message: string; path?: (string | number)[]; extensions?: { code?: string; [key: string]: unknown } };
export type GqlResult<TData = Record<string, unknown>> = {
  status: number;
  data: TData | null | undefined;
  errors: GqlError[] | undefined;
  /** The raw response body. */
  text: string;
};

/** The shared PostgreSQL server of this machine (never restarted by these tests). */
export const sharedPostgresUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export type Reliability = {
  name: string;
  broker: KafkaBroker;
  system: RunningSystem;
  postgresUrl: string;
  databasePrefix: string;
  /** The prefix of this system's consumer group ids (KAFKA_GROUP_PREFIX). */
  groupPrefix: string;
  logsDir: string;
  /** Processes that exited without being asked to (name and the tail of their log). */
  unexpectedExits: { name: string; tail: string }[];
  /** One operation through the gateway, as `as` (anonymous without). */
  gql<TData = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, as?: Caller): Promise<GqlResult<TData>>;
  /** A pool on one service's database (closed by stop()). */
  db(service: ServiceName): pg.Pool;
  stop(): Promise<void>;
};

const tokens = new Map<string, Promise<string>>();
/** A development token for the caller, minted once per caller. */
export function bearer(as: Caller): Promise<string> {
  const key = JSON.stringify([as.role, as.organizationId ?? null, as.subject ?? null]);
  let token = tokens.get(key);
  if (!token) {
    token = tokenFor(as).then((t) => `Bearer ${t}`);
    tokens.set(key, token);
  }
  return token;
}

/** POSTs a GraphQL operation to `url` and parses the answer (a non-JSON body is kept in `text`). */
export async function postGraphQL<TData>(url: string, body: unknown, as?: Caller, extraHeaders: Record<string, string> = {}): Promise<GqlResult<TData>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...extraHeaders };
  if (as) headers['authorization'] = await bearer(as);
  const response = await fetch(url, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await response.text();
  let parsed: { data?: TData | null; errors?: GqlError[] } = {};
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    // left to the caller: `text` holds what came back
  }
  return { status: response.status, data: parsed.data, errors: parsed.errors, text };
}

/**
 * The time a test file's beforeAll may take: it starts a Kafka broker and five processes, which on a
 * busy machine took 150 s (broker 55 s, system 96 s) when jest's default of 120 s was the limit.
 */
export const startupTimeoutMs = 300_000;

/**
 * Starts a Kafka broker and the whole system for one test file. `postgresUrl` defaults to this
 * machine's shared server; `env` is added to every process's environment.
 */
export async function startReliability(name: string, options: { postgresUrl?: string; env?: Record<string, string> } = {}): Promise<Reliability> {
  const run = `${name.replace(/[^a-z0-9]/gi, '_')}_${Date.now().toString(36)}_${randomUUID().slice(0, 4)}`.toLowerCase();
  const kafkaDir = await mkdtemp(join(tmpdir(), `bakylau-${name}-kafka-`));
  const logsDir = join(dataDir, 'test-logs', `reliability-${name}`);
  await rm(logsDir, { recursive: true, force: true });
  const postgresUrl = options.postgresUrl ?? sharedPostgresUrl;
  const databasePrefix = `rel_${run}_`;
  const groupPrefix = `${run}.`;
  const unexpectedExits: Reliability['unexpectedExits'] = [];
  const pools = new Map<ServiceName, pg.Pool>();

  let broker: KafkaBroker | null = null;
  let system: RunningSystem | null = null;
  const timings: Record<string, number> = {};
  const timed = async <T>(what: string, step: () => Promise<T>): Promise<T> => {
    const t0 = Date.now();
    try {
      return await step();
    } finally {
      timings[what] = Date.now() - t0;
    }
  };
  const cleanUp = async () => {
    await timed('system stop', async () => system?.stop().catch(() => undefined));
    await Promise.all([...pools.values()].map((pool) => pool.end().catch(() => undefined)));
    pools.clear();
    await dropDatabases(postgresUrl, databasePrefix).catch(() => undefined);
    await timed('broker stop', async () => broker?.stop().catch(() => undefined));
    await rm(kafkaDir, { recursive: true, force: true });
    console.log(`[${name}] harness timings (ms): ${JSON.stringify(timings)}`);
  };
  try {
    broker = await timed('broker start', () => startKafkaBroker({ dataDir: kafkaDir }));
    const brokers = broker.brokers;
    await timed('topics', () => ensureTopics(brokers, allTopics));
    system = await timed('system start', () =>
      startSystem({
        postgresUrl,
        brokers,
        logsDir,
        databasePrefix,
        ports: 'free',
        seed: true,
        // Within the file's beforeAll (startupTimeoutMs), leaving time for the broker and the topics.
        readyTimeoutMs: startupTimeoutMs - 100_000,
        // Production mode, as deployed: no stack traces, no introspection, no Sandbox.
        // Production refuses to start without a key for download links, nor without the keys every
        // service shares to seal and open free text in events (one keyring for the whole system).
        env: {
          NODE_ENV: 'production',
          LOG_LEVEL: 'warn',
          KAFKA_GROUP_PREFIX: groupPrefix,
          DOCUMENT_LINK_SECRET: randomBytes(32).toString('hex'),
          EVENT_SEALING_KEYS: `reliability-1:${randomBytes(32).toString('base64')}`,
          ...options.env,
        },
        onUnexpectedExit: (processName, tail) => unexpectedExits.push({ name: processName, tail }),
      }),
    );
  } catch (error) {
    await cleanUp();
    throw error;
  }
  const running = system;
  const gatewayUrl = running.gatewayUrl;
  return {
    name,
    broker,
    system: running,
    postgresUrl,
    databasePrefix,
    groupPrefix,
    logsDir,
    unexpectedExits,
    gql: (query, variables = {}, as) => postGraphQL(gatewayUrl, { query, variables }, as),
    db(service) {
      let pool = pools.get(service);
      if (!pool) {
        pool = new pg.Pool({ connectionString: withDatabase(postgresUrl, `${databasePrefix}${service}`), max: 4 });
        // A pool whose server went away (the PostgreSQL restart test) must not crash the test process.
        pool.on('error', () => undefined);
        pools.set(service, pool);
      }
      return pool;
    },
    stop: cleanUp,
  };
}

async function dropDatabases(postgresUrl: string, prefix: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>('select datname from pg_database where starts_with(datname, $1)', [prefix]);
    for (const { datname } of rows) await client.query(`drop database if exists ${quoteIdent(datname)} with (force)`);
  } finally {
    await client.end();
  }
}

/** Polls until `check` returns true, or fails with `message()` after `timeoutMs`. */
export async function waitFor(check: () => Promise<boolean>, message: () => string, timeoutMs = 60_000, intervalMs = 250): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms: ${message()}`);
    await sleep(intervalMs);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `task(i)` for i in 0..count-1 with at most `concurrency` at once; results in index order. */
export async function pool<T>(count: number, concurrency: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) results[i] = await task(i);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
}

/** Outbox rows of a service by status. */
export async function outboxStatus(r: Reliability, service: ServiceName): Promise<Record<string, number>> {
  const { rows } = await r.db(service).query<{ status: string; n: number }>('select status, count(*)::int as n from outbox group by status');
  return Object.fromEntries(rows.map((row) => [row.status, row.n]));
}

/** Waits until no service has a pending outbox row (and none is dead). */
export async function waitOutboxesPublished(r: Reliability, services: ServiceName[] = serviceNames, timeoutMs = 90_000): Promise<void> {
  let last: Record<string, Record<string, number>> = {};
  await waitFor(
    async () => {
      last = Object.fromEntries(await Promise.all(services.map(async (s) => [s, await outboxStatus(r, s)] as const)));
      return services.every((s) => !last[s]?.['pending'] && !last[s]?.['dead']);
    },
    () => `every outbox row to be published (by status: ${JSON.stringify(last)})`,
    timeoutMs,
  );
}

/** Ids of the events in a service's outbox. */
export async function outboxIds(r: Reliability, service: ServiceName): Promise<string[]> {
  const { rows } = await r.db(service).query<{ id: string }>('select id::text as id from outbox');
  return rows.map((row) => row.id);
}

/** Every consumer of the system (services/<name>/src/service.ts): its inbox name and whose topics it reads. */
export const systemConsumers: { service: ServiceName; consumer: string; topicsOf: ServiceName[] }[] = [
  { service: 'audit', consumer: 'audit-trail', topicsOf: ['appeals', 'reception', 'instructions', 'audit'] },
  { service: 'instructions', consumer: 'appeals-events', topicsOf: ['appeals'] },
  { service: 'instructions', consumer: 'reception-events', topicsOf: ['reception'] },
  { service: 'reception', consumer: 'appeal-links', topicsOf: ['appeals'] },
  { service: 'appeals', consumer: 'reception-appeal-requests', topicsOf: ['reception'] },
  { service: 'appeals', consumer: 'applicant-notices', topicsOf: ['appeals'] },
  { service: 'appeals', consumer: 'instruction-facts', topicsOf: ['instructions'] },
];

/**
 * Waits until the system is quiet: every consumer group has applied every message on its topics, no
 * outbox row is pending (nor dead), and nothing is being published (waitForConsumersCaughtUp). A
 * check that something did not change, or that every event arrived, comes after this.
 */
export async function waitCaughtUp(r: Reliability, timeoutMs = 90_000): Promise<void> {
  const brokers = r.broker.brokers.split(',');
  const listed = new Set(systemConsumers.map((c) => consumerGroupId(r.groupPrefix, c.service, c.consumer)));
  await waitForConsumersCaughtUp({
    brokers,
    groups: systemConsumers.map((c) => ({ groupId: consumerGroupId(r.groupPrefix, c.service, c.consumer), topics: c.topicsOf.map((s) => topics[s]) })),
    until: 'quiet',
    timeoutMs,
    settled: async () => {
      // A group of the system's missing from systemConsumers would not be waited for.
      const unlisted = await withAdmin(brokers, async (admin) =>
        (await admin.listGroups()).groups.map((g) => g.groupId).filter((id) => id.startsWith(r.groupPrefix) && !listed.has(id)),
      );
      if (unlisted.length) return `consumer groups missing from systemConsumers: ${unlisted.join(', ')}`;
      const statuses = Object.fromEntries(await Promise.all(serviceNames.map(async (s) => [s, await outboxStatus(r, s)] as const)));
      return serviceNames.some((s) => statuses[s]?.['pending'] || statuses[s]?.['dead']) ? `outbox rows not all published: ${JSON.stringify(statuses)}` : null;
    },
  });
}

/**
 * Every event in every outbox reached the audit trail once, and the inbox of each consumer once:
 * waits until the system is quiet (waitCaughtUp), then checks that every event id is there, and none twice.
 */
export async function assertEveryEventConsumedOnce(r: Reliability, timeoutMs = 120_000): Promise<{ events: number }> {
  await waitCaughtUp(r, timeoutMs);
  const idsBy = new Map<ServiceName, string[]>();
  for (const s of serviceNames) idsBy.set(s, await outboxIds(r, s));
  for (const e of systemConsumers) {
    const wanted = e.topicsOf.flatMap((s) => idsBy.get(s) ?? []);
    const { rows } = await r.db(e.service).query<{ event_id: string }>('select event_id from inbox where consumer = $1', [e.consumer]);
    const seen = new Set(rows.map((row) => row.event_id));
    const missing = wanted.filter((id) => !seen.has(id));
    if (missing.length) throw new Error(`${e.service}/${e.consumer} has not applied ${missing.length} of ${wanted.length} events (e.g. ${missing[0]})`);
  }
  const { rows } = await r.db('audit').query<{ event_id: string }>('select event_id from audit_entry');
  const audited = new Set(rows.map((row) => row.event_id));
  const all = [...idsBy.values()].flat();
  const missing = all.filter((id) => !audited.has(id));
  if (missing.length) throw new Error(`the audit trail lacks ${missing.length} of ${all.length} events (e.g. ${missing[0]})`);
  // Exactly once: no event id twice in the trail or in any consumer's inbox.
  const twiceInTrail = await r
    .db('audit')
    .query<{ event_id: string; n: number }>('select event_id, count(*)::int as n from audit_entry group by event_id having count(*) > 1');
  if (twiceInTrail.rows.length) throw new Error(`events in the audit trail more than once: ${JSON.stringify(twiceInTrail.rows.slice(0, 5))}`);
  for (const service of new Set(systemConsumers.map((e) => e.service))) {
    const twice = await r.db(service).query('select consumer, event_id, count(*)::int as n from inbox group by consumer, event_id having count(*) > 1');
    if (twice.rows.length) throw new Error(`${service}: events applied more than once: ${JSON.stringify(twice.rows.slice(0, 5))}`);
  }
  return { events: all.length };
}

/** A fetch of a process's health endpoint: the HTTP status, or 0 when nothing answers. */
export async function health(r: Reliability, name: string, which: 'live' | 'ready'): Promise<number> {
  const p = r.system.processes.get(name);
  if (!p) throw new Error(`no process ${name}`);
  return fetch(`http://127.0.0.1:${p.port}/health/${which}`, { signal: AbortSignal.timeout(5_000) }).then(
    (response) => response.status,
    () => 0,
  );
}
