// A real single-node Apache Kafka broker (KRaft, broker+controller in one JVM) for dev and CI.
// The broker jars come from Maven Central via infra/kafka/pom.xml and are cached in
// .cache/kafka/<version>/libs at the repo root.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';

export type KafkaBroker = {
  brokers: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
  restart(): Promise<void>;
};

export type StartKafkaBrokerOptions = {
  dataDir: string;
  port?: number;
  log?: (msg: string) => void;
};

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const POM = join(REPO_ROOT, 'infra', 'kafka', 'pom.xml');
const START_TIMEOUT_MS = 120_000;
const STOP_GRACE_MS = 20_000;

export async function startKafkaBroker(opts: StartKafkaBrokerOptions): Promise<KafkaBroker> {
  const log = opts.log ?? (() => {});
  const dataDir = resolve(opts.dataDir);
  const logDir = join(dataDir, 'kraft-logs');
  const propsFile = join(dataDir, 'server.properties');
  const log4jFile = join(dataDir, 'log4j.properties');
  const brokerLog = join(dataDir, 'broker.log');
  await mkdir(dataDir, { recursive: true });

  const libs = await resolveLibs(log);
  const port = opts.port ?? (await freePort());
  const controllerPort = await freePort(port);

  await writeFile(propsFile, serverProperties(port, controllerPort, logDir));
  await writeFile(log4jFile, LOG4J_PROPERTIES);
  const jvm = ['-Xmx512m', '-Xms256m', '-Djava.awt.headless=true', `-Dlog4j.configuration=${pathToFileURL(log4jFile).href}`, '-cp', join(libs, '*')];

  if (!existsSync(join(logDir, 'meta.properties'))) {
    log(`formatting KRaft storage in ${logDir}`);
    const code = await runToFile('java', [...jvm, 'kafka.tools.StorageTool', 'format', '-t', clusterId(), '-c', propsFile], brokerLog);
    if (code !== 0) throw new Error(`kafka StorageTool format failed (exit ${code}); from ${brokerLog}:\n${await logExcerpt(brokerLog)}`);
  }

  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  const launch = async (): Promise<void> => {
    const t0 = Date.now();
    const logFrom = (await stat(brokerLog).catch(() => undefined))?.size ?? 0;
    const fd = openSync(brokerLog, 'a');
    const c = spawn('java', [...jvm, 'kafka.Kafka', propsFile], { cwd: dataDir, stdio: ['ignore', fd, fd] });
    closeSync(fd);
    child = c;
    live.add(c);
    exited = new Promise<void>((res) =>
      c.once('exit', () => {
        live.delete(c);
        res();
      }),
    );
    const early = new Promise<Error>((res) => {
      c.once('error', (e) => res(missingCommand(e, 'java', 'a Java 17+ runtime is needed to run the Kafka broker')));
      c.once('exit', (code, sig) => res(new Error(`Kafka broker exited during startup (code ${code}, signal ${sig})`)));
    });
    try {
      await waitReady(port, early);
    } catch (e) {
      child = undefined;
      if (c.pid === undefined) throw e; // never spawned (e.g. no java): the log has nothing to add
      c.kill('SIGKILL');
      await exited;
      const msg = e instanceof Error ? e.message : String(e);
      throw new Error(`${msg}; from ${brokerLog}:\n${await logExcerpt(brokerLog, logFrom)}`, { cause: e });
    }
    log(`Kafka broker ready on 127.0.0.1:${port} in ${Date.now() - t0} ms (pid ${c.pid})`);
  };

  const stop = async (): Promise<void> => {
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    c.kill('SIGTERM');
    const timer = setTimeout(() => c.kill('SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
    log(`Kafka broker on port ${port} stopped`);
  };

  await launch();
  return {
    brokers: `127.0.0.1:${port}`,
    port,
    dataDir,
    stop,
    restart: async () => {
      await stop();
      await launch();
    },
  };
}

export async function ensureTopics(brokers: string, topics: { topic: string; numPartitions: number }[]): Promise<void> {
  const admin = new Kafka({ clientId: 'ensure-topics', brokers: brokers.split(','), logLevel: logLevel.ERROR }).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t.topic));
    if (missing.length > 0) {
      // resolves false (no throw) for topics another client created meanwhile
      await admin.createTopics({
        topics: missing.map((t) => ({ topic: t.topic, numPartitions: t.numPartitions, replicationFactor: 1 })),
        waitForLeaders: true,
      });
    }
    const present = topics.filter((t) => existing.has(t.topic));
    if (present.length > 0) {
      const md = await admin.fetchTopicMetadata({ topics: present.map((t) => t.topic) });
      const grow = present.filter((t) => (md.topics.find((m) => m.name === t.topic)?.partitions.length ?? 0) < t.numPartitions);
      if (grow.length > 0) await admin.createPartitions({ topicPartitions: grow.map((t) => ({ topic: t.topic, count: t.numPartitions })) });
    }
  } finally {
    await admin.disconnect();
  }
}

function serverProperties(port: number, controllerPort: number, logDir: string): string {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    `log.dirs=${logDir}`,
    'offsets.topic.replication.factor=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'auto.create.topics.enable=false',
    'group.initial.rebalance.delay.ms=0',
    'num.partitions=3',
    '',
  ].join('\n');
}

// Everything goes to stdout, which the child writes to <dataDir>/broker.log.
const LOG4J_PROPERTIES = [
  'log4j.rootLogger=INFO, out',
  'log4j.appender.out=org.apache.log4j.ConsoleAppender',
  'log4j.appender.out.layout=org.apache.log4j.PatternLayout',
  'log4j.appender.out.layout.ConversionPattern=[%d] %p %m (%c)%n',
  'log4j.logger.kafka.request.logger=WARN',
  'log4j.logger.state.change.logger=WARN',
  '',
].join('\n');

// Kafka cluster ids are 16 random bytes in unpadded base64url; a leading '-' would read as a CLI flag.
function clusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

async function resolveLibs(log: (msg: string) => void): Promise<string> {
  const version = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(await readFile(POM, 'utf8'))?.[1];
  if (!version) throw new Error(`no <kafka.version> property in ${POM}`);
  const libs = join(REPO_ROOT, '.cache', 'kafka', version, 'libs');
  if (existsSync(join(libs, `kafka_2.13-${version}.jar`))) return libs;

  // Copy into a private dir and rename, so a cut-short or concurrent resolve never leaves a half-filled libs/.
  const tmp = `${libs}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(dirname(libs), { recursive: true });
  log(`resolving Kafka ${version} broker jars with Maven into ${libs}`);
  const t0 = Date.now();
  const { code, output } = await runCapture('mvn', ['-q', '-B', '-f', POM, 'dependency:copy-dependencies', `-DoutputDirectory=${tmp}`]);
  if (code !== 0) {
    await rm(tmp, { recursive: true, force: true });
    throw new Error(`mvn dependency:copy-dependencies failed (exit ${code}):\n${output.slice(-4000)}`);
  }
  try {
    await rename(tmp, libs);
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    if (!existsSync(join(libs, `kafka_2.13-${version}.jar`))) throw e;
  }
  log(`Kafka ${version} jars resolved in ${Date.now() - t0} ms`);
  return libs;
}

function missingCommand(e: Error, cmd: string, why: string): Error {
  if ((e as NodeJS.ErrnoException).code === 'ENOENT') return new Error(`\`${cmd}\` not found on PATH: ${why}`);
  return e;
}

function runCapture(cmd: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((res, rej) => {
    const c = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    c.stdout.on('data', (d: Buffer) => {
      output += d.toString();
    });
    c.stderr.on('data', (d: Buffer) => {
      output += d.toString();
    });
    c.once('error', (e) => rej(missingCommand(e, cmd, 'Maven is needed once to fetch the Kafka broker jars')));
    c.once('close', (code) => res({ code, output }));
  });
}

function runToFile(cmd: string, args: string[], file: string): Promise<number | null> {
  return new Promise((res, rej) => {
    const fd = openSync(file, 'a');
    const c = spawn(cmd, args, { stdio: ['ignore', fd, fd] });
    closeSync(fd);
    c.once('error', (e) => rej(missingCommand(e, cmd, 'a Java 17+ runtime is needed to run the Kafka broker')));
    c.once('close', (code) => res(code));
  });
}

// The first ERROR/FATAL entries (with their exception line) usually name the cause; the last lines show the end.
async function logExcerpt(file: string, from = 0): Promise<string> {
  let lines: string[];
  try {
    lines = (await readFile(file)).subarray(from).toString().split('\n');
  } catch {
    return '(no broker log)';
  }
  const errors = lines.flatMap((l, i) => {
    if (!/ (ERROR|FATAL) /.test(l)) return [];
    const next = lines[i + 1] ?? '';
    return next && !next.startsWith('[') ? [l, next] : [l];
  });
  return [...errors.slice(0, 10), '...', ...lines.slice(-15)].join('\n');
}

function freePort(avoid?: number): Promise<number> {
  return new Promise((res, rej) => {
    const srv = net.createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const p = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => {
        if (p === avoid) freePort(avoid).then(res, rej);
        else res(p);
      });
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((res) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.setTimeout(1000);
    s.once('connect', () => {
      s.destroy();
      res(true);
    });
    s.once('error', () => res(false));
    s.once('timeout', () => {
      s.destroy();
      res(false);
    });
  });
}

async function brokerAnswersMetadata(port: number): Promise<boolean> {
  const admin = new Kafka({
    clientId: 'broker-readiness',
    brokers: [`127.0.0.1:${port}`],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2000,
    requestTimeout: 5000,
    retry: { retries: 0 },
  }).admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length > 0;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

async function waitReady(port: number, early: Promise<Error>): Promise<void> {
  let failure: Error | undefined;
  void early.then((e) => {
    failure = e;
  });
  // A closure, so that each call reads what the callback above may have set since the last one.
  const throwIfExited = (): void => {
    if (failure) throw failure;
  };
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    throwIfExited();
    if ((await canConnect(port)) && (await brokerAnswersMetadata(port))) return;
    throwIfExited();
    if (Date.now() > deadline) throw new Error(`Kafka broker not ready on 127.0.0.1:${port} after ${START_TIMEOUT_MS} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

// Brokers must not outlive the process that started them. On 'exit' only synchronous work is possible,
// so SIGKILL: Kafka recovers its logs on the next start.
const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of live) c.kill('SIGKILL');
});
// A signal with no handler of the process's own would end it without 'exit': kill, then re-raise.
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  const onSignal = (): void => {
    if (process.listenerCount(sig) > 1) return; // the process handles this signal itself; 'exit' still covers us
    for (const c of live) c.kill('SIGKILL');
    process.removeListener(sig, onSignal);
    process.kill(process.pid, sig);
  };
  process.on(sig, onSignal);
}
