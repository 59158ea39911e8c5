import type { RequestContext } from '@bakylau/platform/service-runtime';
import { civilDateInKazakhstan } from '@bakylau/platform/calendar/index';
import { createInstructionLoaders, type InstructionLoaders } from './loaders.ts';

/** A reference to an entity owned by another subgraph (or resolved by id only). */
export type EntityRef = { id: string };

export type InstructionsContext = RequestContext & {
  loaders: InstructionLoaders;
  /** The current instant; one place to read the clock. */
  now: () => Date;
  /** Today's civil date in Kazakhstan (deadlines and overdue are civil dates). */
  today: () => string;
};

export function createInstructionsContext(base: RequestContext): InstructionsContext {
  const now = () => new Date();
  return { ...base, loaders: createInstructionLoaders(base.em), now, today: () => civilDateInKazakhstan(now()) };
}
