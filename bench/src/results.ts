// The record of one bench run: what run.ts measures and writes, and what report.ts renders from it.
import type { PipelineLatency, RelayThroughput } from './event-pipeline.ts';
import type { Measured, Target } from './measure.ts';
import type { Memory } from './processes.ts';
import type { ProblemMapPoint } from './problem-map.ts';
import type { QueryCostRow } from './query-cost.ts';
import type { settings } from './run-settings.ts';
import type { Seeded } from './seed.ts';

export type PipelineRun = { scenario: string; target: Target; mutationsPerSecond: number; latency: PipelineLatency };

export type Results = {
  settings: typeof settings;
  startedAt: Date;
  wallSeconds: number;
  command: string;
  machine: { cpuModel: string; cores: number; memoryGiB: number; os: string; node: string; loadAverageStart: number[]; loadAverageEnd: number[] };
  versions: Record<string, string>;
  seeded: Omit<Seeded, 'appealIds'>;
  runs: Measured[];
  pipeline: PipelineRun[];
  relay: RelayThroughput;
  queryCost: QueryCostRow[];
  problemMap: ProblemMapPoint[];
  /** CPU cost of one ES256 access-token verification (the platform verifier), measured in this process. */
  jwtVerifyMs: number;
  /** Before the load (after the seed) and after all HTTP load. */
  memory: { name: string; before: Memory; after: Memory }[];
};
