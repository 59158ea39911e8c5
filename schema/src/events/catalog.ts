import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventSchemasDir } from '@bakylau/platform/events/event-contracts';
import { topics, topicPartitions } from '@bakylau/platform/events/topics';

export type JsonSchema = {
  title?: string;
  description?: string;
  type?: string | string[];
  required?: string[];
  properties?: Record<string, JsonSchema>;
  examples?: unknown[];
  [keyword: string]: unknown;
};

/** `topic` is the first of `topics`, the topics that carry the type. */
export type EventContract = { type: string; topic: string; topics: string[]; schema: JsonSchema; file: string };

/**
 * Which topics carry an event type: the bounded context is the segment after `kz.bakylau.`.
 * A notification's delivery goes on the topic of the service that sent it, next to the appeal or
 * appointment it reports on (so it arrives after that fact), hence two topics.
 */
const topicsOfContext: Record<string, string[]> = {
  appeal: [topics.appeals],
  organization: [topics.appeals],
  reception: [topics.reception],
  instruction: [topics.instructions],
  audit: [topics.audit],
  notification: [topics.appeals, topics.reception],
};

export function topicsOf(type: string): string[] {
  const context = type.split('.')[2] ?? '';
  const found = topicsOfContext[context];
  if (!found) throw new Error(`No topic for event type ${type} (context "${context}")`);
  return found;
}

export function topicOf(type: string): string {
  return topicsOf(type)[0] as string;
}

export function readEventContracts(dir = join(eventSchemasDir, 'data')): EventContract[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const type = file.replace(/\.json$/, '');
      return {
        type,
        topic: topicOf(type),
        topics: topicsOf(type),
        file: join(dir, file),
        schema: JSON.parse(readFileSync(join(dir, file), 'utf8')) as JsonSchema,
      };
    });
}

export { topics, topicPartitions, eventSchemasDir };
