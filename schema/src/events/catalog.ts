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

export type EventContract = { type: string; topic: string; schema: JsonSchema; file: string };

/** Which topic carries an event type: the bounded context is the segment after `kz.bakylau.`. */
const topicOfContext: Record<string, string> = {
  appeal: topics.appeals,
  organization: topics.appeals,
  reception: topics.reception,
  instruction: topics.instructions,
  audit: topics.audit,
};

export function topicOf(type: string): string {
  const context = type.split('.')[2] ?? '';
  const topic = topicOfContext[context];
  if (!topic) throw new Error(`No topic for event type ${type} (context "${context}")`);
  return topic;
}

export function readEventContracts(dir = join(eventSchemasDir, 'data')): EventContract[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const type = file.replace(/\.json$/, '');
      return { type, topic: topicOf(type), file: join(dir, file), schema: JSON.parse(readFileSync(join(dir, file), 'utf8')) as JsonSchema };
    });
}

export { topics, topicPartitions, eventSchemasDir };
