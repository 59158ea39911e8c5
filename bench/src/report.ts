// Renders bench/RESULTS.md from one run's figures.
import type { Measured, Target } from './measure.ts';
import { problemMapQuery } from './problem-map.ts';
import { semiAnnualReportQuery } from './semi-annual-report.ts';
import type { Results } from './results.ts';

const targetNames: Record<Target, string> = { ours: 'our gateway', hive: 'Hive Gateway', direct: 'appeals subgraph directly' };
const subgraphNames = ['appeals', 'reception', 'instructions', 'audit'];

function scenarioName(scenario: string): string {
  if (scenario === 'page3') return 'Page of 50 appeals + organization, instructions, reception visit (3 subgraphs)';
  if (scenario === 'page3-one-token') return 'The same page, every request with one and the same token';
  if (scenario === 'page') return 'Page of 50 appeals + organization (appeals fields only)';
  if (scenario === 'by-id') return 'One appeal by id (appeal card)';
  if (scenario === 'register') return '`registerAppeal` mutation';
  const paced = /^register-paced-(\d+)$/.exec(scenario);
  if (paced) return `\`registerAppeal\`, paced at ${paced[1]}/s`;
  return scenario;
}

const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '—');
const ratio = (a: number, b: number) => (b > 0 && Number.isFinite(a) ? `${(a / b).toFixed(2)}×` : '—');

function gatewayCpu(run: Measured): number {
  return run.target === 'direct' ? Number.NaN : (run.cpuMsPerRequest[run.target] ?? Number.NaN);
}

function subgraphCpu(run: Measured): number {
  return subgraphNames.reduce((sum, name) => sum + (run.cpuMsPerRequest[name] ?? 0), 0);
}

function find(results: Results, scenario: string, target: Target): Measured | undefined {
  return results.runs.find((r) => r.scenario === scenario && r.target === target);
}

function verdict(results: Results): string[] {
  const ours = find(results, 'page3', 'ours');
  const hive = find(results, 'page3', 'hive');
  const oursShared = find(results, 'page3-one-token', 'ours');
  const hiveShared = find(results, 'page3-one-token', 'hive');
  if (!ours || !hive) return ['(the three-subgraph page was not measured)'];
  const r = ours.requestsPerSecond / hive.requestsPerSecond;
  const lines: string[] = [];
  const head =
    r >= 1
      ? `**At parity or ahead.** On the three-subgraph page our gateway served ${fixed(ours.requestsPerSecond)} req/s against Hive Gateway's ${fixed(hive.requestsPerSecond)} (${ratio(ours.requestsPerSecond, hive.requestsPerSecond)}), p50 ${ours.p50Ms} ms against ${hive.p50Ms} ms.`
      : r >= 0.9
        ? `**At parity within the noise of this machine.** On the three-subgraph page our gateway served ${fixed(ours.requestsPerSecond)} req/s against Hive Gateway's ${fixed(hive.requestsPerSecond)} (${((1 - r) * 100).toFixed(0)} % fewer), p50 ${ours.p50Ms} ms against ${hive.p50Ms} ms; run-to-run variation here is larger than that.`
        : `**Behind by ${((1 - r) * 100).toFixed(0)} %.** On the three-subgraph page our gateway served ${fixed(ours.requestsPerSecond)} req/s against Hive Gateway's ${fixed(hive.requestsPerSecond)}, p50 ${ours.p50Ms} ms against ${hive.p50Ms} ms.`;
  lines.push(head, '');
  lines.push(
    `Where the time goes, per request of that page (CPU milliseconds from /proc, all processes on the same two cores): ` +
      `our gateway process ${fixed(gatewayCpu(ours))} ms, Hive Gateway's ${fixed(gatewayCpu(hive))} ms; the subgraphs behind them ${fixed(subgraphCpu(ours))} ms and ${fixed(subgraphCpu(hive))} ms. ` +
      `The subgraphs' work (three requests: the page from appeals, \`_entities\` for 50 appeals in instructions and in reception, each verifying the JWT and running its SQL) is the larger share, and it is the same whichever gateway calls them, so the gateways' own cost decides the difference. ` +
      `One ES256 token verification costs ${fixed(results.jwtVerifyMs, 3)} ms of CPU here: the gateway's own check is about ${fixed((results.jwtVerifyMs / Math.max(gatewayCpu(ours), 0.001)) * 100, 1)} % of its CPU per request, so verifying at the gateway is not what limits it; ` +
      `per-request log lines are off at \`LOG_LEVEL=warn\`, graphql-armor's validation rules run once per distinct operation (Apollo caches parsed and validated documents), and subgraph connections are kept alive (undici's pool). ` +
      `What is left is Apollo Gateway's own work per request: executing the cached query plan, merging the entity results and shaping the response (\`resultShaping\` in a CPU profile of the gateway under this load), and JSON in and out; both bodies are compact JSON of the same size (${ours.responseBytes} and ${hive.responseBytes} bytes).`,
    '',
  );
  lines.push(
    'Costs left in our gateway that could still be cut (seen in a CPU profile of the gateway under this load while the benchmark was written; none alone would change the verdict): ' +
      "(1) Apollo's `RemoteGraphQLDataSource` builds a node-fetch `Request` (a legacy URL parse) for every subgraph fetch only to hand it to its error hooks, although the fetch itself goes through undici; " +
      '(2) the gateway verifies the same token again on every request — a small cache of verified tokens keyed by the token string, honoured until its `exp`, would save one ES256 verification per request (the subgraphs verify anyway); ' +
      "(3) the platform's input-limits plugin walks the operation's literals on every request, where graphql-armor's rules run once per cached document; " +
      '(4) two pino child loggers are made per request (request id, then subject and role) even when nothing is logged at that level.',
    '',
  );
  if (oursShared && hiveShared) {
    lines.push(
      `With **one token shared by every request** Hive Gateway gets ${fixed(hiveShared.requestsPerSecond)} req/s against our ${fixed(oursShared.requestsPerSecond)} (${ratio(oursShared.requestsPerSecond, hiveShared.requestsPerSecond)}): ` +
        `its HTTP transport merges identical in-flight subgraph requests (same URL, body and headers, on by default), so 20 concurrent identical page loads cost the subgraphs about one — subgraph CPU ${fixed(subgraphCpu(hiveShared))} ms per request behind Hive against ${fixed(subgraphCpu(oursShared))} ms behind ours. ` +
        `Real callers present different tokens (the Authorization header is part of the key, and must be: each subgraph authorizes the caller), so this only helps one user repeating the same query concurrently; the distinct-callers row is the one that reflects production. ` +
        `Our gateway could do the same in \`ForwardingDataSource\` (share one in-flight fetch per URL + body + Authorization, queries only, each waiter getting its own copy of the result, because Apollo Gateway merges entity results into the response objects) — proposed, not made.`,
      '',
    );
  }
  return lines;
}

export function renderResults(results: Results): string {
  const m = results.machine;
  const s = results.settings;
  const lines: string[] = [];
  const push = (...more: string[]) => lines.push(...more);
  push(
    '# Benchmark results',
    '',
    `Recorded by \`${results.command}\` on ${results.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC; the run took ${fixed(results.wallSeconds / 60, 1)} min from start to the last database dropped. Every figure below comes from that one run; the file is rewritten by each run.`,
    '',
    '| | |',
    '|---|---|',
    `| machine | ${m.cpuModel}, ${m.cores} cores, ${fixed(m.memoryGiB, 1)} GiB memory, ${m.os} |`,
    `| software | Node ${m.node}, PostgreSQL ${results.versions['postgres']}, Apache Kafka ${results.versions['kafka']} (one KRaft node), @apollo/gateway ${results.versions['@apollo/gateway']} in @apollo/server ${results.versions['@apollo/server']}, @graphql-hive/gateway-runtime ${results.versions['@graphql-hive/gateway-runtime']}, autocannon ${results.versions['autocannon']}, kafkajs ${results.versions['kafkajs']} |`,
    `| load average (1, 5, 15 min) | at the start ${m.loadAverageStart.map((l) => l.toFixed(2)).join(', ')}; at the end ${m.loadAverageEnd.map((l) => l.toFixed(2)).join(', ')} |`,
    `| command | \`npm run bench\` (\`sh infra/bin/run.sh bench/src/run.ts\`) |`,
    '',
    `> **Noise.** The machine has ${m.cores} cores and other engineers' test suites were running at the same time: a load average above ${m.cores} means processes were queueing for a core. The load generator, both gateways, the four subgraphs, PostgreSQL and Kafka share those cores. Treat differences under ~15 % as noise; the per-row load average shows how busy the machine was during each measurement.`,
    '',
    '## Gateways: ours, Hive Gateway, the subgraph directly',
    '',
    `Same machine, same \`schema/supergraph.graphql\`, same running subgraphs. Ours: \`gateway/\` (Apollo Gateway in Apollo Server, JWT verified at the gateway, graphql-armor limits, \`LOG_LEVEL=warn\`). Hive Gateway: \`bench/src/hive-gateway.ts\`, the runtime of \`@graphql-hive/gateway\` (\`@graphql-hive/gateway-runtime\` with \`@graphql-mesh/transport-http\`, which is what its \`hive-gateway\` CLI serves; the CLI package itself brings some 770 packages of OpenTelemetry exporters and cache back-ends not used here) in a process of its own over the same supergraph with the routing URLs replaced by the running subgraphs' and the Authorization header forwarded (each subgraph verifies the JWT). Direct: the appeals subgraph asked the same operation, for what it can answer alone.`,
    '',
    `Load: autocannon, ${s.connections} connections, per row a checked sample request, ${s.warmupSeconds} s of warm-up, then ${s.durationSeconds} s measured in ${s.rounds} shots of ${fixed(s.durationSeconds / s.rounds, 1)} s, the targets of an operation taking turns (order reversed each round) so that load from elsewhere falls on all of them alike; p50/p99 over all responses of the shots. Requests cycle through ${s.callers} distinct callers' tokens (ES256 JWTs) unless the row says otherwise. Every response was checked: an HTTP status other than 200 or a GraphQL \`errors\` entry counts as failed. CPU ms/req: CPU time the process used during the measured shots (user + system, /proc), less what it uses idle (measured for 3 s before each operation: relay polls, consumers' fetches), divided by the requests completed; "subgraphs" is the four subgraph processes together.`,
    '',
    `Data: ${s.seed.appeals} appeals registered through the gateway (${results.seeded.assigned} of them routed to a department), ${results.seeded.instructions} instructions on the newest, ${results.seeded.visits} appeals registered from personal-reception visits (reception → Kafka → appeals); of the page of 50, ${results.seeded.pageOf50.withInstructions} appeals have instructions and ${results.seeded.pageOf50.withVisit} a reception visit. The registration rows run last and add appeals.`,
    '',
    '| operation | target | req/s | p50 ms | p99 ms | failed | response bytes | gateway CPU ms/req | subgraphs CPU ms/req | load avg |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const run of results.runs) {
    push(
      `| ${scenarioName(run.scenario)} | ${targetNames[run.target]} | ${fixed(run.requestsPerSecond)} | ${run.p50Ms} | ${run.p99Ms} | ${run.failed} | ${run.responseBytes} | ${fixed(gatewayCpu(run))} | ${fixed(subgraphCpu(run))} | ${run.loadAverage.toFixed(1)} |`,
    );
  }
  push(
    '',
    '### Ratios',
    '',
    'req/s ratios above 1 and p50 ratios below 1 favour our gateway over the peer; against the subgraph itself they show what the gateway hop costs.',
    '',
  );
  push('| operation | ours / Hive req/s | ours / Hive p50 | ours / direct req/s | ours / direct p50 |', '|---|---:|---:|---:|---:|');
  for (const scenario of [...new Set(results.runs.map((r) => r.scenario))]) {
    const ours = find(results, scenario, 'ours');
    if (!ours) continue;
    const hive = find(results, scenario, 'hive');
    const direct = find(results, scenario, 'direct');
    if (!hive && !direct) continue;
    push(
      `| ${scenarioName(scenario)} | ${hive ? ratio(ours.requestsPerSecond, hive.requestsPerSecond) : '—'} | ${hive ? ratio(ours.p50Ms, hive.p50Ms) : '—'} | ${direct ? ratio(ours.requestsPerSecond, direct.requestsPerSecond) : '—'} | ${direct ? ratio(ours.p50Ms, direct.p50Ms) : '—'} |`,
    );
  }
  push('', '### Parity on the three-subgraph page', '', ...verdict(results));

  push(
    '## Event pipeline',
    '',
    'Registrations are the mutations (the rows of the table above); each commits an `appeal.registered` event to the appeals outbox in its transaction, the outbox relay publishes it to `bakylau.appeals.v1`, and a kafkajs consumer of its own group in the benchmark process records when each arrives. ' +
      'Latency runs from the CloudEvent `time` (taken in the request just before the transaction commits, so it includes the commit) to receipt by the consumer; "to Kafka" is up to the Kafka message timestamp (the relay\'s send). Only the events of each run\'s own window are counted.',
    '',
    '| run | mutations/s | events timed | end to end p50 ms | p99 ms | max ms | to Kafka p50 ms | p99 ms |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const p of results.pipeline) {
    push(
      `| ${scenarioName(p.scenario)} via ${targetNames[p.target]} | ${fixed(p.mutationsPerSecond)} | ${p.latency.events} | ${p.latency.endToEnd.p50} | ${p.latency.endToEnd.p99} | ${p.latency.endToEnd.max} | ${p.latency.toKafka.p50} | ${p.latency.toKafka.p99} |`,
    );
  }
  const r = results.relay;
  push(
    '',
    'Where the p99 sits well above the p50, the wait is in the relay, not Kafka: `platform/src/outbox/outbox-relay.ts` remembers a notification that arrives while it publishes a batch and goes on at once, but a row whose transaction committed behind an older still-running one is deferred (`txid < pg_snapshot_xmin`) and waits for the next notification or the 1-second poll.',
    '',
    `**Relay maximum: ${fixed(r.eventsPerSecond, 0)} events/s.** ${r.events} events of ${r.eventBytes} bytes on average were inserted into an outbox in one transaction (${fixed(r.insertSeconds, 2)} s) with the platform's relay (\`platform/src/outbox/outbox-relay.ts\`, batches of ${r.batchSize}, idempotent producer, acks=all) already running; from the commit until the last was marked published took ${fixed(r.drainSeconds, 2)} s. Scratch database and a topic of their own (\`bench.relay.v1\`, 3 partitions) that no service consumes.`,
    '',
  );

  push(
    '## Query cost: SQL statements per page request',
    '',
    "Counted by PostgreSQL's clients themselves: `pg_stat_statements` is not loaded on the shared server and `log_statement` cannot be changed there, so the benchmark starts second instances of the appeals, instructions and reception subgraphs in its own process, on the same databases, with the platform's `onQuery` hook (`startService(…, { onQuery })` → `createOrm` → MikroORM `onQuery`: every statement the ORM sends; begin/commit are not counted), behind an in-process gateway, consumers and timed jobs left out. One warm request per size, then one counted.",
    '',
    '| page size | appeals | instructions | reception | total | appeals page asked of appeals directly | rows with instructions / with a visit |',
    '|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const q of results.queryCost) {
    push(
      `| ${q.pageSize} | ${q.perSubgraph.appeals} | ${q.perSubgraph.instructions} | ${q.perSubgraph.reception} | ${q.total} | ${q.appealsDirect} | ${q.withInstructions} / ${q.withVisit} |`,
    );
  }
  const totals = new Set(results.queryCost.map((q) => q.total));
  push(
    '',
    totals.size === 1
      ? `**Constant:** ${[...totals][0]} statements per page whatever its size.`
      : `**Not constant:** totals ${[...totals].join(', ')} for page sizes ${results.queryCost.map((q) => q.pageSize).join(', ')}.`,
    '',
  );

  push(
    '## Problem map at 10k, 100k and 1M appeals',
    '',
    "The appeals service's own `problemMap(from, to)` query (R7.2: district × category cells for a period with the previous period for the trend; `services/appeals/src/use-cases/problem-map.ts`), asked over HTTP as an analyst for the last 365 days, with each cell's district and category resolved:",
    '',
    '```graphql',
    ...problemMapQuery.split('\n'),
    '```',
    '',
    `It reads the rollup \`appeal_map_rollup\` (day × district × category, kept by a row trigger) and counts the open overdue appeals live. It ran against an appeals subgraph started in the benchmark process on a scratch database (the service's own migrations: the real tables, indexes, rollup and trigger) filled with \`generate_series\`: 20 districts, 40 categories, 60 organizations, registrations spread over two years, those of the last ~40 days mostly open, older ones closed (about one in five after the due date) except 1 % still open. For the bulk load the foreign-key checks and the rollup trigger were off (\`session_replication_role = replica\`) and the secondary indexes dropped and built again; the rollup was then rebuilt by migration 0003's back-fill statement. The scratch database is dropped at the end. ${s.problemMapRuns} timed requests per size after one warm request; "straight from appeal" times the same counts aggregated from the appeal rows (no rollup) over the two years the map compares, on the same data.`,
    '',
    '| appeals | cells | problemMap median ms | p95 ms | min–max ms | SQL statements per request | straight from appeal, median ms | its plan | rows generated in |',
    '|---:|---:|---:|---:|---:|---:|---:|---|---:|',
  );
  for (const p of results.problemMap) {
    push(
      `| ${p.appeals.toLocaleString('en-US')} | ${p.cells} | ${fixed(p.medianMs)} | ${fixed(p.p95Ms)} | ${fixed(p.minMs)}–${fixed(p.maxMs)} | ${p.statements} | ${fixed(p.rawMedianMs)} | ${p.rawPlan} | ${fixed(p.generateSeconds)} s |`,
    );
  }
  const first = results.problemMap[0];
  const last = results.problemMap[results.problemMap.length - 1];
  if (first && last && first !== last) {
    push(
      '',
      `From ${first.appeals.toLocaleString('en-US')} to ${last.appeals.toLocaleString('en-US')} appeals the problemMap request went from ${fixed(first.medianMs)} ms to ${fixed(last.medianMs)} ms (×${fixed(last.medianMs / first.medianMs, 1)} for ×${fixed(last.appeals / first.appeals, 0)} the appeals); aggregating the appeal rows instead would take ${fixed(last.rawMedianMs)} ms at ${last.appeals.toLocaleString('en-US')}.`,
    );
  }
  push('');

  push(
    '## Semi-annual report at 10k, 100k and 1M appeals',
    '',
    "The semi-annual report (R7.6; `services/appeals/src/use-cases/semi-annual-report.ts`) of the last half-year that is over, on the problem map's generated appeals above (same database, same appeals subgraph), with instructions of the President's level added to the instructions read model (one per 2,000 appeals, over the same two years; a third executed, a quarter of those late). Two requests are timed, as an analyst:",
    '',
    "- **query**: the graph query below, which checks the period, signs the download link and counts the main figures (one aggregate over the half-year's appeals, the previous half-year from the rollup, the instructions);",
    "- **document**: GET of the signed link, which gathers every figure (a GROUPING SETS aggregate over the half-year's appeals by channel, kind, category, district and executor in one scan; the rollup; systemic issues; instructions; directory names) and writes the .docx.",
    '',
    '```graphql',
    ...semiAnnualReportQuery.split('\n'),
    '```',
    '',
    `${results.problemMap[0]?.report.runs ?? '?'} timed runs of each per size after one warm run, whose document was read back to check that it counts every appeal of the half-year; p95 by nearest rank.`,
    '',
    '| appeals | half-year | its appeals | its instructions | query p95 ms | query median ms | document p95 ms | document median ms | document size | SQL statements per document |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const p of results.problemMap) {
    const r = p.report;
    push(
      `| ${p.appeals.toLocaleString('en-US')} | ${r.period} | ${r.appealsInPeriod.toLocaleString('en-US')} | ${r.instructions} | ${fixed(r.queryP95Ms)} | ${fixed(r.queryMedianMs)} | ${fixed(r.documentP95Ms)} | ${fixed(r.documentMedianMs)} | ${fixed(r.documentBytes / 1024)} KiB | ${r.documentStatements} |`,
    );
  }
  push('');

  push(
    '## Memory after the load',
    '',
    'Resident set size (VmRSS) and its peak so far (VmHWM) from /proc/<pid>/status: before the load (after the seed) and after all HTTP load (queries and registrations), before the relay and problem-map measurements, which run in the benchmark process. ' +
      'Node grows its heap under load and gives memory back lazily (24 GiB are free here), so "after" includes heap V8 kept as headroom; one run cannot tell that from retained objects (a heap snapshot or a longer soak would).',
    '',
  );
  push('| process | RSS MiB before | RSS MiB after | peak RSS MiB |', '|---|---:|---:|---:|');
  for (const { name, before, after } of results.memory) {
    push(
      `| ${name === 'ours' ? 'gateway (ours)' : name === 'hive' ? 'Hive Gateway' : `${name} subgraph`} | ${fixed(before.rssMiB, 0)} | ${fixed(after.rssMiB, 0)} | ${fixed(after.peakRssMiB, 0)} |`,
    );
  }
  push(
    '',
    '## How to run',
    '',
    '```sh',
    'npm run bench   # 8–10 minutes on 2 cores; rewrites bench/RESULTS.md',
    'KAFKA_BROKERS=127.0.0.1:39092 sh infra/bin/run.sh bench/src/analytics.ts   # only the problem map and the semi-annual report; prints, writes nothing',
    '```',
    '',
    'It uses PostgreSQL the way `npm test` does (`DATABASE_URL`, else 127.0.0.1:5432, else embedded) with databases of its own (`bench_<time>_*`, dropped at the end), its own Kafka broker in a temporary directory, free ports, and logs in `.data/bench-logs/`. `BENCH_DURATION_SECONDS` changes the measured seconds per operation and target (default 15). The test suite makes no timing assertions; this file is the record.',
    '',
  );
  return lines.join('\n');
}
