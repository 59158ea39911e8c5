// TEMPORARY dev harness (deleted before hand-off).
import { writeFileSync } from 'node:fs';
import { startEnvironment } from './environment.ts';
import { seed } from './seed.ts';
const log = (m: string) => console.log(`[dev] ${m}`);
const env = await startEnvironment(log);
const t0 = Date.now();
const seeded = await seed(env.system.gatewayUrl, { appeals: 300, assignEvery: 3, instructions: 15, visits: 5, concurrency: 8 }, log);
log(`seeded in ${Date.now() - t0} ms: ${JSON.stringify({ ...seeded, appealIds: seeded.appealIds.length })}`);
const procs: Record<string, { url: string; pid: number | undefined }> = {};
for (const [n, p] of env.system.processes) procs[n] = { url: p.url, pid: p.child.pid };
procs['hive'] = { url: env.hive.url, pid: env.hive.child.pid };
writeFileSync('/tmp/bench-dev.json', JSON.stringify({ procs, appealIds: seeded.appealIds, brokers: env.broker.brokers, prefix: env.databasePrefix, postgres: env.postgres.url }, null, 2));
log('up; SIGTERM to stop');
process.once('SIGTERM', () => { void env.stop().then(() => process.exit(0)); });
setInterval(() => undefined, 1 << 30);
