import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { civilDateInKazakhstan, kzWorkingCalendar } from '@bakylau/platform/calendar/index';
import { topics } from '@bakylau/platform/events/topics';
import { createConfiguredChannels } from '@bakylau/platform/notifications/notification-config';
import { createNotifier } from '@bakylau/platform/notifications/notification-dispatcher';
import type { ServiceDefinition } from '@bakylau/platform/service-runtime';
import type { GraphQLResolverMap } from '@bakylau/platform/subgraph';
import { loadAppealsConfig, type AppealsConfig } from './config.ts';
import { createAppealsContext, type AppealsContext } from './context.ts';
import { analyticsEntities } from './db/analytics-entities.ts';
import { appealsEntities } from './db/entities.ts';
import { appealsMigrations } from './db/migrations.ts';
import { appealsEventSource } from './events/appeals-events.ts';
import { resolvers } from './resolvers/index.ts';
import { createOpen311Route } from './routes/open311-route.ts';
import { documentRoutes } from './routes/document-routes.ts';
import { seedDemoAppeals } from './seed/demo-appeals.ts';
import { seedDemoRegion } from './seed/demo-region.ts';
import { queueApplicantNotices } from './use-cases/applicant-notifications.ts';
import { raiseOverdueEvents } from './use-cases/overdue-appeals.ts';
import { runSystemicDetection } from './use-cases/systemic-issues.ts';
import { handleAppealRequested } from './use-cases/reception-requests.ts';
import { handleInstructionFact } from './use-cases/instruction-facts.ts';
import { parseClockTime } from '@bakylau/platform/civil-time';
import { defaultWorkingDayEnd } from '@bakylau/platform/config';

const typeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));

/** The appeals subgraph: directory, registration, routing, control of terms, answers and their review. */
export function createAppealsService(config: AppealsConfig): ServiceDefinition<AppealsContext> {
  const notifier = createNotifier({
    service: 'appeals',
    topic: topics.appeals,
    source: appealsEventSource,
    channels: createConfiguredChannels(config.notifications),
  });
  return {
    name: 'appeals',
    typeDefs,
    // The generated Resolvers type is stricter than the runtime's map type; they describe the same object.
    resolvers: resolvers as unknown as GraphQLResolverMap<AppealsContext>,
    entities: [...appealsEntities, ...analyticsEntities],
    migrations: appealsMigrations,
    createContext: createAppealsContext(config),
    consumers: [
      {
        name: 'reception-appeal-requests',
        topics: [topics.reception],
        handle: (em, event, { sealingKeys, workingDayEnd }) =>
          handleAppealRequested(em, event, {
            now: () => new Date(),
            calendar: kzWorkingCalendar,
            workingDayEnd,
            registrationNumberFormat: config.registrationNumberFormat,
            sealingKeys,
          }),
      },
      // The service's own events become notices to the applicant (registered, routed, forwarded, extended, answered).
      {
        name: 'applicant-notices',
        topics: [topics.appeals],
        handle: async (em, event, { sealingKeys }) => {
          await queueApplicantNotices(em, event, { notifier, sealingKeys }, new Date());
        },
      },
      // R7.6: the report counts the execution of instructions; this read model follows their events.
      { name: 'instruction-facts', topics: [topics.instructions], handle: (em, event) => handleInstructionFact(em, event) },
    ],
    jobs: [
      // Sends queued notices; a channel that is down only delays them (retried with backoff).
      {
        name: 'notification-dispatch',
        intervalMs: config.notifications.dispatchIntervalMs,
        run: async (em, now) => {
          await notifier.dispatchDue(em, now);
        },
      },
      // Overdue is a fact that happens with the date, not with a request: raise its event once it does.
      {
        name: 'overdue-appeals',
        intervalMs: 900_000, // 15 minutes
        run: async (em, now) => {
          await raiseOverdueEvents(em, civilDateInKazakhstan(now), now);
        },
      },
      // R7.1: clusters of appeals on one category and district become proposals once they cross the threshold.
      {
        name: 'systemic-issues',
        intervalMs: 60 * 60_000,
        run: async (em, now) => {
          await runSystemicDetection(em, now, { threshold: config.analytics.systemicThreshold, windowDays: config.analytics.systemicWindowDays });
        },
      },
    ],
    // The public Open311 GeoReport v2 API (read-only, no personal data) and the documents behind
    // signed links: the slip of `Appeal.slip.documentUrl`, the semi-annual report and the registry export (the gateway proxies /documents/*).
    routes: [createOpen311Route(), ...documentRoutes(config.documentLinks, config.registryExport)],
    // The directory first, then the demo appeals that refer to it (into an empty registry only).
    seed: async (em, { sealingKeys }) => {
      await seedDemoRegion(em);
      await seedDemoAppeals(em, {
        registrationNumberFormat: config.registrationNumberFormat,
        calendar: kzWorkingCalendar,
        // Demo data is planned around the default hours.
        workingDayEnd: parseClockTime(defaultWorkingDayEnd),
        now: new Date(),
        sealingKeys,
      });
    },
  };
}

export const appealsService = createAppealsService(loadAppealsConfig());
