// Drives one GraphQL operation at one HTTP target with autocannon, and sums up several such shots.
import autocannon from 'autocannon';

export type ShotOptions = {
  url: string;
  /**
   * Bearer tokens, one per request in turn: distinct callers, as on a real registry screen. (With
   * one token for all, Hive Gateway merges identical in-flight subgraph requests into one.)
   */
  tokens: string[];
  /** Headers sent with every request besides the token (the gateway's proof, for a subgraph). */
  headers?: Record<string, string>;
  /** Builds the JSON body of each request (so ids and IINs can vary per request). */
  body: () => string;
  connections: number;
  durationSeconds: number;
  /** Requests per second over all connections (paced load); unlimited when absent. */
  overallRate?: number;
};

/** One autocannon run. */
export type Shot = {
  requests: number;
  /** Responses that were not HTTP 200 or carried GraphQL `errors`, plus connection errors and timeouts. */
  failed: number;
  latenciesMs: number[];
  durationSeconds: number;
  startedAt: number;
  finishedAt: number;
};

export async function fire(options: ShotOptions): Promise<Shot> {
  let failed = 0;
  let n = 0;
  const latenciesMs: number[] = [];
  const startedAt = Date.now();
  const settings: autocannon.Options = {
    url: options.url,
    connections: options.connections,
    duration: options.durationSeconds,
    ...(options.overallRate ? { overallRate: options.overallRate } : {}),
    method: 'POST',
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          n += 1;
          const token = options.tokens[n % options.tokens.length] ?? '';
          return { ...request, headers: { 'content-type': 'application/json', ...options.headers, authorization: `Bearer ${token}` }, body: options.body() };
        },
        // A GraphQL failure is an HTTP 200 too: look into every body.
        onResponse: (status, body) => {
          if (status !== 200 || body.includes('"errors"')) failed += 1;
        },
      },
    ],
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(settings, (error: unknown, done: autocannon.Result) => {
      if (error) reject(error instanceof Error ? error : new Error('autocannon failed', { cause: error }));
      else resolve(done);
    });
    instance.on('response', (_client, _status, _bytes, responseTime) => latenciesMs.push(responseTime));
  });
  return {
    requests: result.requests.total,
    failed: failed + result.errors + result.timeouts,
    latenciesMs,
    durationSeconds: result.duration,
    startedAt,
    finishedAt: Date.now(),
  };
}

export type LoadResult = {
  /** Completed requests per second over all shots. */
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  failed: number;
  durationSeconds: number;
  /** The shots' wall-clock windows (to match the events a run produced). */
  windows: [number, number][];
};

export function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

export function summarize(shots: Shot[]): LoadResult {
  const latencies = shots.flatMap((s) => s.latenciesMs).sort((a, b) => a - b);
  const requests = shots.reduce((sum, s) => sum + s.requests, 0);
  const durationSeconds = shots.reduce((sum, s) => sum + s.durationSeconds, 0);
  return {
    requestsPerSecond: durationSeconds > 0 ? requests / durationSeconds : 0,
    p50Ms: Math.round(percentile(latencies, 0.5)),
    p99Ms: Math.round(percentile(latencies, 0.99)),
    requests,
    failed: shots.reduce((sum, s) => sum + s.failed, 0),
    durationSeconds,
    windows: shots.map((s) => [s.startedAt, s.finishedAt]),
  };
}
