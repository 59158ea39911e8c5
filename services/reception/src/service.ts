import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { topics } from '@bakylau/platform/events/topics';
import { createConfiguredChannels } from '@bakylau/platform/notifications/notification-config';
import { createNotifier } from '@bakylau/platform/notifications/notification-dispatcher';
import type { ServiceDefinition } from '@bakylau/platform/service-runtime';
import type { GraphQLResolverMap } from '@bakylau/platform/subgraph';
import { loadReceptionConfig, type ReceptionConfig } from './config.ts';
import { createReceptionContext, type ReceptionContext } from './context.ts';
import { receptionEntities } from './db/entities.ts';
import { ReceptionInitial } from './db/migrations/0001-reception-initial.ts';
import { ReceptionCitizenNotices } from './db/migrations/0002-reception-citizen-notices.ts';
import { ReceptionEnumChecks } from './db/migrations/0003-reception-enum-checks.ts';
import { receptionSource } from './events/reception-events.ts';
import { receptionResolvers } from './resolvers/index.ts';
import { seedReceptionDemo } from './seed/demo-seed.ts';
import { linkAppealToVisit } from './use-cases/appeal-linking.ts';

const typeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));

/** The reception subgraph: officials, sessions and slots, appointments, visits and their follow-ups (task 6). */
export function createReceptionService(config: ReceptionConfig): ServiceDefinition<ReceptionContext> {
  const notifier = createNotifier({
    service: 'reception',
    topic: topics.reception,
    source: receptionSource,
    channels: createConfiguredChannels(config.notifications),
  });
  return {
    name: 'reception',
    typeDefs,
    resolvers: receptionResolvers as GraphQLResolverMap<ReceptionContext>,
    entities: receptionEntities,
    migrations: [
      { name: '0001-reception-initial', class: ReceptionInitial },
      { name: '0002-reception-citizen-notices', class: ReceptionCitizenNotices },
      { name: '0003-reception-enum-checks', class: ReceptionEnumChecks },
    ],
    createContext: createReceptionContext(notifier),
    consumers: [
      {
        // Links a visit to the appeal the appeals service registered from it.
        name: 'appeal-links',
        topics: [topics.appeals],
        handle: async (em, event) => {
          await linkAppealToVisit(em, event);
        },
      },
    ],
    jobs: [
      // Sends the queued SMS; a provider that is down only delays them (retried with backoff).
      {
        name: 'notification-dispatch',
        intervalMs: config.notifications.dispatchIntervalMs,
        run: async (em, now) => {
          await notifier.dispatchDue(em, now);
        },
      },
    ],
    seed: seedReceptionDemo,
  };
}

export const receptionService = createReceptionService(loadReceptionConfig());
