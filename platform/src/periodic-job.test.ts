import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { createLogger } from './logging.ts';
import { startPeriodicJob } from './periodic-job.ts';
import { eventually } from './testkit/test-env.ts';

const logger = createLogger({ service: 'test', level: 'silent' });

describe('startPeriodicJob', () => {
  it('runs at once and on each interval, never overlapping, and survives a failing run', async () => {
    let runs = 0;
    let concurrent = 0;
    let maxConcurrent = 0;
    const job = startPeriodicJob({
      name: 'probe',
      intervalMs: 10,
      logger,
      run: async () => {
        runs += 1;
        concurrent += 1;
        maxConcurrent = Math.max(maxConcurrent, concurrent);
        await new Promise((resolve) => setTimeout(resolve, 25));
        concurrent -= 1;
        if (runs === 1) throw new Error('first run fails');
      },
    });
    // Three runs (the failing first included), however slowly a busy machine schedules the timers.
    await eventually(async () => runs >= 3, 'three runs', 30_000);
    await job.stop();
    const after = runs;
    // An absence has no event to wait for: five intervals in which a run would have started.
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.ok(after >= 3, `ran ${after} times`);
    assert.equal(maxConcurrent, 1);
    assert.equal(runs, after, 'no run after stop');
    assert.equal(concurrent, 0, 'stop waited for the run in progress');
  });
});
