// Load measurements against the running system: one operation, several targets taking turns,
// with the CPU time every process of the system spent on them.
import os from 'node:os';
import type { BenchEnvironment } from './environment.ts';
import { fire, summarize, type LoadResult, type Shot } from './load.ts';
import { cpuMillisOf } from './processes.ts';

/** Who answers the load: our gateway, Hive Gateway over the same subgraphs, or the appeals subgraph alone. */
export type Target = 'ours' | 'hive' | 'direct';

export type MeasureSettings = { connections: number; durationSeconds: number; rounds: number; warmupSeconds: number };

export type Measured = LoadResult & {
  scenario: string;
  target: Target;
  loadAverage: number;
  /** Size of one response body (the sample request checked before the load). */
  responseBytes: number;
  /** CPU milliseconds each process spent per completed request during the measured shots. */
  cpuMsPerRequest: Record<string, number>;
};

/** The system's processes by name (our gateway is `ours`, Hive Gateway `hive`). */
export function processIds(env: BenchEnvironment): Record<string, number> {
  const pids: Record<string, number> = {};
  for (const [name, p] of env.system.processes) if (p.child.pid) pids[name === 'gateway' ? 'ours' : name] = p.child.pid;
  if (env.hive.child.pid) pids['hive'] = env.hive.child.pid;
  return pids;
}

export type Load = { tokens: string[]; body: () => string; overallRate?: number };

/**
 * Measures one operation against each target: a checked sample request, a warm-up, then
 * `settings.rounds` shots per target, the targets taking turns (the order reversed every round)
 * so that a burst of load from elsewhere on the machine falls on all of them alike.
 */
export async function measureScenario(
  env: BenchEnvironment,
  settings: MeasureSettings,
  scenario: string,
  targets: [Target, string][],
  load: Load,
  log: (message: string) => void,
): Promise<Measured[]> {
  const pids = processIds(env);
  // What each process spends when nobody calls it (outbox relay polls, Kafka consumers' fetches,
  // metrics): taken off the measured CPU so that slow runs are not charged for idling.
  const idleFrom = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuMillisOf(pid)]));
  const idleStart = Date.now();
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const idleSeconds = (Date.now() - idleStart) / 1000;
  const idlePerSecond = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, (cpuMillisOf(pid) - (idleFrom[name] ?? 0)) / idleSeconds]));
  const state = new Map<Target, { shots: Shot[]; cpu: Record<string, number>; loads: number[]; responseBytes: number }>();
  // One checked request per target first (the same one for all): a scenario that fails outright must stop the run, not be timed.
  const sampleBody = load.body();
  // Only the subgraph asked directly needs the gateway's proof; the gateways add their own.
  const headersOf = (target: Target) => (target === 'direct' ? env.proofHeaders : {});
  for (const [target, url] of targets) {
    const sample = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headersOf(target), authorization: `Bearer ${load.tokens[0] ?? ''}` },
      body: sampleBody,
    });
    const text = await sample.text();
    if (sample.status !== 200 || text.includes('"errors"'))
      throw new Error(`${scenario} / ${target}: the sample request failed (HTTP ${sample.status}): ${text.slice(0, 800)}`);
    state.set(target, { shots: [], cpu: {}, loads: [], responseBytes: Buffer.byteLength(text) });
  }
  const shot = (target: Target, url: string, durationSeconds: number) =>
    fire({
      url,
      headers: headersOf(target),
      tokens: load.tokens,
      body: load.body,
      connections: settings.connections,
      durationSeconds,
      ...(load.overallRate ? { overallRate: load.overallRate } : {}),
    });
  for (const [target, url] of targets) await shot(target, url, settings.warmupSeconds);
  for (let round = 0; round < settings.rounds; round += 1) {
    for (const [target, url] of round % 2 === 0 ? targets : [...targets].reverse()) {
      const entry = state.get(target);
      if (!entry) continue;
      entry.loads.push(os.loadavg()[0] ?? 0);
      const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuMillisOf(pid)]));
      const one = await shot(target, url, settings.durationSeconds / settings.rounds);
      entry.shots.push(one);
      const { requestsPerSecond, p50Ms } = summarize([one]);
      log(`  ${scenario} / ${target}, shot ${round + 1}: ${requestsPerSecond.toFixed(1)} req/s, p50 ${p50Ms} ms`);
      for (const [name, pid] of Object.entries(pids)) {
        const busy = cpuMillisOf(pid) - (before[name] ?? 0) - (idlePerSecond[name] ?? 0) * one.durationSeconds;
        entry.cpu[name] = (entry.cpu[name] ?? 0) + Math.max(0, busy);
      }
    }
  }
  return targets.map(([target]) => {
    const entry = state.get(target);
    const result = summarize(entry?.shots ?? []);
    const cpuMsPerRequest = Object.fromEntries(
      Object.entries(entry?.cpu ?? {}).map(([name, ms]) => [name, result.requests ? ms / result.requests : Number.NaN]),
    );
    const loadAverage = (entry?.loads ?? []).reduce((a, b) => a + b, 0) / Math.max(1, entry?.loads.length ?? 0);
    log(
      `${scenario} / ${target}: ${result.requestsPerSecond.toFixed(1)} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms${result.failed ? `, ${result.failed} FAILED` : ''} (load average ${loadAverage.toFixed(1)})`,
    );
    return { ...result, scenario, target, loadAverage, responseBytes: entry?.responseBytes ?? 0, cpuMsPerRequest };
  });
}

/**
 * Waits until the system is idle (the subgraphs' consumers have caught up with the events of
 * what came before, e.g. the audit trail of the seed): at most `maxSeconds`.
 */
export async function settle(env: BenchEnvironment, log: (message: string) => void, maxSeconds = 90): Promise<void> {
  const pids = Object.values(processIds(env));
  const total = () => pids.reduce((sum, pid) => sum + cpuMillisOf(pid), 0);
  const start = Date.now();
  for (;;) {
    const before = total();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    // Idle, the six processes spend about 150-200 ms of CPU a second between them (relays, consumers).
    const perSecond = (total() - before) / 2;
    if (perSecond < 250 || Date.now() - start > maxSeconds * 1000) {
      log(`settled after ${((Date.now() - start) / 1000).toFixed(0)} s (the system's processes at ${perSecond.toFixed(0)} ms of CPU per second)`);
      return;
    }
  }
}
