import { kzWorkingCalendar } from '@bakylau/platform/calendar/index';
import type { RequestContext } from '@bakylau/platform/service-runtime';
import type { AppealsConfig } from './config.ts';
import { createLoaders, type AppealsLoaders } from './db/loaders.ts';
import type { UseCaseDeps } from './use-cases/use-case-deps.ts';

/** The per-request context of the appeals subgraph: the base context, fresh loaders and the use-case dependencies. */
export type AppealsContext = RequestContext & {
  loaders: AppealsLoaders;
  deps: UseCaseDeps;
};

export function createAppealsContext(config: AppealsConfig) {
  return (base: RequestContext): AppealsContext => ({
    ...base,
    loaders: createLoaders(base.em),
    deps: {
      em: base.em,
      principal: base.principal,
      trace: base.trace,
      now: () => new Date(),
      calendar: kzWorkingCalendar,
      registrationNumberFormat: config.registrationNumberFormat,
    },
  });
}
