import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { kzWorkingCalendar } from '@bakylau/platform/calendar/index';
import { allTopics } from '@bakylau/platform/events/topics';
import type { ServiceDefinition } from '@bakylau/platform/service-runtime';
import type { GraphQLResolverMap } from '@bakylau/platform/subgraph';
import { createAuditContext, type AuditContext } from './context.ts';
import { auditEntities } from './db/entities.ts';
import { AuditInitial } from './db/migrations/0001-audit-initial.ts';
import { createAuditEventHandler } from './events/audit-consumer.ts';
import { resolvers } from './resolvers/index.ts';
import { seedAuditDemo } from './seed/demo-seed.ts';

const typeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));

/** The audit subgraph: the hash-chained trail of every domain event, compliance checks, record-keeping (R10.1–R10.2). */
export const auditService: ServiceDefinition<AuditContext> = {
  name: 'audit',
  typeDefs,
  resolvers: resolvers as GraphQLResolverMap<AuditContext>,
  entities: auditEntities,
  migrations: [{ name: '0001-audit-initial', class: AuditInitial }],
  createContext: createAuditContext,
  consumers: [
    {
      name: 'audit-trail',
      topics: allTopics.map((t) => t.topic),
      handle: (em, event, context) => createAuditEventHandler({ calendar: kzWorkingCalendar, workingDayEnd: context.workingDayEnd })(em, event, context),
    },
  ],
  seed: seedAuditDemo,
};
