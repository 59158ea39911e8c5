import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import net from 'node:net';
import { join } from 'node:path';
import { devAudience, devIssuer, loadOrCreateDevKeyPair } from '@bakylau/platform/auth/dev-keys';
import { withDatabase } from '@bakylau/platform/db/database-url';
import { subgraphs, type SubgraphName } from '@bakylau/schema/subgraphs';
import { repoRoot } from './paths.ts';

export type SystemOptions = {
  /** URL of the server's postgres database; each service gets `<databasePrefix><name>` on it. */
  postgresUrl: string;
  brokers: string;
  logsDir: string;
  databasePrefix?: string;
  /** Fixed ports (npm start) or free ones picked per run (tests). */
  ports: 'standard' | 'free';
  seed: boolean;
  env?: Record<string, string>;
  /**
   * How long each process may take to answer /health/ready. A subgraph migrates, seeds and joins its
   * consumer groups first: seconds on a quiet machine, minutes on a busy one.
   */
  readyTimeoutMs?: number;
  /** Called when a process exits without being asked to. */
  onUnexpectedExit?: (name: string, logTail: string) => void;
};

export type RunningProcess = { name: string; port: number; url: string; logFile: string; child: ChildProcess; env: Record<string, string>; entry: string };

export type RunningSystem = {
  gatewayUrl: string;
  processes: Map<string, RunningProcess>;
  /** SIGKILLs one process (fault tests). */
  kill(name: string): Promise<void>;
  /** Starts a stopped process again with the same port, database and environment. */
  restart(name: string): Promise<void>;
  stop(): Promise<void>;
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function waitReady(name: string, port: number, isAlive: () => boolean, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error(`${name} exited while starting`);
    const ok = await fetch(`http://127.0.0.1:${port}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${name} was not ready after ${timeoutMs / 1000}s`);
}

async function logTail(file: string, lines = 20): Promise<string> {
  return readFile(file, 'utf8').then(
    (text) => text.split('\n').slice(-lines).join('\n'),
    () => '',
  );
}

/**
 * Starts the four subgraphs (those that exist) and the gateway as real Node processes, each
 * waited for on /health/ready. Used by `npm start` and by the end-to-end and fault tests.
 */
export async function startSystem(options: SystemOptions): Promise<RunningSystem> {
  await mkdir(options.logsDir, { recursive: true });
  const keys = loadOrCreateDevKeyPair();
  const processes = new Map<string, RunningProcess>();
  const expectedExit = new Set<string>();
  const common: Record<string, string> = {
    NODE_ENV: 'development',
    LOG_LEVEL: 'info',
    KAFKA_BROKERS: options.brokers,
    JWT_PUBLIC_KEY: keys.publicKeyPem,
    JWT_ISSUER: devIssuer,
    JWT_AUDIENCE: devAudience,
    // On free ports (tests), PORT + 5000 may be taken: the metrics listeners take free ports too.
    ...(options.ports === 'free' ? { METRICS_PORT: '0' } : {}),
    // One fresh secret per run, known only to these processes: the gateway proves itself with it
    // and the subgraphs (which require it in production) accept nothing else.
    GATEWAY_PROOF_KEYS: randomBytes(32).toString('hex'),
    ...options.env,
  };

  function launch(record: Omit<RunningProcess, 'child'>): RunningProcess {
    const out = createWriteStream(record.logFile, { flags: 'a' });
    const child = spawn(process.execPath, [record.entry], { cwd: repoRoot, env: { ...process.env, ...record.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(out);
    child.stderr.pipe(out);
    const running = { ...record, child };
    child.on('exit', () => {
      if (expectedExit.has(record.name)) return;
      void logTail(record.logFile).then((tail) => options.onUnexpectedExit?.(record.name, tail));
    });
    processes.set(record.name, running);
    return running;
  }

  async function startOne(record: Omit<RunningProcess, 'child'>) {
    expectedExit.delete(record.name);
    const running = launch(record);
    try {
      await waitReady(record.name, record.port, () => running.child.exitCode === null && running.child.signalCode === null, options.readyTimeoutMs);
    } catch (error) {
      throw new Error(`${(error as Error).message}; last lines of ${record.logFile}:\n${await logTail(record.logFile)}`, { cause: error });
    }
  }

  const present = subgraphs.filter((s) => existsSync(join(repoRoot, 'services', s.name, 'src', 'main.ts')));
  const subgraphUrls: Record<string, string> = {};
  // Known before the subgraphs start: the links they hand out (downloads) point at the gateway.
  const gatewayPort = options.ports === 'standard' ? 4000 : await freePort();
  const records = await Promise.all(
    present.map(async (s) => {
      const port = options.ports === 'standard' ? s.port : await freePort();
      const url = `http://127.0.0.1:${port}/graphql`;
      subgraphUrls[`SUBGRAPH_${s.name.toUpperCase()}_URL`] = url;
      return {
        name: s.name as SubgraphName | 'gateway',
        port,
        url,
        logFile: join(options.logsDir, `${s.name}.log`),
        entry: join('services', s.name, 'src', 'main.ts'),
        env: {
          ...common,
          PUBLIC_BASE_URL: `http://localhost:${gatewayPort}`,
          PORT: String(port),
          DATABASE_URL: withDatabase(options.postgresUrl, `${options.databasePrefix ?? ''}${s.name}`),
          SEED_DEMO_DATA: String(options.seed),
        },
      };
    }),
  );
  const stopAll = async () => {
    await Promise.all(
      [...processes.values()].reverse().map(
        (p) =>
          new Promise<void>((resolve) => {
            expectedExit.add(p.name);
            if (p.child.exitCode !== null || p.child.signalCode !== null) return resolve();
            p.child.once('exit', () => resolve());
            p.child.kill('SIGTERM');
            setTimeout(() => p.child.kill('SIGKILL'), 15_000).unref();
          }),
      ),
    );
  };
  try {
    await Promise.all(records.map(startOne));
    await startOne({
      name: 'gateway',
      port: gatewayPort,
      url: `http://127.0.0.1:${gatewayPort}/graphql`,
      logFile: join(options.logsDir, 'gateway.log'),
      entry: join('gateway', 'src', 'main.ts'),
      env: { ...common, PORT: String(gatewayPort), ...subgraphUrls },
    });
  } catch (error) {
    await stopAll();
    throw error;
  }

  return {
    gatewayUrl: processes.get('gateway')?.url ?? '',
    processes,
    async kill(name) {
      const p = processes.get(name);
      if (!p) throw new Error(`no process ${name}`);
      expectedExit.add(name);
      if (p.child.exitCode !== null || p.child.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        p.child.once('exit', () => resolve());
        p.child.kill('SIGKILL');
      });
    },
    async restart(name) {
      const p = processes.get(name);
      if (!p) throw new Error(`no process ${name}`);
      const { child: _old, ...record } = p;
      await startOne(record);
    },
    stop: stopAll,
  };
}
