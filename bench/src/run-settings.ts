// What `npm run bench` (and bench/src/analytics.ts) measure and how long: one place for both entry points.
export const settings = {
  connections: 20,
  /** Measured seconds per operation and target, split into `rounds` shots taking turns with the other targets. */
  durationSeconds: Number(process.env['BENCH_DURATION_SECONDS'] ?? 15),
  rounds: 2,
  warmupSeconds: 3,
  /** Distinct callers (tokens) the load cycles through. */
  callers: 100,
  seed: { appeals: 300, assignEvery: 3, instructions: 15, visits: 5, concurrency: 8 },
  queryCostPageSizes: [10, 50, 100],
  /** Paced registration run, as a share of the unpaced rate through our gateway. */
  pacedShare: 0.5,
  relayEvents: 20_000,
  relayEventBytes: 750,
  problemMapSizes: [10_000, 100_000, 1_000_000],
  problemMapRuns: 20,
  /** Runs of the semi-annual report (query and document) per problem-map size. */
  semiAnnualReportRuns: 20,
};
