import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { topics } from '@bakylau/platform/events/topics';
import type { ServiceDefinition } from '@bakylau/platform/service-runtime';
import type { GraphQLResolverMap } from '@bakylau/platform/subgraph';
import { createReceptionContext, type ReceptionContext } from './context.ts';
import { receptionEntities } from './db/entities.ts';
import { ReceptionInitial } from './db/migrations/0001-reception-initial.ts';
import { receptionResolvers } from './resolvers/index.ts';
import { seedReceptionDemo } from './seed/demo-seed.ts';
import { linkAppealToVisit } from './use-cases/appeal-linking.ts';

const typeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));

/** The reception subgraph: officials, sessions and slots, appointments, visits and their follow-ups (task 6). */
export const receptionService: ServiceDefinition<ReceptionContext> = {
  name: 'reception',
  typeDefs,
  resolvers: receptionResolvers as GraphQLResolverMap<ReceptionContext>,
  entities: receptionEntities,
  migrations: [{ name: '0001-reception-initial', class: ReceptionInitial }],
  createContext: createReceptionContext,
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
  seed: seedReceptionDemo,
};
