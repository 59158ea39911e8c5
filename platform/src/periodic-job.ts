import type { Logger } from './logging.ts';

export type PeriodicJob = { stop(): Promise<void> };

/**
 * Runs `run` now and then every `intervalMs`, never two runs at once; a failed run is logged and
 * the next one comes at its time. stop() waits for a run in progress, so shutdown never cuts one.
 */
export function startPeriodicJob(options: { name: string; intervalMs: number; logger: Logger; run: () => Promise<void> }): PeriodicJob {
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = options
      .run()
      .catch((error: unknown) => options.logger.error({ err: error, job: options.name }, 'periodic job failed'))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, options.intervalMs);
  timer.unref();
  tick();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
