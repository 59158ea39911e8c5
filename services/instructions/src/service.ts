import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { civilDateInKazakhstan } from '@bakylau/platform/calendar/index';
import { topics } from '@bakylau/platform/events/topics';
import type { GraphQLResolverMap } from '@bakylau/platform/subgraph';
import type { ServiceDefinition } from '@bakylau/platform/service-runtime';
import { createInstructionsContext, type InstructionsContext } from './context.ts';
import { instructionEntities } from './db/entities.ts';
import { InstructionsInitial } from './db/migrations/0001-instructions-initial.ts';
import { InstructionsDelegations } from './db/migrations/0002-instructions-delegations.ts';
import { handleAppealsEvent } from './events/appeals-consumer.ts';
import { handleReceptionEvent } from './events/reception-consumer.ts';
import { resolvers } from './resolvers/index.ts';
import { seedDemoInstructions } from './seed/demo-seed.ts';
import { sweepOverdueInstructions } from './use-cases/overdue-sweep.ts';

export const instructionsService: ServiceDefinition<InstructionsContext> = {
  name: 'instructions',
  typeDefs: parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8')),
  // The generated Resolvers type is stricter than Apollo's map; the shapes are the same.
  resolvers: resolvers as unknown as GraphQLResolverMap<InstructionsContext>,
  entities: instructionEntities,
  migrations: [
    { name: '0001-instructions-initial', class: InstructionsInitial },
    { name: '0002-instructions-delegations', class: InstructionsDelegations },
  ],
  createContext: createInstructionsContext,
  consumers: [
    { name: 'reception-events', topics: [topics.reception], handle: handleReceptionEvent },
    { name: 'appeals-events', topics: [topics.appeals], handle: handleAppealsEvent },
  ],
  jobs: [
    // Overdue is a fact that happens at midnight, not on a request: raise its event once it does.
    {
      name: 'overdue-sweep',
      intervalMs: 900_000, // 15 minutes
      run: async (em, now) => {
        await sweepOverdueInstructions(em, civilDateInKazakhstan(now));
      },
    },
  ],
  seed: seedDemoInstructions,
};
