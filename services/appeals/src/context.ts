import { kzWorkingCalendar } from '@bakylau/platform/calendar/index';
import type { RequestContext } from '@bakylau/platform/service-runtime';
import type { AnalyticsConfig, AppealsConfig, DocumentLinksConfig, RegistryExportConfig } from './config.ts';
import { createAnalyticsLoaders, type AnalyticsLoaders } from './db/analytics-loaders.ts';
import { createLoaders, type AppealsLoaders } from './db/loaders.ts';
import type { UseCaseDeps } from './use-cases/use-case-deps.ts';

/** The per-request context of the appeals subgraph: the base context, fresh loaders and the use-case dependencies. */
export type AppealsContext = RequestContext & {
  loaders: AppealsLoaders;
  deps: UseCaseDeps;
  /** R7 analytics: their settings and loaders (kept apart from the core loaders). */
  analytics: { config: AnalyticsConfig; loaders: AnalyticsLoaders };
  /** How download links to generated documents (slips, reports) are signed and where they point. */
  documentLinks: DocumentLinksConfig;
  /** The registry export's cap (R5.7). */
  registryExport: RegistryExportConfig;
};

export function createAppealsContext(config: AppealsConfig) {
  return (base: RequestContext): AppealsContext => ({
    ...base,
    loaders: createLoaders(base.em),
    analytics: { config: config.analytics, loaders: createAnalyticsLoaders(base.em, config.analytics) },
    documentLinks: config.documentLinks,
    registryExport: config.registryExport,
    deps: {
      em: base.em,
      principal: base.principal,
      trace: base.trace,
      now: () => new Date(),
      calendar: kzWorkingCalendar,
      workingDayEnd: base.workingDayEnd,
      registrationNumberFormat: config.registrationNumberFormat,
      sealingKeys: base.sealingKeys,
    },
  });
}
